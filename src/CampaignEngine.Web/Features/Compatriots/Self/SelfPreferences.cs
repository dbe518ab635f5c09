using System.Data;
using System.Globalization;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots.Self;

/// <summary>One channel as the person's page shows it: whether they agreed to it, and whether there is an address for it.</summary>
internal sealed record ChannelState(string Channel, bool On, bool HasAddress);

/// <summary>What the person's own page shows and lets them change, read in two queries.</summary>
internal sealed record OwnPreferences(
    long CompatriotId, string FullName, string Language, string Country, string? HomeRegion, IReadOnlyList<ChannelState> Channels,
    IReadOnlyList<string> ChannelOrder, int? MaxPerMonth, DateOnly? PausedUntil, IReadOnlyList<string> Sectors,
    IReadOnlyList<ProposedChange> Proposed);

/// <summary>The limits kept in <c>directory_preference</c>: all null is no row at all.</summary>
internal sealed record StoredLimits(IReadOnlyList<string> ChannelOrder, int? MaxPerMonth, DateOnly? PausedUntil)
{
    public bool IsEmpty => ChannelOrder.Count == 0 && MaxPerMonth is null && PausedUntil is null;
}

/// <summary>
/// The person's own preferences (<c>directory_preference</c>, and language and sectors on their directory row), read for
/// their page and written when they change them there. The writes run inside the caller's transaction, which also
/// records the consents they turn on or off, so one save is applied whole or not at all.
/// </summary>
internal sealed class SelfPreferences(Db db)
{
    public OwnPreferences? Read(long compatriotId)
    {
        using var connection = db.Open();
        var row = connection.QuerySingleOrDefault<PreferenceRow>("""
            SELECT c.id AS Id, c.full_name AS FullName, c.language AS Language, c.country AS Country, c.home_region AS HomeRegion,
                   c.sectors AS Sectors, c.email AS Email, c.phone AS Phone, c.telegram AS Telegram,
                   c.consent_whatsapp AS ConsentWhatsapp, c.consent_telegram AS ConsentTelegram, c.consent_sms AS ConsentSms, c.consent_email AS ConsentEmail,
                   p.channel_order AS ChannelOrder, p.max_per_month AS MaxPerMonth, p.paused_until AS PausedUntil
            FROM directory_compatriot c LEFT JOIN directory_preference p ON p.compatriot_id = c.id
            WHERE c.id = @compatriotId AND c.erased_at IS NULL
            """, new { compatriotId });
        if (row is null) return null;
        var channels = Vocabulary.Channels.Select(channel => new ChannelState(channel, row.Consents(channel), !string.IsNullOrEmpty(row.AddressFor(channel)))).ToList();
        return new OwnPreferences(row.Id, row.FullName, row.Language, row.Country, row.HomeRegion, channels, StoredList.Split(row.ChannelOrder),
            row.MaxPerMonth, row.PausedUntil is { } paused ? DateOnly.ParseExact(paused, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            StoredList.Split(row.Sectors), ProposedChanges.Open(connection, compatriotId));
    }

    /// <summary>Writes the limits (no row when all are empty) inside the caller's transaction.</summary>
    public static void SaveLimits(IDbConnection connection, IDbTransaction transaction, long compatriotId, StoredLimits limits, DateTimeOffset now)
    {
        if (limits.IsEmpty)
        {
            connection.Execute("DELETE FROM directory_preference WHERE compatriot_id = @compatriotId", new { compatriotId }, transaction);
            return;
        }
        connection.Execute("""
            INSERT INTO directory_preference (compatriot_id, channel_order, max_per_month, paused_until, updated_at)
            VALUES (@compatriotId, @order, @max, @paused, @now)
            ON CONFLICT (compatriot_id) DO UPDATE SET channel_order = excluded.channel_order, max_per_month = excluded.max_per_month,
                paused_until = excluded.paused_until, updated_at = excluded.updated_at
            """, new
        {
            compatriotId, now, max = limits.MaxPerMonth,
            order = StoredList.Join(limits.ChannelOrder),
            paused = limits.PausedUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, transaction);
    }

    /// <summary>
    /// The language the person is written and shown pages in, and the sectors they care about, on their directory row.
    /// A field the person changes becomes their own choice (<see cref="OwnChoices"/>), which a later import keeps.
    /// </summary>
    public static void SaveLanguageAndSectors(IDbConnection connection, IDbTransaction transaction, OwnPreferences current, string language,
        IReadOnlyList<string> sectors, DateTimeOffset now)
    {
        var compatriotId = current.CompatriotId;
        connection.Execute("""
            UPDATE directory_compatriot SET language = @language, sectors = @sectors, updated_at = @now WHERE id = @compatriotId
            """, new { compatriotId, language, sectors = StoredList.Join(sectors), now }, transaction);
        if (language != current.Language) OwnChoices.Record(connection, transaction, compatriotId, OwnChoices.Language, now);
        if (!sectors.ToHashSet().SetEquals(current.Sectors)) OwnChoices.Record(connection, transaction, compatriotId, OwnChoices.Sectors, now);
    }

    private sealed record PreferenceRow
    {
        public long Id { get; init; }
        public string FullName { get; init; } = "";
        public string Language { get; init; } = "ky";
        public string Country { get; init; } = "";
        public string? HomeRegion { get; init; }
        public string? Sectors { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Telegram { get; init; }
        public long ConsentWhatsapp { get; init; }
        public long ConsentTelegram { get; init; }
        public long ConsentSms { get; init; }
        public long ConsentEmail { get; init; }
        public string? ChannelOrder { get; init; }
        public int? MaxPerMonth { get; init; }
        public string? PausedUntil { get; init; }

        public bool Consents(string channel) => channel switch
        {
            "whatsapp" => ConsentWhatsapp == 1,
            "telegram" => ConsentTelegram == 1,
            "sms" => ConsentSms == 1,
            _ => ConsentEmail == 1,
        };

        public string? AddressFor(string channel) => Vocabulary.AddressField(channel) switch
        {
            "phone" => Phone,
            "telegram" => Telegram,
            _ => Email,
        };
    }
}
