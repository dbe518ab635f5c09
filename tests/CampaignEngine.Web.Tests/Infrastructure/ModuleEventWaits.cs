using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>Module events are handled in jobs after the action that raised them: tests wait for those jobs, not a time.</summary>
public static class ModuleEventWaits
{
    /// <summary>Raises <paramref name="domainEvent"/> as the host does and waits until every module's job for it has run.</summary>
    public static async Task RaiseAndWaitAsync<TEvent>(this TestHost host, TEvent domainEvent) where TEvent : IDomainEvent
    {
        await host.Services.GetRequiredService<ModuleEvents>().RaiseAsync(domainEvent);
        await HandledAsync(host);
    }

    /// <summary>Waits until no module event waits for its handlers any more.</summary>
    public static Task HandledAsync(TestHost host) =>
        Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(host, "SELECT COUNT(*) FROM module_event WHERE handled_at IS NULL") == 0));
}
