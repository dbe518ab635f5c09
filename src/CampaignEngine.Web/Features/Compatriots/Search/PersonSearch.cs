using System.Globalization;
using System.Text;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>The people a search found, in the caller's scope; <paramref name="More"/> when there may be more than shown.</summary>
internal sealed record PersonMatches(IReadOnlyList<CompatriotItem> People, bool More);

/// <summary>
/// Finds people by name (any script, any case: every word typed must begin a word of the name), by phone (its digits
/// however written, from the start or the end) or by external id (from its start). Each way is one range scan of an
/// index of <c>directory_search_term</c> led by the caller's scope, stopped after the first few people, so a keystroke
/// costs about the same in a directory of a thousand people as in one of a million.
/// </summary>
internal sealed class PersonSearch(Db db, CompatriotQueries compatriots)
{
    public const int Shown = 20;

    /// <summary>
    /// How many of the leading word's people a further word is checked against: one index probe each, and 5,000
    /// probes stay within a keystroke's budget. Past it, a search of several words says to type more letters.
    /// </summary>
    public const int Narrowed = 5_000;

    private static readonly string Highest = char.ConvertFromUtf32(0x10FFFF);

    public PersonMatches Find(string? text, CurrentUser user, int limit = Shown)
    {
        var query = Cleaned(text);
        if (query.Length == 0) return new([], false);
        var ids = new List<long>();
        var cut = false;
        foreach (var prefixes in Ways(query))
        {
            foreach (var id in Ids(prefixes, user, limit + 1))
                if (!ids.Contains(id)) ids.Add(id);
            if (ids.Count > limit) break;
            cut |= prefixes.Count > 1 && BeyondNarrowed(prefixes[0], user);
        }
        var people = compatriots.Several(ids, user);
        return new(people.Take(limit).ToList(), people.Count > limit || cut);
    }

    /// <summary>
    /// The people <paramref name="text"/> finds in every way the picker matches, as a subquery of compatriot ids for the
    /// directory list (<see cref="CompatriotQueries.List"/>): the same rule read from the same index, all of the matches
    /// (the list counts them), each way's terms read in <paramref name="scope"/> (its parameters are the caller's).
    /// </summary>
    internal static string Matching(string? text, string scope, DynamicParameters parameters)
    {
        var ways = MatchingWays(text, scope, parameters);
        // A query with nothing to match by (punctuation only) finds nobody, as in the picker.
        return ways.Count == 0 ? "SELECT 0 WHERE 1 = 0" : string.Join(" UNION ", ways);
    }

    /// <summary><see cref="Matching"/>'s ways, each a SELECT of compatriot ids (a person may come more than once); none for nothing to match by.</summary>
    internal static IReadOnlyList<string> MatchingWays(string? text, string scope, DynamicParameters parameters)
    {
        var query = Cleaned(text);
        var ways = new List<string>();
        foreach (var prefixes in query.Length == 0 ? Enumerable.Empty<IReadOnlyList<string>>() : Ways(query))
        {
            var n = ways.Count;
            var sql = new StringBuilder($"SELECT s.compatriot_id FROM directory_search_term s WHERE {scope} AND {Range("s", $"m{n}w0", prefixes[0], parameters)}");
            for (var i = 1; i < prefixes.Count; i++)
                sql.Append(CultureInfo.InvariantCulture,
                    $" AND EXISTS (SELECT 1 FROM directory_search_term w WHERE w.compatriot_id = s.compatriot_id AND {Range("w", $"m{n}w{i}", prefixes[i], parameters)})");
            ways.Add(sql.ToString());
        }
        return ways;
    }

    private static string Cleaned(string? text)
    {
        var query = (text ?? "").Trim();
        return query.Length > SearchTerms.MaxQuery ? query[..SearchTerms.MaxQuery] : query;
    }

    // The terms of the alias that begin with the prefix, as a range of the index: above every string that begins with
    // the prefix, no code point is higher than this one.
    private static string Range(string alias, string name, string prefix, DynamicParameters parameters)
    {
        parameters.Add(name + "from", prefix);
        parameters.Add(name + "to", prefix + Highest);
        return $"{alias}.term >= @{name}from AND {alias}.term < @{name}to";
    }

    /// <summary>The ways a query can match, best first; each is the prefixes a person's terms must all begin with.</summary>
    private static IEnumerable<IReadOnlyList<string>> Ways(string query)
    {
        yield return [SearchTerms.ExternalId + query.ToLowerInvariant()];
        if (SearchTerms.LooksLikePhone(query))
        {
            var digits = SearchTerms.Digits(query);
            yield return [SearchTerms.PhoneStart + digits];
            // 8 916 … is how a Russian or Kazakh number is dialled at home; the stored national number has no 8.
            if (digits.Length == 11 && digits[0] == '8') yield return [SearchTerms.PhoneStart + digits[1..]];
            yield return [SearchTerms.PhoneEnd + SearchTerms.Reversed(digits)];
            yield break;
        }
        var words = SearchTerms.Words(query);
        // The longest word leads: it narrows the index range most.
        if (words.Count > 0) yield return words.OrderByDescending(w => w.Length).ToList();
    }

    private List<long> Ids(IReadOnlyList<string> prefixes, CurrentUser user, int limit)
    {
        var (sql, parameters) = Statement(prefixes, user, limit);
        using var connection = db.Open();
        return connection.Query<long>(sql, parameters).ToList();
    }

    // Whether the leading word has more terms than a search of several words checks: a walk along the index only.
    private bool BeyondNarrowed(string prefix, CurrentUser user)
    {
        var (scope, parameters) = CompatriotQueries.Scope(user);
        parameters.Add("narrowed", Narrowed);
        using var connection = db.Open();
        return connection.ExecuteScalar<long>($"""
            SELECT EXISTS (SELECT 1 FROM directory_search_term s WHERE {scope} AND {Range("s", "w0", prefix, parameters)} LIMIT 1 OFFSET @narrowed)
            """, parameters) == 1;
    }

    /// <summary>How SQLite runs a search of these words, for the test that keeps every search on an index.</summary>
    internal IReadOnlyList<string> Plan(string query, CurrentUser user)
    {
        var (sql, parameters) = Statement(SearchTerms.Words(query), user, Shown + 1);
        using var connection = db.Open();
        return connection.Query<(long Id, long Parent, long Unused, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)
            .Select(row => row.Detail).ToList();
    }

    private static (string Sql, DynamicParameters Parameters) Statement(IReadOnlyList<string> prefixes, CurrentUser user, int limit)
    {
        var (scope, parameters) = CompatriotQueries.Scope(user);
        // The leading word's people in index order; at most Narrowed of them when further words are checked.
        var sql = new StringBuilder($"""
            SELECT DISTINCT compatriot_id FROM (
                SELECT compatriot_id FROM directory_search_term s
                WHERE {scope} AND {Range("s", "w0", prefixes[0], parameters)} {(prefixes.Count > 1 ? "LIMIT @narrowed" : "")}) c
            WHERE 1 = 1
            """);
        parameters.Add("narrowed", Narrowed);
        for (var i = 1; i < prefixes.Count; i++)
            sql.Append(CultureInfo.InvariantCulture, $"""

                  AND EXISTS (SELECT 1 FROM directory_search_term w WHERE w.compatriot_id = c.compatriot_id AND {Range("w", $"w{i}", prefixes[i], parameters)})
                """);
        sql.Append("\nLIMIT @limit");
        parameters.Add("limit", limit);
        return (sql.ToString(), parameters);
    }
}
