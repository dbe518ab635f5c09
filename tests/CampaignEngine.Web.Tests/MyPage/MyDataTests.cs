using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.MyPage;

public sealed class MyDataTestsOnSqlite() : MyDataTests(TestHost.Sqlite);

public sealed class MyDataTestsOnPostgreSql() : MyDataTests(TestHost.PostgreSql);

/// <summary>
/// "My data" on the person's own page: the download holds what the staff export holds (less staff's notes and events on
/// their questions) and no token; the erasure request is confirmed by ticking a box, waits for staff with its due date,
/// and its refusal (with the reason) or its confirmation is what the person and staff then see.
/// </summary>
public abstract class MyDataTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine) { Settings = { ["RateLimits:PublicPerMinute"] = "100000", ["Privacy:ErasureDays"] = "14" } };
    private readonly UiText _texts = new();

    private long Person(string name = "Айгүл Сатыбалдиева", string language = "ky") =>
        TestCompatriots.Insert(_host, new(name, "female", "KG-Y", "AE", Language: language, Phone: "+971501239999", Email: "aigul@example.kg", Channels: "whatsapp;email"));

    [SkippableFact]
    public async Task The_download_holds_every_section_of_the_staff_export_and_no_token_the_person_has()
    {
        var person = Person();
        var admin = _host.AdminClient();
        var campaign = await MyPageKit.CampaignAsync(_host, "Shore", "whatsapp");
        await admin.PostJson($"/api/campaigns/{campaign}/launch", new { }, HttpStatusCode.Accepted);
        await Eventually.True(async () => (long)(await admin.GetJson($"/api/campaigns/{campaign}"))["counts"]!["sent"]! == 1);
        var tracked = OutboxMessages.Read(_host.OutboxPath).Single().TrackedToken!;
        await _host.CreateClient().PostJson($"/r/{tracked}/pledge", new { kind = "money", amount = 200, currency = "USD", description = "from my salary" }, HttpStatusCode.Created);
        await admin.PostJson("/api/certificates", new
        {
            compatriotId = person, moduleId = "issyk-kul", kind = "gratitude", language = "ky", reason = "Салым үчүн", deliverToHolder = true,
        }, HttpStatusCode.Created);
        var token = MyPageKit.LinkOf(_host, person);
        var thread = (long)(await _host.CreateClient().PostJson($"/me/{token}/ask", new { text = "Пенсия боюнча суроо" }, HttpStatusCode.Created))["id"]!;
        await admin.PostJson($"/api/inbox/{thread}/note", new { text = "Staff only: check her papers" }, HttpStatusCode.OK);
        await admin.PostJson($"/api/inbox/{thread}/answer", new { text = "Социалдык фондго кайрылыңыз." }, HttpStatusCode.Accepted);
        // The two exports are compared once the answer and the certificate have left: a message changing state between
        // them would differ for the wrong reason.
        await Eventually.True(() => Task.FromResult(TestCompatriots.Scalar(_host, """
            SELECT (SELECT COUNT(*) FROM response_thread_message WHERE kind = 'out' AND campaign_id IS NULL)
                 + (SELECT COUNT(*) FROM send_message WHERE status = 'sending' OR (status = 'pending' AND not_before <= @now))
            """, new { now = Responses.DeskStatsData.Utc(DateTimeOffset.UtcNow) }) == 0));

        // A message may still change between the two reads (a delivery recorded, a retry falling due): the two are read
        // again until they agree, a few times at most, so a real difference still fails.
        string text = "";
        JsonObject own = [], staff = [];
        for (var read = 0; read < 5; read++)
        {
            using var response = await _host.CreateClient().GetAsync($"/me/{token}/export");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            text = await response.Content.ReadAsStringAsync();
            own = JsonNode.Parse(text)!.AsObject();
            staff = (await admin.GetJson($"/api/compatriots/{person}/export")).AsObject();
            if (JsonNode.DeepEquals(staff["messages"], own["messages"])) break;
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }

        Assert.Equal(staff.Select(s => s.Key).Order(StringComparer.Ordinal), own.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (section, rows) in staff.Where(s => s.Key is not ("exportedAt" or "questions")))
            Assert.True(JsonNode.DeepEquals(rows, own[section]), $"section {section} differs from the staff export");
        foreach (var filled in new[] { "person", "messages", "pledges", "certificates", "certificateDeliveries", "questions" })
            Assert.NotEqual("[]", own[filled]!.ToJsonString());
        Assert.Contains("Социалдык фондго кайрылыңыз.", text, StringComparison.Ordinal);
        Assert.Contains("Staff only", staff.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Staff only", text, StringComparison.Ordinal);
        var secrets = TestCompatriots.Strings(_host, """
            SELECT token FROM send_message WHERE compatriot_id = @person UNION ALL SELECT token FROM certificate_delivery WHERE compatriot_id = @person
            UNION ALL SELECT token FROM directory_personal_link WHERE compatriot_id = @person UNION ALL SELECT key_hash FROM auth_api_key
            """, new { person });
        Assert.True(secrets.Count >= 4, "the message, the holder's link, the page's link and the admin's key should be there to look for");
        Assert.DoesNotContain(secrets, s => text.Contains(s[..12], StringComparison.OrdinalIgnoreCase));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'me.export' AND subject = @subject", new { subject = $"compatriot/{person}" }));
    }

    [SkippableFact]
    public async Task Asking_for_erasure_needs_the_box_ticked_then_the_page_shows_the_request_waiting_until_its_due_day()
    {
        var token = MyPageKit.LinkOf(_host, Person(language: "ru"));
        var browser = MyPageKit.Browser(_host);
        var confirm = await browser.GetStringAsync($"/me/{token}/erase");
        Assert.Contains("id=\"erase-form\"", confirm, StringComparison.Ordinal);
        var antiforgery = Projects.ProjectTestKit.Token(confirm);

        var unticked = await browser.PostAsync($"/me/{token}/erase", new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));
        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Contains(_texts.Get("ru", "me.erase.error.confirm"), WebUtility.HtmlDecode(await unticked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM privacy_erasure_request"));

        var ticked = await browser.PostAsync($"/me/{token}/erase", new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new("Confirm", "true")]));
        Assert.Equal(HttpStatusCode.Redirect, ticked.StatusCode);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(ticked.Headers.Location!.OriginalString));
        Assert.Contains("id=\"erasure-requested\"", page, StringComparison.Ordinal);
        Assert.Contains("data-state=\"requested\"", page, StringComparison.Ordinal);
        var (requested, due) = (At("SELECT requested_at FROM privacy_erasure_request"), At("SELECT due_at FROM privacy_erasure_request"));
        Assert.Equal(TimeSpan.FromDays(14), due - requested);
        Assert.Contains(due.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"erase\"", page, StringComparison.Ordinal);

        // Asking again (here as JSON) finds the request that waits; nothing is added or audited twice.
        var again = await _host.CreateClient().PostAsJsonAsync($"/me/{token}/erase", new { confirm = true });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("requested", (string)(await again.ReadNode())["state"]!);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM privacy_erasure_request"));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'me.erase.request'"));
    }

    [SkippableTheory]
    [InlineData("""{"confirm":false}""", "confirm")]
    [InlineData("""{}""", "confirm")]
    [InlineData("""{"confirm":true,"reason":"x"}""", "reason")]
    public async Task A_JSON_erasure_request_without_confirmation_or_with_an_unknown_field_is_refused_naming_the_field(string body, string field)
    {
        var token = MyPageKit.LinkOf(_host, Person());

        var response = await _host.CreateClient().PostAsync($"/me/{token}/erase", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadNode())["errors"]!.AsObject().Select(e => e.Key), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM privacy_erasure_request"));
    }

    [SkippableFact]
    public async Task Staff_see_the_overdue_request_first_and_a_refusal_with_its_reason_reaches_the_persons_page()
    {
        var waiting = MyPageKit.LinkOf(_host, Person("Бакыт Осмонов"));
        var late = MyPageKit.LinkOf(_host, Person("Жылдыз Токтогулова"));
        var waitingId = (long)(await _host.CreateClient().PostJson($"/me/{waiting}/erase", new { confirm = true }, HttpStatusCode.Created))["id"]!;
        var lateId = (long)(await _host.CreateClient().PostJson($"/me/{late}/erase", new { confirm = true }, HttpStatusCode.Created))["id"]!;
        TestCompatriots.Scalar(_host, "UPDATE privacy_erasure_request SET due_at = '2026-01-02T00:00:00.000Z' WHERE id = @lateId", new { lateId });
        var admin = _host.AdminClient();

        var list = (await admin.GetJson("/api/privacy/erasure-requests"))["items"]!.AsArray();
        Assert.Equal([lateId, waitingId], list.Select(i => (long)i!["id"]!));
        Assert.True((bool)list[0]!["overdue"]!);
        Assert.DoesNotContain("Жылдыз", list.ToJsonString(), StringComparison.Ordinal);
        var staffPage = await admin.GetStringAsync("/privacy/erasure-requests");
        Assert.True(staffPage.IndexOf($"id=\"request-{lateId}\"", StringComparison.Ordinal) < staffPage.IndexOf($"id=\"request-{waitingId}\"", StringComparison.Ordinal));

        var noReason = await admin.PostAsJsonAsync($"/api/privacy/erasure-requests/{waitingId}/refuse", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", (await noReason.ReadNode())["errors"]!.AsObject().Select(e => e.Key));
        var refused = await admin.PostJson($"/api/privacy/erasure-requests/{waitingId}/refuse", new { reason = "Сиздин убадаңыз боюнча иш уланууда." }, HttpStatusCode.OK);
        Assert.Equal("refused", (string)refused["state"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/privacy/erasure-requests/{waitingId}/confirm", null)).StatusCode);

        var own = WebUtility.HtmlDecode(await _host.CreateClient().GetStringAsync($"/me/{waiting}?lang=ky"));
        Assert.Contains("data-state=\"refused\"", own, StringComparison.Ordinal);
        Assert.Contains("Сиздин убадаңыз боюнча иш уланууда.", own, StringComparison.Ordinal);
        Assert.Contains("id=\"erase\"", own, StringComparison.Ordinal);
        var person = TestCompatriots.Scalar(_host, "SELECT compatriot_id FROM privacy_erasure_request WHERE id = @waitingId", new { waitingId });
        Assert.Contains("Сиздин убадаңыз", WebUtility.HtmlDecode(await admin.GetStringAsync($"/compatriots/{person}")), StringComparison.Ordinal);
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erasure.refuse'"));
    }

    [SkippableFact]
    public async Task An_officer_confirms_on_the_persons_staff_page_and_the_erasure_runs_once_as_a_job()
    {
        var person = Person();
        var token = MyPageKit.LinkOf(_host, person);
        var request = (long)(await _host.CreateClient().PostJson($"/me/{token}/erase", new { confirm = true }, HttpStatusCode.Created))["id"]!;
        var staff = await Security.Users.SignInAsync(_host, "erasure.officer", "officer");
        var personPage = await staff.GetStringAsync($"/compatriots/{person}");
        Assert.Contains($"id=\"confirm-{request}\"", personPage, StringComparison.Ordinal);

        var confirmed = await staff.PostAsync($"/privacy/erasure-requests/{request}/confirm", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", Security.Users.Token(personPage)), new("Person", person.ToString(System.Globalization.CultureInfo.InvariantCulture))]));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.StartsWith($"/compatriots/{person}?erasure=confirmed", confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await Eventually.True(() => Task.FromResult(TestCompatriots.Strings(_host, "SELECT state FROM privacy_erasure_request WHERE id = @request", new { request }).Single() == "erased"));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/me/{token}")).StatusCode);
        var after = await staff.GetStringAsync($"/compatriots/{person}");
        Assert.Contains("data-state=\"erased\"", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Айгүл", after, StringComparison.Ordinal);

        // The job is keyed by the request: run again, it erases nothing more (no second set of consent withdrawals).
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Web.Features.Privacy.Requests.ErasureJob>(_host.Services).Run(request);
        Assert.Equal(4L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE compatriot_id = @person AND source = 'erasure'", new { person }));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'privacy.erasure.done'"));
    }

    private DateTimeOffset At(string sql) =>
        DateTimeOffset.Parse(TestCompatriots.Strings(_host, sql).Single(), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
