using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using SignIn = CampaignEngine.Web.Tests.Security.Users;

namespace CampaignEngine.Web.Tests.Modules;

public sealed class ModuleSettingsPageTestsOnSqlite() : ModuleSettingsPageTests(TestHost.Sqlite);

public sealed class ModuleSettingsPageTestsOnPostgreSql() : ModuleSettingsPageTests(TestHost.PostgreSql);

/// <summary>
/// The settings page, as Issyk-Kul's administration uses it: the values beside their defaults, a value out of bounds
/// refused beside its setting in the reader's language with what was typed kept, a save that becomes a version in the
/// history, and a form left open while someone else saved refused with their change shown.
/// </summary>
public abstract class ModuleSettingsPageTests(string engine) : IDisposable
{
    private const string Page = "/modules/issyk-kul/settings";
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_oblast_administration_changes_its_threshold_on_the_page_and_sees_it_in_the_history()
    {
        var browser = await SignIn.SignInAsync(_host, "ik-page", "oblast", "KG-Y");
        var form = await browser.GetStringAsync(Page + "?lang=ru");
        Assert.Contains("Минимальный вклад для представления к благодарственному письму (USD)", form, StringComparison.Ordinal);
        Assert.Contains("По умолчанию: 500", form, StringComparison.Ordinal);

        var refused = await Post(browser, form, new() { ["basedOn"] = "0", ["s.gratitudeThresholdUsd"] = "1 200,50", ["s.slaWorkingDays"] = "0" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("должно быть не меньше 1", refusedPage, StringComparison.Ordinal);
        Assert.Contains("value=\"1 200,50\"", refusedPage, StringComparison.Ordinal);

        var saved = await Post(browser, form, new() { ["basedOn"] = "0", ["s.gratitudeThresholdUsd"] = "1 200,50", ["comment"] = "Решение от 2 декабря" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.GetStringAsync(saved.Headers.Location + "&lang=ru");
        Assert.Contains("Сохранено как версия 1", after, StringComparison.Ordinal);
        Assert.Contains("500 → 1200.5", after, StringComparison.Ordinal);
        Assert.Contains("Решение от 2 декабря", after, StringComparison.Ordinal);
        var modules = await browser.GetStringAsync("/modules?lang=ru");
        Assert.Contains("href=\"/modules/issyk-kul/settings\"", modules, StringComparison.Ordinal);
        Assert.Contains("1200.5 · изменено", modules, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_form_left_open_while_someone_else_saved_is_refused_with_their_change()
    {
        var browser = await SignIn.SignInAsync(_host, "ik-stale", "oblast", "KG-Y");
        var form = await browser.GetStringAsync(Page + "?lang=en");
        Assert.Equal(HttpStatusCode.Redirect, (await Post(browser, form, new() { ["basedOn"] = "0", ["s.slaWorkingDays"] = "5" })).StatusCode);

        var stale = await Post(browser, form, new() { ["basedOn"] = "0", ["s.slaWorkingDays"] = "8" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Time to answer a question (working days): 10 → 5", page, StringComparison.Ordinal);
        Assert.Contains("name=\"basedOn\" value=\"1\"", page, StringComparison.Ordinal);
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM module_setting_version"));
    }

    public void Dispose()

    {

        _host.Dispose();

        GC.SuppressFinalize(this);

    }

    private static Task<HttpResponseMessage> Post(HttpClient browser, string form, Dictionary<string, string> fields) =>
        browser.PostAsync(Page, new FormUrlEncodedContent(fields.Append(KeyValuePair.Create("__RequestVerificationToken", SignIn.Token(form)))));
}
