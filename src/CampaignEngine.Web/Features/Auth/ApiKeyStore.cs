using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Auth;

/// <summary>What a user sees of a key: never the key, only its first characters to tell keys apart.</summary>
internal sealed record ApiKeyInfo
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string? Label { get; init; }
    public string Prefix { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>API keys, several per user. Only a SHA-256 of each key is stored; the key itself is shown once.</summary>
internal sealed class ApiKeyStore(Db db, TimeProvider clock)
{
    public const int MaxLabelLength = 80;

    // Writing the last use on every call would make each API read a write; once a minute tells enough.
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public (long Id, string Key) Create(long userId, string? key = null, string? label = null)
    {
        key ??= "ce_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
        using var connection = db.Open();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO auth_api_key (user_id, key_hash, key_prefix, label, created_at) VALUES (@userId, @hash, @prefix, @label, @at)
            RETURNING id
            """, new { userId, hash = Hash(key), prefix = key[..Math.Min(8, key.Length)], label, at = clock.GetUtcNow() });
        return (id, key);
    }

    /// <summary>The owner of a key that is not revoked, noting when the key was used.</summary>
    public UserRecord? FindOwner(string key)
    {
        using var connection = db.Open();
        var hit = connection.QuerySingleOrDefault<KeyHit>("""
            SELECT id AS KeyId, user_id AS UserId, last_used_at AS LastUsedAt FROM auth_api_key WHERE key_hash = @hash AND revoked_at IS NULL
            """, new { hash = Hash(key) });
        if (hit is null) return null;
        var now = clock.GetUtcNow();
        if (hit.LastUsedAt is null || now - hit.LastUsedAt > LastUseResolution)
            connection.Execute("UPDATE auth_api_key SET last_used_at = @now WHERE id = @KeyId", new { now, hit.KeyId });
        // A disabled user's keys are revoked when they are disabled; checking here as well closes the moment between.
        return connection.QuerySingleOrDefault<UserRecord>(
            $"SELECT {UserStore.UserColumns} FROM auth_user WHERE id = @UserId AND disabled_at IS NULL", new { hit.UserId });
    }

    public IReadOnlyList<ApiKeyInfo> List(long userId)
    {
        using var connection = db.Open();
        return connection.Query<ApiKeyInfo>("""
            SELECT id, user_id AS UserId, label, key_prefix AS Prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt
            FROM auth_api_key WHERE user_id = @userId ORDER BY id
            """, new { userId }).ToList();
    }

    public ApiKeyInfo? Find(long id)
    {
        using var connection = db.Open();
        return connection.QuerySingleOrDefault<ApiKeyInfo>("""
            SELECT id, user_id AS UserId, label, key_prefix AS Prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt
            FROM auth_api_key WHERE id = @id
            """, new { id });
    }

    /// <summary>Revokes a key; false when it was already revoked.</summary>
    public bool Revoke(long id)
    {
        using var connection = db.Open();
        return connection.Execute("UPDATE auth_api_key SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            new { id, now = clock.GetUtcNow() }) == 1;
    }

    /// <summary>Revokes every key of a user inside the caller's transaction; the number revoked.</summary>
    public int RevokeAll(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction, long userId) =>
        connection.Execute("UPDATE auth_api_key SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now = clock.GetUtcNow() }, transaction);

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private sealed record KeyHit
    {
        public long KeyId { get; init; }
        public long UserId { get; init; }
        public DateTimeOffset? LastUsedAt { get; init; }
    }
}
