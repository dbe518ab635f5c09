using System.Globalization;
using Dapper;

namespace CampaignEngine.Web.Infrastructure.Database;

/// <summary>
/// A short list of values (module ids, kinds) for <c>IN</c>, written out as one parameter each: <c>(@name_0, @name_1, …)</c>.
/// Dapper expands <c>IN @list</c> so on SQLite, but hands a list to PostgreSQL as one array, where <c>IN $1</c> does not
/// read (ADR 0012); the written-out list reads alike on both. Long lists of ids go as one JSON array instead (<see cref="JsonIds"/>).
/// </summary>
internal static class SqlList
{
    /// <summary>The list's SQL, its values added to <paramref name="parameters"/>; no values give <c>(NULL)</c>, which matches nothing.</summary>
    public static string In<T>(DynamicParameters parameters, string name, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var each = string.Create(CultureInfo.InvariantCulture, $"{name}_{names.Count}");
            parameters.Add(each, value);
            names.Add("@" + each);
        }
        return names.Count == 0 ? "(NULL)" : "(" + string.Join(", ", names) + ")";
    }
}
