using System.Globalization;
using System.Text;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Search;

/// <summary>The people a search found, in the caller's scope; <paramref name="More"/> when there were more than shown.</summary>
public sealed record PersonMatches(IReadOnlyList<CompatriotItem> People, bool More);

/// <summary>
/// Finds people by name (any script, any case: every word typed must begin a word of the name), by phone (its digits
/// however written, from the start or the end) or by external id (from its start). Each way is one range scan of an
/// index of <c>directory_search_term</c> led by the caller's scope, stopped after the first few people, so a keystroke
/// costs the same in a directory of a thousand people as in one of a million.
/// </summary>
public sealed class PersonSearch(Db db, CompatriotQueries compatriots)
{
    public const int Shown = 20;

    public PersonMatches Find(string? text, CurrentUser user, int limit = Shown)
    {
        var query = (text ?? "").Trim();
        if (query.Length == 0) return new([], false);
        if (query.Length > SearchTerms.MaxQuery) query = query[..SearchTerms.MaxQuery];
        var ids = new List<long>();
        foreach (var ranges in Ways(query))
        {
            foreach (var id in Ids(ranges, user, limit + 1))
                if (!ids.Contains(id)) ids.Add(id);
            if (ids.Count > limit) break;
        }
        var people = compatriots.Several(ids, user);
        return new(people.Take(limit).ToList(), people.Count > limit);
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

    private IEnumerable<long> Ids(IReadOnlyList<string> prefixes, CurrentUser user, int limit)
    {
        var (sql, parameters) = Statement(prefixes, user, limit);
        using var connection = db.Open();
        return connection.Query<long>(sql, parameters).ToList();
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
        var sql = new StringBuilder($"""
            SELECT DISTINCT compatriot_id FROM directory_search_term s
            WHERE {scope} AND s.term >= @from0 AND s.term < @to0
            """);
        for (var i = 0; i < prefixes.Count; i++)
        {
            parameters.Add($"from{i}", prefixes[i]);
            // Above every string that begins with the prefix: the highest code point cannot be followed by a higher one.
            parameters.Add($"to{i}", prefixes[i] + char.ConvertFromUtf32(0x10FFFF));
            if (i > 0)
                sql.Append(CultureInfo.InvariantCulture, $"""

                      AND EXISTS (SELECT 1 FROM directory_search_term w WHERE w.compatriot_id = s.compatriot_id AND w.term >= @from{i} AND w.term < @to{i})
                    """);
        }
        sql.Append("\nLIMIT @limit");
        parameters.Add("limit", limit);
        return (sql.ToString(), parameters);
    }
}
