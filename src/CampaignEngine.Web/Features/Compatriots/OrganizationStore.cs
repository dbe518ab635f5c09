using CampaignEngine.Web.Infrastructure.Database;
using Dapper;

namespace CampaignEngine.Web.Features.Compatriots;

internal sealed record Organization(long Id, string Name, string? Country, string? City);

/// <summary>Diaspora organisations. Names are unique regardless of case, because imports match members by name.</summary>
internal sealed class OrganizationStore(Db db, TimeProvider clock)
{
    public IReadOnlyList<Organization> List()
    {
        using var connection = db.Open();
        return connection.Query<Organization>("SELECT id, name, country, city FROM directory_organization ORDER BY name, id").ToList();
    }

    public bool Exists(long id)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long?>("SELECT id FROM directory_organization WHERE id = @id", new { id }) is not null;
    }

    /// <summary>The organisation named <paramref name="name"/>, compared case-insensitively in .NET (SQLite folds ASCII only).</summary>
    public Organization? FindByName(string name) =>
        List().FirstOrDefault(o => o.Name.Trim().Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    public long Create(string name, string? country, string? city, string? kind = null)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("""
            INSERT INTO directory_organization (name, country, city, kind, created_at)
            VALUES (@name, @country, @city, @kind, @at)
            RETURNING id
            """, new { name = name.Trim(), country, city, kind, at = clock.GetUtcNow() });
    }
}
