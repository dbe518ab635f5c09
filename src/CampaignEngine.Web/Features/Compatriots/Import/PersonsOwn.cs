using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// A row of an import's fields that the person chose themselves, and which the import therefore did not change: the
/// file's column (<c>language</c>, <c>sectors</c>) or the channel of the <c>channels</c> column (<c>channels.sms</c>).
/// </summary>
internal sealed record KeptChoices(int Row, string ExternalId, IReadOnlyList<string> Fields);

/// <summary>
/// What the people of an import chose themselves, read once for the whole file, and applied to each of their rows. The
/// rule follows consent (design §4: consent and opt-out are the person's): a channel whose latest consent change came
/// from the person (their page, an unsubscribe link, a STOP reply: any source but an import or demo data) keeps the person's answer, on or off, whatever the file says; so do the language and sectors they changed
/// on their page (<see cref="OwnChoices"/>). Everything else on the row is staff's and is updated.
/// </summary>
internal sealed class PersonsOwn(HashSet<(long CompatriotId, string Channel)> consents, Dictionary<long, HashSet<string>> fields)
{
    public static PersonsOwn Read(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IEnumerable<long> compatriotIds)
    {
        // The sources of consent changes that are not the person's own.
        var consents = connection.Query<(long, string)>("""
            SELECT e.compatriot_id, e.channel
            FROM directory_consent_event e
            WHERE e.id IN (SELECT MAX(id) FROM directory_consent_event GROUP BY compatriot_id, channel)
              AND e.source NOT IN ('import', 'demo')
            """, transaction: transaction, commandTimeout: Db.BulkStatementSeconds).ToHashSet();
        return new PersonsOwn(consents, OwnChoices.Of(connection, transaction, compatriotIds));
    }

    /// <summary>
    /// The row as it is written for a person already in the directory: their own language and sectors in place of the
    /// file's, each channel's consent as they left it where it is theirs, and the fields so kept where the file differs.
    /// </summary>
    public (CompatriotInput Input, bool[] Consent, IReadOnlyList<string> Kept) Apply(
        CompatriotInput given, long compatriotId, string language, string? sectors, bool[] consent)
    {
        var kept = new List<string>();
        var input = given;
        var chosen = fields.GetValueOrDefault(compatriotId);
        if (chosen?.Contains(OwnChoices.Language) == true && given.Language != language)
        {
            input = input with { Language = language };
            kept.Add(OwnChoices.Language);
        }
        var ownSectors = StoredList.Split(sectors);
        if (chosen?.Contains(OwnChoices.Sectors) == true && !given.Sectors.ToHashSet().SetEquals(ownSectors))
        {
            input = input with { Sectors = ownSectors };
            kept.Add(OwnChoices.Sectors);
        }
        var written = new bool[Vocabulary.Channels.Count];
        for (var i = 0; i < written.Length; i++)
        {
            var channel = Vocabulary.Channels[i];
            var wanted = given.Channels.Contains(channel);
            written[i] = consents.Contains((compatriotId, channel)) ? consent[i] : wanted;
            if (written[i] != wanted) kept.Add("channels." + channel);
        }
        return (input, written, kept);
    }
}
