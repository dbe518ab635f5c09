using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Shared;

/// <summary>
/// The staff menu: each entry names the policy that guards its page, the same one the page's controller declares, so
/// a role sees only what it may open (a leader who met "Access denied" behind a menu entry had nowhere to go).
/// </summary>
internal static class StaffMenu
{
    public sealed record Entry(string Href, string TextKey, string Policy);

    public static readonly IReadOnlyList<Entry> Entries =
    [
        new("/", "nav.dashboard", Roles.Staff),
        new("/modules", "nav.modules", Roles.Staff),
        new("/compatriots", "nav.compatriots", Roles.Staff),
        new("/campaigns", "nav.campaigns", Roles.Campaigners),
        new("/pledges", "nav.pledges", Roles.Staff),
        new("/desk", "nav.desk", Roles.Staff),
        new("/projects", "nav.projects", Roles.Campaigners),
        new("/reports", "nav.reports", Roles.Staff),
        new("/certificates", "nav.certificates", Roles.Campaigners),
        new("/privacy/erasure-requests", "nav.erasure", Roles.National),
        new("/audit", "nav.audit", Roles.Staff),
        new("/users", "nav.users", Roles.AdminOnly),
        new("/jobs", "nav.jobs", Roles.AdminOnly),
        new("/openapi", "nav.openapi", Roles.Staff),
        new("/account/security", "nav.security", Roles.Staff),
    ];
}
