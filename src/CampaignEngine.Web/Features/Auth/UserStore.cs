using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace CampaignEngine.Web.Features.Auth;

public sealed record UserRecord(long Id, string Login, string PasswordHash, string Role, string? Region, long? OrganizationId, long FailedLogins, DateTimeOffset? LockedUntil);

public sealed record NewUser(string Login, string Password, string Role, string? Region, long? OrganizationId);

/// <summary>Users and their API keys. Passwords are hashed with ASP.NET Core's hasher; API keys are stored as SHA-256 only.</summary>
public sealed class UserStore(Db db, TimeProvider clock)
{
    private const string SelectUser = """
        SELECT id, login, password_hash AS PasswordHash, role, region, organization_id AS OrganizationId,
               failed_logins AS FailedLogins, locked_until AS LockedUntil
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

    /// <summary>Creates an API key for <paramref name="userId"/>; the clear key is returned once and never stored.</summary>
    public (long Id, string Key) CreateApiKey(long userId, string? key = null)
    {
        key ??= "ce_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        using var connection = db.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO auth_api_key (user_id, key_hash, key_prefix, created_at) VALUES (@userId, @hash, @prefix, @at)
            RETURNING id
            """, new { userId, hash = HashKey(key), prefix = key[..Math.Min(8, key.Length)], at = clock.GetUtcNow() });
        return (id, key);
    }

    public UserRecord? FindByApiKey(string key)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<UserRecord>($"""
            {SelectUser}
            WHERE id = (SELECT user_id FROM auth_api_key WHERE key_hash = @hash AND revoked_at IS NULL)
            """, new { hash = HashKey(key) });
    }

    private static string HashKey(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
}
