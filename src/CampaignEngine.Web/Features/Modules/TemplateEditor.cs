using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Scriban;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>One part of a template as the editor shows it: the text in force and whether it was edited here.</summary>
internal sealed record EditablePart(string Part, string Text, bool Edited);

/// <summary>A problem in one part, with the line and column (from one) where it is.</summary>
internal sealed record TemplateProblem(string Part, int? Line, int? Column, string Message)
{
    public static TemplateProblem Of(string part, TemplateError error) => new(part, error.Line, error.Column, error.Message);

    public override string ToString() => Line is null ? $"{Part}: {Message}" : $"{Part}: line {Line}, column {Column}: {Message}";
}

/// <summary>
/// Edits a module's appeal templates. Nothing is saved unless every part parses and renders, with the sandbox's
/// limits, for a sample recipient whose name is hostile markup: a template that loops forever, recurses,
/// floods its output or reaches for .NET members is refused with where it went wrong.
/// </summary>
internal sealed class TemplateEditor(ModuleRegistry modules, TemplateStore store, TemplateOverrideStore overrides, TemplateRenderer renderer, MessageModelBuilder models)
{
    public static readonly IReadOnlyList<string> Names = ["appeal"];
    public static readonly IReadOnlyList<string> Parts = [PartFallback.Subject, PartFallback.Text, PartFallback.Short, PartFallback.Page, PartFallback.Html];
    public const int MaxTemplateChars = 20_000;

    /// <summary>The module, when <paramref name="user"/> may edit it: national staff every one, an oblast user its region's.</summary>
    public ModuleManifest? EditableModule(string moduleId, CurrentUser user) =>
        modules.Find(moduleId) is { } module && AccessScope.Of(user).MayActFor(module) ? module : null;

    public IReadOnlyList<EditablePart> Current(ModuleManifest module, string name, string language) =>
        Parts.Select(part => overrides.Find(module.Id, name, language, part) is { } edited
            ? new EditablePart(part, edited.Text, true)
            : new EditablePart(part, Shipped(module, name, language, part), false)).ToList();

    private string Shipped(ModuleManifest module, string name, string language, string part)
    {
        // The module's own file in its folder's templates/ (a stand-in from _shared/ is not the module's to restore).
        var file = modules.TemplatesOf(module.Id) is { } folder ? Path.Combine(folder, $"{name}.{language}.{part}.sbn") : null;
        return file is not null && File.Exists(file) ? File.ReadAllText(file) : "";
    }

    /// <summary>Checks the parts and saves them all, or none; the problems found, empty when saved.</summary>
    public IReadOnlyList<TemplateProblem> Save(ModuleManifest module, string name, string language, IReadOnlyDictionary<string, string?> parts, CurrentUser user)
    {
        var problems = new List<TemplateProblem>();
        if (!Names.Contains(name)) problems.Add(new("name", null, null, $"use one of {string.Join(", ", Names)}"));
        if (!module.Languages.Contains(language)) problems.Add(new("language", null, null, $"the module writes in {string.Join(", ", module.Languages)}"));
        foreach (var part in parts.Keys.Where(p => !Parts.Contains(p)))
            problems.Add(new(part, null, null, $"not a template part; use {string.Join(", ", Parts)}"));
        if (problems.Count > 0) return problems;

        var given = parts.Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => Restores(p.Value!, Shipped(module, name, language, p.Key)) ? "" : p.Value!.Replace("\r\n", "\n"));
        foreach (var (part, text) in given) problems.AddRange(Check(module, part, text));
        if (problems.Count > 0) return problems;
        overrides.Save(module.Id, name, language, given, user.Id);
        store.Forget();
        return [];
    }

    /// <summary>
    /// Whether a part as sent means "the shipped text": emptied (blank lines or spaces left in the box count as empty),
    /// or sent back unchanged, as the page sends every part it shows. Either way no edit is kept, so the part follows
    /// the shipped file, also when a later version changes it.
    /// </summary>
    private static bool Restores(string text, string shipped) =>
        string.IsNullOrWhiteSpace(text) || Normalized(text) == Normalized(shipped);

    // Line ends as any browser sends them, and the newline a textarea drops after its opening tag.
    private static string Normalized(string text) => text.Replace("\r\n", "\n").Trim();

    private IEnumerable<TemplateProblem> Check(ModuleManifest module, string part, string text)
    {
        if (text.Length == 0) yield break;   // removes the edit: the shipped file is used again
        if (text.Length > MaxTemplateChars)
        {
            yield return new(part, null, null, $"is {text.Length:N0} characters long; at most {MaxTemplateChars:N0}");
            yield break;
        }
        var template = Template.Parse(text, part);
        // Each check runs only on a template the one before passed: a template that does not parse has no assignments to
        // look for, and one that writes a built-in must not run even on a sample.
        var errors = TemplateParsing.Errors(template, text, part);
        if (errors.Count == 0) errors = TemplateBuiltins.Assignments(template).Select(a => TemplateError.At(part, a.Span, a.Message)).ToList();
        if (errors.Count == 0 && TrialRender(template, module, part) is { } failure) errors = [failure];
        foreach (var error in errors) yield return TemplateProblem.Of(part, error);
    }

    private TemplateError? TrialRender(Template template, ModuleManifest module, string part)
    {
        try
        {
            renderer.Render(template, SampleModel(module), html: part == "html");
            return null;
        }
        catch (TemplateException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>A made-up recipient with markup in every free-text field, as an attacker would register.</summary>
    public MessageModel SampleModel(ModuleManifest module) =>
        models.Message(module, 1, "<b>Sample campaign</b>",
            new MessageReader("Айгүл <script>alert(1)</script> Өмүрбекова", module.Languages[0], (module.Countries.Count > 0 ? module.Countries[0] : null) ?? "KG", "<img src=x onerror=alert(1)>"),
            "sample-token", meToken: "sample-token");
}
