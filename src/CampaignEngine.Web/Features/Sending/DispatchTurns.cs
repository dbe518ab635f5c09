using System.Collections.Concurrent;

namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// One dispatch per campaign at a time in this host: the minutely sweep and a launch's own job may both start one,
/// and two would each keep a batch claimed ahead. A singleton of the host (not process-wide state), so the hosts that
/// tests run side by side in one process, each with its own database and its own campaign 1, never wait for each other.
/// </summary>
internal sealed class DispatchTurns
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _turns = new();

    /// <summary>The campaign's turn: whoever holds it dispatches the campaign; the others wait for it.</summary>
    public SemaphoreSlim Of(long campaignId) => _turns.GetOrAdd(campaignId, _ => new SemaphoreSlim(1, 1));
}
