using CampaignEngine.Core.Modules;
using CampaignEngine.Web.ModuleHost.Rules;

namespace CampaignEngine.Web.ModuleHost;

/// <summary>
/// The handlers each code module registered in its <see cref="ICampaignModule.Configure"/>, and the nomination rules each
/// manifest declares, kept per module so that one module's handlers run (and fail, and are retried) apart from another's.
/// A rule makes its module hear its event exactly as a handler does: the same delivery, the same job.
/// </summary>
internal sealed class ModuleHandlers
{
    private readonly Dictionary<(string Module, Type Event), List<Func<IDomainEvent, IModuleContext, Task>>> _byModule = [];
    private readonly Dictionary<Type, List<string>> _modulesByEvent = [];
    private readonly Dictionary<(string Module, Type Event), List<CompiledNomination>> _rules = [];

    public ModuleHandlers(IEnumerable<LoadedModule> modules)
    {
        foreach (var module in modules)
        {
            module.Behaviour?.Configure(new Builder(this, module.Manifest));
            foreach (var rule in CompiledNomination.All(module.Manifest)) AddRule(module.Manifest.Id, rule);
        }
    }

    /// <summary>The nomination rules <paramref name="moduleId"/> declared for <paramref name="eventType"/>, in manifest order.</summary>
    public IReadOnlyList<CompiledNomination> RulesOf(string moduleId, Type eventType) =>
        _rules.TryGetValue((moduleId, eventType), out var rules) ? rules : [];

    /// <summary>The modules with at least one handler for <paramref name="eventType"/>, in catalogue order.</summary>
    public IReadOnlyList<string> ModulesHandling(Type eventType) =>
        _modulesByEvent.TryGetValue(eventType, out var modules) ? modules : [];

    public IReadOnlyList<Func<IDomainEvent, IModuleContext, Task>> Of(string moduleId, Type eventType) =>
        _byModule.TryGetValue((moduleId, eventType), out var handlers) ? handlers : [];

    private void Add(string moduleId, Type eventType, Func<IDomainEvent, IModuleContext, Task> handler)
    {
        _ = DomainEvents.NameOf(eventType);
        if (!_byModule.TryGetValue((moduleId, eventType), out var handlers)) _byModule[(moduleId, eventType)] = handlers = [];
        handlers.Add(handler);
        Hears(moduleId, eventType);
    }

    private void AddRule(string moduleId, CompiledNomination rule)
    {
        if (!_rules.TryGetValue((moduleId, rule.Event.Type), out var rules)) _rules[(moduleId, rule.Event.Type)] = rules = [];
        rules.Add(rule);
        Hears(moduleId, rule.Event.Type);
    }

    private void Hears(string moduleId, Type eventType)
    {
        if (!_modulesByEvent.TryGetValue(eventType, out var modules)) _modulesByEvent[eventType] = modules = [];
        if (!modules.Contains(moduleId)) modules.Add(moduleId);
    }

    /// <summary>What one module registers through: its handlers are filed under its id.</summary>
    private sealed class Builder(ModuleHandlers table, ModuleManifest manifest) : IModuleBuilder
    {
        public ModuleManifest Manifest => manifest;

        // An event the host never raises would be a handler that never runs: refused at once (DomainEvents.NameOf throws).
        public void On<TEvent>(Func<TEvent, IModuleContext, Task> handler) where TEvent : IDomainEvent =>
            table.Add(manifest.Id, typeof(TEvent), (domainEvent, context) => handler((TEvent)domainEvent, context));
    }
}
