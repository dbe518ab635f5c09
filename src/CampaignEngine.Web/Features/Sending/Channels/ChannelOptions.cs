namespace CampaignEngine.Web.Features.Sending.Channels;

/// <summary>
/// Settings shared by every provider under <c>Channels:{Name}</c>. A channel is "configured" only when
/// its provider settings are complete; otherwise the router keeps it on the file outbox.
/// </summary>
internal abstract class ChannelOptions
{
    /// <summary>Messages per second for this channel, shared by every worker of every host using the same database; 0 or less means unlimited.</summary>
    public double? RatePerSecond { get; set; }

    /// <summary>
    /// Messages per UTC day across every host sharing the database (a provider's daily cap, e.g. WhatsApp's
    /// messaging tier); null means none. Past it, messages wait for the next day instead of failing.
    /// </summary>
    public int? RatePerDay { get; set; }

    /// <summary>Per-call timeout: a hung provider must not hold a batch for ever.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Messages of one batch in flight at once on this channel: a provider's latency, not our CPU, bounds a serial send.</summary>
    public int Concurrency { get; set; } = 4;

    public virtual int Parallelism => Math.Max(1, Concurrency);

    public abstract bool IsConfigured { get; }
    public abstract double DefaultRatePerSecond { get; }
    public double EffectiveRatePerSecond => RatePerSecond ?? DefaultRatePerSecond;
}

internal sealed class EmailOptions : ChannelOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? From { get; set; }
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>null: STARTTLS when the server offers it; true: TLS required; false: plain text.</summary>
    public bool? UseTls { get; set; }
    /// <summary>Open connections kept for reuse; each worker takes one, so this bounds parallel SMTP sessions.</summary>
    public int PoolSize { get; set; } = 4;

    /// <summary>One message per pooled connection: more workers would only queue for a connection.</summary>
    public override int Parallelism => Math.Max(1, PoolSize);

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
    public override double DefaultRatePerSecond => 50;
}

internal sealed class TelegramOptions : ChannelOptions
{
    public string? BaseUrl { get; set; }
    public string? Token { get; set; }

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(Token);
    public override double DefaultRatePerSecond => 30;
}

internal sealed class WhatsAppOptions : ChannelOptions
{
    public string BaseUrl { get; set; } = "https://graph.facebook.com/v21.0";
    public string? PhoneNumberId { get; set; }
    public string? Token { get; set; }
    /// <summary>The approved message template; WhatsApp allows business-initiated contact only through templates.</summary>
    public string TemplateName { get; set; } = "campaign_appeal";

    /// <summary>
    /// The approved template that tells a person an answer waits behind their link, when their last WhatsApp message is
    /// older than WhatsApp's 24-hour service window (first name and the answer page's link, like the appeal's).
    /// </summary>
    public string AnswerTemplateName { get; set; } = "desk_answer";

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(PhoneNumberId) && !string.IsNullOrWhiteSpace(Token);
    public override double DefaultRatePerSecond => 80;
}

internal sealed class SmsOptions : ChannelOptions
{
    public string? BaseUrl { get; set; }
    public string? Token { get; set; }

    public override bool IsConfigured => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(Token);
    public override double DefaultRatePerSecond => 10;
}
