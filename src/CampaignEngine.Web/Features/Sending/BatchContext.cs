using System.Data;
using Dapper;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>The campaign and recipients of one claimed batch, read in two queries instead of one per message.</summary>
public sealed record BatchContext(BatchContext.CampaignInfo Campaign, IReadOnlyDictionary<long, BatchContext.Recipient> Recipients)
{
    public static BatchContext Load(IDbConnection connection, long campaignId, IEnumerable<long> compatriotIds)
    {
        var campaign = connection.QuerySingle<CampaignInfo>(
            "SELECT id AS Id, module_id AS ModuleId, name AS Name, template AS Template, channels AS Channels, purpose AS Purpose FROM campaign WHERE id = @campaignId",
            new { campaignId });
        var recipients = connection.Query<RecipientConsent>("""
            SELECT id AS Id, full_name AS FullName, language AS Language, country AS Country, city AS City,
                   email AS Email, phone AS Phone, telegram AS Telegram,
                   consent_whatsapp AS Whatsapp, consent_telegram AS TelegramConsent, consent_sms AS Sms, consent_email AS EmailConsent
            FROM directory_compatriot WHERE id IN @ids
            """, new { ids = compatriotIds.Distinct().ToArray() })
            .ToDictionary(r => r.Id, r => new Recipient(
                new RecipientRow(r.Id, r.FullName, r.Language, r.Country, r.City, r.Email, r.Phone, r.Telegram),
                new Dictionary<string, bool> { ["whatsapp"] = r.Whatsapp, ["telegram"] = r.TelegramConsent, ["sms"] = r.Sms, ["email"] = r.EmailConsent }));
        return new BatchContext(campaign, recipients);
    }

    public sealed record CampaignInfo
    {
        public long Id { get; init; }
        public string ModuleId { get; init; } = null!;
        public string Name { get; init; } = null!;
        public string Template { get; init; } = null!;
        public string Channels { get; init; } = "";
        public string Purpose { get; init; } = "appeal";

        /// <summary>
        /// The channel to try after <paramref name="failed"/> for this person: the next one in the campaign's
        /// priority order that they consented to and have an address for; null when there is none.
        /// </summary>
        public string? FallbackAfter(string failed, Recipient? recipient)
        {
            if (recipient is null) return null;
            var order = Channels.Split(';', StringSplitOptions.RemoveEmptyEntries);
            return order.SkipWhile(c => c != failed).Skip(1)
                .FirstOrDefault(c => recipient.Consents(c) && !string.IsNullOrEmpty(recipient.AddressFor(c)));
        }
    }

    public sealed record Recipient(RecipientRow Row, IReadOnlyDictionary<string, bool> Consent)
    {
        public bool Consents(string channel) => Consent.TryGetValue(channel, out var yes) && yes;

        public string? AddressFor(string channel) => Core.Reference.Vocabulary.AddressField(channel) switch
        {
            "phone" => Row.Phone,
            "telegram" => Row.Telegram,
            "email" => Row.Email,
            _ => null,
        };
    }

    private sealed record RecipientConsent
    {
        public long Id { get; init; }
        public string FullName { get; init; } = null!;
        public string Language { get; init; } = null!;
        public string Country { get; init; } = null!;
        public string? City { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Telegram { get; init; }
        public bool Whatsapp { get; init; }
        public bool TelegramConsent { get; init; }
        public bool Sms { get; init; }
        public bool EmailConsent { get; init; }
    }
}
