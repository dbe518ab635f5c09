using CampaignEngine.Web.Features.Auth;

namespace CampaignEngine.Web.Features.Users;

internal enum AdminOutcome { Done, Unchanged, NotFound, Self, LastAdmin }

/// <summary>A temporary password, shown to the admin once and never stored in clear.</summary>
internal sealed record TemporaryPassword(string Password, DateTimeOffset Until);

/// <summary>
/// What an admin does to other accounts, for the API and the Users pages alike: the checks (not on oneself, never
/// the last enabled admin), the change with what it ends, and its audit entry. Repeating a change changes nothing
/// and writes no second entry.
/// </summary>
internal sealed class UserAdministration(AccountLifecycle lifecycle, Audit.AuditLog audit)
{
    public AdminOutcome Disable(CurrentUser me, long id) =>
        Guarded(me, id, demotesAnAdmin: true, () => lifecycle.Disable(id), "user.disable", null);

    public AdminOutcome Enable(CurrentUser me, long id) =>
        Guarded(me, id, demotesAnAdmin: false, () => lifecycle.Enable(id), "user.enable", null);

    public AdminOutcome ChangeRole(CurrentUser me, long id, RoleScope scope) =>
        Guarded(me, id, demotesAnAdmin: scope.Role != Roles.Admin, () => lifecycle.ChangeRole(id, scope.Role, scope.Region, scope.OrganizationId),
            "user.role", new { role = scope.Role, region = scope.Region, organizationId = scope.OrganizationId });

    public AdminOutcome EndSessions(CurrentUser me, long id) =>
        Guarded(me, id, demotesAnAdmin: false, () => lifecycle.EndSessions(id), "user.sessions.end", null);

    public (AdminOutcome Outcome, TemporaryPassword? Password) ResetPassword(CurrentUser me, long id, bool revokeKeys)
    {
        TemporaryPassword? password = null;
        var outcome = Guarded(me, id, demotesAnAdmin: false, () =>
        {
            var (change, clear, until) = lifecycle.ResetPassword(id, revokeKeys);
            password = new TemporaryPassword(clear, until);
            return change;
        }, "user.password-reset", new { revokeKeys });
        return (outcome, outcome == AdminOutcome.Done ? password : null);
    }

    private AdminOutcome Guarded(CurrentUser me, long id, bool demotesAnAdmin, Func<LifecycleChange> change, string action, object? detail)
    {
        // An admin changes their own account on their Security page; here they could only lock themselves out.
        if (id == me.Id) return AdminOutcome.Self;
        if (lifecycle.Find(id) is not { } user) return AdminOutcome.NotFound;
        if (demotesAnAdmin && user.Role == Roles.Admin && user.DisabledAt is null && !lifecycle.AnotherAdminRemains(id)) return AdminOutcome.LastAdmin;
        var result = change();
        if (!result.Changed) return AdminOutcome.Unchanged;
        audit.Record(me, action, $"user/{id}", new { detail, sessionsEnded = result.SessionsEnded, keysRevoked = result.KeysRevoked });
        return AdminOutcome.Done;
    }
}
