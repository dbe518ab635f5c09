using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Responses;

/// <summary>The message behind a tracking token, with what the public pages need to show it.</summary>
public sealed record TrackedMessage
{
    public long Id { get; init; }
    public long CampaignId { get; init; }
    public long CompatriotId { get; init; }
    public string Channel { get; init; } = null!;
    public string Language { get; init; } = null!;
    public string Token { get; init; } = null!;
    public string ModuleId { get; init; } = null!;
    public string CampaignName { get; init; } = null!;
    public string Template { get; init; } = null!;
    public string FullName { get; init; } = null!;
    public string Country { get; init; } = null!;
    public string? City { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Telegram { get; init; }
}

public sealed class TrackedMessages(Db db, TimeProvider clock, Consent consent)
{
    public TrackedMessage? Find(string token)
    {
        // Tokens are 32 hex characters; anything else is not worth a query.
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return null;
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<TrackedMessage>("""
            SELECT s.id, s.campaign_id AS CampaignId, s.compatriot_id AS CompatriotId, s.channel, s.language, s.token,
                   c.module_id AS ModuleId, c.name AS CampaignName, c.template,
                   p.full_name AS FullName, p.country, p.city, p.email, p.phone, p.telegram
            FROM send_message s
            JOIN campaign c ON c.id = s.campaign_id
            JOIN directory_compatriot p ON p.id = s.compatriot_id
            WHERE s.token = @token
            """, new { token });
    }

    public void RecordClick(long messageId)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE send_message SET clicks = clicks + 1, clicked_at = COALESCE(clicked_at, @now) WHERE id = @messageId",
            new { messageId, now = clock.GetUtcNow() });
    }

    public void OptOut(TrackedMessage message, string source) => consent.OptOut(message.CompatriotId, message.Channel, source);

    public bool IsOptedOut(TrackedMessage message) => !consent.HasConsent(message.CompatriotId, message.Channel);
}
