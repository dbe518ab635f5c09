using System.Globalization;
using System.Net;
using System.Text;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Features.Webhooks;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Responses;

public sealed class LateAnswerFailureTestsOnSqlite() : LateAnswerFailureTests(TestHost.Sqlite);

public sealed class LateAnswerFailureTestsOnPostgreSql() : LateAnswerFailureTests(TestHost.PostgreSql);

/// <summary>
/// An answer the provider took and later reports it could not deliver did not reach the person: the real WhatsApp
/// webhook, signed, tells its thread, which waits for an answer again — once, however often the provider repeats it.
/// </summary>
public abstract class LateAnswerFailureTests(string engine)
{
    private const string Secret = "wa-late-secret";
    private const string Answer = "Саламатсызбы! Пенсия боюнча Социалдык фонддун кеңсесине кайрылыңыз.";

    [SkippableFact]
    public async Task A_sent_answer_the_provider_later_reports_failed_puts_its_thread_back_to_assigned_with_the_reason_once()
    {
        using var desk = await AnswerHost.StartAsync(engine, new Dictionary<string, string> { ["Webhooks:WhatsApp:Secret"] = Secret });
        var person = desk.Person("Айгерим Токтогулова", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-2)).ThreadId;
        var answerId = desk.Answer(thread, Answer);
        var row = await desk.DeliverAsync(answerId);
        Assert.Equal("sent", row.Status);
        var providerId = Assert.IsType<string>(row.ProviderId);
        Assert.Equal("answered", View(desk, thread).Thread.State);

        var failed = Status(providerId, "failed");
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(desk, failed)).StatusCode);

        var view = View(desk, thread);
        var undelivered = Assert.Single(view.Lines, l => l.Event?.Code == ThreadEvent.AnswerUndelivered).Event!;
        Assert.Equal(answerId.ToString(CultureInfo.InvariantCulture), undelivered.Args["answer"]);
        Assert.Equal(("whatsapp", "provider: Message undeliverable"), (undelivered.Args["channel"], undelivered.Args["reason"]));
        Assert.Equal("assigned", view.Thread.State);
        Assert.NotNull(view.Thread.DueAt);
        var ledger = desk.Host.Ledger(desk.CampaignOf(answerId)!.Value).Single();
        Assert.Equal(("failed", "provider: Message undeliverable"), (ledger.Status, ledger.Error));

        // The same callback again (a replay), and another report of the same failure under its own event id.
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(desk, failed)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(desk, Status(providerId, "undelivered"))).StatusCode);
        var again = View(desk, thread);
        Assert.Single(again.Lines, l => l.Event?.Code == ThreadEvent.AnswerUndelivered);
        Assert.Equal("assigned", again.Thread.State);
    }

    [SkippableFact]
    public async Task A_late_failure_of_an_appeal_leaves_the_desk_alone()
    {
        using var desk = await AnswerHost.StartAsync(engine, new Dictionary<string, string> { ["Webhooks:WhatsApp:Secret"] = Secret });
        var person = desk.Person("Бакыт Осмонов", "ky", "whatsapp");
        var thread = desk.Ask(person, "whatsapp", DateTimeOffset.UtcNow.AddHours(-2)).ThreadId;
        await desk.DeliverAsync(desk.Answer(thread, Answer));
        var appeal = (long)(await desk.Host.Admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Appeal", channels = new[] { "whatsapp" } }, HttpStatusCode.Created))["id"]!;
        await desk.Host.Admin.PostJson($"/api/campaigns/{appeal}/launch", new { }, HttpStatusCode.Accepted);
        await desk.Host.DispatchAsync(appeal);
        await Eventually.True(() => Task.FromResult(desk.Host.Ledger(appeal).All(r => r.Status == "sent")));
        var answerProviderId = desk.Scalar<string>("UPDATE send_message SET provider_id = 'wamid.ANSWER' WHERE campaign_id <> @appeal RETURNING provider_id", new { appeal });
        Assert.Equal("wamid.ANSWER", answerProviderId);

        Assert.Equal(HttpStatusCode.OK, (await PostSignedAsync(desk, Status(desk.Host.Ledger(appeal).Single().ProviderId!, "failed"))).StatusCode);

        Assert.Equal("failed", desk.Host.Ledger(appeal).Single().Status);
        var view = View(desk, thread);
        Assert.DoesNotContain(view.Lines, l => l.Event?.Code == ThreadEvent.AnswerUndelivered);
        Assert.Equal("answered", view.Thread.State);
    }

    private static DeskThreadView View(AnswerHost desk, long thread) =>
        desk.Host.Factory.Services.GetRequiredService<DeskQueries>().Find(desk.Admin, thread)!;

    /// <summary>WhatsApp Cloud API's status callback for one message, as Meta posts it.</summary>
    private static string Status(string providerId, string status) => $$$"""
        {"entry":[{"changes":[{"value":{"statuses":[{"id":"{{{providerId}}}","status":"{{{status}}}","recipient_id":"971501234567",
          "errors":[{"code":131026,"title":"Message undeliverable"}]}]}}]}]}
        """;

    private static async Task<HttpResponseMessage> PostSignedAsync(AnswerHost desk, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Hub-Signature-256", WebhookSignature.Sign(Secret, body));
        using var client = desk.Host.Factory.CreateClient();
        return await client.SendAsync(request);
    }
}
