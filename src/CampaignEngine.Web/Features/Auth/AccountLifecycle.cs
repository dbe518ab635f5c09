using System.Security.Cryptography;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>A user as the admin's list shows them: never the password hash.</summary>
internal sealed record UserSummary
{
    public long Id { get; init; }
    public string Login { get; init; } = "";
    public string Role { get; init; } = "";
    public string? Region { get; init; }
    public long? OrganizationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public DateTimeOffset? TemporaryPasswordUntil { get; init; }
    public int OpenSessions { get; init; }
    public DateTimeOffset? LastSignIn { get; init; }
}

/// <summary>What an admin's change did: whether anything changed, and how many sessions and keys it ended.</summary>
internal sealed record LifecycleChange(bool Changed, int SessionsEnded, int KeysRevoked);

/// <summary>
/// An admin's hold on other accounts: disable and enable, change the role and scope, reset the password, end the
/// sessions. Each change and what it ends (sessions, API keys) is one transaction. The rule for what ends: whatever
/// changes who may use the account or what it may do ends its sessions; disabling and a change of role or scope
/// also revoke its API keys (a key given to a script for one job must not carry other powers, and the owner makes
/// new ones); a password reset ends the sessions and keeps the keys unless asked to revoke them too.
/// </summary>
internal sealed class AccountLifecycle(Db db, TimeProvider clock, SessionStore sessions, ApiKeyStore keys)
{
    public static readonly TimeSpan TemporaryPasswordLife = TimeSpan.FromDays(3);

    public IReadOnlyList<UserSummary> List()
    {
        using var connection = db.Open();
        var users = connection.Query<UserSummary>("""
            SELECT id, login, role, region, organization_id AS OrganizationId, created_at AS CreatedAt, disabled_at AS DisabledAt,
                   CASE WHEN locked_until > @now THEN locked_until END AS LockedUntil, temporary_password_until AS TemporaryPasswordUntil
            FROM auth_user ORDER BY login
            """, new { now = clock.GetUtcNow() }).ToList();
        var open = sessions.Summary();
        return users.Select(u => open.TryGetValue(u.Id, out var s) ? u with { OpenSessions = s.Open, LastSignIn = s.LastSignIn } : u).ToList();
    }

    public UserSummary? Find(long id) => List().FirstOrDefault(u => u.Id == id);

    /// <summary>True when another enabled admin would remain if this user stopped being one.</summary>
    public bool AnotherAdminRemains(long id)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM auth_user WHERE role = 'admin' AND disabled_at IS NULL AND id <> @id", new { id }) > 0;
    }

    public LifecycleChange Disable(long id) => Change(id, "disabled",
        "UPDATE auth_user SET disabled_at = @now, session_version = session_version + 1 WHERE id = @id AND disabled_at IS NULL",
        new { id }, revokeKeys: true);

    /// <summary>Enables a user again; nothing that disabling ended comes back (they sign in again and make new keys).</summary>
    public LifecycleChange Enable(long id) => Change(id, null,
        "UPDATE auth_user SET disabled_at = NULL, failed_logins = 0, locked_until = NULL WHERE id = @id AND disabled_at IS NOT NULL",
        new { id }, revokeKeys: false);

    public LifecycleChange ChangeRole(long id, string role, string? region, long? organizationId) => Change(id, "role-change", """
        UPDATE auth_user SET role = @role, region = @region, organization_id = @organizationId, session_version = session_version + 1
        WHERE id = @id AND NOT (role = @role AND region IS NOT DISTINCT FROM @region AND organization_id IS NOT DISTINCT FROM @organizationId)
        """, new { id, role, region, organizationId }, revokeKeys: true);

    /// <summary>Sets a new temporary password (given back, to be shown once), unlocks the account and ends its sessions.</summary>
    public (LifecycleChange Change, string Password, DateTimeOffset Until) ResetPassword(long id, bool revokeKeys)
    {
        var password = Generate();
        var until = clock.GetUtcNow() + TemporaryPasswordLife;
        var change = Change(id, "password-reset", """
            UPDATE auth_user SET password_hash = @hash, temporary_password_until = @until, failed_logins = 0, locked_until = NULL,
                                 session_version = session_version + 1
            WHERE id = @id
            """, new { id, hash = UserStore.HashPassword(password), until }, revokeKeys);
        return (change, password, until);
    }

    public LifecycleChange EndSessions(long id) => Change(id, "ended-by-admin",
        "UPDATE auth_user SET session_version = session_version + 1 WHERE id = @id", new { id }, revokeKeys: false);

    /// <summary>A temporary password: 16 characters of letters and digits, without the ones that are easy to misread.</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }

    private LifecycleChange Change(long id, string? endReason, string sql, object parameters, bool revokeKeys)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        var dynamic = new DynamicParameters(parameters);
        dynamic.AddDynamicParams(new { now = clock.GetUtcNow() });
        if (connection.Execute(sql, dynamic, transaction) == 0) return new LifecycleChange(false, 0, 0);
        var ended = endReason is null ? 0 : sessions.EndAll(connection, transaction, id, endReason);
        var revoked = revokeKeys ? keys.RevokeAll(connection, transaction, id) : 0;
        transaction.Commit();
        return new LifecycleChange(true, ended, revoked);
    }
}
