using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.ModuleHost;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class ModuleQuietDatesTestsOnSqlite() : ModuleQuietDatesTests(TestHost.Sqlite);

public sealed class ModuleQuietDatesTestsOnPostgreSql() : ModuleQuietDatesTests(TestHost.PostgreSql);

/// <summary>
/// A module's own quiet dates hold for every campaign of the module, on top of the campaign's own: a campaign launched
/// on a day its module is quiet writes its messages for the next day that is quiet for neither, in the person's zone.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class ModuleQuietDatesTests : IDisposable
{
    private static readonly TimeZoneInfo Istanbul = TimeZoneInfo.FindSystemTimeZoneById("Europe/Istanbul");
    private readonly string _modules = Directory.CreateTempSubdirectory("ce-quiet").FullName;
    private readonly TestHost _host;

    protected ModuleQuietDatesTests(string engine)
    {
        // The test module is quiet every year on today's date in Istanbul, where its natives live.
        ModuleFolders.Copy(ModuleFolders.Shipped, _modules);
        Directory.Delete(Path.Combine(_modules, "Chui"), recursive: true); // a region has one module: the test's stands for Chui's
        ModuleFolders.Copy(ModuleFolders.TestChui, Path.Combine(_modules, "TestChui"));
        var manifest = File.ReadAllText(Path.Combine(ModuleFolders.TestChui, "module.json")).Replace("  \"templates\":", $$"""
              "quietDates": [{ "date": "{{Today.ToString("MM-dd", CultureInfo.InvariantCulture)}}", "reason": { "ky": "Сынак майрамы", "ru": "Тестовый праздник", "en": "Test holiday" } }],
              "templates":
            """, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_modules, "TestChui", "module.json"), manifest);
        _host = new TestHost(engine);
        _host.Settings["Modules:Path"] = _modules;
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Istanbul).DateTime);

    [SkippableFact]
    public async Task A_campaign_of_a_module_quiet_today_schedules_its_sends_to_the_next_day_quiet_for_neither()
    {
        var api = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Айпери Токтогулова", "female", "KG-C", "TR", TimeZone: "Europe/Istanbul", Phone: "+905321234567"));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_host.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Istanbul).DateTime);
        // The campaign's own quiet date is tomorrow: the two calendars add up.
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = (long)(await api.PostJson("/api/campaigns", new { moduleId = "test-chui", name = "Quiet today", quietDates = new[] { tomorrow } }, HttpStatusCode.Created))["id"]!;

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);

        var message = (await api.GetJson($"/api/campaigns/{id}/messages"))["items"]!.AsArray().Single(m => (long)m!["compatriotId"]! == person)!;
        Assert.Equal(SendWindow.At(today.AddDays(2), TimeOnly.MinValue, Istanbul),
            DateTimeOffset.Parse((string)message["notBefore"]!, CultureInfo.InvariantCulture));
        Assert.Equal("scheduled", (string?)(await api.GetJson($"/api/campaigns/{id}"))["status"]);
        var page = await (await Security.Users.SignInAsync(_host, "officer-quiet", "officer")).GetStringAsync($"/campaigns/{id}?lang=en");
        Assert.Contains("Test holiday", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_window_skips_a_yearly_and_a_one_off_module_date_and_the_campaigns_own()
    {
        var reason = new Core.Reference.LocalizedText("а", "б", "c");
        var window = SendWindow.Suggested with
        {
            QuietDates = new HashSet<DateOnly> { new(2027, 3, 22) },
            ModuleQuietDates = [QuietDate.TryParse("03-21", reason)!, QuietDate.TryParse("2027-03-23", reason)!],
        };
        var bishkek = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bishkek");

        var opening = window.NextOpening(new DateTimeOffset(2027, 3, 21, 5, 0, 0, TimeSpan.Zero), bishkek);

        Assert.Equal(new DateTimeOffset(2027, 3, 24, 10, 0, 0, TimeSpan.FromHours(6)), opening);
        Assert.True(window.IsQuiet(new DateOnly(2031, 3, 21)));
        Assert.False(window.IsQuiet(new DateOnly(2028, 3, 23)));
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_modules, recursive: true);
        GC.SuppressFinalize(this);
    }
}
