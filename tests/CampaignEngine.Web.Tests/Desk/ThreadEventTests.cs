using System.Net;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Features.Responses.Desk;
using CampaignEngine.Web.Tests.Infrastructure;
using Dapper;

namespace CampaignEngine.Web.Tests.Desk;

public sealed class ThreadEventTestsOnSqlite(DeskWorld.OnSqlite world) : ThreadEventTests(world), IClassFixture<DeskWorld.OnSqlite>;

public sealed class ThreadEventTestsOnPostgreSql(DeskWorld.OnPostgreSql world) : ThreadEventTests(world), IClassFixture<DeskWorld.OnPostgreSql>;

/// <summary>A thread's events are stored as codes with values and read in each staff reader's language.</summary>
public abstract class ThreadEventTests(DeskWorld world)
{
    private readonly DeskWorld _world = world;

    [SkippableFact]
    public async Task The_api_gives_each_event_its_code_its_values_and_its_text_in_the_readers_language()
    {
        var admin = _world.Client("admin");
        var id = _world.NarynQuestion;
        await admin.PostJson($"/api/inbox/{id}/assign", new { userId = _world.Users["oblast-n"].Id }, HttpStatusCode.OK);
        await admin.PostJson($"/api/inbox/{id}/tag", new { topics = new[] { "pensions", "documents" } }, HttpStatusCode.OK);
        await admin.PostJson($"/api/inbox/{id}/forward", new { to = "Социалдык фонд", note = "шашылыш" }, HttpStatusCode.OK);

        var ky = Events(await admin.GetJson($"/api/inbox/{id}?lang=ky"));
        var en = Events(await admin.GetJson($"/api/inbox/{id}?lang=en"));

        Assert.Equal(["assigned", "tagged", "forwarded"], ky.Select(e => (string)e["code"]!));
        Assert.Equal("oblast-n", (string)ky[0]["args"]!["login"]!);
        Assert.Equal("documents;pensions", (string)ky[1]["args"]!["topics"]!);
        Assert.Equal(["Жооптуу: oblast-n", "Темалар: документтер, пенсиялар", "Өткөрүлүп берилди: Социалдык фонд — шашылыш"], ky.Select(e => (string)e["text"]!));
        Assert.Equal(["Assigned to oblast-n", "Topics set: documents, pensions", "Forwarded to Социалдык фонд: шашылыш"], en.Select(e => (string)e["text"]!));
    }

    [SkippableFact]
    public async Task The_thread_page_shows_the_events_in_the_page_language()
    {
        var id = _world.QuestionToState;
        await _world.Client("admin").PostJson($"/api/inbox/{id}/close", new { }, HttpStatusCode.OK);
        var browser = await Security.Users.SignInAsync(_world.Host, "event-officer", "officer");

        var ru = await browser.GetStringAsync($"/desk/{id}?lang=ru");
        var ky = await browser.GetStringAsync($"/desk/{id}?lang=ky");

        Assert.Contains("<p class=\"line-text\">Закрыто</p>", ru, StringComparison.Ordinal);
        Assert.Contains("<p class=\"line-text\">Жабылды</p>", ky, StringComparison.Ordinal);
        Assert.DoesNotContain(">closed<", ky, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Sentences_stored_before_codes_become_codes_and_a_sentence_it_does_not_know_stays_as_written()
    {
        Skip.If(_world.Host.Engine == TestHost.PostgreSql, "PostgreSQL starts at migration 0048's baseline: no database there holds the sentences 0040 converts");
        var id = _world.ReplyToCampaign;
        string[] sentences =
        [
            "assigned to oblast-y", "forwarded to Social Fund: please: help", "closed", "sender linked to person 42",
            "answer 12 not sent on sms: the person opted out of it; the person reads it on their page", "called the person back",
        ];
        using (var connection = _world.Host.OpenDatabase())
        {
            foreach (var text in sentences)
                connection.Execute("""
                    INSERT INTO response_thread_message (thread_id, kind, channel, text, at) VALUES (@id, 'event', 'desk', @text, '2026-01-01T00:00:00.000Z')
                    """, new { id, text });
            connection.Execute(MigrationUpdates());
        }

        var events = Events(await _world.Client("admin").GetJson($"/api/inbox/{id}?lang=en"));

        Assert.Equal(["assigned", "forwarded", "closed", "linked", "answer-undelivered", null], events.Select(e => (string?)e["code"]));
        Assert.Equal("please: help", (string)events[1]["args"]!["note"]!);
        Assert.Equal("opted-out", (string)events[4]["args"]!["reason"]!);
        Assert.Equal("12", (string)events[4]["args"]!["answer"]!);
        Assert.Equal("Assigned to oblast-y", (string)events[0]["text"]!);
        Assert.Equal("Sender linked to person #42", (string)events[3]["text"]!);
        Assert.Equal("called the person back", (string)events[5]["text"]!);
    }

    private static List<JsonNode> Events(JsonNode thread) => thread["events"]!.AsArray().Select(e => e!).ToList();

    /// <summary>The conversion of migration 0040's second part (its columns exist already: the host ran it on an empty table).</summary>
    private static string MigrationUpdates()
    {
        var assembly = typeof(DeskThreads).Assembly;
        using var stream = assembly.GetManifestResourceStream("CampaignEngine.Web.Infrastructure.Database.Migrations.0040_b_desk_event_codes.sql")!;
        var sql = new StreamReader(stream).ReadToEnd();
        return string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith("ALTER TABLE", StringComparison.Ordinal)));
    }
}
