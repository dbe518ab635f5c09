using System.Net;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Desk;

public sealed class DeskScopeTestsOnSqlite(DeskWorld.OnSqlite world) : DeskScopeTests(world), IClassFixture<DeskWorld.OnSqlite>;

public sealed class DeskScopeTestsOnPostgreSql(DeskWorld.OnPostgreSql world) : DeskScopeTests(world), IClassFixture<DeskWorld.OnPostgreSql>;

/// <summary>Who sees which thread, through the list, one thread and the actions alike.</summary>
public abstract class DeskScopeTests(DeskWorld world)
{
    private readonly DeskWorld _world = world;

    private async Task<List<long>> Listed(string login)
    {
        var list = await _world.Client(login).GetJson("/api/inbox?pageSize=200");
        return list["items"]!.AsArray().Select(i => (long)i!["id"]!).ToList();
    }

    [SkippableFact]
    public async Task Officers_and_admins_see_every_thread()
    {
        long[] all = [_world.QuestionToState, _world.ReplyToCampaign, _world.NarynQuestion, _world.QuestionToOrganisation, _world.UnknownSender];
        foreach (var login in new[] { "admin", "officer" })
        {
            var listed = await Listed(login);
            Assert.All(all, id => Assert.Contains(id, listed));
        }
    }

    [SkippableFact]
    public async Task An_oblast_user_sees_the_threads_of_their_regions_natives_and_of_their_modules_campaigns_only()
    {
        var listed = await Listed("oblast-y");

        Assert.Contains(_world.QuestionToState, listed);
        Assert.Contains(_world.ReplyToCampaign, listed);
        Assert.DoesNotContain(_world.NarynQuestion, listed);
        Assert.DoesNotContain(_world.QuestionToOrganisation, listed);
        Assert.DoesNotContain(_world.UnknownSender, listed);
        var total = (int)(await _world.Client("oblast-y").GetJson("/api/inbox"))["total"]!;
        Assert.Equal(listed.Count, total);
    }

    [SkippableFact]
    public async Task An_oblast_user_of_another_region_gets_404_for_the_thread_and_every_action_on_it()
    {
        var naryn = _world.Client("oblast-n");
        var id = _world.QuestionToState;

        Assert.Equal(HttpStatusCode.NotFound, (await naryn.GetAsync($"/api/inbox/{id}")).StatusCode);
        foreach (var (action, body) in new (string, object)[]
                 {
                     ("assign", new { userId = _world.Users["oblast-n"].Id }), ("tag", new { topics = new[] { "other" } }), ("answer", new { text = "x" }),
                     ("forward", new { to = "Ministry" }), ("close", new { }), ("note", new { text = "x" }),
                 })
            await naryn.PostJson($"/api/inbox/{id}/{action}", body, HttpStatusCode.NotFound);
        await naryn.PostJson("/api/inbox/bulk", new { ids = new[] { _world.NarynQuestion, id }, action = "close" }, HttpStatusCode.NotFound);
        Assert.Empty(_world.AuditActions(id));
        Assert.Equal("new", (string)(await _world.Client("admin").GetJson($"/api/inbox/{_world.NarynQuestion}"))["state"]!);
    }

    [SkippableFact]
    public async Task A_leader_does_not_see_a_members_question_to_the_state()
    {
        var leader = _world.Client("leader-a");

        var listed = await Listed("leader-a");

        Assert.Equal([_world.QuestionToOrganisation], listed);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/inbox/{_world.NarynQuestion}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/inbox/{_world.QuestionToState}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_leader_sees_and_takes_a_question_addressed_to_their_organisation_and_another_organisations_leader_does_not()
    {
        var id = _world.QuestionToOrganisation;

        var thread = await _world.Client("leader-a").PostJson($"/api/inbox/{id}/assign", new { userId = _world.Users["leader-a"].Id }, HttpStatusCode.OK);

        Assert.Equal(_world.Users["leader-a"].Id, (long)thread["assigneeId"]!);
        Assert.Equal("organisation", (string)thread["addressedTo"]!);
        Assert.Empty(await Listed("leader-b"));
        Assert.Equal(HttpStatusCode.NotFound, (await _world.Client("leader-b").GetAsync($"/api/inbox/{id}")).StatusCode);
    }

    [SkippableFact]
    public async Task A_thread_goes_only_to_a_user_who_may_answer_it()
    {
        var admin = _world.Client("admin");

        var refused = await admin.PostAsync($"/api/inbox/{_world.QuestionToState}/assign",
            System.Net.Http.Json.JsonContent.Create(new { userId = _world.Users["oblast-n"].Id }));
        var problem = await refused.ReadNode();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(problem["errors"]!["userId"]);
        var bulk = await admin.PostJson("/api/inbox/bulk",
            new { ids = new[] { _world.ReplyToCampaign, _world.NarynQuestion }, action = "assign", userId = _world.Users["oblast-y"].Id }, HttpStatusCode.OK);
        var outcomes = bulk["items"]!.AsArray().ToDictionary(i => (long)i!["id"]!, i => (string)i!["outcome"]!);
        Assert.Equal("done", outcomes[_world.ReplyToCampaign]);
        Assert.Equal("invalid", outcomes[_world.NarynQuestion]);
        Assert.Contains("desk.assign", _world.AuditActions(_world.ReplyToCampaign));
    }

    [SkippableFact]
    public async Task The_assign_picker_of_a_thread_offers_only_users_in_its_scope()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-officer", "officer");

        var page = await browser.GetStringAsync($"/desk/{_world.QuestionToState}");
        var picker = page[page.IndexOf("id=\"assign-user\"", StringComparison.Ordinal)..];
        picker = picker[..picker.IndexOf("</select>", StringComparison.Ordinal)];

        Assert.Contains("oblast-y", picker);
        Assert.DoesNotContain("oblast-n", picker);
        Assert.DoesNotContain("leader-a", picker);
        Assert.DoesNotContain($"value=\"{_world.Users["oblast-n"].Id}\"", picker);
    }

    [SkippableFact]
    public async Task An_oblast_user_of_another_region_gets_404_on_the_thread_page()
    {
        var browser = await Security.Users.SignInAsync(_world.Host, "page-oblast-n", "oblast", "KG-N");

        var response = await browser.GetAsync($"/desk/{_world.QuestionToState}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Пенсиялык", await response.Content.ReadAsStringAsync());
        var desk = await browser.GetStringAsync("/desk");
        Assert.Contains($"/desk/{_world.NarynQuestion}", desk);
        Assert.DoesNotContain($"/desk/{_world.QuestionToState}\"", desk);
    }

    internal static JsonNode? Item(JsonNode list, long id) => list["items"]!.AsArray().FirstOrDefault(i => (long)i!["id"]! == id);
}
