namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// A list of ids as one JSON array parameter, read in SQL with <c>IN (SELECT value FROM json_each(@ids))</c>. Dapper's
/// <c>IN @ids</c> expands to one parameter per id, and SQLite looks each name up among all the others when binding.
/// </summary>
internal static class JsonIds
{
    public static string Of(IEnumerable<long> ids) => "[" + string.Join(',', ids) + "]";
}
