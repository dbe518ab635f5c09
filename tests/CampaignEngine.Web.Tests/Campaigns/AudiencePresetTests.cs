using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class AudiencePresetTestsOnSqlite() : AudiencePresetTests(TestHost.Sqlite);

public sealed class AudiencePresetTestsOnPostgreSql() : AudiencePresetTests(TestHost.PostgreSql);

/// <summary>
/// A module's audience presets: the API takes one by name in place of a segment (and refuses an unknown one, or one
/// beside a segment, by name), the campaign form fills its fields from one without a script and shows whom it reaches,
/// and the module list and page show them with the module's quiet dates.
/// Runs on both engines (ADR 0012): one subclass per engine above.
/// </summary>
public abstract class AudiencePresetTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_campaign_named_after_a_preset_gets_the_presets_audience_and_says_so()
    {
        var gulf = TestCompatriots.Insert(_host, new("Азамат Үсөнов", "male", "KG-Y", "QA"));
        TestCompatriots.Insert(_host, new("Бакыт Жумабаев", "male", "KG-Y", "CN"));

        var created = await _host.AdminClient().PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Gulf appeal", audiencePreset = "gulf" }, HttpStatusCode.Created);

        Assert.Equal("gulf", (string?)created["audiencePreset"]);
        Assert.Equal(["AE", "QA"], created["segment"]!["countries"]!.AsArray().Select(c => (string)c!));
        var audience = await _host.AdminClient().GetJson($"/api/campaigns/{created["id"]}/audience");
        Assert.Equal(1, (long)audience["total"]!);
        Assert.Equal("QA", (string?)audience["cells"]![0]!["country"]);
        Assert.True(gulf > 0);
    }

    [SkippableFact]
    public async Task A_campaign_with_an_audience_of_its_own_names_no_preset()
    {
        var created = await _host.AdminClient().PostJson("/api/campaigns",
            new { moduleId = "issyk-kul", name = "Own", segment = new { countries = new[] { "AE" } } }, HttpStatusCode.Created);

        Assert.Null(created["audiencePreset"]);
    }

    [SkippableTheory]
    [InlineData("{\"moduleId\":\"issyk-kul\",\"name\":\"x\",\"audiencePreset\":\"moon\"}", "Module 'issyk-kul' has no audience preset 'moon'; it has gulf, women-unsure.")]
    [InlineData("{\"moduleId\":\"issyk-kul\",\"name\":\"x\",\"audiencePreset\":\"germany\"}", "Module 'issyk-kul' has no audience preset 'germany'")]
    [InlineData("{\"moduleId\":\"issyk-kul\",\"name\":\"x\",\"audiencePreset\":\"gulf\",\"segment\":{\"genders\":[\"female\"]}}", "Give either audiencePreset or segment, not both")]
    public async Task An_unknown_preset_or_one_beside_a_segment_is_refused_by_name(string body, string reason)
    {
        var response = await _host.AdminClient().PostAsync("/api/campaigns", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadNode())["errors"]!;
        Assert.Contains(reason, (string)errors["audiencePreset"]![0]!, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [SkippableFact]
    public async Task The_module_list_gives_each_modules_presets_and_quiet_dates()
    {
        var modules = (await _host.AdminClient().GetJson("/api/modules")).AsArray();

        var issykKul = modules.Single(m => (string?)m!["id"] == "issyk-kul")!;
        var gulf = issykKul["presets"]!.AsArray().Single(p => (string?)p!["id"] == "gulf")!;
        Assert.Equal("Issyk-Kul natives in the Gulf", (string?)gulf["name"]!["en"]);
        Assert.Equal(["AE", "QA"], gulf["segment"]!["countries"]!.AsArray().Select(c => (string)c!));
        var nooruz = issykKul["quietDates"]!.AsArray().Single(q => (string?)q!["date"] == "03-21")!;
        Assert.True((bool)nooruz["everyYear"]!);
        Assert.Equal("Nooruz", (string?)nooruz["reason"]!["en"]);
        Assert.All(modules.Where(m => (string?)m!["state"] == "loaded"), m => Assert.NotEmpty(m!["presets"]!.AsArray()));
    }

    [SkippableFact]
    public async Task Pressing_a_preset_on_the_form_fills_the_audience_shows_its_count_and_saves_nothing()
    {
        TestCompatriots.Insert(_host, new("Айгерим Бекова", "female", "KG-Y", "AE"));
        TestCompatriots.Insert(_host, new("Нуржан Бекова", "female", "KG-Y", "BE", Willing: "unsure"));
        TestCompatriots.Insert(_host, new("Эрлан Беков", "male", "KG-Y", "BE", Willing: "unsure"));
        var officer = await Security.Users.SignInAsync(_host, "officer-presets", "officer");
        var blank = await officer.GetStringAsync("/campaigns/new?module=issyk-kul&lang=en");

        var response = await officer.PostAsync("/campaigns/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ModuleId"] = "issyk-kul", ["Name"] = "Typed before the preset", ["Genders"] = "male", ["Channels"] = "whatsapp",
            ["ApplyPreset"] = "women-unsure", ["__RequestVerificationToken"] = Security.Users.Token(blank),
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Typed before the preset\"", page, StringComparison.Ordinal);
        // No countries in the preset: the module's own. Its genders replace the one typed before.
        foreach (var ticked in new[] { "value=\"AE\" checked", "value=\"CN\" checked", "value=\"BE\" checked", "value=\"female\" checked", "value=\"unsure\" checked", "value=\"unknown\" checked" })
            Assert.Contains(ticked, page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"male\" checked", page, StringComparison.Ordinal);
        Assert.Contains("<span id=\"preset-audience-total\">1</span>", page, StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [SkippableFact]
    public async Task A_preset_named_in_the_address_opens_the_form_filled_in_and_the_modules_page_lists_presets_and_quiet_dates()
    {
        TestCompatriots.Insert(_host, new("Азамат Үсөнов", "male", "KG-Y", "QA"));
        var officer = await Security.Users.SignInAsync(_host, "officer-address", "officer");

        var form = await officer.GetStringAsync("/campaigns/new?module=issyk-kul&preset=gulf&lang=en");
        var modules = await officer.GetStringAsync("/modules?lang=en");

        Assert.Contains("name=\"Countries\" value=\"QA\" checked", form, StringComparison.Ordinal);
        Assert.Contains("<span id=\"preset-audience-total\">1</span>", form, StringComparison.Ordinal);
        Assert.Contains("id=\"module-quiet-dates\"", form, StringComparison.Ordinal);
        Assert.Contains("21.03", form, StringComparison.Ordinal);
        Assert.Contains("Issyk-Kul natives in the Gulf", modules, StringComparison.Ordinal);
        Assert.Contains("Independence Day", modules, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
