using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Desk;

public sealed class InboxApiTestsOnSqlite() : InboxApiTests(TestHost.Sqlite);

public sealed class InboxApiTestsOnPostgreSql() : InboxApiTests(TestHost.PostgreSql);

/// <summary>The desk's JSON API: the list's filters and order, one thread's conversation, the actions and their audit.</summary>
public abstract class InboxApiTests(string engine) : IDisposable
{
    private readonly DeskWorld _world = engine == TestHost.PostgreSql ? new DeskWorld.OnPostgreSql() : new DeskWorld.OnSqlite();
    private HttpClient Admin => _world.Client("admin");

    private async Task<List<long>> Ids(string query) =>
        (await Admin.GetJson("/api/inbox" + query))["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();

    [SkippableFact]
    public async Task The_list_puts_overdue_threads_first_then_waiting_ones_by_due_time_then_the_rest_newest_first()
    {
        await Admin.PostJson($"/api/inbox/{_world.NarynQuestion}/close", new { }, HttpStatusCode.OK);

        var list = await Admin.GetJson("/api/inbox");
        var ids = list["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();

        Assert.Equal(_world.QuestionToState, ids[0]);
        Assert.True((bool)list["items"]![0]!["overdue"]!);
        Assert.Equal(_world.NarynQuestion, ids[^1]);
        Assert.Equal(5, (int)list["total"]!);
        var waiting = list["items"]!.AsArray().Take(4).Select(i => DateTimeOffset.Parse((string)i!["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(waiting.Order(), waiting);
    }

    [SkippableFact]
    public async Task Each_filter_narrows_the_list_and_the_total_counts_what_it_leaves()
    {
        await Admin.PostJson($"/api/inbox/{_world.ReplyToCampaign}/tag", new { topics = new[] { "project-question", "thanks" } }, HttpStatusCode.OK);
        await Admin.PostJson($"/api/inbox/{_world.NarynQuestion}/assign", new { userId = _world.Users["officer"].Id }, HttpStatusCode.OK);

        Assert.Equal([_world.QuestionToState], await Ids("?overdue=true"));
        Assert.Equal([_world.ReplyToCampaign], await Ids("?topic=thanks"));
        Assert.Equal([_world.NarynQuestion], await Ids("?state=assigned"));
        Assert.Equal([_world.NarynQuestion], await Ids($"?assigneeId={_world.Users["officer"].Id}"));
        Assert.Equal([_world.QuestionToOrganisation], await Ids("?channel=web"));
        Assert.Equal([_world.QuestionToState, _world.ReplyToCampaign], (await Ids("?moduleId=issyk-kul")).Order().ToList());
        var second = await Admin.GetJson("/api/inbox?pageSize=2&page=2");
        Assert.Equal(5, (int)second["total"]!);
        Assert.Equal((await Ids("?pageSize=5")).Skip(2).Take(2), second["items"]!.AsArray().Select(i => (long)i!["id"]!));
    }

    [SkippableTheory]
    [InlineData("?state=open", "state")]
    [InlineData("?moduleId=atlantis", "moduleId")]
    [InlineData("?topic=weather", "topic")]
    [InlineData("?channel=fax", "channel")]
    [InlineData("?overdue=maybe", "overdue")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=1000", "pageSize")]
    public async Task A_filter_the_desk_does_not_know_is_refused_naming_it(string query, string field)
    {
        var response = await Admin.GetAsync("/api/inbox" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]![field]);
    }

    [SkippableFact]
    public async Task A_body_with_a_field_the_call_does_not_have_is_refused_naming_it_and_changes_nothing()
    {
        var response = await Admin.PostAsJsonAsync($"/api/inbox/{_world.NarynQuestion}/assign", new { userId = _world.Users["officer"].Id, priority = "high" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]!["priority"]);
        Assert.Equal("new", (string)(await Admin.GetJson($"/api/inbox/{_world.NarynQuestion}"))["state"]!);
    }

    [SkippableFact]
    public async Task A_thread_shows_the_conversation_apart_from_notes_and_events_and_every_action_is_audited()
    {
        var id = _world.QuestionToState;
        await Admin.PostJson($"/api/inbox/{id}/assign", new { userId = _world.Users["oblast-y"].Id }, HttpStatusCode.OK);
        await Admin.PostJson($"/api/inbox/{id}/note", new { text = "Call the pension fund first" }, HttpStatusCode.OK);
        var accepted = await Admin.PostJson($"/api/inbox/{id}/answer", new { text = "Сиздин документтериңиз боюнча..." }, HttpStatusCode.Accepted);
        await Admin.PostJson($"/api/inbox/{id}/tag", new { topics = new[] { "pensions" } }, HttpStatusCode.OK);

        var thread = await Admin.GetJson($"/api/inbox/{id}");

        Assert.NotNull(accepted["answerId"]);
        Assert.Equal("answered", (string)thread["state"]!);
        Assert.False((bool)thread["overdue"]!);
        var messages = thread["messages"]!.AsArray();
        Assert.Equal(["in", "out"], messages.Select(m => (string)m!["direction"]!));
        Assert.Equal("whatsapp", (string)messages[1]!["channel"]!);
        Assert.Equal("Сиздин документтериңиз боюнча...", (string)messages[1]!["text"]!);
        Assert.Equal("Call the pension fund first", (string)thread["notes"]![0]!["text"]!);
        Assert.Contains("oblast-y", (string)thread["events"]![0]!["text"]!);
        Assert.Equal(["pensions"], thread["topics"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["whatsapp", "email"], thread["person"]!["consents"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(["desk.assign", "desk.note", "desk.answer", "desk.tag"], _world.AuditActions(id));
    }

    [SkippableFact]
    public async Task Forwarding_and_closing_change_the_state_and_a_refused_action_names_the_field()
    {
        var id = _world.NarynQuestion;

        var forwarded = await Admin.PostJson($"/api/inbox/{id}/forward", new { to = "Ministry of Labour", note = "pensions are theirs" }, HttpStatusCode.OK);
        var noBody = await Admin.PostAsJsonAsync($"/api/inbox/{id}/forward", new { note = "to nobody" });
        var closed = await Admin.PostJson($"/api/inbox/{id}/close", new { }, HttpStatusCode.OK);

        Assert.Equal("forwarded", (string)forwarded["state"]!);
        Assert.Equal("Ministry of Labour", (string)forwarded["forwardedTo"]!);
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.NotNull((await noBody.ReadNode())["errors"]!["to"]);
        Assert.Equal("closed", (string)closed["state"]!);
        Assert.Equal(["desk.forward", "desk.close"], _world.AuditActions(id));
    }

    [SkippableFact]
    public async Task An_unknown_sender_cannot_be_answered_but_can_be_linked_to_a_person_whose_thread_then_takes_the_senders_next_message()
    {
        var id = _world.UnknownSender;
        var unanswered = await Admin.PostAsJsonAsync($"/api/inbox/{id}/answer", new { text = "Hello" });
        Assert.Equal(HttpStatusCode.BadRequest, unanswered.StatusCode);
        Assert.NotNull((await unanswered.ReadNode())["errors"]!["compatriotId"]);

        var linked = await Admin.PostJson($"/api/inbox/{id}/link", new { compatriotId = _world.TalasNative }, HttpStatusCode.OK);
        var next = _world.Receive(new InboundItem("sms", "It is me again", DateTimeOffset.UtcNow) { UnknownSender = DeskWorld.UnknownPhone });
        var later = _world.Receive(new InboundItem("sms", "A new question", DateTimeOffset.UtcNow) { UnknownSender = DeskWorld.UnknownPhone, OpensThread = true });

        Assert.Equal(_world.TalasNative, (long)linked["compatriotId"]!);
        Assert.Equal("ru", (string)linked["language"]!);
        Assert.Equal(id, next);
        Assert.Equal(_world.TalasNative, (long)(await Admin.GetJson($"/api/inbox/{later}"))["compatriotId"]!);
        Assert.Contains("desk.link", _world.AuditActions(id));
        await Admin.PostJson($"/api/inbox/{id}/link", new { compatriotId = _world.NarynNative }, HttpStatusCode.BadRequest);
    }

    [SkippableFact]
    public async Task A_user_links_a_sender_only_to_a_person_they_may_see()
    {
        var id = _world.Receive(new InboundItem("sms", "Салам", DateTimeOffset.UtcNow) { UnknownSender = "+996700999888" });
        _world.Scalar("UPDATE response_thread SET module_id = 'issyk-kul' WHERE id = @id RETURNING id", new { id });

        var refused = await _world.Client("oblast-y").PostAsJsonAsync($"/api/inbox/{id}/link", new { compatriotId = _world.NarynNative });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull((await refused.ReadNode())["errors"]!["compatriotId"]);
        await _world.Client("oblast-y").PostJson($"/api/inbox/{id}/link", new { compatriotId = _world.IssykKulNative }, HttpStatusCode.OK);
    }

    [SkippableFact]
    public async Task A_bulk_action_reports_each_threads_outcome_and_refuses_an_incomplete_request_naming_the_field()
    {
        var closed = await Admin.PostJson("/api/inbox/bulk", new { ids = new[] { _world.ReplyToCampaign, _world.NarynQuestion }, action = "close" }, HttpStatusCode.OK);
        var tagged = await Admin.PostJson("/api/inbox/bulk",
            new { ids = new[] { _world.ReplyToCampaign, _world.NarynQuestion }, action = "tag", topics = new[] { "weather" } }, HttpStatusCode.OK);

        Assert.All(closed["items"]!.AsArray(), i => Assert.Equal("done", (string)i!["outcome"]!));
        Assert.All(tagged["items"]!.AsArray(), i => Assert.Equal("topics", (string)i!["field"]!));
        Assert.Equal([_world.ReplyToCampaign, _world.NarynQuestion], (await Ids("?state=closed")).Order().ToList());
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { ids = Array.Empty<long>(), action = "close" }, "ids"), (new { ids = new[] { 1L }, action = "delete" }, "action"),
                     (new { ids = new[] { 1L }, action = "assign" }, "userId"), (new { ids = new[] { 1L }, action = "tag" }, "topics"),
                 })
        {
            var response = await Admin.PostAsJsonAsync("/api/inbox/bulk", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.NotNull((await response.ReadNode())["errors"]![field]);
        }
    }

    [SkippableFact]
    public async Task A_persons_threads_are_in_their_export_and_go_with_their_erasure()
    {
        var id = _world.QuestionToState;
        await Admin.PostJson($"/api/inbox/{id}/answer", new { text = "Жооп" }, HttpStatusCode.Accepted);

        var export = await Admin.GetJson($"/api/compatriots/{_world.IssykKulNative}/export");
        var question = export["questions"]!.AsArray().Single()!;
        Assert.Equal(id, (long)question["thread"]!["id"]!);
        // The delivery (the host's own job) may have said on the thread already that the answer went: an event, with its code.
        var messages = question["messages"]!.AsArray().Select(m => m!).ToList();
        Assert.Equal(["in", "out"], messages.Where(m => (string)m["kind"]! != "event").Select(m => (string)m["kind"]!));
        Assert.All(messages.Where(m => (string)m["kind"]! == "event"), e => Assert.Equal("answer-sent", (string)e["code"]!));

        Assert.True((await Admin.DeleteAsync($"/api/compatriots/{_world.IssykKulNative}")).IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/inbox/{id}")).StatusCode);
        Assert.Equal(0, _world.Scalar("SELECT COUNT(*) FROM response_thread_message WHERE thread_id = @id", new { id }));
        Assert.Empty((await Admin.GetJson($"/api/compatriots/{_world.IssykKulNative}/export"))["questions"]!.AsArray());
    }

    [SkippableFact]
    public async Task The_total_is_exact_beyond_ten_thousand_threads()
    {
        // In twenty statements of 500: every row's trigger adds to the same figures row, and on PostgreSQL the versions of
        // that row one statement leaves behind make each next update slower (10,000 at once take minutes there).
        for (var chunk = 0; chunk < 20; chunk++)
            _world.Scalar("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
                INSERT INTO response_thread (compatriot_id, module_id, channel, language, state, received_at, last_in_at, first_due_at, last_message)
                SELECT @person, 'naryn', 'sms', 'ky', 'closed', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-01-15T00:00:00.000Z', 'old'
                FROM n RETURNING 0
                """, new { person = _world.NarynNative });
        var before = (int)(await Admin.GetJson("/api/inbox?state=new"))["total"]!;

        var all = await Admin.GetJson("/api/inbox?pageSize=1");
        var closed = await Admin.GetJson("/api/inbox?state=closed&channel=sms");

        Assert.Equal(10_005, (int)all["total"]!);
        Assert.Null(all["totalCapped"]);
        Assert.Equal(_world.QuestionToState, (long)all["items"]![0]!["id"]!);
        Assert.Equal(10_000, (int)closed["total"]!);
        Assert.Equal(5, before);
    }

    public void Dispose()
    {
        _world.Dispose();
        GC.SuppressFinalize(this);
    }
}
