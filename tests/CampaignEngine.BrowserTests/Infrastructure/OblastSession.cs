using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace CampaignEngine.BrowserTests.Infrastructure;

/// <summary>A new oblast user of <c>region</c>, made through the users API, signed in on a laptop through the login page.</summary>
internal static class OblastSession
{
    public const string Password = "oblast-password-1";

    /// <returns>The laptop's browser context (dispose it) and its signed-in page.</returns>
    public static async Task<(IBrowserContext Laptop, IPage Page)> SignInAsync(BrowserHost fixture, string name, string region)
    {
        var login = name + "-" + Guid.NewGuid().ToString("N")[..6];
        using (var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
            var created = await api.PostAsJsonAsync("/api/users", new { login, password = Password, role = "oblast", region });
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        var laptop = await fixture.NewDesktopContextAsync();
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/account/login");
        await page.FillAsync("#Login", login);
        await page.FillAsync("#Password", Password);
        await page.ClickAndWaitForNextPageAsync("form[action='/account/login'] button[type=submit]");
        return (laptop, page);
    }
}
