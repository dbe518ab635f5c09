using System.Linq.Expressions;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;

namespace CampaignEngine.Web.Infrastructure.Jobs;

/// <summary>
/// Registers (or removes) a feature's recurring jobs at start-up without letting a dead host's lock stop this host from
/// starting. Hangfire takes a lock per recurring job to add or update it, and its stores keep locks as rows: a host
/// killed while it held one (registering the job at its own start, or firing it) leaves the row until the store takes
/// it as abandoned (<see cref="JobStore.PostgreSqlLockTimeout"/> on PostgreSQL). Hangfire gives up after 15 s, and a
/// throw from a hosted service fails the whole host: a host restarted after a crash could not start. The job is
/// already in the store (the dead host had registered it), so this host starts, says so, and registers it again in the
/// background once the lock is free. Whether the lock is held is asked first, without waiting (<see cref="LockIsFree"/>):
/// otherwise each locked job held the start for Hangfire's 15 s before the host went on.
/// </summary>
internal sealed class RecurringRegistration(IRecurringJobManager recurring, JobStorage storage, IHostApplicationLifetime lifetime, ILogger<RecurringRegistration> logger)
{
    /// <summary>The pause between attempts; each attempt itself waits for the lock as long as Hangfire does (15 s).</summary>
    internal static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>Adds or updates the recurring job <paramref name="jobId"/> (see <see cref="Register"/>).</summary>
    public void AddOrUpdate<T>(string jobId, Expression<Action<T>> job, string cron) => Register(jobId, r => r.AddOrUpdate(jobId, job, cron));

    /// <summary>Adds or updates the recurring job <paramref name="jobId"/> (see <see cref="Register"/>).</summary>
    public void AddOrUpdate<T>(string jobId, Expression<Func<T, Task>> job, string cron) => Register(jobId, r => r.AddOrUpdate(jobId, job, cron));

    /// <summary>Removes the recurring job <paramref name="jobId"/> if the store has it (see <see cref="Register"/>).</summary>
    public void RemoveIfExists(string jobId) => Register(jobId, r => r.RemoveIfExists(jobId));

    /// <summary>Runs <paramref name="registration"/> now, or, if a lock stands in its way, in the background until it succeeds or the host stops.</summary>
    private void Register(string jobId, Action<IRecurringJobManager> registration)
    {
        if (LockIsFree(jobId) && TryOnce(jobId, registration)) return;
        var stopping = lifetime.ApplicationStopping;
        _ = Task.Run(() => RetryAsync(jobId, registration, stopping), stopping);
    }

    private async Task RetryAsync(string jobId, Action<IRecurringJobManager> registration, CancellationToken stopping)
    {
        try
        {
            do await Task.Delay(RetryAfter, stopping);
            while (!TryOnce(jobId, registration));
            logger.LogInformation("Registered the recurring job {JobId} once its lock was free", jobId);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host stops; the next one registers it at its start.
        }
        catch (Exception e)
        {
            // Not a lock (the database gone, say): nobody awaits this task, so it is said here or nowhere.
            logger.LogError(e, "Could not register the recurring job {JobId}; the next start registers it", jobId);
        }
    }

    private bool TryOnce(string jobId, Action<IRecurringJobManager> registration)
    {
        try
        {
            registration(recurring);
            return true;
        }
        catch (Exception e) when (IsLockHeld(e))
        {
            SayLocked(jobId, e);
            return false;
        }
    }

    /// <summary>
    /// Takes and at once gives back the lock Hangfire takes to add, update or remove the job, waiting for nothing. The
    /// resource is named as Hangfire's <c>RecurringJobManager</c> names it ("lock:recurring-job:" and the id); were that ever
    /// to change, this would ask about a lock nobody takes and the start would wait as it did before, nothing worse.
    /// </summary>
    private bool LockIsFree(string jobId)
    {
        try
        {
            using var connection = storage.GetConnection();
            using (connection.AcquireDistributedLock("lock:recurring-job:" + jobId, TimeSpan.Zero)) return true;
        }
        catch (Exception e) when (IsLockHeld(e))
        {
            SayLocked(jobId, e);
            return false;
        }
    }

    private void SayLocked(string jobId, Exception e) =>
        logger.LogWarning("The recurring job {JobId} is locked (by a host that stopped while holding it, or one registering it now); the host goes on and registers it in the background once the lock is free: {Reason}",
            jobId, e.Message);

    /// <summary>The two stores' ways of saying the lock was not free in time; the one place that knows them.</summary>
    private static bool IsLockHeld(Exception e) => e is DistributedLockTimeoutException or PostgreSqlDistributedLockException;
}
