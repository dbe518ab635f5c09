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

public sealed class TrackedMessages(Db db, TimeProvider clock)
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

    /// <summary>
    /// Withdraws consent for the message's channel: recorded with time and source, and every message
    /// still waiting for this person on this channel is skipped, in every campaign.
    /// </summary>
    public void OptOut(TrackedMessage message, string source)
    {
        var column = ConsentColumn(message.Channel);
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var changed = connection.Execute($"UPDATE directory_compatriot SET {column} = 0, updated_at = @now WHERE id = @CompatriotId AND {column} = 1",
            new { message.CompatriotId, now }, transaction);
        if (changed > 0)
            connection.Execute("""
                INSERT INTO directory_consent_event (compatriot_id, channel, granted, source, at) VALUES (@CompatriotId, @Channel, 0, @source, @now)
                """, new { message.CompatriotId, message.Channel, source, now }, transaction);
        connection.Execute("""
            UPDATE send_message SET status = 'skipped', error = 'opted-out'
            WHERE compatriot_id = @CompatriotId AND channel = @Channel AND status = 'pending'
            """, new { message.CompatriotId, message.Channel }, transaction);
        transaction.Commit();
    }

    public bool IsOptedOut(TrackedMessage message)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>($"SELECT {ConsentColumn(message.Channel)} FROM directory_compatriot WHERE id = @CompatriotId", new { message.CompatriotId }) == 0;
    }

    // Column names cannot be parameters; they come from this closed list only.
    private static string ConsentColumn(string channel) => channel switch
    {
        "whatsapp" => "consent_whatsapp",
        "telegram" => "consent_telegram",
        "sms" => "consent_sms",
        "email" => "consent_email",
        _ => throw new InvalidOperationException($"Unknown channel {channel}"),
    };
}
