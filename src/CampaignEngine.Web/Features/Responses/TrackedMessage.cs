using CampaignEngine.Web.Infrastructure.Database;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>The message behind a tracking token, with what the public pages need to show it.</summary>
internal sealed record TrackedMessage
{
    public long Id { get; init; }
    public long CampaignId { get; init; }
    public long CompatriotId { get; init; }
    public string Channel { get; init; } = null!;
    public string Language { get; init; } = null!;
    public string Token { get; init; } = null!;
    public string ModuleId { get; init; } = null!;
    public string CampaignName { get; init; } = null!;
    public string? TitleKy { get; init; }
    public string? TitleRu { get; init; }
    public string? TitleEn { get; init; }
    public string Template { get; init; } = null!;
    public string FullName { get; init; } = null!;
    public string Country { get; init; } = null!;
    public string? City { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Telegram { get; init; }
    public string Gender { get; init; } = "unknown";
    public long? BirthYear { get; init; }
    public string? HomeRegion { get; init; }

    /// <summary>The person's own language (<see cref="Language"/> is the message's).</summary>
    public string PersonLanguage { get; init; } = "ru";

    /// <summary>The person as the desk keeps them on a thread, so a question asked through the link does not read them again.</summary>
    public Desk.SenderFacts Sender => new(PersonLanguage, Gender, HomeRegion);

    /// <summary>The person as a pledge made through this link records them, read with the message in one query.</summary>
    public Pledges.PersonSnapshot Person => new() { Gender = Gender, BirthYear = BirthYear, HomeRegion = HomeRegion, Country = Country };

    /// <summary>The campaign's titles: a public page shows the one in its reader's language, never the internal name while there is a title.</summary>
    public Campaigns.CampaignTitle Title => new(CampaignName, TitleKy, TitleRu, TitleEn);
}

/// <summary>The message behind a link, as a pledge through it needs it.</summary>
internal sealed record PledgeLink
{
    public long MessageId { get; init; }
    public long CampaignId { get; init; }
    public long CompatriotId { get; init; }
    public string Gender { get; init; } = "unknown";
    public long? BirthYear { get; init; }
    public string? HomeRegion { get; init; }
    public string Country { get; init; } = null!;

    public Pledges.PersonSnapshot Person => new() { Gender = Gender, BirthYear = BirthYear, HomeRegion = HomeRegion, Country = Country };
}

internal sealed class TrackedMessages(Db db, Sending.Ledger ledger, Consent consent) : IDisposable
{
    // Every public page and every pledge through a link starts here, so the lookup stays prepared.
    private readonly PreparedQuery<TrackedMessage> _byToken = new(db, """
        SELECT s.id, s.campaign_id AS CampaignId, s.compatriot_id AS CompatriotId, s.channel, s.language, s.token,
               c.module_id AS ModuleId, c.name AS CampaignName, c.template, c.title_ky AS TitleKy, c.title_ru AS TitleRu, c.title_en AS TitleEn,
               p.full_name AS FullName, p.country, p.city, p.email, p.phone, p.telegram,
               p.gender, p.birth_year AS BirthYear, p.home_region AS HomeRegion, p.language AS PersonLanguage
        FROM send_message s
        JOIN campaign c ON c.id = s.campaign_id
        JOIN directory_compatriot p ON p.id = s.compatriot_id
        WHERE s.token = @token
        """, "@token");

    // A pledge through a link needs only the message's keys and the person's snapshot.
    private readonly PreparedQuery<PledgeLink> _pledgeLinkByToken = new(db, """
        SELECT s.id AS MessageId, s.campaign_id AS CampaignId, s.compatriot_id AS CompatriotId,
               p.gender, p.birth_year AS BirthYear, p.home_region AS HomeRegion, p.country
        FROM send_message s
        JOIN directory_compatriot p ON p.id = s.compatriot_id
        WHERE s.token = @token
        """, "@token");

    public TrackedMessage? Find(string token) => IsToken(token) ? _byToken.First(token) : null;

    /// <summary>What a pledge made through the link records: the message and the person as they are now.</summary>
    public PledgeLink? FindForPledge(string token) => IsToken(token) ? _pledgeLinkByToken.First(token) : null;

    // Tokens are 32 hex characters; anything else is not worth a query.
    private static bool IsToken(string token) => token.Length == 32 && token.All(char.IsAsciiHexDigitLower);

    public void Dispose()
    {
        _byToken.Dispose();
        _pledgeLinkByToken.Dispose();
    }

    public void RecordClick(long messageId) => ledger.RecordClick(messageId);

    public void OptOut(TrackedMessage message, string source) => consent.OptOut(message.CompatriotId, message.Channel, source);

    public void OptOutEverywhere(TrackedMessage message, string source) => consent.OptOutEverywhere(message.CompatriotId, source);

    public bool IsOptedOut(TrackedMessage message) => !consent.HasConsent(message.CompatriotId, message.Channel);
}
