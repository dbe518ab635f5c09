using System.Data.Common;
using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Reports;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Pledges;

/// <summary>What the report tests of kept figures share: the detail query as the answer to match, and the test's own connection.</summary>
internal static class PledgeReportAssert
{
    /// <summary>Same keys in the same order, same values of the same types (a long stays a long, a double the same double).</summary>
    public static void SameAsDetail(PledgeReport report, PledgeReport.Query query, CurrentUser user)
    {
        var detail = report.Detail(query, user);
        var fast = report.Run(query, user);
        Assert.True(Json(detail) == Json(fast), $"{JsonSerializer.Serialize(query)} as {user.Role}\n{Json(detail)}\n{Json(fast)}");
        Assert.Equal(detail.SelectMany(r => r.Values.Select(v => v?.GetType())), fast.SelectMany(r => r.Values.Select(v => v?.GetType())));
    }

    public static string Json(IReadOnlyList<IDictionary<string, object?>> rows) => JsonSerializer.Serialize(rows);

    /// <summary>
    /// A connection of the test's own to the host's database; without the pledge's foreign keys to campaigns and projects
    /// when the test's pledges name them only as numbers to group by (on PostgreSQL the test's own database loses them).
    /// </summary>
    public static DbConnection Open(TestHost host, bool foreignKeys = true)
    {
        _ = host.Server;
        var connection = host.OpenDatabase();
        if (foreignKeys) return connection;
        if (connection is SqliteConnection) connection.Execute("PRAGMA foreign_keys = OFF");
        else connection.Execute("ALTER TABLE pledge DROP CONSTRAINT IF EXISTS pledge_campaign_id_fkey, DROP CONSTRAINT IF EXISTS pledge_project_id_fkey");
        return connection;
    }
}
