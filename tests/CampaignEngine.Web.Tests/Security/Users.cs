using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>Users of every role for the security tests, signed in with a key or with the sign-in page's cookie.</summary>
public static partial class Users
{
    public const string Password = "a-long-test-password-1";

    public static long Create(TestHost host, string login, string role, string? region = null, long? organizationId = null) =>
        host.Services.GetRequiredService<UserStore>().Create(new NewUser(login, Password, role, region, organizationId));

    public static Task<string> CreateWithKey(TestHost host, string login, string role, string? region = null, bool organization = false)
    {
        long? org = organization ? TestCompatriots.Scalar(host,
            "INSERT INTO directory_organization (name, created_at) VALUES (@login, '2026-01-01T00:00:00.000Z') RETURNING id", new { login }) : null;
        var id = Create(host, login, role, region, org);
        return Task.FromResult(host.Services.GetRequiredService<UserStore>().CreateApiKey(id).Key);
    }

    /// <summary>A browser-like client signed in through the sign-in form (cookie and anti-forgery token).</summary>
    public static async Task<HttpClient> SignInAsync(TestHost host, string login, string? role = null, string? region = null, string password = Password)
    {
        if (role is not null) Create(host, login, role, region);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = password, ["__RequestVerificationToken"] = Token(await client.GetStringAsync("/account/login")),
        }));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {login}: {response.StatusCode}");
        return client;
    }

    public static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
