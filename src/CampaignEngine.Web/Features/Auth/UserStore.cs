using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace CampaignEngine.Web.Features.Auth;

public sealed record UserRecord
{
    public long Id { get; init; }
    public string Login { get; init; } = null!;
    public string PasswordHash { get; init; } = null!;
    public string Role { get; init; } = null!;
    public string? Region { get; init; }
    public long? OrganizationId { get; init; }
    public int FailedLogins { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public long SessionVersion { get; init; }
}

public sealed record NewUser(string Login, string Password, string Role, string? Region, long? OrganizationId);

/// <summary>Users and their passwords, hashed with ASP.NET Core's hasher. API keys are in <see cref="ApiKeyStore"/>.</summary>
public sealed class UserStore(Db db, TimeProvider clock, ApiKeyStore keys)
{
    private const string SelectUser = """
        SELECT id, login, password_hash AS PasswordHash, role, region, organization_id AS OrganizationId,
               failed_logins AS FailedLogins, locked_until AS LockedUntil, session_version AS SessionVersion
        FROM auth_user
        """;
    private const int MaxFailedLogins = 5;
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    public bool Any()
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM auth_user") > 0;
    }

    public long Create(NewUser user)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO auth_user (login, password_hash, role, region, organization_id, created_at)
            VALUES (@Login, @Hash, @Role, @Region, @OrganizationId, @At)
            RETURNING id
            """,
            new { user.Login, Hash = Hasher.HashPassword(Nobody, user.Password), user.Role, user.Region, user.OrganizationId, At = clock.GetUtcNow() });
    }

    public bool LoginExists(string login)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM auth_user WHERE login = @login", new { login }) > 0;
    }

    public UserRecord? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<UserRecord>($"{SelectUser} WHERE id = @id", new { id });
    }

    /// <summary>Checks a password, counting failures and locking the account for a while after too many.</summary>
    public UserRecord? CheckPassword(string login, string password)
    {
        using var connection = db.Open();
        var user = connection.QuerySingleOrDefault<UserRecord>($"{SelectUser} WHERE login = @login", new { login });
        var now = clock.GetUtcNow();
        if (user is null)
        {
            // Spend the same time as a real check so that response times do not reveal which logins exist.
            Hasher.VerifyHashedPassword(Nobody, DummyHash, password);
            return null;
        }
        if (user.LockedUntil > now) return null;
        if (Hasher.VerifyHashedPassword(Nobody, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedLogins + 1;
            connection.Execute("UPDATE auth_user SET failed_logins = @failed, locked_until = @locked WHERE id = @Id",
                new { failed = failed >= MaxFailedLogins ? 0 : failed, locked = failed >= MaxFailedLogins ? now + Lockout : (DateTimeOffset?)null, user.Id });
            return null;
        }
        connection.Execute("UPDATE auth_user SET failed_logins = 0, locked_until = NULL WHERE id = @Id", new { user.Id });
        return user;
    }

    /// <summary>Changes a password after checking the current one; every other session of the user ends.</summary>
    public bool ChangePassword(long id, string currentPassword, string newPassword)
    {
        using var connection = db.Open();
        var hash = connection.ExecuteScalar<string?>("SELECT password_hash FROM auth_user WHERE id = @id", new { id });
        if (hash is null || Hasher.VerifyHashedPassword(Nobody, hash, currentPassword) == PasswordVerificationResult.Failed) return false;
        connection.Execute("""
            UPDATE auth_user SET password_hash = @hash, session_version = session_version + 1, failed_logins = 0, locked_until = NULL
            WHERE id = @id
            """, new { id, hash = Hasher.HashPassword(Nobody, newPassword) });
        return true;
    }

    /// <summary>Ends every signed-in session of the user: cookies carry the version they were issued under.</summary>
    public void EndAllSessions(long id)
    {
        using var connection = db.Open();
        connection.Execute("UPDATE auth_user SET session_version = session_version + 1 WHERE id = @id", new { id });
    }

    /// <summary>The user's current session version, or null when the user no longer exists.</summary>
    public long? SessionVersion(long id)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("SELECT session_version FROM auth_user WHERE id = @id", new { id });
    }

    public (long Id, string Key) CreateApiKey(long userId, string? key = null, string? label = null) => keys.Create(userId, key, label);

    public UserRecord? FindByApiKey(string key) => keys.FindOwner(key);

    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
}
