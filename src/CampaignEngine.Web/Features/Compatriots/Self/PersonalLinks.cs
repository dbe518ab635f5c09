using System.Globalization;
using System.Security.Cryptography;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Self;

/// <summary>
/// Each person's own link to their page (<c>directory_personal_link</c>), apart from the tracking token of each message.
/// </summary>
/// <remarks>
/// Decision (issue 17): the token is stored as it is, like the certificate holders' links, not as a hash. Every
/// message writes the link out (<c>links.me</c>), so the dispatcher needs the token itself; a hash would only let the
/// page check it. The database already holds every message's tracking token the same way, and the key ring protects
/// nothing here. The token is 128 random bits from the operating system's generator (a batch's: the database's), made on first need (the first
/// message, page or landing that shows it); making it twice at once keeps one (the primary key decides). Staff never
/// see it: no staff page, API or export reads this table.
/// </remarks>
internal sealed class PersonalLinks(Db db, TimeProvider clock)
{
    /// <summary>Each person's token, made for those who have none yet (erased people get none); two queries per batch at most.</summary>
    public async Task<IReadOnlyDictionary<long, string>> EnsureForAsync(IReadOnlyCollection<long> compatriotIds)
    {
        var ids = JsonIds.Of(compatriotIds.Distinct());
        using (var connection = db.Open())
        {
            var found = Read(connection, ids);
            if (found.Count == compatriotIds.Distinct().Count()) return found;
        }
        // Few batches ever get here (a person's first message): their writes take their turn with the dispatcher's.
        using (await db.WriterAsync())
        using (var connection = db.Open())
        {
            // The batch's tokens come from the database's own strong generator (SQLite's randomblob; on PostgreSQL
            // gen_random_uuid, migration 0051), so one statement both engines read makes them all.
            connection.Execute("""
                INSERT INTO directory_personal_link (compatriot_id, token, created_at)
                SELECT c.id, lower(hex(randomblob(16))), @now
                FROM directory_compatriot c
                WHERE c.id IN (SELECT value FROM json_each(@ids)) AND c.erased_at IS NULL
                ON CONFLICT (compatriot_id) DO NOTHING
                """, new { ids, now = clock.GetUtcNow() });
            return Read(connection, ids);
        }
    }

    // Two parameters a person; SQLite takes 32,766 in one statement.
    private const int InsertedAtOnce = 1_000;

    /// <summary>
    /// One insert of fresh tokens for these people, from a <c>VALUES</c> list both engines read (its columns are
    /// <c>column1</c>, <c>column2</c> on both). A command of its own rather than Dapper's, whose cache would keep one
    /// entry per batch size.
    /// </summary>
    private void InsertFresh(System.Data.Common.DbConnection connection, long[] compatriotIds)
    {
        using var command = connection.CreateCommand();
        var rows = new System.Text.StringBuilder();
        for (var i = 0; i < compatriotIds.Length; i++)
        {
            rows.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@i{i}, @t{i})");
            Add(command, FormattableString.Invariant($"i{i}"), compatriotIds[i]);
            Add(command, FormattableString.Invariant($"t{i}"), NewToken());
        }
        Add(command, "now", clock.GetUtcNow().ToDb());
        command.CommandText = $"""
            INSERT INTO directory_personal_link (compatriot_id, token, created_at)
            SELECT p.column1, p.column2, @now
            FROM (VALUES {rows}) AS p JOIN directory_compatriot c ON c.id = p.column1 AND c.erased_at IS NULL
            WHERE true
            ON CONFLICT (compatriot_id) DO NOTHING
            """;
        command.ExecuteNonQuery();
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>One person's token, made when they have none; null for an erased or unknown person.</summary>
    public string? Ensure(long compatriotId)
    {
        using var connection = db.Open();
        connection.Execute("""
            INSERT INTO directory_personal_link (compatriot_id, token, created_at)
            SELECT id, @token, @now FROM directory_compatriot WHERE id = @compatriotId AND erased_at IS NULL
            ON CONFLICT (compatriot_id) DO NOTHING
            """, new { compatriotId, token = NewToken(), now = clock.GetUtcNow() });
        return connection.ExecuteScalar<string?>("SELECT token FROM directory_personal_link WHERE compatriot_id = @compatriotId", new { compatriotId });
    }

    /// <summary>The person a token opens; null when it opens nobody (unknown, rotated away, or the person was erased).</summary>
    public long? PersonOf(string token)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("""
            SELECT l.compatriot_id FROM directory_personal_link l JOIN directory_compatriot c ON c.id = l.compatriot_id
            WHERE l.token = @token AND c.erased_at IS NULL
            """, new { token });
    }

    /// <summary>A new token for the person; the old one opens nothing from now on.</summary>
    public string Rotate(long compatriotId)
    {
        var token = NewToken();
        using var connection = db.Open();
        connection.Execute("UPDATE directory_personal_link SET token = @token, created_at = @now WHERE compatriot_id = @compatriotId",
            new { compatriotId, token, now = clock.GetUtcNow() });
        return token;
    }

    /// <summary>Erasure: the link row goes, so the old link shows the neutral page like any unknown one.</summary>
    public static void Forget(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long compatriotId) =>
        connection.Execute("DELETE FROM directory_personal_link WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);

    private static Dictionary<long, string> Read(System.Data.IDbConnection connection, string ids) =>
        connection.Query<(long Id, string Token)>(
            "SELECT compatriot_id, token FROM directory_personal_link WHERE compatriot_id IN (SELECT value FROM json_each(@ids))", new { ids })
        .ToDictionary(r => r.Id, r => r.Token);

    /// <summary>128 random bits, as 32 lower-case hex digits (the shape of the tracking tokens, safe in any address).</summary>
    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
