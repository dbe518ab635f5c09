namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>The two engines the product runs on (ADR 0012). SQLite is the embedded default.</summary>
internal enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}

internal sealed class DatabaseOptions
{
    public const string SqliteName = "sqlite";
    public const string PostgreSqlName = "postgresql";

    /// <summary><c>sqlite</c> (the default: one file, no server) or <c>postgresql</c> (with ConnectionStrings:CampaignEngine).</summary>
    public string Provider { get; set; } = SqliteName;

    /// <summary>The SQLite file (Provider sqlite only).</summary>
    public string Path { get; set; } = "data/campaign-engine.db";

    /// <summary>ConnectionStrings:CampaignEngine, copied here at start (Provider postgresql only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The engine the settings name; a wrong value or a missing connection string stops the start with the fix.</summary>
    public DatabaseEngine Engine()
    {
        var provider = Provider.Trim();
        if (provider.Equals(SqliteName, StringComparison.OrdinalIgnoreCase)) return DatabaseEngine.Sqlite;
        if (!provider.Equals(PostgreSqlName, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Database:Provider: '{Provider}' is not {SqliteName} or {PostgreSqlName}.");
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new InvalidOperationException("Database:Provider is postgresql but ConnectionStrings:CampaignEngine is empty: " +
                "set it, e.g. ConnectionStrings__CampaignEngine=\"Host=db;Database=campaign_engine;Username=campaign;Password=...\".");
        return DatabaseEngine.PostgreSql;
    }

    /// <summary>Reads the Database section and the connection string together, so every reader sees the same target.</summary>
    public static void Bind(DatabaseOptions options, IConfiguration configuration)
    {
        configuration.GetSection("Database").Bind(options);
        options.ConnectionString = configuration.GetConnectionString("CampaignEngine");
    }
}
