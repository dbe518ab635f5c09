using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Projects;

/// <summary>Users, signed-in browsers and small real files for the project, report and nomination tests.</summary>
public static partial class ProjectTestKit
{
    public const string Password = "a-long-test-password-1";

    /// <summary>A user with an API key; returns the key.</summary>
    public static string CreateUser(TestHost host, string login, string role, string? region = null, long? organizationId = null)
    {
        var users = host.Services.GetRequiredService<UserStore>();
        var id = users.Create(new NewUser(login, Password, role, region, organizationId));
        return users.CreateApiKey(id).Key;
    }

    public static long Organization(TestHost host, string name)
    {
        using var connection = Open(host);
        return connection.ExecuteScalar<long>(
            "INSERT INTO directory_organization (name, country, city, created_at) VALUES (@name, 'RU', 'Moscow', '2026-01-01T00:00:00.000Z') RETURNING id", new { name });
    }

    public static async Task<HttpClient> SignInAsync(TestHost host, string login)
    {
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/account/login");
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(form), ["Login"] = login, ["Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public static string Token(string html) => TokenInput().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No anti-forgery token on the page.");

    /// <summary>A real 24×24 PNG (a checkerboard), so a browser could show it.</summary>
    public static byte[] Png()
    {
        var cells = new bool[6, 6];
        for (var y = 0; y < 6; y++) for (var x = 0; x < 6; x++) cells[y, x] = (x + y) % 2 == 0;
        return Certificates.PngWriter.Grey(cells, 4);
    }

    public static byte[] Pdf() => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A finished campaign with one delivered message per person; returns the campaign id and each person's link token.</summary>
    public static (long CampaignId, Dictionary<long, string> Tokens) DeliveredCampaign(TestHost host, string moduleId, params long[] compatriots)
    {
        using var connection = Open(host);
        return DeliveredCampaign(connection, moduleId, compatriots);
    }

    /// <summary>
    /// The same, on a database a running host made: for a host configured on top of a <see cref="TestHost"/> (a
    /// <c>ChannelHost</c>), whose plain host must not start beside it, since its dispatch would send to the file outbox.
    /// </summary>
    public static (long CampaignId, Dictionary<long, string> Tokens) DeliveredCampaign(System.Data.Common.DbConnection connection, string moduleId, params long[] compatriots)
    {
        var campaignId = connection.ExecuteScalar<long>("""
            INSERT INTO campaign (module_id, name, template, segment_json, channels, status, created_at)
            VALUES (@moduleId, 'Clean water for Naryn', 'appeal', '{}', 'whatsapp', 'completed', '2026-01-01T00:00:00.000Z') RETURNING id
            """, new { moduleId });
        var tokens = new Dictionary<long, string>();
        foreach (var id in compatriots)
        {
            tokens[id] = Guid.NewGuid().ToString("N");
            connection.Execute("""
                INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, sent_at, token)
                VALUES (@campaignId, @id, 'whatsapp', 'ru', 'delivered', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', @token)
                """, new { campaignId, id, token = tokens[id] });
        }
        return (campaignId, tokens);
    }

    /// <summary>The campaign asks for the project, as its officer would have set it: its links may then pledge to it.</summary>
    public static void AskFor(TestHost host, long campaignId, long projectId)
    {
        using var connection = Open(host);
        connection.Execute("INSERT INTO campaign_project (campaign_id, project_id) VALUES (@campaignId, @projectId)", new { campaignId, projectId });
    }

    public static long Scalar(TestHost host, string sql, object? parameters = null) => TestCompatriots.Scalar(host, sql, parameters);

    private static System.Data.Common.DbConnection Open(TestHost host)
    {
        _ = host.Server;
        return host.OpenDatabase();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
