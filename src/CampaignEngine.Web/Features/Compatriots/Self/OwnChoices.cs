using System.Data;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Self;

/// <summary>
/// Which fields of their directory row a person chose themselves on their own page (<c>directory_own_choice</c>): their
/// language and their sectors. Staff import the same fields; the person's choice wins over a later import
/// (<see cref="Import.CompatriotWriter"/>), as their consents do. Recorded when the person changes the field.
/// </summary>
internal static class OwnChoices
{
    public const string Language = "language";
    public const string Sectors = "sectors";

    public static void Record(IDbConnection connection, IDbTransaction transaction, long compatriotId, string field, DateTimeOffset now) =>
        connection.Execute("""
            INSERT INTO directory_own_choice (compatriot_id, field, chosen_at) VALUES (@compatriotId, @field, @now)
            ON CONFLICT (compatriot_id, field) DO UPDATE SET chosen_at = excluded.chosen_at
            """, new { compatriotId, field, now }, transaction);

    /// <summary>The fields each of these people chose (person → fields), in one query.</summary>
    public static Dictionary<long, HashSet<string>> Of(IDbConnection connection, IDbTransaction transaction, IEnumerable<long> compatriotIds) =>
        connection.Query<(long CompatriotId, string Field)>(
                "SELECT compatriot_id, field FROM directory_own_choice WHERE compatriot_id IN (SELECT value FROM json_each(@ids))",
                new { ids = Infrastructure.Database.JsonIds.Of(compatriotIds) }, transaction)
            .GroupBy(c => c.CompatriotId)
            .ToDictionary(g => g.Key, g => g.Select(c => c.Field).ToHashSet(StringComparer.Ordinal));

    public static void Forget(IDbConnection connection, IDbTransaction transaction, long compatriotId) =>
        connection.Execute("DELETE FROM directory_own_choice WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
}
