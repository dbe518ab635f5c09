using System.Reflection;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;

namespace CampaignEngine.Web.ModuleHost.Rules;

/// <summary>
/// An event as rules see it: the name manifests use, and its fields by camelCase name (the record's properties, read once
/// here when the host starts). A rule can name only these; a name is never looked up on the event at run time.
/// </summary>
internal sealed class RuleEvent
{
    private readonly Dictionary<string, PropertyInfo> _fields;

    private RuleEvent(string name, Type type)
    {
        Name = name;
        Type = type;
        _fields = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(IDomainEvent.IdempotencyKey) && (p.PropertyType == typeof(LocalizedText) || KindOf(p.PropertyType) is not null))
            .ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], StringComparer.Ordinal);
        // A localized text has no one value to compare: it may only be written into a reason.
        Conditions = _fields.Where(f => KindOf(f.Value.PropertyType) is not null)
            .ToDictionary(f => f.Key, f => KindOf(f.Value.PropertyType)!.Value, StringComparer.Ordinal);
    }

    public static RuleEvent Of(string name, Type type) => new(name, type);

    public string Name { get; }

    public Type Type { get; }

    /// <summary>The fields a condition may compare (a localized text may only be written into a reason).</summary>
    public IReadOnlyDictionary<string, RuleValueKind> Conditions { get; }

    /// <summary>Every field a reason may write out.</summary>
    public IEnumerable<string> Fields => _fields.Keys;

    /// <summary>
    /// Whether the event names a person a rule could nominate (<c>compatriotId</c>) and their home region
    /// (<c>homeRegion</c>): a module nominates natives of its own regions only.
    /// </summary>
    public bool NamesAPerson => _fields.TryGetValue(PersonField, out var person) && person.PropertyType == typeof(long)
        && _fields.TryGetValue(RegionField, out var region) && region.PropertyType == typeof(string);

    public const string PersonField = "compatriotId";
    public const string RegionField = "homeRegion";

    /// <summary>The field's value as rules see it: numbers as decimal, texts and localized texts as they are.</summary>
    public object? Read(IDomainEvent domainEvent, string field) => _fields.GetValueOrDefault(field)?.GetValue(domainEvent) switch
    {
        long n => (decimal)n,
        int n => (decimal)n,
        decimal n => n,
        var other => other,
    };

    private static RuleValueKind? KindOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(long) || t == typeof(int) || t == typeof(decimal) => RuleValueKind.Number,
        var t when t == typeof(string) => RuleValueKind.Text,
        var t when t == typeof(bool) => RuleValueKind.Boolean,
        _ => null,
    };
}

/// <summary>The events rules may name: every event the host raises, by the name <see cref="DomainEvents.ByName"/> gives it.</summary>
internal static class RuleEvents
{
    public static readonly IReadOnlyList<RuleEvent> All = [.. DomainEvents.ByName.Select(e => RuleEvent.Of(e.Key, e.Value))];

    public static RuleEvent? Named(string name) => All.FirstOrDefault(e => e.Name == name);
}
