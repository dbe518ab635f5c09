using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>An answer as its delivery reads it: the thread's module and person, and what the person can be reached on.</summary>
internal sealed record StoredAnswer
{
    public long Id { get; init; }
    public long ThreadId { get; init; }
    public string Channel { get; init; } = "";
    public long? AuthorId { get; init; }
    public long? CampaignId { get; init; }
    public string ModuleId { get; init; } = "";
    public long CompatriotId { get; init; }
    /// <summary>The channel of the message whose link the person used (a question asked on the landing page).</summary>
    public string? LinkChannel { get; init; }
    public bool ConsentWhatsapp { get; init; }
    public bool ConsentTelegram { get; init; }
    public bool ConsentSms { get; init; }
    public bool ConsentEmail { get; init; }
    public string? Phone { get; init; }
    public string? Telegram { get; init; }
    public string? Email { get; init; }

    public bool Consents(string channel) => channel switch
    {
        "whatsapp" => ConsentWhatsapp,
        "telegram" => ConsentTelegram,
        "sms" => ConsentSms,
        "email" => ConsentEmail,
        _ => false,
    };

    public bool HasAddress(string channel) => !string.IsNullOrWhiteSpace(channel switch
    {
        "whatsapp" or "sms" => Phone,
        "telegram" => Telegram,
        "email" => Email,
        _ => null,
    });
}

/// <summary>
/// Where an answer goes: back on the channel the person wrote on. A question from the landing page (channel <c>web</c>)
/// is answered on the channel of the message whose link they used, else on their first consented channel.
/// </summary>
internal static class AnswerChannel
{
    /// <summary>The columns of <c>directory_compatriot c</c> that <see cref="StoredAnswer"/> reads.</summary>
    public const string PersonColumns = """
        c.consent_whatsapp AS ConsentWhatsapp, c.consent_telegram AS ConsentTelegram, c.consent_sms AS ConsentSms, c.consent_email AS ConsentEmail,
        c.phone AS Phone, c.telegram AS Telegram, c.email AS Email
        """;

    public static string Choose(StoredAnswer answer)
    {
        if (Vocabulary.Channels.Contains(answer.Channel)) return answer.Channel;
        if (answer.LinkChannel is { } link && Vocabulary.Channels.Contains(link)) return link;
        return Vocabulary.Channels.FirstOrDefault(c => answer.Consents(c) && answer.HasAddress(c))
            ?? Vocabulary.Channels.FirstOrDefault(answer.HasAddress)
            ?? Vocabulary.Channels[0];
    }

    /// <summary>
    /// The answer campaign's channels: a reply stays on the channel the person wrote on (an opt-out there is not routed
    /// around); a question from the page may fall back to the person's other channels when the first fails.
    /// </summary>
    public static IReadOnlyList<string> Order(StoredAnswer answer, string channel) =>
        Vocabulary.Channels.Contains(answer.Channel) ? [channel] : [channel, .. Vocabulary.Channels.Where(c => c != channel)];
}
