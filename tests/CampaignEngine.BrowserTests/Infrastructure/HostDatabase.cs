using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Read-only looks into the host's SQLite file, for facts no page shows exactly (what was stored).</summary>
internal static class HostDatabase
{
    public sealed record StoredPledge(string Kind, decimal? Amount, string? Currency, string RecordedBy);

    public static IReadOnlyList<StoredPledge> PledgesOf(HostProcess host, long campaignId)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        connection.Open();
        return connection.Query<StoredPledge>(
            "SELECT kind AS Kind, amount AS Amount, currency AS Currency, recorded_by AS RecordedBy FROM pledge WHERE campaign_id = @campaignId",
            new { campaignId }).ToList();
    }
}
