using Dapper;
using Microsoft.Data.Sqlite;

namespace CampaignEngine.Web.Tests.Infrastructure;

/// <summary>A compatriot written straight into the test database, for tests that are not about the import.</summary>
public sealed record TestCompatriot(
    string Name, string Gender, string HomeRegion, string Country, string Language = "ky", int? BirthYear = 1990,
    string? Phone = "+971501234567", string? Email = null, string Channels = "whatsapp", string? Willing = "yes", string? City = null, long? OrganizationId = null, string TimeZone = "UTC");

public static class TestCompatriots
{
    public static long Insert(TestHost host, TestCompatriot c)
    {
        _ = host.Server;   // the host creates the schema when it starts
        using var connection = host.OpenDatabase();
        var id = Insert(connection, c);
        Indexed(host);
        return id;
    }

    /// <summary>
    /// Indexes rows written straight into the table for the person picker, as the host does at start for rows an
    /// older version wrote (the directory's own writers index as they write).
    /// </summary>
    public static void Indexed(TestHost host) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<CampaignEngine.Web.Features.Compatriots.Search.SearchIndex>(host.Services).CatchUp();

    /// <summary>Into the database of a host that runs elsewhere (e.g. as its own process) and has created the schema.</summary>
    public static long Insert(string databasePath, TestCompatriot c)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        return Insert(connection, c);
    }

    /// <summary>Through a connection the caller opened (the host has created the schema).</summary>
    public static long Insert(System.Data.Common.DbConnection connection, TestCompatriot c)
    {
        var channels = c.Channels.Split(';', StringSplitOptions.RemoveEmptyEntries);
        return connection.ExecuteScalar<long>("""
            INSERT INTO directory_compatriot (external_id, full_name, gender, birth_year, home_region, country, city, time_zone, language,
                willing, email, phone, organization_id, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
            VALUES (@ext, @Name, @Gender, @BirthYear, @HomeRegion, @Country, @City, @TimeZone, @Language, @Willing, @Email, @Phone, @OrganizationId,
                @wa, @tg, @sms, @mail, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            RETURNING id
            """, new
        {
            ext = Guid.NewGuid().ToString("N"), c.Name, c.Gender, c.BirthYear, c.HomeRegion, c.Country, c.City, c.TimeZone, c.Language, c.Willing, c.Email, c.Phone, c.OrganizationId,
            wa = Flag(channels, "whatsapp"), tg = Flag(channels, "telegram"), sms = Flag(channels, "sms"), mail = Flag(channels, "email"),
        });
    }

    /// <summary>
    /// A consent as the 0/1 the columns hold: a bool goes to PostgreSQL as boolean, which a bigint column refuses, unless
    /// the product's Dapper handler is registered in this process (it is not when the host runs as its own process).
    /// </summary>
    private static long Flag(string[] channels, string channel) => channels.Contains(channel) ? 1 : 0;

    public static long Scalar(TestHost host, string sql, object? parameters = null)
    {
        _ = host.Server;
        using var connection = host.OpenDatabase();
        return connection.ExecuteScalar<long>(sql, parameters);
    }

    /// <summary>The text values a query returns, e.g. the tokens stored for a person.</summary>
    public static List<string> Strings(TestHost host, string sql, object? parameters = null)
    {
        _ = host.Server;
        using var connection = host.OpenDatabase();
        return connection.Query<string>(sql, parameters).ToList();
    }
}
