using System.Net.Http.Json;
using System.Text.Json;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>Test data written straight into the host's database: the directory import is not what is under test here.</summary>
public static class CertificateTestData
{
    public const string Aigul = "Айгүл Өмүрбекова Ңаа";

    public static long InsertCompatriot(TestHost host, string fullName, string language = "ky", string homeRegion = "KG-Y", string country = "AE")
    {
        _ = host.Services; // starts the host, which runs the migrations
        using var connection = host.OpenDatabase();
        var id = connection.ExecuteScalar<long>("""
            INSERT INTO directory_compatriot (full_name, gender, home_region, country, time_zone, language, created_at, updated_at)
            VALUES (@fullName, 'female', @homeRegion, @country, 'Asia/Dubai', @language, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')
            RETURNING id
            """, new { fullName, homeRegion, country, language });
        TestCompatriots.Indexed(host);
        return id;
    }

    /// <summary>A user with an API key; returns the key.</summary>
    public static string CreateUser(TestHost host, string login, string role, string? region)
    {
        var users = host.Services.GetRequiredService<UserStore>();
        var id = users.Create(new NewUser(login, "a-long-test-password-1", role, region, null));
        return users.CreateApiKey(id).Key;
    }

    public static void Execute(TestHost host, string sql, object parameters)
    {
        using var connection = host.OpenDatabase();
        connection.Execute(sql, parameters);
    }

    /// <summary>The proof the certificate's QR code carries (its signature, base64url), as <c>s</c> in the verify address.</summary>
    public static string Proof(TestHost host, string serial)
    {
        using var connection = host.OpenDatabase();
        var signature = connection.ExecuteScalar<string>("SELECT signature FROM certificate WHERE serial = @serial", new { serial })!;
        return System.Buffers.Text.Base64Url.EncodeToString(Convert.FromBase64String(signature));
    }

    /// <summary>
    /// Gives every pledge marked 'fulfilled' without a fulfilment the approved fulfilment that would have made it so: the
    /// money or hours in full, recorded and approved when the pledge was made. Bulk issuance counts fulfilments, not statuses.
    /// </summary>
    public static void PayFulfilledPledgesInFull(TestHost host) => Execute(host, """
        INSERT INTO pledge_fulfilment (pledge_id, amount, currency, amount_usd, hours, evidence, status, recorded_by, recorded_at, decided_by, decided_at)
        SELECT p.id, p.amount_usd, CASE WHEN p.amount_usd IS NULL THEN NULL ELSE 'USD' END, p.amount_usd, p.hours, 'test transfer', 'approved',
               (SELECT MIN(id) FROM auth_user), p.created_at, (SELECT MAX(id) FROM auth_user), p.created_at
        FROM pledge p
        WHERE p.status = 'fulfilled' AND NOT EXISTS (SELECT 1 FROM pledge_fulfilment f WHERE f.pledge_id = p.id);
        UPDATE pledge SET fulfilled_usd = COALESCE(amount_usd, 0), fulfilled_hours = COALESCE(hours, 0) WHERE status = 'fulfilled';
        """, new { });

    public static async Task<(string Serial, string VerifyUrl)> IssueAsync(HttpClient client, long compatriotId, string moduleId = "issyk-kul",
        string kind = "honorary", string? language = "ky", string reason = "Ысык-Көлдүн жээгин тазалоого кошкон салымы үчүн")
    {
        var response = await client.PostAsJsonAsync("/api/certificates", new { compatriotId, moduleId, kind, language, reason });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("serial").GetString()!, json.RootElement.GetProperty("verifyUrl").GetString()!);
    }
}
