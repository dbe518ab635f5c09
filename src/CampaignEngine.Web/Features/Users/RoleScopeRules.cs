using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Compatriots;

namespace CampaignEngine.Web.Features.Users;

/// <summary>A role with the scope it needs: a region for oblast users, an organisation for leaders, nothing for the others.</summary>
internal sealed record RoleScope(string Role, string? Region, long? OrganizationId);

/// <summary>One check of a role and its scope, for creating a user and for changing one.</summary>
internal static class RoleScopeRules
{
    /// <summary>The role and scope, or the field at fault and why.</summary>
    public static (RoleScope? Scope, string Field, string Error) Check(string? role, string? region, long? organizationId, OrganizationStore organizations)
    {
        if (role is null || !Roles.All.Contains(role)) return (null, "role", $"use one of {string.Join(", ", Roles.All)}");
        string? code = null;
        if (role == Roles.Oblast)
        {
            code = Regions.Find(region)?.Code;
            if (code is null) return (null, "region", "an oblast user needs a region: an ISO 3166-2 code (KG-Y) or an id (issyk-kul)");
        }
        else if (!string.IsNullOrWhiteSpace(region))
            return (null, "region", "only oblast users have a region");
        if (role == Roles.Leader)
        {
            if (organizationId is not { } org || !organizations.Exists(org))
                return (null, "organizationId", "a leader needs the id of an existing organisation");
        }
        else if (organizationId is not null)
            return (null, "organizationId", "only leaders belong to an organisation");
        return (new RoleScope(role, code, role == Roles.Leader ? organizationId : null), "", "");
    }
}
