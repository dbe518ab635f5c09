using System.Diagnostics.Metrics;
using CampaignEngine.Web.Infrastructure.Metrics;
using Hangfire;

namespace CampaignEngine.Web.Infrastructure.Jobs;

/// <summary>Hangfire's jobs on <c>/metrics</c>, by state: failed jobs are the ones that used up their retries and wait for someone on <c>/jobs</c>.</summary>
internal sealed class JobMetrics : IMetricSource
{
    private readonly JobStorage _storage;

    public JobMetrics(ProductMeter meter, JobStorage storage)
    {
        _storage = storage;
        meter.Meter.CreateObservableGauge("campaignengine.jobs", Jobs,
            description: "Background jobs in Hangfire's store by state (enqueued, scheduled, processing, failed).");
    }

    private IEnumerable<Measurement<long>> Jobs()
    {
        var statistics = _storage.GetMonitoringApi().GetStatistics();
        return
        [
            Of("enqueued", statistics.Enqueued), Of("scheduled", statistics.Scheduled),
            Of("processing", statistics.Processing), Of("failed", statistics.Failed),
        ];
    }

    private static Measurement<long> Of(string state, long jobs) => new(jobs, new KeyValuePair<string, object?>("state", state));
}
