using System.Data;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>What a request's cookie session is worth now: the row of its session and of its user.</summary>
internal sealed record SessionState
{
    public long SessionVersion { get; init; }
    public DateTimeOffset? DisabledAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
}

/// <summary>
/// Signed-in sessions, kept on the server so that signing out, an admin's action or a password change ends them
/// for good: a cookie is only the name of a session row (its id is stored as a SHA-256, so the database alone does
/// not give working session names). A session unused for <see cref="IdleLimit"/> is over, as the cookie would be.
/// </summary>
internal sealed class SessionStore(Db db, TimeProvider clock)
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(8);

    // Noting each request would make every page view a write; every few minutes is enough to expire idle sessions.
    private static readonly TimeSpan SeenResolution = TimeSpan.FromMinutes(5);

    /// <summary>Starts a session and gives its id, which only the cookie keeps.</summary>
    public string Start(long userId)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        using var connection = db.Open();
        connection.Execute("""
            INSERT INTO auth_session (id_hash, user_id, created_at, last_seen_at) VALUES (@hash, @userId, @now, @now)
            """, new { hash = Hash(id), userId, now });
        return id;
    }

    /// <summary>True when the session is open, its user enabled and on the version the cookie carries; notes the use.</summary>
    public bool IsLive(long userId, string? sessionId, long carriedVersion)
    {
        if (string.IsNullOrEmpty(sessionId)) return false;
        var hash = Hash(sessionId);
        using var connection = db.Open();
        var state = connection.QuerySingleOrDefault<SessionState>("""
            SELECT u.session_version AS SessionVersion, u.disabled_at AS DisabledAt, s.ended_at AS EndedAt, s.last_seen_at AS LastSeenAt
            FROM auth_session s JOIN auth_user u ON u.id = s.user_id
            WHERE s.id_hash = @hash AND s.user_id = @userId
            """, new { hash, userId });
        var now = clock.GetUtcNow();
        if (state is null || state.EndedAt is not null || state.DisabledAt is not null || state.SessionVersion != carriedVersion) return false;
        if (now - state.LastSeenAt > IdleLimit)
        {
            connection.Execute("UPDATE auth_session SET ended_at = @now, end_reason = 'idle' WHERE id_hash = @hash AND ended_at IS NULL", new { hash, now });
            return false;
        }
        if (now - state.LastSeenAt > SeenResolution)
            connection.Execute("UPDATE auth_session SET last_seen_at = @now WHERE id_hash = @hash", new { hash, now });
        return true;
    }

    /// <summary>Ends one session (signing out); false when it was already over.</summary>
    public bool End(string? sessionId, string reason)
    {
        if (string.IsNullOrEmpty(sessionId)) return false;
        using var connection = db.Open();
        return connection.Execute("UPDATE auth_session SET ended_at = @now, end_reason = @reason WHERE id_hash = @hash AND ended_at IS NULL",
            new { hash = Hash(sessionId), reason, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>Ends every open session of a user but one, inside the caller's transaction; the number ended.</summary>
    public int EndAll(IDbConnection connection, IDbTransaction transaction, long userId, string reason, string? exceptSessionId = null) =>
        connection.Execute("""
            UPDATE auth_session SET ended_at = @now, end_reason = @reason
            WHERE user_id = @userId AND ended_at IS NULL AND (@except IS NULL OR id_hash <> @except)
            """, new { userId, reason, now = clock.GetUtcNow(), except = exceptSessionId is null ? null : Hash(exceptSessionId) }, transaction);

    /// <summary>Open sessions per user and each user's last sign-in, for the admin's list.</summary>
    public IReadOnlyDictionary<long, (int Open, DateTimeOffset? LastSignIn)> Summary()
    {
        using var connection = db.Open();
        var since = clock.GetUtcNow() - IdleLimit;
        return connection.Query<UserSessions>("""
            SELECT user_id AS UserId, SUM(CASE WHEN ended_at IS NULL AND last_seen_at > @since THEN 1 ELSE 0 END) AS Open,
                   MAX(created_at) AS LastSignIn
            FROM auth_session GROUP BY user_id
            """, new { since }).ToDictionary(r => r.UserId, r => ((int)r.Open, r.LastSignIn));
    }

    private sealed record UserSessions
    {
        public long UserId { get; init; }
        public long Open { get; init; }
        public DateTimeOffset? LastSignIn { get; init; }
    }

    private static string Hash(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
