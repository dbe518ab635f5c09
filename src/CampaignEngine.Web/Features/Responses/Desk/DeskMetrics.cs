using System.Diagnostics.Metrics;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Metrics;
using Dapper;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>
/// The desk's backlog on <c>/metrics</c>: threads waiting for an answer (new or assigned), per module, read at each
/// scrape from the counts the triggers keep (migration 0040), so it costs the same on a million threads.
/// </summary>
internal sealed class DeskMetrics : IMetricSource
{
    private readonly Db _db;

    public DeskMetrics(ProductMeter meter, Db db)
    {
        _db = db;
        meter.Meter.CreateObservableGauge("campaignengine.desk.waiting", Waiting,
            description: "Desk threads waiting for an answer (new or assigned), by module.");
    }

    private IEnumerable<Measurement<long>> Waiting()
    {
        using var connection = _db.Open();
        return connection.Query<(string Module, long Threads)>(
                "SELECT module_id, SUM(n) FROM response_thread_count WHERE waiting = 1 GROUP BY module_id ORDER BY module_id")
            .Select(row => new Measurement<long>(row.Threads, new KeyValuePair<string, object?>("module", row.Module)))
            .ToList();
    }
}
