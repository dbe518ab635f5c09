using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Campaigns;

/// <summary>Which campaigns a user may see: national staff all, an oblast user those of its region's modules.</summary>
public sealed record CampaignScope(IReadOnlyList<string>? ModuleIds, string? Region)
{
    public static CampaignScope For(CurrentUser user, ModuleRegistry modules) => user.Role switch
    {
        Roles.Admin or Roles.Officer => new(null, null),
        Roles.Oblast when user.Region is { } region => new(
            modules.Enabled.Select(m => m.Manifest)
                .Where(m => m.Scope == ModuleScope.Regional && m.Regions.Contains(region))
                .Select(m => m.Id).ToList(),
            region),
        _ => new([], null),
    };

    public bool Allows(string moduleId) => ModuleIds is null || ModuleIds.Contains(moduleId);
}
