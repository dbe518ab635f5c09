using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.Privacy;

/// <summary>
/// A person's right to see and to erase what is held about them, through every feature's
/// <see cref="IPersonalDataContributor"/>. Erasure runs every contributor in one transaction, so a person is
/// never half erased; files are redacted after it commits. Pledges (with their gender/age/region snapshot) and
/// consent records stay, pseudonymised: totals do not change, and we can show that we had, and then lost, the
/// right to write.
/// </summary>
internal sealed class PersonalData(Db db, TimeProvider clock, IEnumerable<IPersonalDataContributor> contributors)
{
    private readonly IReadOnlyList<IPersonalDataContributor> _contributors = contributors.ToList();

    public IReadOnlyList<IPersonalDataContributor> Contributors => _contributors;

    /// <summary>Everything held about the person, for staff answering a request (<c>GET /api/compatriots/{id}/export</c>).</summary>
    public IReadOnlyDictionary<string, object> Export(long compatriotId) => Collect(compatriotId, (c, connection) => c.Export(connection, compatriotId));

    /// <summary>The same, as the person downloads it from their own page (<see cref="IPersonalDataContributor.ExportToPerson"/>).</summary>
    public IReadOnlyDictionary<string, object> ExportToPerson(long compatriotId) =>
        Collect(compatriotId, (c, connection) => c.ExportToPerson(connection, compatriotId));

    private Dictionary<string, object> Collect(long compatriotId, Func<IPersonalDataContributor, System.Data.IDbConnection, IEnumerable<KeyValuePair<string, object>>> sections)
    {
        using var connection = db.Open();
        var export = new Dictionary<string, object>(StringComparer.Ordinal) { ["exportedAt"] = clock.GetUtcNow() };
        foreach (var contributor in _contributors)
            foreach (var (section, rows) in sections(contributor, connection))
                export.Add(section, rows);
        return export;
    }

    public void Erase(long compatriotId)
    {
        var now = clock.GetUtcNow();
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var contributor in _contributors) contributor.Erase(connection, transaction, compatriotId, now);
            transaction.Commit();
        }
        foreach (var contributor in _contributors) contributor.EraseOutsideDatabase(compatriotId);
    }
}
