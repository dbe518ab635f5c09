using System.Diagnostics.Metrics;
using CampaignEngine.Web.Infrastructure.Metrics;

namespace CampaignEngine.Web.Features.Pledges;

/// <summary>Pledge intake on <c>/metrics</c>: pledges written, by who recorded them (the person through a link or an offer confirmed for them: self; leader; officer) and kind.</summary>
internal sealed class PledgeMetrics(ProductMeter meter) : IMetricSource
{
    private readonly Counter<long> _recorded = meter.Meter.CreateCounter<long>("campaignengine.pledges.recorded",
        description: "Pledges written, by who recorded them (source: self, leader, officer) and kind (money, time, goods).");

    public void Recorded(NewPledge row) =>
        _recorded.Add(1, new KeyValuePair<string, object?>("source", row.RecordedBy), new KeyValuePair<string, object?>("kind", row.Kind));
}
