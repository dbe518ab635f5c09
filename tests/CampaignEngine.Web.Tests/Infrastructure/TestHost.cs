using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>
/// The real host on a temporary SQLite file and outbox folder, with a known admin API key.
/// Each instance is its own database, so test classes do not see each other's data.
/// </summary>
public sealed class TestHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "ce_test_admin_key_0123456789";

    /// <summary>
    /// Hundreds of hosts start in one test run, and each would watch its settings files and wwwroot (for
    /// <c>asp-append-version</c>) with an inotify instance; Linux allows 128 per user, and a page then fails with
    /// 500. Polling watchers and no settings reload keep a test host off that limit; the product itself keeps both.
    /// </summary>
    static TestHost()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public TestHost() : this(demo: false) { }

    /// <summary>A host on the named engine (<see cref="Sqlite"/> or <see cref="PostgreSql"/>: a database of its own on the test cluster).</summary>
    public TestHost(string engine) : this(demo: false, engine: engine) { }

    /// <param name="database">On PostgreSQL, a database made by <see cref="TestPostgres.CreateDatabase"/> for this host to take over (a restored backup, say); the host drops it when done.</param>
    public TestHost(bool demo, int demoCompatriots = 600, string engine = Sqlite, string? database = null)
    {
        // The folder first: a PostgreSQL test skipped where there is no server throws from CreateDatabase, and the
        // factory's finalizer still disposes this half-made host, which must find a folder to delete, not null.
        Root = Path.Combine(Path.GetTempPath(), "ce-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Engine = engine;
        if (engine == PostgreSql) ConnectionString = database ?? TestPostgres.CreateDatabase();
        Demo = demo;
        DemoCompatriots = demoCompatriots;
    }

    public string Engine { get; }

    /// <summary>
    /// On PostgreSQL, leaves the database in place when the host goes: for a second host on another host's database
    /// (several hosts on one database), whose first host drops it once the last one is gone.
    /// </summary>
    public bool KeepsDatabase { get; init; }

    /// <summary>The host's own PostgreSQL database; null on SQLite.</summary>
    public string? ConnectionString { get; }

    public bool Demo { get; }
    public int DemoCompatriots { get; }
    public string Root { get; }
    public string DatabasePath => Path.Combine(Root, "campaign-engine.db");
    public string OutboxPath => Path.Combine(Root, "outbox");

    /// <summary>Extra configuration for one test's host; set before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>More changes to the host (extra logger providers, say); set before the host starts.</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Database:Provider", Engine);
        if (ConnectionString is not null) builder.UseSetting("ConnectionStrings:CampaignEngine", ConnectionString);
        builder.UseSetting("Outbox:Path", OutboxPath);
        builder.UseSetting("Demo:Enabled", Demo ? "true" : "false");
        builder.UseSetting("Demo:Compatriots", DemoCompatriots.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Bootstrap:AdminPassword", "admin-password-for-tests");
        builder.UseSetting("Bootstrap:AdminApiKey", AdminKey);
        builder.UseSetting("PublicBaseUrl", "http://localhost");
        builder.UseEnvironment("Testing");
        // The test clients speak plain http://localhost, where a Secure cookie would not come back; the cookie's
        // flags outside Development are tested with this setting removed (Settings["Auth:SecureCookies"] = null).
        builder.UseSetting("Auth:SecureCookies", "false");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        Customize?.Invoke(builder);
    }

    /// <summary>A connection straight to the host's database, whichever the engine (for checks and for rows a test plants).</summary>
    public System.Data.Common.DbConnection OpenDatabase()
    {
        System.Data.Common.DbConnection connection = ConnectionString is null
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}")
            : new Npgsql.NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>An HTTP client authenticated as the bootstrap admin through the API key.</summary>
    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (ConnectionString is not null && !KeepsDatabase) TestPostgres.DropDatabase(ConnectionString);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
