using System.Net.Http.Headers;
using System.Text;
using CampaignEngine.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CampaignEngine.BrowserTests;

/// <summary>
/// Aizada, an officer, records a pledge a compatriot made by phone: she types part of the name in Latin letters, the
/// matches appear as she types, she chooses with the keyboard, and the pledge is recorded under that person's name.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonPickerTests(BrowserHost fixture)
{
    private const string Password = "officer-password-1";

    [SkippableFact]
    public async Task An_officer_types_part_of_a_name_chooses_the_person_and_records_a_pledge_under_their_name()
    {
        ChromiumRequirement.SkipOrFailWhenMissing();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using (var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) })
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostProcess.AdminApiKey);
            var csv = "external_id,full_name,gender,birth_year,home_region,district,village,country,city,language,years_abroad,willing,interests,sectors,organization,email,phone,telegram,channels\n" +
                      $"picker-{suffix},Асель Сооронбаева,ж,1991,issyk-kul,,,RU,Yakutsk,ky,3-5,yes,,,,,,,\n" +
                      $"picker2-{suffix},Асель Бекова,ж,1990,naryn,,,KZ,Almaty,ky,3-5,yes,,,,,,,\n";
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "people.csv" } };
            var imported = await api.PostAsync("/api/compatriots/import", form);
            Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
            var officer = await api.PostAsync("/api/users", new StringContent(
                $$"""{"login":"aizada-{{suffix}}","password":"{{Password}}","role":"officer"}""", Encoding.UTF8, "application/json"));
            Assert.True(officer.IsSuccessStatusCode, await officer.Content.ReadAsStringAsync());
        }

        await using var laptop = await fixture.NewDesktopContextAsync();
        var page = await laptop.NewPageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/account/login");
        await page.FillAsync("#Login", "aizada-" + suffix);
        await page.FillAsync("#Password", Password);
        await page.ClickAndWaitForNextPageAsync("form[action='/account/login'] button[type=submit]");
        await page.GotoAsync($"{fixture.BaseUrl}/pledges/new?lang=ru");
        await Expect(page.Locator("input[name=CompatriotId]")).ToHaveCountAsync(0);   // nobody chosen by default

        await page.FillAsync("#CompatriotId-find", "Asel Sooronb");
        var option = page.Locator("#CompatriotId-list [role=option]", new() { HasText = $"picker-{suffix}" });
        await Expect(option).ToHaveCountAsync(1);
        await Expect(option).ToContainTextAsync("Асель Сооронбаева");
        await Screenshots.TakeAsync(page, "person-picker");
        await page.PressAsync("#CompatriotId-find", "ArrowDown");
        await page.PressAsync("#CompatriotId-find", "Enter");
        var picked = page.Locator(".picked");
        await Expect(picked).ToContainTextAsync("Асель Сооронбаева");
        await Expect(picked).ToContainTextAsync("Россия");
        await Expect(picked).ToContainTextAsync("Иссык-Кульская область");

        await page.FillAsync("#Amount", "30");
        await page.SelectOptionAsync("#Currency", "USD");
        await page.ClickAndWaitForNextPageAsync("#save-pledge");
        Assert.Matches(@"/pledges/\d+$", page.Url);
        await Expect(page.Locator("main")).ToContainTextAsync("Асель Сооронбаева");
    }
}
