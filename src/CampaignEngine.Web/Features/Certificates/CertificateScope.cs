using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// Which issuers a user acts for. Officers and admins act for every enabled module; an oblast
/// administration only for the regional modules of its own region — the national issuer signs for
/// the whole country, which an oblast cannot. Leaders issue nothing.
/// </summary>
public sealed class CertificateScope(ModuleRegistry modules)
{
    public IReadOnlyList<ModuleManifest> ModulesFor(CurrentUser user)
    {
        var enabled = modules.Enabled.Select(m => m.Manifest);
        if (user.IsNational) return enabled.ToList();
        if (user.Role == Roles.Oblast && user.Region is { } region)
            return enabled.Where(m => m.Scope == ModuleScope.Regional && m.Regions.Contains(region)).ToList();
        return [];
    }

    public bool IsEnabled(string moduleId) => modules.Find(moduleId) is not null;

    public bool MayActFor(CurrentUser user, string moduleId) => ModulesFor(user).Any(m => m.Id == moduleId);

    /// <summary>The home region whose compatriots the user may look up; null means everyone.</summary>
    public static string? CompatriotRegion(CurrentUser user) => user.IsNational ? null : user.Region ?? "-";
}
