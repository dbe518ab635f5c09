namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// PostgreSQL plans the picker's and the list's searches by its statistics of the directory and its search terms, which
/// describe the tables before an import until autovacuum gets round to them: an import that wrote many rows refreshes
/// them itself (<see cref="CompatriotsSql.AfterImport"/>). Nothing changes on SQLite, whose searches met their budgets
/// on the imported million without it.
/// </summary>
internal static class ImportStatistics
{
    /// <summary>From this many people written (new or updated) by one import, the statistics are refreshed.</summary>
    public const int Rows = 1_000;
}
