using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>Read-only looks into the host's SQLite file, for facts no page shows exactly (what was stored).</summary>
internal static class HostDatabase
{
    // A class with setters, not a positional record: SQLite hands NUMERIC back as integer or real, and only
    // property mapping lets Dapper convert either into decimal.
    public sealed class StoredPledge
    {
        public string Kind { get; set; } = "";
        public decimal? Amount { get; set; }
        public string? Currency { get; set; }
        public decimal? Hours { get; set; }
        public string RecordedBy { get; set; } = "";
    }

    public static IReadOnlyList<StoredPledge> PledgesOf(HostProcess host, long campaignId)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        connection.Open();
        return connection.Query<StoredPledge>(
            "SELECT kind AS Kind, amount AS Amount, currency AS Currency, hours AS Hours, recorded_by AS RecordedBy FROM pledge WHERE campaign_id = @campaignId",
            new { campaignId }).ToList();
    }

    public sealed class StoredOffer
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public decimal? Amount { get; set; }
        public string? Currency { get; set; }
        public string Status { get; set; } = "";
        public string? Phone { get; set; }
        public long? PledgeId { get; set; }
    }

    public static IReadOnlyList<StoredOffer> OffersOf(HostProcess host, long projectId)
    {
        using var connection = new SqliteConnection($"Data Source={host.DatabasePath};Mode=ReadOnly");
        connection.Open();
        return connection.Query<StoredOffer>(
            "SELECT id AS Id, kind AS Kind, amount AS Amount, currency AS Currency, status AS Status, phone AS Phone, pledge_id AS PledgeId FROM pledge_offer WHERE project_id = @projectId",
            new { projectId }).ToList();
    }
}
