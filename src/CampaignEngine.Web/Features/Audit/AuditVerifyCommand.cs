using CampaignEngine.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Features.Audit;

/// <summary>
/// <c>audit-verify [--database path]</c>: walks the audit chain in a database file without starting the
/// server and says whether it holds; exit 0 when intact, 1 with the first broken entry otherwise.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var path = args.Length >= 2 && args[0] == "--database" ? args[1] : "data/campaign-engine.db";
        if (!File.Exists(path))
        {
            error.WriteLine($"No database at {path} (use --database <file>).");
            return Task.FromResult(64);
        }
        var audit = new AuditLog(new Db(Options.Create(new DatabaseOptions { Path = path })), TimeProvider.System);
        if (audit.FirstBroken() is { } broken)
        {
            output.WriteLine($"BROKEN: the audit chain does not hold from entry #{broken} on.");
            return Task.FromResult(1);
        }
        output.WriteLine("OK: the audit chain is intact.");
        return Task.FromResult(0);
    }
}
