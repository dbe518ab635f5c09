using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Audit;

/// <summary>
/// <c>audit-verify [--database path] [key=value …]</c>: walks the audit chain without starting the server and says
/// whether it holds; exit 0 when intact, 1 with the first broken entry otherwise. The database is the one the host in
/// this folder would open (its settings file, its environment, then the arguments): a SQLite file, or PostgreSQL when
/// <c>Database:Provider</c> says so (ADR 0012).
/// </summary>
internal static class AuditVerifyCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var database = args.Length >= 2 && args[0] == "--database" ? args[1] : null;
        var settings = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a.IndexOf('=', StringComparison.Ordinal) > 0)
            .ToDictionary(a => a[..a.IndexOf('=', StringComparison.Ordinal)], a => (string?)a[(a.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.OrdinalIgnoreCase);
        var options = new DatabaseOptions();
        DatabaseOptions.Bind(options, BackupCommand.Configuration(database, settings));
        DatabaseEngine engine;
        try
        {
            engine = options.Engine();
        }
        catch (InvalidOperationException ex)
        {
            error.WriteLine(ex.Message);
            return Task.FromResult(64);
        }
        if (engine == DatabaseEngine.Sqlite && !File.Exists(options.Path))
        {
            error.WriteLine($"No database at {options.Path} (use --database <file>).");
            return Task.FromResult(64);
        }
        using var db = new Db(Options.Create(options));
        var audit = new AuditLog(db, TimeProvider.System);
        if (audit.FirstBroken() is { } broken)
        {
            output.WriteLine($"BROKEN: the audit chain does not hold from entry #{broken} on.");
            return Task.FromResult(1);
        }
        output.WriteLine("OK: the audit chain is intact.");
        return Task.FromResult(0);
    }
}
