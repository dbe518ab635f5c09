using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Microsoft.AspNetCore.Identity;

namespace CampaignEngine.Web.Features.Auth;

internal sealed record UserRecord
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
    public DateTimeOffset? DisabledAt { get; init; }
    /// <summary>Set while the password is a temporary one given by an admin: it must be changed at sign-in, and stops working then.</summary>
    public DateTimeOffset? TemporaryPasswordUntil { get; init; }
}

internal sealed record NewUser(string Login, string Password, string Role, string? Region, long? OrganizationId);

internal enum PasswordOutcome { Accepted, Wrong, Locked, Disabled, Expired }

/// <summary>What a password check gave: the user when accepted, and for the audit log the account it was tried on.</summary>
internal sealed record PasswordCheck(PasswordOutcome Outcome, UserRecord? User, long? AccountId);

/// <summary>Users and their passwords, hashed with ASP.NET Core's hasher. API keys are in <see cref="ApiKeyStore"/>.</summary>
internal sealed class UserStore(Db db, TimeProvider clock, ApiKeyStore keys, SessionStore sessions)
{
    internal const string UserColumns = """
        id, login, password_hash AS PasswordHash, role, region, organization_id AS OrganizationId,
        failed_logins AS FailedLogins, locked_until AS LockedUntil, session_version AS SessionVersion,
        disabled_at AS DisabledAt, temporary_password_until AS TemporaryPasswordUntil
        """;
    private const string SelectUser = $"SELECT {UserColumns} FROM auth_user";

    // One statement counts the attempt and locks the account when it is the fifth in a row, *before* the password is
    // checked: concurrent guesses each take their own attempt, so twenty at once get five checks, not twenty. An
    // expired lock starts the count again. A locked or disabled account matches no row and gets no check at all.
    private const string TakeAttempt = $"""
        UPDATE auth_user
        SET failed_logins = CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END,
            locked_until = CASE WHEN (CASE WHEN locked_until IS NOT NULL THEN 1 ELSE failed_logins + 1 END) >= @max THEN @lockedUntil END
        WHERE disabled_at IS NULL AND (locked_until IS NULL OR locked_until <= @now) AND
        """;
    private const string Returning = $" RETURNING {UserColumns}";

    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    public bool Any()
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM auth_user") > 0;
    }

    public long Create(NewUser user, DateTimeOffset? temporaryUntil = null)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO auth_user (login, password_hash, role, region, organization_id, created_at, temporary_password_until)
            VALUES (@Login, @Hash, @Role, @Region, @OrganizationId, @At, @temporaryUntil)
            RETURNING id
            """,
            new { user.Login, Hash = HashPassword(user.Password), user.Role, user.Region, user.OrganizationId, At = clock.GetUtcNow(), temporaryUntil });
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

    /// <summary>Checks a sign-in, counting failures and locking the account for a while after too many.</summary>
    public PasswordCheck CheckPassword(string login, string password)
    {
        using var connection = db.Open();
        var user = TakeAttemptOn(connection, "login = @login", new { login });
        if (user is null)
        {
            // Spend the same time as a real check so that response times do not reveal which logins exist or are locked.
            Hasher.VerifyHashedPassword(Nobody, DummyHash, password);
            var known = connection.QuerySingleOrDefault<UserRecord>($"{SelectUser} WHERE login = @login", new { login });
            return new PasswordCheck(known?.DisabledAt is not null ? PasswordOutcome.Disabled : PasswordOutcome.Locked, null, known?.Id);
        }
        if (!Verify(user.PasswordHash, password)) return new PasswordCheck(PasswordOutcome.Wrong, null, user.Id);
        // A temporary password left unused past its time is as good as none; the attempt stays counted.
        if (user.TemporaryPasswordUntil is { } until && until <= clock.GetUtcNow()) return new PasswordCheck(PasswordOutcome.Expired, null, user.Id);
        ClearFailures(connection, user.Id);
        return new PasswordCheck(PasswordOutcome.Accepted, user with { FailedLogins = 0, LockedUntil = null }, user.Id);
    }

    /// <summary>
    /// Changes a password after checking the current one, which counts towards the lockout like a sign-in. Every
    /// session of the user but <paramref name="keepSessionId"/> ends; a temporary password is temporary no more.
    /// </summary>
    public PasswordOutcome ChangePassword(long id, string currentPassword, string newPassword, string? keepSessionId = null)
    {
        using var connection = db.Open();
        var user = TakeAttemptOn(connection, "id = @id", new { id });
        if (user is null)
        {
            Hasher.VerifyHashedPassword(Nobody, DummyHash, currentPassword);
            return Find(id)?.DisabledAt is not null ? PasswordOutcome.Disabled : PasswordOutcome.Locked;
        }
        if (!Verify(user.PasswordHash, currentPassword)) return PasswordOutcome.Wrong;
        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            UPDATE auth_user SET password_hash = @hash, session_version = session_version + 1, failed_logins = 0, locked_until = NULL,
                                 temporary_password_until = NULL
            WHERE id = @id
            """, new { id, hash = HashPassword(newPassword) }, transaction);
        sessions.EndAll(connection, transaction, id, "password-change", keepSessionId);
        transaction.Commit();
        return PasswordOutcome.Accepted;
    }

    /// <summary>Ends every signed-in session of the user: their rows end, and cookies carry the version they were issued under.</summary>
    public void EndAllSessions(long id, string reason = "sign-out-everywhere")
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        connection.Execute("UPDATE auth_user SET session_version = session_version + 1 WHERE id = @id", new { id }, transaction);
        sessions.EndAll(connection, transaction, id, reason);
        transaction.Commit();
    }

    public (long Id, string Key) CreateApiKey(long userId, string? key = null, string? label = null) => keys.Create(userId, key, label);

    public UserRecord? FindByApiKey(string key) => keys.FindOwner(key);

    internal static string HashPassword(string password) => Hasher.HashPassword(Nobody, password);

    private UserRecord? TakeAttemptOn(System.Data.Common.DbConnection connection, string where, object key)
    {
        var now = clock.GetUtcNow();
        var parameters = new DynamicParameters(key);
        parameters.AddDynamicParams(new { now, lockedUntil = now + Lockout, max = MaxFailedLogins });
        return connection.QuerySingleOrDefault<UserRecord>(TakeAttempt + " " + where + Returning, parameters);
    }

    private static void ClearFailures(System.Data.Common.DbConnection connection, long id) =>
        connection.Execute("UPDATE auth_user SET failed_logins = 0, locked_until = NULL WHERE id = @id", new { id });

    private static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;

    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
}
