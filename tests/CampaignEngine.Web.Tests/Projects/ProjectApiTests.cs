using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class ProjectApiTestsOnSqlite() : ProjectApiTests(TestHost.Sqlite);

public sealed class ProjectApiTestsOnPostgreSql() : ProjectApiTests(TestHost.PostgreSql);

public abstract class ProjectApiTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private static object Well(string region = "KG-N", object? shares = null) => new
    {
        region, village = "Кочкор", sector = "water_and_sanitation", budget = 20000, currency = "USD",
        title = new { ky = "Кудук", ru = "Колодец", en = "Well" }, shares = shares ?? new { state = 20, local = 10, diaspora = 50 },
    };

    [SkippableFact]
    public async Task Shares_may_leave_room_for_other_sources_but_not_exceed_100_and_every_bad_field_is_named()
    {
        var admin = _host.AdminClient();
        var ok = await admin.PostJson("/api/projects", Well(), HttpStatusCode.Created);
        Assert.Equal(50m, (decimal)ok["shares"]!["diaspora"]!);

        var bad = await admin.PostAsJsonAsync("/api/projects", new
        {
            region = "KG-N", budget = -1, currency = "XXX", title = new { ky = "Кудук", ru = "", en = "Well" },
            shares = new { state = 60, local = 30, diaspora = 20 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var errors = (await bad.ReadNode())["errors"]!.AsObject();
        Assert.Equal(["budget", "currency", "shares", "title.ru"], errors.Select(e => e.Key).Order().ToArray());

        var negative = await admin.PostAsJsonAsync("/api/projects", Well(shares: new { state = -5, local = 0, diaspora = 50 }));
        Assert.Contains("shares.state", await negative.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task Projects_are_edited_by_their_own_region_only_and_every_change_is_audited()
    {
        var admin = _host.AdminClient();
        var naryn = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "naryn-api", "oblast", "KG-N"));
        var talas = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "talas-api", "oblast", "KG-T"));
        var id = (long)(await naryn.PostJson("/api/projects", Well(), HttpStatusCode.Created))["id"]!;

        var foreign = await talas.PutAsJsonAsync($"/api/projects/{id}", Well("KG-T"));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        var moved = await naryn.PutAsJsonAsync($"/api/projects/{id}", Well("KG-T"));
        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        var edited = await naryn.PutAsJsonAsync($"/api/projects/{id}", new
        {
            region = "KG-N", budget = 25000, currency = "USD", title = new { ky = "Кудук 2", ru = "Колодец 2", en = "Well 2" },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var project = await admin.GetJson($"/api/projects/{id}");
        Assert.Equal(25000m, (decimal)project["budgetUsd"]!);
        Assert.Equal("Колодец 2", (string)project["title"]!["ru"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.PutAsJsonAsync("/api/projects/9999", Well())).StatusCode);

        var organization = ProjectTestKit.Organization(_host, "Fund");
        var leader = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "leader-api", "leader", organizationId: organization));
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsJsonAsync("/api/projects", Well())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PutAsJsonAsync($"/api/projects/{id}", Well())).StatusCode);

        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.create' AND subject = @s", new { s = $"project/{id}" }));
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.update' AND subject = @s", new { s = $"project/{id}" }));
    }

    [SkippableFact]
    public async Task An_update_with_a_pdf_through_the_api_is_served_as_a_download_and_bad_files_are_named()
    {
        var admin = _host.AdminClient();
        var id = (long)(await admin.PostJson("/api/projects", Well(), HttpStatusCode.Created))["id"]!;

        var form = new MultipartFormDataContent { { new StringContent("Смета утверждена"), "text" } };
        form.Add(new ByteArrayContent(ProjectTestKit.Pdf()), "files", "smeta.pdf");
        form.Add(new ByteArrayContent(ProjectTestKit.Png()), "files", "site.png");
        var created = await admin.PostAsync($"/api/projects/{id}/updates", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var files = (await created.ReadNode())["files"]!.AsArray();
        Assert.Equal(["application/pdf", "image/png"], files.Select(f => (string)f!["contentType"]!).ToArray());

        var pdf = await _host.CreateClient().GetAsync((string)files[0]!["url"]!);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", pdf.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await _host.CreateClient().GetAsync($"/projects/{id + 1}/files/{(long)files[0]!["id"]!}")).StatusCode);

        var wrongName = new MultipartFormDataContent { { new StringContent("x"), "text" } };
        wrongName.Add(new ByteArrayContent(ProjectTestKit.Pdf()), "files", "photo.jpg");
        var refused = await admin.PostAsync($"/api/projects/{id}/updates", wrongName);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("files[0]", await refused.Content.ReadAsStringAsync());

        var tooBig = new MultipartFormDataContent { { new StringContent("x"), "text" } };
        var big = new byte[5 * 1024 * 1024 + 1];
        ProjectTestKit.Png().CopyTo(big, 0);
        tooBig.Add(new ByteArrayContent(big), "files", "big.png");
        var refusedBig = await admin.PostAsync($"/api/projects/{id}/updates", tooBig);
        Assert.Equal(HttpStatusCode.BadRequest, refusedBig.StatusCode);
        Assert.Contains("5 MB", await refusedBig.Content.ReadAsStringAsync());

        var json = await admin.PostAsJsonAsync($"/api/projects/{id}/updates", new { text = "", link = "https://example.kg" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Contains("text", await json.Content.ReadAsStringAsync());
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge_project_update WHERE project_id = @id", new { id }));
        // The two files of the one update written, and the photo's small copy; nothing of the refused ones.
        Assert.Equal(3, Directory.GetFiles(Path.Combine(_host.Root, "uploads")).Length);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
