using System.Text.RegularExpressions;
using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.ModuleHost.Settings;

namespace CampaignEngine.Web.ModuleHost.Rules;

/// <summary>Why a nomination rule does not compile: the field of the rule at fault and the reason.</summary>
internal sealed class RuleProblem(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// A module's nomination rule, checked when the module loads: its event is one the host raises and names a person, its
/// condition parses over that event's fields and the module's number and text settings, and its reason's
/// <c>{{ name }}</c> places name fields or settings. Run by the module's event job (never in the request), it nominates
/// the person the event names when they are a native of one of the module's regions (the administration that would
/// sign is theirs) and the condition holds with the settings in force at that moment.
/// </summary>
internal sealed partial class CompiledNomination
{
    private readonly RuleExpression _condition;
    private readonly LocalizedText _reason;

    private CompiledNomination(ModuleManifest module, RuleEvent domainEvent, RuleExpression condition, string kind, LocalizedText reason) =>
        (Module, Event, _condition, Kind, _reason) = (module, domainEvent, condition, kind, reason);

    public ModuleManifest Module { get; }

    public RuleEvent Event { get; }

    public string Kind { get; }

    /// <summary>Compiles every rule of <paramref name="module"/>; throws <see cref="RuleProblem"/> (field named from the manifest) at the first fault.</summary>
    public static IReadOnlyList<CompiledNomination> All(ModuleManifest module) =>
        module.Nominations.Select((rule, i) => Compile(module, rule, $"nominations[{i}]")).ToList();

    private static CompiledNomination Compile(ModuleManifest module, NominationRule rule, string at)
    {
        if (RuleEvents.Named(rule.Event) is not { } domainEvent)
            throw new RuleProblem($"{at}.event", $"the host raises no event '{rule.Event}' (it raises {string.Join(", ", RuleEvents.All.Select(e => e.Name))})");
        if (!domainEvent.NamesAPerson)
            throw new RuleProblem($"{at}.event", $"'{rule.Event}' names no person and home region to nominate");
        var settings = module.Settings.Where(s => s.Type != SettingType.LocalizedText).ToDictionary(
            s => s.Key, s => s.Type == SettingType.Text ? RuleValueKind.Text : RuleValueKind.Number, StringComparer.Ordinal);
        RuleExpression condition;
        try
        {
            condition = RuleExpression.Condition(rule.Condition, new RuleNames(domainEvent.Conditions, settings));
        }
        catch (RuleSyntaxException ex)
        {
            throw new RuleProblem($"{at}.condition", $"column {ex.Column}: {ex.Message}");
        }
        foreach (var (language, text) in new[] { ("ky", rule.Reason.Ky), ("ru", rule.Reason.Ru), ("en", rule.Reason.En) })
            if (ReasonProblem(text, domainEvent, module) is { } problem) throw new RuleProblem($"{at}.reason.{language}", problem);
        return new CompiledNomination(module, domainEvent, condition, rule.Kind, rule.Reason);
    }

    /// <summary>Nominates the event's person when the rule holds for <paramref name="settings"/> (the module's values in force now).</summary>
    public Task ApplyAsync(IDomainEvent domainEvent, IModuleContext context, SettingValues settings)
    {
        if (Event.Read(domainEvent, RuleEvent.RegionField) is not string region || !Module.Regions.Contains(region)) return Task.CompletedTask;
        var input = new RuleInput(field => Event.Read(domainEvent, field), key => settings[key]);
        if (!_condition.Holds(input)) return Task.CompletedTask;
        var reasons = new LocalizedText(Reason(_reason.Ky, "ky", domainEvent, settings), Reason(_reason.Ru, "ru", domainEvent, settings), Reason(_reason.En, "en", domainEvent, settings));
        var language = Event.Read(domainEvent, "language") as string ?? Module.Languages[0];
        var person = (long)(decimal)Event.Read(domainEvent, RuleEvent.PersonField)!;
        return context.NominateForCertificateAsync(new CertificateNomination(person, Module.Id, Kind, reasons.In(language), reasons));
    }

    private string Reason(string template, string language, IDomainEvent domainEvent, SettingValues settings) =>
        Place().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            var value = name.StartsWith("settings.", StringComparison.Ordinal) ? settings[name["settings.".Length..]] : Event.Read(domainEvent, name);
            return value is LocalizedText text ? text.In(language) : SettingChecks.Show(value);
        });

    private static string? ReasonProblem(string text, RuleEvent domainEvent, ModuleManifest module)
    {
        foreach (Match match in Place().Matches(text))
        {
            var name = match.Groups["name"].Value;
            var known = name.StartsWith("settings.", StringComparison.Ordinal)
                ? module.Settings.Any(s => s.Key == name["settings.".Length..])
                : domainEvent.Fields.Contains(name);
            if (!known) return $"'{{{{ {name} }}}}' names nothing the rule knows (the event's {string.Join(", ", domainEvent.Fields.Order(StringComparer.Ordinal))}, or settings.<key>)";
        }
        var rest = Place().Replace(text, "");
        return rest.Contains("{{", StringComparison.Ordinal) || rest.Contains("}}", StringComparison.Ordinal)
            ? "a '{{' or '}}' that is not a {{ name }} place"
            : null;
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)?)\s*\}\}")]
    private static partial Regex Place();
}
