using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Search;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Import;

internal sealed record WriteResult(int Imported, int Updated, List<ImportError> Rejected, List<KeptChoices> Kept);

/// <summary>
/// What a background import hears from the writer: the rows written so far (every <see cref="CompatriotWriter.ProgressEvery"/>),
/// and the moment before the commit, to record its outcome in the same transaction as the people.
/// </summary>
internal sealed record WriteHooks(Action<int>? Progress = null, Action<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, WriteResult>? BeforeCommit = null);

/// <summary>
/// Writes validated compatriots in one transaction, matched by external id: a re-import updates, never
/// duplicates. Consent changes are recorded in <c>directory_consent_event</c>. What the person chose themselves wins
/// over the file (<see cref="PersonsOwn"/>): a consent whose latest change is theirs (on their page, an unsubscribe
/// link, a STOP reply), and the language and sectors they changed on their page, are kept and reported per row.
/// </summary>
internal sealed class CompatriotWriter(Db db, TimeProvider clock)
{
    /// <summary>
    /// From this many rows in one import, foreign keys are checked once at the end (<see cref="BulkReferences"/>); when
    /// they are all new people, the indexes are built rather than kept (<see cref="SearchIndex.WithoutIndexesForBulkLoad"/>).
    /// </summary>
    public int BulkLoad { get; init; } = 50_000;

    /// <summary>The tables an import writes row by row.</summary>
    internal static readonly string[] WrittenTables = ["directory_compatriot", "directory_consent_event", "directory_search_term"];

    public const int ProgressEvery = 1_000;

    private static readonly string[] Columns =
    [
        "full_name", "search_name", "gender", "birth_year", "home_region", "district", "village", "country", "city",
        "time_zone", "language", "years_abroad", "willing", "interests", "sectors", "organization_id", "email", "phone",
        "telegram", .. Vocabulary.Channels.Select(channel => "consent_" + channel), "updated_at", "search_version",
    ];

    /// <summary>
    /// Writes <paramref name="rows"/>. With <paramref name="onlyOrganization"/> (a leader's import) every row joins
    /// that organisation, and its external ids are the organisation's own (<see cref="LeaderExternalIds"/>): an id
    /// that a person outside it also has makes a new member, exactly as an unused id does. A column the file left out
    /// (<paramref name="absent"/>) keeps what is stored for the people already there.
    /// </summary>
    public WriteResult Write(IReadOnlyList<(int Row, CompatriotInput Input)> rows, string source, long? onlyOrganization = null,
        WriteHooks? hooks = null, AbsentColumns? absent = null)
    {
        absent ??= AbsentColumns.None;
        var rejected = new List<ImportError>();
        var imported = 0;
        var updated = 0;
        var now = clock.GetUtcNow().ToDb();
        using var connection = db.Open();
        var engine = CompatriotsSql.Of(connection);
        using var ready = engine.ForImport(connection);
        using var references = rows.Count >= BulkLoad ? engine.SuspendReferences(connection) : null;
        using var transaction = connection.BeginTransaction();

        var organizations = connection.Query<(long Id, string Name)>("SELECT id, name FROM directory_organization ORDER BY id", transaction: transaction)
            .GroupBy(o => o.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Id, StringComparer.OrdinalIgnoreCase);
        // One read of who exists beats a lookup per row: a 100,000-row file would otherwise cost 100,000 queries.
        var existing = Existing(connection, transaction, rows, onlyOrganization, withStored: absent.Any);
        var own = PersonsOwn.Read(connection, transaction, existing.Values.Select(k => k.Id));
        var kept = new List<KeptChoices>();

        using var newPeople = engine.NewPeopleOf(connection, transaction, Columns, source, now);
        // The person is findable by the picker from the moment they are written, in the same transaction. A load of
        // many new people (a first import of a registry) builds the index's secondary indexes once at the end.
        using var terms = SearchIndex.Terms(connection, transaction);
        var bulk = existing.Count == 0 && rows.Count >= BulkLoad;
        var indexes = bulk ? SearchIndex.WithoutIndexesForBulkLoad(connection, transaction) : null;
        // The audience cells likewise: counted once at the end instead of statement by statement.
        var cells = rows.Count >= BulkLoad ? engine.CountCellsOnce(connection, transaction, onlyNewPeople: bulk) : null;
        using var changedPeople = engine.ChangedPeopleOf(connection, transaction, Columns, terms, source, now);
        using var newOrganization = engine.Prepare(connection, transaction, """
            INSERT INTO directory_organization (name, country, city, kind, created_at)
            VALUES (@name, @country, NULL, NULL, @at) RETURNING id
            """, "name", "country", "at");

        foreach (var (row, file) in rows)
        {
            var (externalId, known) = Match(existing, file.ExternalId, onlyOrganization);
            var given = absent.Completed(file, known?.Stored);
            if (absent.HideAnAddress && Unreachable(row, given) is { Count: > 0 } faults)
            {
                rejected.AddRange(faults);
                continue;
            }
            long? existingId = known?.Id;
            var oldConsent = known?.Consent ?? new bool[Vocabulary.Channels.Count];
            var (input, newConsent, keptFields) = known is null
                ? (given, Vocabulary.Channels.Select(given.Channels.Contains).ToArray(), [])
                : own.Apply(given, known.Id, known.Language, known.Sectors, oldConsent);
            if (keptFields.Count > 0) kept.Add(new KeptChoices(row, given.ExternalId, keptFields));

            var organizationId = onlyOrganization
                ?? (known is not null && absent.Contains("organization") ? known.OrganizationId : OrganizationOf(input, organizations, newOrganization, now));
            var values = Values(input, organizationId, newConsent, now);
            if (existingId is not { } id)
            {
                newPeople.Add(externalId, values,
                    written => terms.Add(new IndexedPerson(written, input.FullName, input.Phone, externalId, input.HomeRegion, organizationId)));
                cells?.Added(input, newConsent);
                imported++;
            }
            else
            {
                changedPeople.Add(new IndexedPerson(id, input.FullName, input.Phone, externalId, input.HomeRegion, organizationId), values,
                    ConsentChanges(oldConsent, newConsent));
                updated++;
            }
            if ((imported + updated) % ProgressEvery == 0) hooks?.Progress?.Invoke(imported + updated);
        }
        newPeople.Flush();
        changedPeople.Flush();
        terms.Flush();
        indexes?.Restore();
        references?.Check(transaction);
        cells?.Restore();
        var result = new WriteResult(imported, updated, rejected, kept);
        hooks?.BeforeCommit?.Invoke(connection, transaction, result);
        transaction.Commit();
        engine.AfterImport(connection, imported + updated);
        return result;
    }

    /// <summary>A row's values in the order of <see cref="Columns"/>.</summary>
    private static object?[] Values(CompatriotInput input, long? organizationId, bool[] consent, string now) =>
    [
        input.FullName, SearchName(input.FullName), input.Gender, input.BirthYear, input.HomeRegion, input.District, input.Village,
        input.Country, input.City, input.TimeZone, input.Language, input.YearsAbroad, input.Willing,
        StoredList.Join(input.Interests),
        StoredList.Join(input.Sectors),
        organizationId, input.Email, input.Phone, input.Telegram,
        .. consent.Select(granted => (object?)(granted ? 1 : 0)),
        now, SearchTerms.Version,
    ];

    private static List<ConsentChange> ConsentChanges(bool[] before, bool[] after)
    {
        var changes = new List<ConsentChange>();
        for (var i = 0; i < after.Length; i++)
            if (after[i] != before[i]) changes.Add(new ConsentChange(Vocabulary.Channels[i], after[i]));
        return changes;
    }

    public static string SearchName(string name) => name.ToLowerInvariant();

    private static long? OrganizationOf(CompatriotInput input, Dictionary<string, long> organizations, PreparedCommand create, string now)
    {
        if (string.IsNullOrWhiteSpace(input.Organization)) return null;
        var name = input.Organization.Trim();
        if (organizations.TryGetValue(name, out var id)) return id;
        id = (long)create.Set("name", name).Set("country", input.Country).Set("at", now).Scalar()!;
        organizations[name] = id;
        return id;
    }

    /// <summary>A person already in the directory; <see cref="Stored"/> only when the file left a column out.</summary>
    private sealed record Known(long Id, long? OrganizationId, bool[] Consent, string Language, string? Sectors, CompatriotInput? Stored);

    /// <summary>The row's consents whose address is neither in the file nor stored.</summary>
    private static List<ImportError> Unreachable(int row, CompatriotInput person) =>
        RowValidator.ConsentFaults(row, person.Channels, new RowValidator.Addresses(person.Email, person.Telegram, person.Phone)).ToList();

    /// <summary>
    /// The stored id a row stands for and the person it updates, if any. A leader's row matches a member under the
    /// organisation's own id, or a member imported earlier under the plain id; never a person outside the organisation.
    /// </summary>
    private static (string ExternalId, Known? Known) Match(Dictionary<string, Known> existing, string externalId, long? onlyOrganization)
    {
        if (onlyOrganization is not { } organization) return (externalId, existing.GetValueOrDefault(externalId));
        var qualified = LeaderExternalIds.Qualified(organization, externalId);
        if (existing.TryGetValue(qualified, out var member)) return (qualified, member);
        if (existing.TryGetValue(externalId, out var plain) && plain.OrganizationId == organization) return (externalId, plain);
        return (qualified, null);
    }

    private static Dictionary<string, Known> Existing(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        IReadOnlyList<(int Row, CompatriotInput Input)> rows, long? onlyOrganization, bool withStored)
    {
        var wanted = rows.Select(r => r.Input.ExternalId).ToHashSet(StringComparer.Ordinal);
        if (onlyOrganization is { } organization)
            wanted.UnionWith(rows.Select(r => LeaderExternalIds.Qualified(organization, r.Input.ExternalId)));
        var known = new Dictionary<string, Known>(StringComparer.Ordinal);
        if (wanted.Count == 0) return known;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = Db.BulkStatementSeconds;
        command.CommandText = $"""
            SELECT external_id, id, organization_id, consent_whatsapp, consent_telegram, consent_sms, consent_email, language, sectors
                   {(withStored ? ", " + string.Join(", ", StoredColumns) : "")}
            FROM directory_compatriot WHERE external_id IS NOT NULL
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var externalId = reader.GetString(0);
            if (!wanted.Contains(externalId)) continue;
            var consent = new bool[Vocabulary.Channels.Count];
            for (var i = 0; i < consent.Length; i++) consent[i] = reader.GetInt64(3 + i) == 1;
            var (language, sectors) = (reader.GetString(7), Text(reader, 8));
            known[externalId] = new Known(reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), consent,
                language, sectors, withStored ? Stored(reader, externalId, consent, language, sectors) : null);
        }
        return known;
    }

    /// <summary>What <see cref="Stored"/> reads besides the columns every match reads, from column 9 on.</summary>
    private static readonly string[] StoredColumns =
        ["full_name", "gender", "birth_year", "home_region", "district", "village", "country", "city", "time_zone", "years_abroad",
         "willing", "interests", "email", "phone", "telegram"];

    /// <summary>The person as stored, in the shape of an import row, for the columns a file left out.</summary>
    private static CompatriotInput Stored(System.Data.Common.DbDataReader reader, string externalId, bool[] consent, string language, string? sectors) =>
        new(externalId, reader.GetString(9), reader.GetString(10), reader.IsDBNull(11) ? null : Convert.ToInt32(reader.GetValue(11), System.Globalization.CultureInfo.InvariantCulture),
            Text(reader, 12), Text(reader, 13), Text(reader, 14), reader.GetString(15), Text(reader, 16), reader.GetString(17), language,
            Text(reader, 18), Text(reader, 19), StoredList.Split(Text(reader, 20)), StoredList.Split(sectors), null, Text(reader, 21), Text(reader, 22), Text(reader, 23),
            Vocabulary.Channels.Where((_, i) => consent[i]).ToList());

    private static string? Text(System.Data.Common.DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

}
