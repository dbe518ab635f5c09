using System.Data;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots;

internal sealed record CompatriotFilter(string? Region, string? Country, string? Gender, string? Language, string? Search, int Page, int PageSize);

internal sealed record CompatriotItem(
    long Id, string? ExternalId, string FullName, string Gender, int? BirthYear, string? HomeRegion, string Country,
    string? City, string TimeZone, string Language, string? Willing, long? OrganizationId, IReadOnlyList<string> Channels);

/// <summary>A person's name as a list shows it; an erased person's name is gone and shows as erased.</summary>
internal sealed record PersonName(string FullName, bool Erased);

internal sealed record CompatriotPage(int Total, IReadOnlyList<CompatriotItem> Items, IReadOnlyDictionary<string, int> ByGender);

/// <summary>
/// Reads the directory. The caller's scope is applied here, server-side, to every query: an oblast user sees
/// natives of their region only, a leader the members of their organisation only.
/// </summary>
internal sealed class CompatriotQueries(Db db, Search.ListColumns columns)
{
    private const string Select = """
        SELECT id, external_id AS ExternalId, full_name AS FullName, gender, birth_year AS BirthYear,
               home_region AS HomeRegion, country, city, time_zone AS TimeZone, language, willing,
               organization_id AS OrganizationId, consent_whatsapp AS ConsentWhatsapp, consent_telegram AS ConsentTelegram,
               consent_sms AS ConsentSms, consent_email AS ConsentEmail
        FROM directory_compatriot
        """;

    // The list's order, searched or not; migration 0058's indexes keep it (nationally and per home region).
    internal const string ListOrder = "full_name, id";

    public CompatriotPage List(CompatriotFilter filter, CurrentUser user)
    {
        if (!string.IsNullOrWhiteSpace(filter.Search)) return SearchedList(filter, user, fromColumns: true);
        var (where, parameters) = PagedWhere(filter, user);
        using var connection = db.Open();
        var (byGender, items) = Unsearched(connection, where, parameters, CountedInCells(user));
        return Page(byGender, items, user);
    }

    /// <summary>
    /// A searched list, from the kept columns when they are current in this read's view (<see cref="Search.ListColumns"/>),
    /// else from the people; <paramref name="fromColumns"/> false always reads the people (the tests' detail query).
    /// </summary>
    internal CompatriotPage SearchedList(CompatriotFilter filter, CurrentUser user, bool fromColumns)
    {
        using var connection = db.Open();
        using var transaction = ReadSnapshot.Begin(connection);
        var offset = (filter.Page - 1) * filter.PageSize;
        var question = new Search.ListQuestion(filter.Search!, Regions.Find(filter.Region)?.Code, Countries.Find(filter.Country)?.Iso2,
            NullIfEmpty(filter.Gender), NullIfEmpty(filter.Language), user, offset, filter.PageSize);
        if (fromColumns && columns.TryAnswer(connection, transaction, question) is { } answer)
            return Page(answer.ByGender, Rows(connection, transaction, answer.PageIds), user);
        var (where, parameters) = PagedWhere(filter, user);
        var (byGender, items) = Searched(connection, transaction, where, parameters);
        return Page(byGender, items, user);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static CompatriotPage Page(IReadOnlyDictionary<string, int> byGender, IReadOnlyList<Row> items, CurrentUser user) =>
        new(byGender.Values.Sum(), items.Select(r => r.ToItem(user)).ToList(), byGender);

    /// <summary>
    /// Without a search, the page is a walk of the list's order (ix_compatriot_name, or ix_compatriot_region_name in an
    /// oblast's scope: migration 0058), and the counts by gender come from the audience cells, which count the same people
    /// by every column the list filters on (home region, country, gender, language): some 33,000 cells summed instead of a
    /// million people grouped. A leader's scope is their organisation, which the cells do not count by: theirs are their
    /// members counted through the organisation's index.
    /// </summary>
    private static (Dictionary<string, int>, List<Row>) Unsearched(IDbConnection connection, string where, DynamicParameters parameters, bool inCells)
    {
        var byGender = connection.Query<(string Gender, long Count)>(CountsSql(where, inCells), parameters).ToDictionary(g => g.Gender, g => (int)g.Count);
        var items = connection.Query<Row>(PageSql(where), parameters).ToList();
        return (byGender, items);
    }

    private static string CountsSql(string where, bool inCells) => inCells
        ? $"SELECT gender, CAST(SUM(people) AS bigint) FROM directory_audience_cell WHERE {where} GROUP BY gender HAVING SUM(people) > 0"
        : $"SELECT gender, COUNT(*) FROM directory_compatriot WHERE {where} GROUP BY gender";

    private static string PageSql(string where) => $"{Select} WHERE {where} ORDER BY {ListOrder} LIMIT @limit OFFSET @offset";

    // The audience cells carry the columns of every scope but a leader's (their organisation).
    private static bool CountedInCells(CurrentUser user) => AccessScope.Of(user).OrganizationId is null;

    /// <summary>
    /// A search's people are found through the term index and then read by id, each once: the counts by gender and the
    /// page's ids come from one pass over them (a common first name matches 85,000 of a million people, and reading them
    /// twice, once per statement, was half the list's time), then the page's 50 rows are read by id.
    /// </summary>
    private static (Dictionary<string, int>, List<Row>) Searched(IDbConnection connection, IDbTransaction transaction, string where, DynamicParameters parameters)
    {
        var found = connection.Query<(string? Gender, long Count, long? Id, long Position)>(SearchedSql(where), parameters, transaction).ToList();
        var byGender = found.Where(f => f.Id is null).ToDictionary(f => f.Gender!, f => (int)f.Count);
        var ids = found.Where(f => f.Id is not null).OrderBy(f => f.Position).Select(f => f.Id!.Value).ToList();
        return (byGender, Rows(connection, transaction, ids));
    }

    // A page's rows by id, in the order given.
    private static List<Row> Rows(IDbConnection connection, IDbTransaction transaction, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0) return [];
        var byId = new DynamicParameters();
        var rows = connection.Query<Row>($"{Select} WHERE id IN {SqlList.In(byId, "id", ids)}", byId, transaction).ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    // The counts by gender (rows without an id), then the page's ids with their places in it.
    private static string SearchedSql(string where) => $"""
        WITH matched AS MATERIALIZED (SELECT id, gender, full_name FROM directory_compatriot WHERE {where})
        SELECT gender, COUNT(*), NULL, 0 FROM matched GROUP BY gender
        UNION ALL
        SELECT NULL, 0, id, ROW_NUMBER() OVER (ORDER BY {ListOrder}) FROM (
            SELECT id, full_name FROM matched ORDER BY {ListOrder} LIMIT @limit OFFSET @offset
        ) AS page
        """;

    /// <summary>
    /// How SQLite reads the list's people, statement by statement as <see cref="List"/> runs them, for the tests that keep
    /// a search on the term index and a page on the list's order.
    /// </summary>
    internal IReadOnlyList<IReadOnlyList<string>> Plan(CompatriotFilter filter, CurrentUser user)
    {
        var (where, parameters) = PagedWhere(filter, user);
        string[] statements = string.IsNullOrWhiteSpace(filter.Search)
            ? [CountsSql(where, CountedInCells(user)), PageSql(where)]
            : [SearchedSql(where)];
        using var connection = db.Open();
        return statements.Select(sql => (IReadOnlyList<string>)connection
            .Query<(long Id, long Parent, long Unused, string Detail)>($"EXPLAIN QUERY PLAN {sql}", parameters).Select(row => row.Detail).ToList()).ToList();
    }

    private static (string Sql, DynamicParameters Parameters) PagedWhere(CompatriotFilter filter, CurrentUser user)
    {
        var (where, parameters) = Where(filter, user);
        parameters.Add("limit", filter.PageSize);
        parameters.Add("offset", (filter.Page - 1) * filter.PageSize);
        return (where, parameters);
    }

    public CompatriotItem? Find(long id, CurrentUser user)
    {
        var (scope, parameters) = ScopeOfRowsById(user);
        parameters.Add("id", id);
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<Row>($"{Select} WHERE id = @id AND {scope}", parameters)?.ToItem(user);
    }

    /// <summary>People in <paramref name="user"/>'s scope who gave this phone (E.164) or e-mail (any case), at most 20.</summary>
    public IReadOnlyList<CompatriotItem> WithContact(string? phone, string? email, CurrentUser user)
    {
        if (phone is null && email is null) return [];
        var (scope, parameters) = Scope(user);
        // Typed, so that PostgreSQL knows what a missing one is (@phone IS NOT NULL).
        parameters.Add("phone", phone, DbType.String);
        parameters.Add("email", email?.ToLowerInvariant(), DbType.String);
        using var connection = db.Open();
        // A null parameter tested alone has no type PostgreSQL can infer (42P08): the test names it.
        return connection.Query<Row>($"""
            {Select} WHERE {scope} AND erased_at IS NULL
              AND ((CAST(@phone AS TEXT) IS NOT NULL AND phone = @phone) OR (CAST(@email AS TEXT) IS NOT NULL AND email IS NOT NULL AND lower(email) = @email))
            ORDER BY {ListOrder} LIMIT 20
            """, parameters).Select(r => r.ToItem(user)).ToList();
    }

    /// <summary>
    /// The person who gave this e-mail address (any case), not erased, for a message that arrives from it; the oldest
    /// when several share it. Unscoped: inbound mail has no user, and the desk scopes what staff then see.
    /// </summary>
    public static long? WithEmail(IDbConnection connection, IDbTransaction transaction, string address) =>
        connection.ExecuteScalar<long?>(
            "SELECT id FROM directory_compatriot WHERE lower(email) = @email AND email IS NOT NULL AND erased_at IS NULL ORDER BY id LIMIT 1",
            new { email = address.ToLowerInvariant() }, transaction);

    /// <summary>Whether the person was erased on request: what they send later is no longer theirs to link.</summary>
    public static bool IsErased(IDbConnection connection, IDbTransaction transaction, long id) =>
        connection.ExecuteScalar<long?>("SELECT 1 FROM directory_compatriot WHERE id = @id AND erased_at IS NULL", new { id }, transaction) is null;

    /// <summary>The people among <paramref name="ids"/> that <paramref name="user"/> may see, not erased, in the order given.</summary>
    public IReadOnlyList<CompatriotItem> Several(IReadOnlyCollection<long> ids, CurrentUser user)
    {
        if (ids.Count == 0) return [];
        var (scope, parameters) = ScopeOfRowsById(user);
        using var connection = db.Open();
        var found = connection.Query<Row>($"{Select} WHERE {SeveralWhere(scope, ids, parameters)}", parameters)
            .ToDictionary(r => r.Id, r => r.ToItem(user));
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    // A few ids (a search's 21 people), each its own parameter: SQLite looks each up by its primary key.
    private static string SeveralWhere(string scope, IEnumerable<long> ids, DynamicParameters parameters) =>
        $"id IN {SqlList.In(parameters, "id", ids)} AND erased_at IS NULL AND {scope}";

    /// <summary>How SQLite reads <see cref="Several"/>'s rows, for the test that keeps it on the ids' own lookups.</summary>
    internal IReadOnlyList<string> PlanOfSeveral(IReadOnlyCollection<long> ids, CurrentUser user)
    {
        var (scope, parameters) = ScopeOfRowsById(user);
        using var connection = db.Open();
        return connection.Query<(long Id, long Parent, long Unused, string Detail)>(
            $"EXPLAIN QUERY PLAN {Select} WHERE {SeveralWhere(scope, ids, parameters)}", parameters).Select(row => row.Detail).ToList();
    }

    /// <summary>Names for a page of ids (a campaign's messages): erased people flagged, people outside the scope left out.</summary>
    public IReadOnlyDictionary<long, PersonName> Names(IReadOnlyCollection<long> ids, CurrentUser user)
    {
        if (ids.Count == 0) return new Dictionary<long, PersonName>();
        var (scope, parameters) = ScopeOfRowsById(user);
        parameters.Add("ids", JsonIds.Of(ids.Distinct()));
        using var connection = db.Open();
        return connection.Query<(long Id, string FullName, bool Erased)>(
                $"SELECT id, full_name, erased_at IS NOT NULL FROM directory_compatriot WHERE id IN (SELECT value FROM json_each(@ids)) AND {scope}", parameters)
            .ToDictionary(r => r.Id, r => new PersonName(r.FullName, r.Erased));
    }

    public bool AnyCompatriots()
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("SELECT 1 FROM directory_compatriot LIMIT 1") is not null;
    }

    private static (string Sql, DynamicParameters Parameters) Where(CompatriotFilter filter, CurrentUser user)
    {
        var (scope, parameters) = Scope(user);
        var searching = !string.IsNullOrWhiteSpace(filter.Search);
        // A search finds its few people through the term index and reads their rows by id; the other conditions then
        // only check those rows (a column as an expression keeps SQLite from reading, say, a whole region's index entries instead).
        string Column(string name) => searching ? Unindexed(name) : name;
        var clauses = new List<string> { searching ? ScopeOfRowsById(user).Sql : scope };
        if (Regions.Find(filter.Region) is { } region)
        {
            clauses.Add($"{Column("home_region")} = @region");
            parameters.Add("region", region.Code);
        }
        if (Countries.Find(filter.Country) is { } country)
        {
            clauses.Add($"{Column("country")} = @country");
            parameters.Add("country", country.Iso2);
        }
        if (!string.IsNullOrEmpty(filter.Gender))
        {
            clauses.Add($"{Column("gender")} = @gender");
            parameters.Add("gender", filter.Gender);
        }
        if (!string.IsNullOrEmpty(filter.Language))
        {
            clauses.Add($"{Column("language")} = @language");
            parameters.Add("language", filter.Language);
        }
        // The picker's rule and index (names in any script, phones, external ids), not a scan of a million names.
        // The scope narrows the index read too: its columns are the terms' as well as the directory's.
        if (searching) clauses.Add($"id IN ({Search.PersonSearch.Matching(filter.Search, scope, parameters)})");
        return (string.Join(" AND ", clauses), parameters);
    }

    /// <summary>
    /// The caller's scope as a condition on <c>home_region</c> and <c>organization_id</c> (columns of the directory and
    /// of its search terms alike).
    /// </summary>
    internal static (string Sql, DynamicParameters Parameters) Scope(CurrentUser user)
    {
        var scope = AccessScope.Of(user).ForPeople("home_region", "organization_id");
        return (scope.Sql, scope.With());
    }

    /// <summary>
    /// The scope checked on rows read by their ids (the picker's 21 people, a page's names): the columns as expressions
    /// keep SQLite from walking the scope's index instead — all 350,000 entries of an oblast's natives in
    /// ix_compatriot_reach to find 21 ids, 49 ms of CPU a keystroke on a million people, where the ids' own lookups take
    /// a fraction of a millisecond.
    /// </summary>
    internal static (string Sql, DynamicParameters Parameters) ScopeOfRowsById(CurrentUser user)
    {
        var scope = AccessScope.Of(user).ForPeople(Unindexed("home_region"), "(organization_id + 0)");
        return (scope.Sql, scope.With());
    }

    /// <summary>
    /// A text column as an expression of the same value, which SQLite does not look up in an index (its documented way
    /// is "+column", which PostgreSQL does not read for text; this reads alike on both).
    /// </summary>
    private static string Unindexed(string textColumn) => $"({textColumn} || '')";

    private sealed record Row(
        long Id, string? ExternalId, string FullName, string Gender, long? BirthYear, string? HomeRegion, string Country,
        string? City, string TimeZone, string Language, string? Willing, long? OrganizationId,
        long ConsentWhatsapp, long ConsentTelegram, long ConsentSms, long ConsentEmail)
    {
        /// <summary>The item as <paramref name="user"/> sees it: a leader sees the ids their organisation gave as they wrote them.</summary>
        public CompatriotItem ToItem(CurrentUser user)
        {
            var flags = new[] { ConsentWhatsapp, ConsentTelegram, ConsentSms, ConsentEmail };
            var channels = Vocabulary.Channels.Where((_, i) => flags[i] == 1).ToList();
            var externalId = user.Role == Roles.Leader ? Import.LeaderExternalIds.Shown(ExternalId, user.OrganizationId) : ExternalId;
            return new CompatriotItem(Id, externalId, FullName, Gender, (int?)BirthYear, HomeRegion, Country, City, TimeZone,
                Language, Willing, OrganizationId, channels);
        }
    }
}
