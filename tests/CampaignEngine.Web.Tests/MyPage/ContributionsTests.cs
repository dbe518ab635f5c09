using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Pledges;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class ContributionsTestsOnSqlite() : ContributionsTests(TestHost.Sqlite);

public sealed class ContributionsTestsOnPostgreSql() : ContributionsTests(TestHost.PostgreSql);

/// <summary>"My contributions" on the person's own page: pledges and what arrived, monthly pledges they steer, and project news.</summary>
public abstract partial class ContributionsTests : IDisposable
{
    private readonly TestHost _host;
    private readonly ContributionsKit _kit;

    protected ContributionsTests(string engine)
    {
        _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000", ["RateLimits:MyPagePerTokenPerMinute"] = "100000" } };
        _kit = new ContributionsKit(_host);
    }

    private long Person(string name = "Нурлан Асанов", string language = "en") =>
        TestCompatriots.Insert(_host, new(name, "male", "KG-Y", "RU", Language: language, Phone: "+79141112233", Channels: "whatsapp"));

    [SkippableFact]
    public async Task Pledges_show_newest_first_with_their_state_in_the_readers_words_and_only_approved_payments_count()
    {
        var person = Person();
        var money = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 100, currency = "EUR" });
        await _kit.PaymentAsync(money, new { amount = 60, currency = "EUR", evidence = "Optima 7781" });
        await _kit.PaymentAsync(money, new { amount = 25, currency = "EUR", evidence = "Optima 7799" }, decision: "none");
        await _kit.PaymentAsync(money, new { amount = 15, currency = "EUR", evidence = "Forged 0001" }, decision: "reject");
        var hours = await _kit.PledgeAsync(new { compatriotId = person, kind = "time", hours = 6, contributionType = "training" });
        await _kit.Admin.PostJson($"/api/pledges/{hours}/write-off", new { reason = "moved away" }, HttpStatusCode.OK);
        var goods = await _kit.PledgeAsync(new { compatriotId = person, kind = "in_kind", description = "Ten school desks" });
        await _kit.Admin.PostJson($"/api/pledges/{goods}/cancel", new { reason = "duplicate" }, HttpStatusCode.OK);
        _kit.Set("UPDATE pledge SET created_at = CASE id WHEN @money THEN '2026-03-01T08:00:00.000Z' WHEN @hours THEN '2026-02-01T08:00:00.000Z' ELSE '2026-01-01T08:00:00.000Z' END",
            new { money, hours });
        var token = MyPageKit.LinkOf(_host, person);

        var english = Section(await _host.CreateClient().GetStringAsync($"/me/{token}?lang=en"), "contributions");
        var russian = Section(await _host.CreateClient().GetStringAsync($"/me/{token}?lang=ru"), "contributions");

        Assert.True(english.IndexOf($"pledge-{money}", StringComparison.Ordinal) < english.IndexOf($"pledge-{hours}", StringComparison.Ordinal));
        Assert.True(english.IndexOf($"pledge-{hours}", StringComparison.Ordinal) < english.IndexOf($"pledge-{goods}", StringComparison.Ordinal));
        Assert.Contains("Partly fulfilled", english, StringComparison.Ordinal);
        Assert.Contains("Arrived so far: 60 EUR of 100 EUR", english, StringComparison.Ordinal);
        Assert.Contains("(≈ 108 USD)", english, StringComparison.Ordinal);
        Assert.Contains("Optima 7781", english, StringComparison.Ordinal);
        Assert.Contains("1 more awaiting the administration&#x27;s confirmation", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Optima 7799", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Forged 0001", english, StringComparison.Ordinal);
        Assert.Contains("Written off (closed without being fulfilled)", english, StringComparison.Ordinal);
        Assert.Contains("Cancelled", english, StringComparison.Ordinal);
        Assert.Contains("6 hours (", english, StringComparison.Ordinal);
        Assert.Contains("Выполнено частично", russian, StringComparison.Ordinal);
        Assert.Contains("Уже поступило: 60 EUR из 100 EUR", russian, StringComparison.Ordinal);
        Assert.Contains("Списано", russian, StringComparison.Ordinal);
        Assert.Contains("1 марта 2026", russian, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_person_without_pledges_reads_so_plainly_and_finds_no_link_that_leads_nowhere()
    {
        var token = MyPageKit.LinkOf(_host, Person(language: "ky"));

        var page = await _host.CreateClient().GetStringAsync($"/me/{token}");

        var contributions = Section(page, "contributions");
        var projects = Section(page, "projects");
        Assert.Contains("Азырынча убадаңыз жок", contributions, StringComparison.Ordinal);
        Assert.Contains("Долбоорго салым кошкондо", projects, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", contributions + projects, StringComparison.Ordinal);
        Assert.Contains("href=\"#contributions\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_form_pauses_resumes_and_stops_a_monthly_pledge_and_the_monthly_reminder_skips_it_until_resumed()
    {
        var person = Person();
        var monthly = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 1000, currency = "KGS", recurring = "monthly" });
        _kit.Set("UPDATE pledge SET created_at = '2000-01-01T00:00:00.000Z' WHERE id = @monthly", new { monthly });
        var token = MyPageKit.LinkOf(_host, person);
        var browser = MyPageKit.Browser(_host);
        var reminders = _host.Services.GetRequiredService<PledgeReminders>();

        var paused = await MyPageKit.PostFormAsync(browser, token, $"pledges/{monthly}/pause", []);
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal($"/me/{token}?lang=en#pledge-{monthly}", paused.Headers.Location!.ToString());
        Assert.Contains("Paused on", await browser.GetStringAsync($"/me/{token}?lang=en"), StringComparison.Ordinal);
        Assert.Equal(0, reminders.Run());

        Assert.Equal(HttpStatusCode.Redirect, (await MyPageKit.PostFormAsync(browser, token, $"pledges/{monthly}/resume", [])).StatusCode);
        Assert.Equal(1, reminders.Run());

        Assert.Equal(HttpStatusCode.Redirect, (await MyPageKit.PostFormAsync(browser, token, $"pledges/{monthly}/stop", [])).StatusCode);
        var page = await browser.GetStringAsync($"/me/{token}?lang=en");
        Assert.Contains("Stopped on", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/me/{token}/pledges/{monthly}/resume", page, StringComparison.Ordinal);
        var refused = await MyPageKit.PostFormAsync(browser, token, $"pledges/{monthly}/resume", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("cannot be resumed", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE subject = @s AND action LIKE 'me.pledge.%'", new { s = $"pledge/{monthly}" }));
        // Without the page's anti-forgery token a form post changes nothing.
        using var forged = await _host.CreateClient().PostAsync($"/me/{token}/pledges/{monthly}/pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [SkippableFact]
    public async Task A_stopped_monthly_pledge_gets_no_reminder_and_staff_read_it_was_stopped_by_the_person_and_when()
    {
        var person = Person();
        var monthly = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 1000, currency = "KGS", recurring = "monthly" });
        _kit.Set("UPDATE pledge SET created_at = '2000-01-01T00:00:00.000Z' WHERE id = @monthly", new { monthly });
        var token = MyPageKit.LinkOf(_host, person);

        var stopped = await PostJsonAsync(token, monthly, "stop");

        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(0, _host.Services.GetRequiredService<PledgeReminders>().Run());
        var api = await _kit.Admin.GetJson($"/api/pledges/{monthly}");
        Assert.Equal("stopped", (string)api["standing"]!);
        Assert.Equal("self", (string)api["standingBy"]!);
        Assert.NotNull(api["standingAt"]);
        Assert.Equal("pledged", (string)api["status"]!);
        var staff = await (await Projects.ProjectTestKit.SignInAsync(_host, CreateOfficer())).GetStringAsync($"/pledges/{monthly}?lang=en");
        Assert.Contains("stopped by the person", staff, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Json_steering_answers_the_new_state_is_safe_to_repeat_and_refuses_by_409_or_a_neutral_404()
    {
        var person = Person();
        var other = Person("Айгүл Сатыбалдиева");
        var monthly = await _kit.PledgeAsync(new { compatriotId = person, kind = "time", hours = 4, contributionType = "training", recurring = "monthly" });
        var oneOff = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 50, currency = "USD" });
        var theirs = await _kit.PledgeAsync(new { compatriotId = other, kind = "money", amount = 10, currency = "USD", recurring = "monthly" });
        var token = MyPageKit.LinkOf(_host, person);

        var paused = await PostJsonAsync(token, monthly, "pause");
        var again = await PostJsonAsync(token, monthly, "pause");

        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var state = await paused.ReadNode();
        Assert.Equal("paused", (string)state["standing"]!);
        Assert.Equal("self", (string)state["changedBy"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'me.pledge.pause'"));
        Assert.Equal("running", (string)(await (await PostJsonAsync(token, monthly, "resume")).ReadNode())["standing"]!);
        var notMonthly = await PostJsonAsync(token, oneOff, "pause");
        Assert.Equal(HttpStatusCode.Conflict, notMonthly.StatusCode);
        Assert.Contains("Only a monthly pledge", await notMonthly.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await PostJsonAsync(token, monthly, "stop");
        var resumeStopped = await PostJsonAsync(token, monthly, "resume");
        Assert.Equal(HttpStatusCode.Conflict, resumeStopped.StatusCode);
        Assert.Contains("cannot be resumed", await resumeStopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var someoneElses = await PostJsonAsync(token, theirs, "stop");
        var badToken = await PostJsonAsync("0123456789abcdef0123456789abcdef", monthly, "pause");
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badToken.StatusCode);
        Assert.Equal(await someoneElses.Content.ReadAsStringAsync(), await badToken.Content.ReadAsStringAsync());
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge WHERE id = @theirs AND standing IS NOT NULL", new { theirs }));
    }

    [SkippableFact]
    public async Task Project_news_are_those_published_since_the_first_pledge_newest_first_each_photo_shown_small_and_linked_whole()
    {
        var person = Person();
        var project = await _kit.ProjectAsync("Bosteri school roof", "Крыша школы в Бостери", "Бостери мектебинин чатыры");
        var before = await _kit.UpdateAsync(project, "The estimate was drawn up", "2026-01-10T08:00:00.000Z");
        var pledge = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 100, currency = "USD", projectId = project });
        _kit.Set("UPDATE pledge SET created_at = '2026-02-01T08:00:00.000Z' WHERE id = @pledge", new { pledge });
        var older = await _kit.UpdateAsync(project, "Slate bought", "2026-03-05T08:00:00.000Z", files: true);
        var newer = await _kit.UpdateAsync(project, "The roof is on", "2026-04-20T08:00:00.000Z", files: true);
        var token = MyPageKit.LinkOf(_host, person);

        var projects = Section(await _host.CreateClient().GetStringAsync($"/me/{token}?lang=en"), "projects");

        Assert.Contains("Bosteri school roof", projects, StringComparison.Ordinal);
        Assert.Contains("News since your first pledge (1 February 2026)", projects, StringComparison.Ordinal);
        Assert.DoesNotContain($"update-{before}", projects, StringComparison.Ordinal);
        Assert.True(projects.IndexOf($"update-{newer}", StringComparison.Ordinal) < projects.IndexOf($"update-{older}", StringComparison.Ordinal));
        // Every photo as its small copy (a phone on a weak connection fetches kilobytes), linked to the whole photo.
        var images = ImageTags().Matches(projects);
        Assert.Equal(2, images.Count);
        Assert.Equal(2, Regex.Count(projects, "Document: estimate.pdf"));
        foreach (Match image in images)
        {
            Assert.EndsWith("/thumbnail", image.Groups[1].Value, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"{image.Groups[1].Value[..^"/thumbnail".Length]}\"><img src=\"{image.Groups[1].Value}\"", projects, StringComparison.Ordinal);
            var thumbnail = await _host.CreateClient().GetAsync(image.Groups[1].Value);
            Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (thumbnail.StatusCode, thumbnail.Content.Headers.ContentType?.MediaType));
        }
        var pledges = Section(await _host.CreateClient().GetStringAsync($"/me/{token}?lang=ru"), "contributions");
        Assert.Contains("Проект: Крыша школы в Бостери", pledges, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_section_of_a_person_with_every_kind_of_contribution_reads_as_approved()
    {
        var person = Person();
        var appeal = await _kit.AppealAsync("IK-2026-roof (internal)", "A roof for Bosteri school");
        var project = await _kit.ProjectAsync("Bosteri school roof", "Крыша школы в Бостери", "Бостери мектебинин чатыры");
        var money = await _kit.PledgeAsync(new { compatriotId = person, campaignId = appeal, projectId = project, kind = "money", amount = 1250.5m, currency = "EUR" });
        await _kit.PaymentAsync(money, new { amount = 500, currency = "EUR", evidence = "Optima 7781" });
        await _kit.PaymentAsync(money, new { amount = 100, currency = "EUR", evidence = "Optima 7799" }, decision: "none");
        var monthly = await _kit.PledgeAsync(new { compatriotId = person, kind = "money", amount = 1000, currency = "KGS", recurring = "monthly", projectId = project });
        await _kit.PaymentAsync(monthly, new { amount = 1000, currency = "KGS", evidence = "Mbank 0301" });
        var hours = await _kit.PledgeAsync(new { compatriotId = person, kind = "time", hours = 6, contributionType = "training", recurring = "monthly" });
        var goods = await _kit.PledgeAsync(new { compatriotId = person, kind = "in_kind", description = "Ten school desks" });
        await _kit.PaymentAsync(goods, new { evidence = "Delivery note 12" });
        _kit.Set("""
            UPDATE pledge SET created_at = CASE id WHEN @money THEN '2026-04-01T08:00:00.000Z' WHEN @monthly THEN '2026-03-01T08:00:00.000Z'
                WHEN @hours THEN '2026-02-01T08:00:00.000Z' ELSE '2026-01-01T08:00:00.000Z' END
            """, new { money, monthly, hours });
        _kit.Set("UPDATE pledge_fulfilment SET recorded_at = '2026-04-15T08:00:00.000Z'", new { });
        var token = MyPageKit.LinkOf(_host, person);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync(token, hours, "pause")).StatusCode);
        _kit.Set("UPDATE pledge SET standing_at = '2026-04-16T08:00:00.000Z' WHERE id = @hours", new { hours });
        await _kit.UpdateAsync(project, "Slate bought", "2026-03-05T08:00:00.000Z", files: true);

        var page = await _host.CreateClient().GetStringAsync($"/me/{token}?lang=en");

        var sections = Section(page, "contributions") + "\n" + Section(page, "projects");
        Approvals.Verify(Path.Combine(RepositoryPaths.Root, "tests", "CampaignEngine.Web.Tests", "Approved"), "my-contributions.en", AntiForgery().Replace(sections.Replace(token, "{token}", StringComparison.Ordinal), "value=\"{anti-forgery}\""));
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string token, long pledge, string action) =>
        await _host.CreateClient().PostAsJsonAsync($"/me/{token}/pledges/{pledge}/{action}", new { });

    private string CreateOfficer()
    {
        var login = "officer-" + Guid.NewGuid().ToString("N")[..8];
        Projects.ProjectTestKit.CreateUser(_host, login, "officer");
        return login;
    }

    /// <summary>One section of the page, from its opening tag to its close.</summary>
    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        return page[start..(page.IndexOf("</section>", start, StringComparison.Ordinal) + "</section>".Length)];
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageTags();

    [GeneratedRegex("(?<=name=\"__RequestVerificationToken\" type=\"hidden\" )value=\"[^\"]+\"")]
    private static partial Regex AntiForgery();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
