using CampaignEngine.Web.Features.Audit;
using Hangfire;

namespace CampaignEngine.Web.Features.Privacy.Requests;

/// <summary>
/// Runs a confirmed request's erasure: the complete one staff run by hand (<see cref="PersonalData.Erase"/>, every
/// feature's contributor in one transaction, files after it), which also marks the request erased. Keyed by the
/// request's id and checked against its state, so a retry, a second enqueue or a restart erases once.
/// </summary>
internal sealed class ErasureJob(ErasureRequests requests, PersonalData personalData, AuditLog audit)
{
    [AutomaticRetry(Attempts = 5)]
    public void Run(long requestId)
    {
        // An erased request is erased again (it changes nothing more): a retry after the transaction committed but
        // before every file was redacted must still redact them.
        if (requests.Find(requestId) is not { State: ErasureRequest.Confirmed or ErasureRequest.Erased } request) return;
        personalData.Erase(request.CompatriotId);
        if (request.State == ErasureRequest.Confirmed)
            audit.Append(null, "system", "privacy.erasure.done", $"erasure-request/{requestId}", new { compatriot = request.CompatriotId });
    }
}

/// <summary>At start, queues again the confirmed requests whose erasure has not run, whatever Hangfire's store kept (the erasure is safe to repeat).</summary>
internal sealed class ErasureRecovery(ErasureRequests requests, IBackgroundJobClient jobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in requests.ConfirmedNotRun()) jobs.Enqueue<ErasureJob>(j => j.Run(id));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
