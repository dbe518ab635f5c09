using Dapper;
using Npgsql;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// PostgreSQL plans the picker's and the list's searches by its statistics of the directory and its search terms. After
/// an import of many people they describe the tables before it until autovacuum gets round to them (a minute or more);
/// meanwhile national staff's searches took 7–62 ms instead of 1–7 ms on 20,000 imported people (docs/benchmarks.md).
/// So an import that wrote many rows refreshes them itself (ANALYZE reads a sample of each table). Nothing changes on
/// SQLite, whose searches met their budgets on the imported million without it.
/// </summary>
internal static class ImportStatistics
{
    /// <summary>From this many people written (new or updated) by one import, the statistics are refreshed.</summary>
    public const int Rows = 1_000;

    public static void Refresh(System.Data.Common.DbConnection connection, int written)
    {
        if (connection is not NpgsqlConnection || written < Rows) return;
        connection.Execute("ANALYZE directory_compatriot, directory_search_term");
    }
}
