using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// Gulnara's evening: on her phone she records a member's pledge and the money that arrived with its bank
/// reference; she cannot approve it herself; another board member approves it and the pledge is fulfilled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LeaderWorkspaceTests(BrowserHost fixture)
{
    private const string Password = "leader-password-1";

    [SkippableFact]
    public async Task Leader_records_a_pledge_and_its_fulfilment_and_only_a_second_leader_can_approve_it()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var organization = $"Фонд нарынского землячества {suffix}";
        using (var api = Api())
        {
            var organizationId = await PostAsync(api, "/api/organizations", new { name = organization, country = "RU", city = "Moscow" });
            await PostAsync(api, "/api/users", new { login = "gulnara-" + suffix, password = Password, role = "leader", organizationId });
            await PostAsync(api, "/api/users", new { login = "board-" + suffix, password = Password, role = "leader", organizationId });
            var csv = "external_id,full_name,gender,birth_year,home_region,district,village,country,city,language,years_abroad,willing,interests,sectors,organization,email,phone,telegram,channels\n" +
                      $"leader-{suffix},Азамат Мамытов,м,1985,naryn,,,RU,Moscow,ky,6-10,yes,,,{organization},,+79161234567,,whatsapp\n";
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "members.csv" } };
            var imported = await api.PostAsync("/api/compatriots/import", form);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        }

        await using var gulnaraPhone = await fixture.NewPhoneContextAsync();
        var gulnara = await SignInAsync(gulnaraPhone, "gulnara-" + suffix);
        await gulnara.GotoAsync($"{fixture.BaseUrl}/pledges/new?lang=ru");
        // Nobody is chosen for her: she finds the member, among hers only, and the form shows whom she chose.
        await Expect(gulnara.Locator("input[name=CompatriotId]")).ToHaveCountAsync(0);
        await gulnara.FillAsync("#CompatriotId-find", "азамат");
        await Expect(gulnara.Locator("#CompatriotId-list [role=option]")).ToHaveCountAsync(1);
        await gulnara.PressAsync("#CompatriotId-find", "ArrowDown");
        await gulnara.PressAsync("#CompatriotId-find", "Enter");
        await Expect(gulnara.Locator(".picked strong")).ToHaveTextAsync("Азамат Мамытов");
        await Expect(gulnara.Locator("input[type=hidden][name=CompatriotId]")).ToHaveCountAsync(1);
        await gulnara.FillAsync("#Amount", "5000");
        await gulnara.SelectOptionAsync("#Currency", "RUB");
        await gulnara.ClickAndWaitForNextPageAsync("#save-pledge");
        Assert.Matches(@"/pledges/\d+$", gulnara.Url);
        var pledgeUrl = gulnara.Url;

        await gulnara.FillAsync("#Amount", "5000");
        await gulnara.FillAsync("#Evidence", "Сбербанк 4471-22");
        await gulnara.ClickAndWaitForNextPageAsync("#record-fulfilment");
        await Expect(gulnara.Locator("text=Сбербанк 4471-22")).ToBeVisibleAsync();
        await Expect(gulnara.Locator("button.approve")).ToHaveCountAsync(0);      // four eyes: not her own
        await Expect(gulnara.Locator("#fulfilled-usd")).ToHaveTextAsync("0.00");

        await using var boardLaptop = await fixture.NewDesktopContextAsync();
        var board = await SignInAsync(boardLaptop, "board-" + suffix);
        await board.GotoAsync(pledgeUrl + "?lang=ru");
        await board.ClickAndWaitForNextPageAsync("button.approve");
        await Expect(board.Locator("#pledge-status")).ToHaveTextAsync(ProductTexts.Get("ru", "pledges.status.fulfilled"));
        await Expect(board.Locator("#fulfilled-usd")).ToHaveTextAsync("62.50");
        await Screenshots.TakeAsync(board, "leader-pledge-approved");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string login)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/account/login");
        await page.FillAsync("#Login", login);
        await page.FillAsync("#Password", Password);
        await page.ClickAndWaitForNextPageAsync("form[action='/account/login'] button[type=submit]");
        Assert.DoesNotContain("/account/login", page.Url);
        return page;
    }

    private HttpClient Api()
    {
        var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
        return http;
    }

    private static async Task<long> PostAsync(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
