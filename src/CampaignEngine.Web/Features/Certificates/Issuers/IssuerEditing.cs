using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

internal sealed record LocalizedInput(string? Ky, string? Ru, string? En);

/// <summary>The issuer as submitted: every text in the three languages, the signatory, an optional emblem.</summary>
internal sealed record IssuerInput(LocalizedInput? Name, LocalizedInput? SignatoryTitle, string? SignatoryName, string? EmblemSvg);

/// <summary>An edit's outcome: the issuer now in force, or the fields at fault, or a refusal; null module = not found.</summary>
internal sealed record IssuerOutcome(EffectiveIssuer? Issuer, ModuleManifest? Module, string? Field = null, string? Error = null, bool Forbidden = false)
{
    /// <summary>Every field at fault, in form order; <see cref="Field"/> and <see cref="Error"/> name the first.</summary>
    public IReadOnlyList<FieldError> Faults { get; init; } = Field is null || Error is null ? [] : [new FieldError(Field, Error)];

    public bool NotFound => Module is null && !Forbidden && Field is null;
}

/// <summary>
/// Who may read and change a module's issuer, and what a valid issuer is. An oblast administration edits the
/// issuer of its own region's module; the admin edits any. Officers read but do not speak for an administration.
/// </summary>
internal sealed class IssuerEditing(IssuerProfileStore profiles, ModuleRegistry modules, Audit.AuditLog audit)
{
    public const int MaxName = 200;
    public const int MaxTitle = 300;
    public const int MaxSignatory = 120;

    public IssuerOutcome Read(CurrentUser user, string moduleId)
    {
        if (modules.Find(moduleId) is not { } module) return new IssuerOutcome(null, null);
        if (!AccessScope.Of(user).MayActFor(module)) return new IssuerOutcome(null, module, Error: $"You may not act for module {moduleId}.", Forbidden: true);
        return new IssuerOutcome(profiles.Current(module), module);
    }

    /// <summary>The admin edits every issuer; an oblast administration those of the modules it acts for; officers none.</summary>
    public static bool MayEdit(CurrentUser user, ModuleManifest module) =>
        user.IsAdmin || (AccessScope.Of(user) is { IsRegional: true } scope && scope.MayActFor(module));

    public IssuerOutcome Update(CurrentUser user, string moduleId, IssuerInput input)
    {
        if (modules.Find(moduleId) is not { } module) return new IssuerOutcome(null, null);
        if (!MayEdit(user, module))
            return new IssuerOutcome(null, module, Error: $"Only the admin or the oblast administration of module {moduleId} may edit its issuer.", Forbidden: true);
        // Every field is checked, so that the form marks all its faults at once.
        var faults = new List<FieldError>();
        var name = Localized(input.Name, "name", MaxName, faults);
        var title = Localized(input.SignatoryTitle, "signatoryTitle", MaxTitle, faults);
        var signatory = OneLine(input.SignatoryName);
        if (signatory.Length is 0 or > MaxSignatory) faults.Add(new("signatoryName", $"must be 1 to {MaxSignatory} characters"));
        string? emblem = null;
        if (!string.IsNullOrWhiteSpace(input.EmblemSvg))
        {
            (emblem, var why) = EmblemSvg.Sanitise(input.EmblemSvg);
            if (why is not null) faults.Add(new("emblemSvg", why));
        }
        if (faults.Count > 0) return new IssuerOutcome(null, module, faults[0].Field, faults[0].Message) { Faults = faults };
        var profileId = profiles.Save(moduleId, new IssuerData(name!, title!, signatory, emblem), user.Id);
        // Ids only: the issuer's texts are public and stored in the version row.
        audit.Record(user, "certificate.issuer.edit", moduleId, new { profile = profileId, emblem = emblem is not null });
        return new IssuerOutcome(profiles.Current(module), module);
    }

    private static LocalizedText? Localized(LocalizedInput? input, string field, int max, List<FieldError> faults)
    {
        var texts = new[] { ("ky", input?.Ky), ("ru", input?.Ru), ("en", input?.En) }.Select(t => (Language: t.Item1, Text: OneLine(t.Item2))).ToList();
        var wrong = texts.Where(t => t.Text.Length == 0 || t.Text.Length > max).ToList();
        foreach (var (language, _) in wrong) faults.Add(new($"{field}.{language}", $"must be 1 to {max} characters"));
        return wrong.Count > 0 ? null : new LocalizedText(texts[0].Text, texts[1].Text, texts[2].Text);
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
