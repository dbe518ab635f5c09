using System.Data;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Self;

/// <summary>A correction the person proposed on their own page: their home region or the country they live in.</summary>
internal sealed record ProposedChange
{
    public const string HomeRegion = "home_region";
    public const string Country = "country";

    public long Id { get; init; }
    public long CompatriotId { get; init; }
    public string Field { get; init; } = "";
    public string Value { get; init; } = "";
    public string State { get; init; } = "proposed";
    public DateTimeOffset ProposedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}

/// <summary>
/// Corrections of home region or country that people propose on their own page (<c>directory_proposed_change</c>).
/// They change nothing until staff accept them on the person's staff page: the home region decides which oblast sees
/// the person and the country their time zone, so a person's own word is checked before it moves them.
/// </summary>
internal sealed class ProposedChanges(Db db)
{
    private const string Columns = """
        id AS Id, compatriot_id AS CompatriotId, field AS Field, value AS Value, state AS State, proposed_at AS ProposedAt, decided_at AS DecidedAt
        """;

    /// <summary>
    /// Proposes <paramref name="value"/> for <paramref name="field"/> inside the caller's transaction: nothing when it is
    /// already the person's; a second proposal for the same field replaces the one still waiting.
    /// </summary>
    public static void Propose(IDbConnection connection, IDbTransaction transaction, long compatriotId, string field, string value, DateTimeOffset now)
    {
        var current = connection.ExecuteScalar<string?>($"SELECT {Column(field)} FROM directory_compatriot WHERE id = @compatriotId", new { compatriotId }, transaction);
        if (current == value)
        {
            connection.Execute("DELETE FROM directory_proposed_change WHERE compatriot_id = @compatriotId AND field = @field AND state = 'proposed'",
                new { compatriotId, field }, transaction);
            return;
        }
        var replaced = connection.Execute("""
            UPDATE directory_proposed_change SET value = @value, proposed_at = @now
            WHERE compatriot_id = @compatriotId AND field = @field AND state = 'proposed'
            """, new { compatriotId, field, value, now }, transaction);
        if (replaced == 0)
            connection.Execute("""
                INSERT INTO directory_proposed_change (compatriot_id, field, value, proposed_at) VALUES (@compatriotId, @field, @value, @now)
                """, new { compatriotId, field, value, now }, transaction);
    }

    /// <summary>The person's corrections still waiting for staff.</summary>
    public static IReadOnlyList<ProposedChange> Open(IDbConnection connection, long compatriotId) =>
        connection.Query<ProposedChange>($"SELECT {Columns} FROM directory_proposed_change WHERE compatriot_id = @compatriotId AND state = 'proposed' ORDER BY id",
            new { compatriotId }).ToList();

    /// <summary>Every correction the person proposed, newest first, for their staff page.</summary>
    public IReadOnlyList<ProposedChange> Of(long compatriotId)
    {
        using var connection = db.Open();
        return connection.Query<ProposedChange>($"SELECT {Columns} FROM directory_proposed_change WHERE compatriot_id = @compatriotId ORDER BY id DESC",
            new { compatriotId }).ToList();
    }

    /// <summary>Corrections waiting for a decision about people in <paramref name="scope"/>, oldest first, with each person's name.</summary>
    public IReadOnlyList<(ProposedChange Change, string FullName)> Waiting(Auth.AccessScope scope, int limit = 50)
    {
        var condition = scope.ForPeople("c.home_region", "c.organization_id");
        using var connection = db.Open();
        return connection.Query<ProposedChange, string, (ProposedChange, string)>($"""
            SELECT x.id AS Id, x.compatriot_id AS CompatriotId, x.field AS Field, x.value AS Value, x.state AS State,
                   x.proposed_at AS ProposedAt, x.decided_at AS DecidedAt, c.full_name AS FullName
            FROM directory_proposed_change x JOIN directory_compatriot c ON c.id = x.compatriot_id
            WHERE x.state = 'proposed' AND {condition.Sql}
            ORDER BY x.id LIMIT @limit
            """, (change, name) => (change, name), condition.With(new { limit }), splitOn: "FullName").ToList();
    }

    public ProposedChange? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ProposedChange>($"SELECT {Columns} FROM directory_proposed_change WHERE id = @id", new { id });
    }

    /// <summary>
    /// Accepts or rejects a waiting correction; accepting applies it to the directory in the same transaction (a new
    /// country brings its time zone, a new home region the person picker's region). False when it no longer waits.
    /// </summary>
    public bool Decide(long id, bool accept, long userId, DateTimeOffset now)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var change = connection.QuerySingleOrDefault<ProposedChange>(
            $"SELECT {Columns} FROM directory_proposed_change WHERE id = @id AND state = 'proposed'", new { id }, transaction);
        if (change is null) return false;
        connection.Execute("UPDATE directory_proposed_change SET state = @state, decided_by = @userId, decided_at = @now WHERE id = @id",
            new { id, state = accept ? "accepted" : "rejected", userId, now }, transaction);
        if (accept) Apply(connection, transaction, change, now);
        transaction.Commit();
        return true;
    }

    private static void Apply(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, ProposedChange change, DateTimeOffset now)
    {
        if (change.Field == ProposedChange.Country)
        {
            var city = connection.ExecuteScalar<string?>("SELECT city FROM directory_compatriot WHERE id = @id", new { id = change.CompatriotId }, transaction);
            connection.Execute("UPDATE directory_compatriot SET country = @country, time_zone = @zone, updated_at = @now WHERE id = @id",
                new { id = change.CompatriotId, country = change.Value, zone = Cities.TimeZoneFor(change.Value, city), now }, transaction);
            return;
        }
        connection.Execute("UPDATE directory_compatriot SET home_region = @region, updated_at = @now WHERE id = @id",
            new { id = change.CompatriotId, region = change.Value, now }, transaction);
        var person = connection.QuerySingle<IndexedPerson>("""
            SELECT id, full_name AS FullName, phone, external_id AS ExternalId, home_region AS HomeRegion, organization_id AS OrganizationId
            FROM directory_compatriot WHERE id = @id
            """, new { id = change.CompatriotId }, transaction);
        // The picker's index carries the region its scope reads: it moves with the person.
        using var terms = SearchIndex.Terms(connection, transaction);
        terms.Write(person, markIndexed: true);
    }

    // Column names cannot be parameters; they come from this closed list only.
    private static string Column(string field) => field switch
    {
        ProposedChange.HomeRegion => "home_region",
        ProposedChange.Country => "country",
        _ => throw new ArgumentException($"Unknown field {field}"),
    };
}
