using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Reports;

/// <summary>
/// The SQL condition that limits a report to what the user may see: an oblast user the natives of its
/// region, a leader the members of its organisation. <paramref name="alias"/> is the table holding
/// home_region (pledge snapshot or compatriot); members are checked against the directory.
/// </summary>
public static class ReportScope
{
    /// <summary>Whether <paramref name="user"/> sees every pledge and person (no condition at all).</summary>
    public static bool SeesEverything(CurrentUser user) => user.Role is Roles.Admin or Roles.Officer;

    public static (string Sql, object? Region, object? Organization) For(CurrentUser user, string alias, string compatriotIdColumn) => user.Role switch
    {
        _ when SeesEverything(user) => ("1 = 1", null, null),
        Roles.Oblast => ($"{alias}.home_region = @scopeRegion", user.Region ?? "-", null),
        Roles.Leader => ($"{compatriotIdColumn} IN (SELECT id FROM directory_compatriot WHERE organization_id = @scopeOrganization)", null, user.OrganizationId ?? -1),
        _ => ("1 = 0", null, null),
    };
}
