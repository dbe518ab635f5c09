using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Reports;
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
    /// A connection of the test's own to the host's database; without foreign keys when the test's pledges name campaigns
    /// and projects only as numbers to group by.
    /// </summary>
    public static SqliteConnection Open(string databasePath, bool foreignKeys = true)
    {
        var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        if (!foreignKeys) connection.Execute("PRAGMA foreign_keys = OFF");
        return connection;
    }
}
