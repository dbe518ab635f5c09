using CampaignEngine.Core.Modules;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Projects;

/// <summary>What a project request resolves to once it is valid: its region, module and budget in USD.</summary>
internal sealed record ProjectPlace(string Region, string ModuleId, decimal BudgetUsd);

/// <summary>
/// Every problem with a project request at once, keyed by field ("title.ky", "shares.state", …), so the page
/// can mark each field and the API can name them all; and the scope rule, kept apart because it answers 403.
/// </summary>
internal sealed class ProjectValidation(ModuleRegistry modules, Rates rates, TimeProvider clock)
{
    public const int MaxTitle = 200, MaxDescription = 4000, MaxVillage = 100;

    /// <summary>An oblast user may post and edit only their own region's projects; admin and officer every one.</summary>
    public static bool MayManage(CurrentUser user, string region) =>
        AccessScope.Of(user).Covers(region);

    public (Dictionary<string, string> Errors, ProjectPlace? Place) Check(ProjectRequest r, CurrentUser user)
    {
        var errors = new Dictionary<string, string>();
        // An oblast user's project is in their own region unless they name one.
        var region = Regions.Find(string.IsNullOrWhiteSpace(r.Region) ? AccessScope.Of(user).Region : r.Region);
        ModuleManifest? module = null;
        if (region is null) errors["region"] = "Give the project's home region (KG-Y or issyk-kul).";
        else
        {
            module = r.ModuleId is { Length: > 0 } id ? modules.Find(id) : modules.HomeOf(region.Code);
            if (module is null || !module.Regions.Contains(region.Code)) errors["moduleId"] = $"No enabled module covers {region.Code}.";
        }
        Text(errors, "title", r.Title, MaxTitle, required: true);
        Text(errors, "description", r.Description, MaxDescription, required: false);
        if (r.Village is { Length: > MaxVillage }) errors["village"] = $"Keep the village name under {MaxVillage} characters.";
        if (r.Sector is { Length: > 0 } sector && !Vocabulary.Sectors.Contains(sector)) errors["sector"] = $"Unknown sector '{sector}'.";
        if (r.Budget is not > 0) errors["budget"] = "Give the budget, greater than zero.";
        else if (r.Budget > 10_000_000_000m) errors["budget"] = "The budget is too large.";
        var currency = r.Currency?.Trim().ToUpperInvariant() ?? "";
        if (!rates.IsKnown(currency)) errors["currency"] = $"Unknown currency '{r.Currency}'.";
        Shares(errors, r.Shares);
        if (errors.Count > 0) return (errors, null);
        var budgetUsd = rates.ToUsd(r.Budget!.Value, currency, clock.GetUtcNow());
        if (budgetUsd is null) return (new() { ["currency"] = $"No rate for {currency} today." }, null);
        return (errors, new ProjectPlace(region!.Code, module!.Id, budgetUsd.Value));
    }

    private static void Text(Dictionary<string, string> errors, string field, ProjectTexts? texts, int max, bool required)
    {
        foreach (var (language, value) in new[] { ("ky", texts?.Ky), ("ru", texts?.Ru), ("en", texts?.En) })
        {
            if (required && string.IsNullOrWhiteSpace(value)) errors[$"{field}.{language}"] = $"Give the {field} in {language}.";
            else if (value is { Length: var n } && n > max) errors[$"{field}.{language}"] = $"Keep the {field} in {language} under {max:#,0} characters.";
        }
    }

    // DAR 1+3 style co-financing: each share a percentage, together at most 100 (the rest may come from elsewhere).
    private static void Shares(Dictionary<string, string> errors, ProjectShares? shares)
    {
        if (shares is null) return;
        foreach (var (name, value) in new[] { ("state", shares.State), ("local", shares.Local), ("diaspora", shares.Diaspora) })
            if (value is < 0 or > 100) errors[$"shares.{name}"] = $"The {name} share is a percentage between 0 and 100.";
        if (errors.Keys.Any(k => k.StartsWith("shares.", StringComparison.Ordinal))) return;
        var sum = (shares.State ?? 0) + (shares.Local ?? 0) + (shares.Diaspora ?? 0);
        if (sum > 100) errors["shares"] = $"The co-financing shares (state, local, diaspora) add up to {sum:0.##} %; they may not exceed 100 %.";
    }
}
