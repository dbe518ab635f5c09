using CampaignEngine.Core.Modules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// Delivers domain events to the handlers that modules registered. Modules never call each other;
/// they only react to what the host publishes here.
/// </summary>
public sealed class ModuleEvents : IModuleBuilder
{
    private readonly Dictionary<Type, List<Func<object, IModuleContext, Task>>> _handlers = [];
    private readonly ILogger<ModuleEvents> _logger;

    public ModuleEvents(ModuleRegistry registry, ILogger<ModuleEvents> logger)
    {
        _logger = logger;
        foreach (var module in registry.Enabled) module.Configure(this);
    }

    public void On<TEvent>(Func<TEvent, IModuleContext, Task> handler) where TEvent : IDomainEvent
    {
        if (!_handlers.TryGetValue(typeof(TEvent), out var list)) _handlers[typeof(TEvent)] = list = [];
        list.Add((e, context) => handler((TEvent)e, context));
    }

    public async Task PublishAsync<TEvent>(TEvent domainEvent, IModuleContext context) where TEvent : IDomainEvent
    {
        if (!_handlers.TryGetValue(typeof(TEvent), out var list)) return;
        foreach (var handler in list)
        {
            // One module's failure must not stop the others or the action that raised the event.
            try { await handler(domainEvent, context); }
            catch (Exception ex) { _logger.LogError(ex, "A module handler for {Event} failed", typeof(TEvent).Name); }
        }
    }
}
