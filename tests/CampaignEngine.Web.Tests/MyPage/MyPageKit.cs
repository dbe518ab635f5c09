using System.Net;
using CampaignEngine.Web.Features.Compatriots.Self;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.MyPage;

/// <summary>What the personal page's tests share: a person's own link, a browser that keeps cookies, posting the page's forms.</summary>
internal static class MyPageKit
{
    public static string LinkOf(TestHost host, long person) => host.Services.GetRequiredService<PersonalLinks>().Ensure(person)!;

    public static HttpClient Browser(TestHost host) => host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens the page (for its anti-forgery token) and posts one of its forms with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string token, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await browser.GetStringAsync($"/me/{token}?lang=en");
        var form = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Projects.ProjectTestKit.Token(page)) };
        form.AddRange(fields);
        return await browser.PostAsync($"/me/{token}/{action}?lang=en", new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(TestHost host, string token, string json)
    {
        using var client = host.CreateClient();
        using var body = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync($"/me/{token}/preferences", body);
    }

    public static async Task<long> CampaignAsync(TestHost host, string name, params string[] channels) =>
        (long)(await host.AdminClient().PostJson("/api/campaigns", new { moduleId = "issyk-kul", name, channels }, HttpStatusCode.Created))["id"]!;
}
