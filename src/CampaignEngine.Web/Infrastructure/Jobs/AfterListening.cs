namespace CampaignEngine.Web.Infrastructure.Jobs;

/// <summary>
/// A hosted service whose start-up work registers or queues Hangfire jobs, done in <see cref="StartedAsync"/>: after
/// every hosted service has started, the web server included, so the host answers while it runs. Host.StartAsync (and
/// so a test's host) still returns only once it is done. For work that nothing the host answers waits for; work that
/// must come first (e.g. giving back rows a crash left half-sent before Hangfire's server can claim them) stays in
/// <see cref="StartAsync"/>.
/// </summary>
internal abstract class AfterListening : IHostedLifecycleService
{
    public virtual Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task StartedAsync(CancellationToken cancellationToken);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
