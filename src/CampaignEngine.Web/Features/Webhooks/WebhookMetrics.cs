using System.Diagnostics.Metrics;
using CampaignEngine.Web.Infrastructure.Metrics;

namespace CampaignEngine.Web.Features.Webhooks;

/// <summary>Provider callbacks refused, by channel and reason: a rise in "signature" is a wrong secret or someone knocking.</summary>
internal sealed class WebhookMetrics(ProductMeter meter) : IMetricSource
{
    public const string Unconfigured = "unconfigured", TooLarge = "too-large", Signature = "signature", Stale = "stale", Malformed = "malformed";

    private readonly Counter<long> _rejected = meter.Meter.CreateCounter<long>("campaignengine.webhooks.rejected",
        description: "Provider callbacks refused, by channel and reason (unconfigured, too-large, signature, stale, malformed).");

    public void Rejected(string channel, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("reason", reason));
}
