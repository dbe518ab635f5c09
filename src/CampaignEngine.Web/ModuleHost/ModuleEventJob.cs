using System.Text.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.ModuleHost.Settings;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Runs one module's handlers and nomination rules (with the module's settings in force now) for one raised event (a <c>module_event</c> row, by id). A delivery already handled is
/// left alone, so a job run twice, or queued again at start, does nothing more; a handler that throws is logged and
/// the job fails, for Hangfire to retry later, while the other modules' jobs go on.
/// </summary>
internal sealed class ModuleEventJob(ModuleEvents events, Db db, IModuleContext context, IModuleSettings settings, TimeProvider clock, ILogger<ModuleEventJob> logger)
{
    private sealed record Delivery(long Id, string Event, string ModuleId, string Payload);

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(long deliveryId)
    {
        if (Claim(deliveryId) is not { } delivery) return;
        if (DomainEvents.ByName.GetValueOrDefault(delivery.Event) is not { } eventType)
        {
            logger.LogWarning("The host raises no event {Event} any more: delivery {Delivery} to {Module} is dropped", delivery.Event, delivery.Id, delivery.ModuleId);
            MarkHandled(delivery.Id);
            return;
        }
        var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(delivery.Payload, eventType)!;
        try
        {
            foreach (var handler in events.Handlers.Of(delivery.ModuleId, eventType)) await handler(domainEvent, context);
            foreach (var rule in events.Handlers.RulesOf(delivery.ModuleId, eventType)) await rule.ApplyAsync(domainEvent, context, settings.Of(rule.Module));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Module {Module} failed to handle {Event} (delivery {Delivery}); it will be retried", delivery.ModuleId, delivery.Event, delivery.Id);
            throw;
        }
        MarkHandled(delivery.Id);
    }

    /// <summary>The delivery if it still waits for its handlers, counting this attempt.</summary>
    private Delivery? Claim(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<Delivery>("""
            UPDATE module_event SET attempts = attempts + 1 WHERE id = @id AND handled_at IS NULL
            RETURNING id, event, module_id AS ModuleId, payload
            """, new { id });
    }

    private void MarkHandled(long id)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE module_event SET handled_at = @at WHERE id = @id", new { id, at = clock.GetUtcNow().ToDb() });
    }
}
