using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CampaignEngine.Web.Tests.Compatriots.DirectoryApi;

namespace CampaignEngine.Web.Tests.Compatriots;

public sealed class CompatriotsPageTestsOnSqlite() : CompatriotsPageTests(TestHost.Sqlite);

public sealed class CompatriotsPageTestsOnPostgreSql() : CompatriotsPageTests(TestHost.PostgreSql);

public abstract partial class CompatriotsPageTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private async Task<HttpClient> SignIn(string login, string role, string? region = null)
    {
        await ClientFor(_host, login, role, region);
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = Token(await client.GetStringAsync("/account/login"));
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Login"] = login, ["Password"] = "long-enough-password", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    private static string Text(string html) => WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " "));

    [SkippableFact]
    public async Task Page_lists_in_Kyrgyz_with_counts()
    {
        await Import(_host.AdminClient(), Csv(Person("a", "Нурлан Осмонов"), Person("b", "Айзада Үсөнова", "ж")));
        var officer = await SignIn("aizada", "officer");
        var html = Text(await officer.GetStringAsync("/compatriots?lang=ky"));
        Assert.Contains("Мекендештер", html);
        Assert.Contains("Айзада Үсөнова", html);
        Assert.Contains("аялдар: 1", html);
        Assert.Contains("CSV файлдан жүктөө", html);
    }

    [SkippableFact]
    public async Task Page_search_and_filters_narrow_the_table()
    {
        await Import(_host.AdminClient(), Csv(Person("a", "Нурлан Осмонов"), Person("b", "Айзада Үсөнова", "ж"), Person("c", "Бакыт Асанов", region: "KG-N")));
        var officer = await SignIn("aizada", "officer");
        var html = Text(await officer.GetStringAsync("/compatriots?lang=ru&q=үСӨН"));
        Assert.Contains("Айзада Үсөнова", html);
        Assert.DoesNotContain("Нурлан Осмонов", html);
        html = Text(await officer.GetStringAsync("/compatriots?lang=ru&region=naryn"));
        Assert.Contains("Бакыт Асанов", html);
        Assert.DoesNotContain("Айзада Үсөнова", html);
    }

    [SkippableFact]
    public async Task Page_is_scoped_for_an_oblast_user_and_offers_no_import()
    {
        await Import(_host.AdminClient(), Csv(Person("a", "Нурлан Осмонов"), Person("c", "Бакыт Асанов", region: "KG-N")));
        var oblast = await SignIn("bakyt", "oblast", "KG-N");
        var html = Text(await oblast.GetStringAsync("/compatriots?lang=en"));
        Assert.Contains("Бакыт Асанов", html);
        Assert.DoesNotContain("Нурлан Осмонов", html);
        Assert.DoesNotContain("Import from CSV", html);
    }

    [SkippableFact]
    public async Task Import_form_shows_the_report()
    {
        var officer = await SignIn("aizada", "officer");
        var token = Token(await officer.GetStringAsync("/compatriots"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(Person("a"), Person("b", gender: "q"))));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");
        var response = await officer.PostAsync("/compatriots/import?lang=en", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Text(await response.Content.ReadAsStringAsync());
        Assert.Matches(@"Added:\s+1\b", html);
        Assert.Matches(@"3\s+gender", html);
    }

    [SkippableTheory]
    [InlineData("ru", "«12345» — неверный номер телефона (проверен для: Россия, Кыргызстан)", "для согласия на Telegram нужно имя пользователя Telegram", "вся строка")]
    [InlineData("ky", "«12345» — туура эмес телефон номери (текшерилди: Орусия, Кыргызстан)", "Telegram каналына макулдук үчүн Telegram колдонуучу аты керек", "бүт сап")]
    public async Task Import_refusals_name_the_row_and_column_and_say_the_problem_in_the_readers_language(
        string language, string phone, string consent, string wholeRow)
    {
        var officer = await SignIn("import-" + language, "officer");
        var token = Token(await officer.GetStringAsync("/compatriots?lang=" + language));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(
            Csv(Person("a", phone: "12345"), Person("b", channels: "telegram"), "c,only,three")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "list.csv");

        var html = await (await officer.PostAsync("/compatriots/import", form)).Content.ReadAsStringAsync();

        var text = Regex.Replace(Text(html), @"\s+", " ");
        Assert.Contains($"2 phone {phone}", text, StringComparison.Ordinal);
        Assert.Contains($"3 channels {consent}", text, StringComparison.Ordinal);
        Assert.Contains($"4 {wholeRow}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("is not a valid phone number", text, StringComparison.Ordinal);
        Assert.DoesNotContain("needs a Telegram username", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_file_that_cannot_be_read_is_refused_in_the_readers_language()
    {
        var text = await ImportOnThePage("import-unreadable", "ru", Encoding.UTF8.GetBytes("external_id;full_name\r\n1;Айгүл\r\n"));

        Assert.Contains("в заголовке нет столбца «country»: в каждом файле нужны external_id, full_name и country", text, StringComparison.Ordinal);
        Assert.DoesNotContain("the header has no column", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_import_offers_the_header_as_a_file_that_Excel_opens_as_UTF8_and_the_import_takes_back_filled_in()
    {
        var officer = await SignIn("import-template", "officer");
        Assert.Contains("href=\"/compatriots/import/template.csv\"", await officer.GetStringAsync("/compatriots"), StringComparison.Ordinal);

        var template = await officer.GetByteArrayAsync("/compatriots/import/template.csv");

        Assert.Equal([0xEF, 0xBB, 0xBF], template[..3]);
        Assert.Equal(Header + "\r\n", Encoding.UTF8.GetString(template[3..]));
        var filled = Encoding.UTF8.GetString(template) + Person("t-1", name: "Айгүл Өмүрбекова") + "\r\n";
        var (status, body) = await Import(_host.AdminClient(), filled);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("imported").GetInt32());
        Assert.Equal("Айгүл Өмүрбекова", Scalar<string>(_host, "SELECT full_name FROM directory_compatriot WHERE external_id = 't-1'"));
    }

    [SkippableFact]
    public async Task A_file_saved_in_a_windows_code_page_is_refused_in_the_readers_language_and_nobody_is_imported()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        var text = await ImportOnThePage("import-1251", "ru", Encoding.GetEncoding(1251).GetBytes(Csv(Person("w-1251", name: "Айгуль Асанова", gender: "female"))));

        Assert.Contains("файл не в кодировке UTF-8 (первая такая строка — 2): сохраните его как «CSV UTF-8 (разделитель — запятая)»", text, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id = 'w-1251'"));
    }

    [SkippableFact]
    public async Task A_file_with_a_column_the_import_does_not_know_is_refused_naming_it_in_the_readers_language()
    {
        var text = await ImportOnThePage("import-columns", "ky", Encoding.UTF8.GetBytes("external_id,full_name,country,телефон\r\nk-1,Айгүл Сыдыкова,RU,+7 914 123-45-67\r\n"));

        Assert.Contains("баш сапта импорт билбеген «телефон» мамычасы бар: аны өчүрүңүз же булардын биринин атын бериңиз: external_id,full_name,", text, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot WHERE external_id = 'k-1'"));
    }

    /// <summary>An officer's import of <paramref name="file"/> on the page read in <paramref name="language"/>: the answer's text.</summary>
    private async Task<string> ImportOnThePage(string login, string language, byte[] file)
    {
        var officer = await SignIn(login, "officer");
        var token = Token(await officer.GetStringAsync("/compatriots?lang=" + language));
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(file), "file", "list.csv");
        return Text(await (await officer.PostAsync("/compatriots/import", form)).Content.ReadAsStringAsync());
    }

    [SkippableTheory]
    [InlineData("valid", "ok")]
    [InlineData("refused", "warning")]
    [InlineData("empty", "error")]
    public async Task The_import_result_stands_at_the_top_and_is_green_only_when_rows_went_in_and_none_were_refused(string file, string outcome)
    {
        var officer = await SignIn("aizada-" + file, "officer");
        var token = Token(await officer.GetStringAsync("/compatriots"));
        var rows = file switch { "valid" => Csv(Person("a")), "refused" => Csv(Person("a2"), Person("b2", gender: "q")), _ => Csv() };
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(rows));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", "list.csv");

        var html = await (await officer.PostAsync("/compatriots/import?lang=en", form)).Content.ReadAsStringAsync();

        Assert.Contains($"<p class=\"{outcome}\" id=\"import-outcome\"", html, StringComparison.Ordinal);
        var result = html.IndexOf("id=\"import-result\"", StringComparison.Ordinal);
        var list = html.IndexOf("<table", StringComparison.Ordinal);
        Assert.True(result >= 0 && (list < 0 || result < list), "the import result comes before the list of compatriots");
    }

    [SkippableFact]
    public async Task Import_form_without_antiforgery_token_is_refused()
    {
        var officer = await SignIn("aizada", "officer");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(Person("a")))), "file", "list.csv" } };
        var response = await officer.PostAsync("/compatriots/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0L, Scalar<long>(_host, "SELECT COUNT(*) FROM directory_compatriot"));
    }

    [SkippableFact]
    public void Every_directory_text_exists_in_all_three_languages()
    {
        var texts = _host.Services.GetRequiredService<UiText>();
        var keys = Languages.All.SelectMany(l => texts.Keys(l)).Where(k => k.StartsWith("dir.", StringComparison.Ordinal)).Distinct().ToList();
        Assert.NotEmpty(keys);
        foreach (var language in Languages.All)
            Assert.Empty(keys.Except(texts.Keys(language)));
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
