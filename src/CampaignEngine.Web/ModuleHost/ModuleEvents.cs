using System.Data;
using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Publishes domain events to the handlers modules registered, never inside the request that raised them. Raising
/// writes one delivery per module that handles the event (<c>module_event</c>), in the raiser's own transaction, so the
/// event exists exactly when what it reports does; after the commit each delivery runs as its own Hangfire job
/// (<see cref="ModuleEventJob"/>), so one module's failure is retried alone and stops neither the others nor the
/// action. Delivery is at least once: handlers must be safe to repeat. Modules never call each other; they only react
/// to what the host publishes here.
/// </summary>
internal sealed class ModuleEvents
{
    private readonly Db _db;
    private readonly TimeProvider _clock;
    private readonly IBackgroundJobClient _jobs;
    private readonly ILogger<ModuleEvents> _logger;

    public ModuleEvents(ModuleRegistry registry, Db db, TimeProvider clock, IBackgroundJobClient jobs, ILogger<ModuleEvents> logger)
        : this(registry.Enabled, db, clock, jobs, logger) { }

    /// <summary>Events for the given modules (a test adds its own module beside the enabled ones).</summary>
    internal ModuleEvents(IEnumerable<LoadedModule> modules, Db db, TimeProvider clock, IBackgroundJobClient jobs, ILogger<ModuleEvents> logger)
    {
        Handlers = new ModuleHandlers(modules);
        _db = db;
        _clock = clock;
        _jobs = jobs;
        _logger = logger;
    }

    internal ModuleHandlers Handlers { get; }

    /// <summary>Whether any module handles <typeparamref name="TEvent"/>: a hot path raising nobody hears of writes nothing.</summary>
    public bool IsHandled<TEvent>() where TEvent : IDomainEvent => Handlers.ModulesHandling(typeof(TEvent)).Count > 0;

    /// <summary>
    /// Writes the event's deliveries inside the caller's transaction; hand what comes back to <see cref="Deliver"/>
    /// once it has committed. An event raised again with the same key writes nothing.
    /// </summary>
    public IReadOnlyList<long> Record<TEvent>(IDbConnection connection, IDbTransaction transaction, TEvent domainEvent) where TEvent : IDomainEvent
    {
        var modules = Handlers.ModulesHandling(typeof(TEvent));
        if (modules.Count == 0) return [];
        var row = new
        {
            @event = DomainEvents.NameOf(typeof(TEvent)), key = domainEvent.IdempotencyKey,
            payload = JsonSerializer.Serialize(domainEvent), at = _clock.GetUtcNow().ToDb(),
        };
        var written = new List<long>(modules.Count);
        foreach (var module in modules)
            written.AddRange(connection.Query<long>("""
                INSERT INTO module_event (event, idempotency_key, module_id, payload, raised_at)
                VALUES (@event, @key, @module, @payload, @at)
                ON CONFLICT DO NOTHING
                RETURNING id
                """, new { row.@event, row.key, module, row.payload, row.at }, transaction));
        return written;
    }

    /// <summary>
    /// Queues each delivery as its own job, after the transaction that wrote them committed. It never fails the action
    /// that raised the event: a delivery that could not be queued waits in the database for the next start.
    /// </summary>
    public void Deliver(IReadOnlyList<long> deliveries)
    {
        foreach (var id in deliveries)
        {
            try { _jobs.Enqueue<ModuleEventJob>(job => job.RunAsync(id)); }
            catch (Exception ex) { _logger.LogError(ex, "Module event delivery {Delivery} could not be queued; it runs after the next start", id); }
        }
    }

    /// <summary>Raises an event that goes with no other write: its deliveries in a transaction of their own, then queued.</summary>
    public async Task RaiseAsync<TEvent>(TEvent domainEvent) where TEvent : IDomainEvent
    {
        IReadOnlyList<long> deliveries;
        using (await _db.WriterAsync())
        using (var connection = _db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            deliveries = Record(connection, transaction, domainEvent);
            transaction.Commit();
        }
        Deliver(deliveries);
    }
}
