using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class ProjectPagesTestsOnSqlite() : ProjectPagesTests(TestHost.Sqlite);

public sealed class ProjectPagesTestsOnPostgreSql() : ProjectPagesTests(TestHost.PostgreSql);

/// <summary>Cholpon at the Naryn administration posts a project through the pages, fixes her mistakes, and reports progress with a photo.</summary>
public abstract partial class ProjectPagesTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    private static Dictionary<string, string> Form(string token, string shareState = "25", string shareDiaspora = "75", string titleEn = "School roof", string region = "KG-N") => new()
    {
        ["__RequestVerificationToken"] = token,
        ["Region"] = region,
        ["Village"] = "Ат-Башы", ["Sector"] = "education_and_science", ["Budget"] = "1000000", ["Currency"] = "KGS",
        ["TitleKy"] = "Мектептин чатыры", ["TitleRu"] = "Крыша школы", ["TitleEn"] = titleEn,
        ["DescriptionKy"] = "Ат-Башы мектеби", ["DescriptionRu"] = "Школа в Ат-Башы", ["DescriptionEn"] = "The school in At-Bashy",
        ["ShareState"] = shareState, ["ShareLocal"] = "0", ["ShareDiaspora"] = shareDiaspora,
    };

    [SkippableFact]
    public async Task Oblast_user_creates_a_project_sees_errors_per_field_then_posts_an_update_with_a_photo_shown_on_the_public_page()
    {
        ProjectTestKit.CreateUser(_host, "cholpon", "oblast", "KG-N");
        var browser = await ProjectTestKit.SignInAsync(_host, "cholpon");
        var form = await browser.GetStringAsync("/projects/new?lang=en");

        var bad = await browser.PostAsync("/projects/new", new FormUrlEncodedContent(Form(ProjectTestKit.Token(form), shareState: "50", shareDiaspora: "75", titleEn: "")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-Shares\"", badHtml);
        Assert.Contains("id=\"error-TitleEn\"", badHtml);
        Assert.DoesNotContain("id=\"error-TitleRu\"", badHtml);
        Assert.Contains("value=\"Крыша школы\"", badHtml); // what she typed is kept
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge_project"));

        // Her region is fixed on the form; a hand-made post for another region is refused.
        var tampered = await browser.PostAsync("/projects/new", new FormUrlEncodedContent(Form(ProjectTestKit.Token(form), region: "KG-Y")));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        var created = await browser.PostAsync("/projects/new", new FormUrlEncodedContent(Form(ProjectTestKit.Token(form))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = created.Headers.Location!.ToString();
        var id = long.Parse(ProjectIdInPath().Match(edit).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge_project WHERE id = @id AND region = 'KG-N'", new { id }));

        var editHtml = await browser.GetStringAsync(edit);
        var upload = new MultipartFormDataContent
        {
            { new StringContent(ProjectTestKit.Token(editHtml)), "__RequestVerificationToken" },
            { new StringContent("Шифер сатылып алынды"), "text" },
        };
        var photo = new ByteArrayContent(ProjectTestKit.Png());
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(photo, "files", "roof.png");
        var posted = await browser.PostAsync($"/projects/{id}/updates", upload);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var list = await browser.GetStringAsync("/projects");
        Assert.Contains("School roof", list); // she chose English at the start
        Assert.Contains("<svg class=\"progress\"", list);

        var anonymous = _host.CreateClient();
        var page = await anonymous.GetStringAsync($"/projects/{id}?lang=ky");
        Assert.Contains("Шифер сатылып алынды", page);
        var src = ImageSource().Match(page);
        Assert.True(src.Success, "the public page shows the photo");
        // The page shows the photo's small copy and links to the photo itself.
        var thumbnail = await anonymous.GetAsync(src.Groups[1].Value);
        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (thumbnail.StatusCode, thumbnail.Content.Headers.ContentType?.MediaType));
        var whole = src.Groups[1].Value[..^"/thumbnail".Length];
        Assert.Contains($"<a href=\"{whole}\"><img src=\"{src.Groups[1].Value}\"", page, StringComparison.Ordinal);
        var image = await anonymous.GetAsync(whole);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(ProjectTestKit.Png(), await image.Content.ReadAsByteArrayAsync());
        var stored = Directory.GetFiles(Path.Combine(_host.Root, "uploads")).Single(f => !f.EndsWith(".thumb.jpg", StringComparison.Ordinal));
        Assert.DoesNotContain("roof", Path.GetFileName(stored)); // a random name, not the uploader's
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.create' AND subject = @s", new { s = $"project/{id}" }));
        Assert.Equal(1, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM audit_log WHERE action = 'project.post_update' AND subject = @s", new { s = $"project/{id}" }));
    }

    [SkippableFact]
    public async Task A_file_whose_content_is_not_an_image_or_pdf_is_refused_whatever_its_name_and_nothing_is_stored()
    {
        ProjectTestKit.CreateUser(_host, "officer-files", "officer");
        var browser = await ProjectTestKit.SignInAsync(_host, "officer-files");
        var form = await browser.GetStringAsync("/projects/new");
        var fields = Form(ProjectTestKit.Token(form));
        fields["Region"] = "KG-T";
        var created = await browser.PostAsync("/projects/new", new FormUrlEncodedContent(fields));
        var edit = created.Headers.Location!.ToString();
        var id = long.Parse(ProjectIdInPath().Match(edit).Groups[1].Value, CultureInfo.InvariantCulture);
        var editHtml = await browser.GetStringAsync(edit);

        var upload = new MultipartFormDataContent
        {
            { new StringContent(ProjectTestKit.Token(editHtml)), "__RequestVerificationToken" },
            { new StringContent("Отчёт"), "text" },
        };
        var disguised = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        disguised.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(disguised, "files", "photo.png");
        var refused = await browser.PostAsync($"/projects/{id}/updates", upload);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"update-error\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge_project_update"));
        Assert.False(Directory.Exists(Path.Combine(_host.Root, "uploads")) && Directory.EnumerateFiles(Path.Combine(_host.Root, "uploads")).Any());
    }

    [SkippableFact]
    public async Task An_oblast_user_neither_lists_nor_edits_another_regions_project_and_leaders_have_no_project_pages()
    {
        var officer = _host.ClientWithKey(ProjectTestKit.CreateUser(_host, "officer-p", "officer"));
        var issykKul = (long)(await officer.PostJson("/api/projects", new
        {
            region = "KG-Y", budget = 5000, currency = "USD", title = new { ky = "Жээк", ru = "Берег", en = "Shore" },
        }, HttpStatusCode.Created))["id"]!;
        ProjectTestKit.CreateUser(_host, "naryn-user", "oblast", "KG-N");
        var naryn = await ProjectTestKit.SignInAsync(_host, "naryn-user");
        Assert.DoesNotContain("Берег", await naryn.GetStringAsync("/projects?lang=ru"));
        Assert.Equal(HttpStatusCode.NotFound, (await naryn.GetAsync($"/projects/{issykKul}/edit")).StatusCode);

        var organization = ProjectTestKit.Organization(_host, "Naryn fund");
        ProjectTestKit.CreateUser(_host, "leader-p", "leader", organizationId: organization);
        var leader = await ProjectTestKit.SignInAsync(_host, "leader-p");
        var denied = await leader.GetAsync("/projects");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/projects/{issykKul}")).StatusCode); // the public page is public
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("/projects/([0-9]+)/edit")]
    private static partial Regex ProjectIdInPath();

    [GeneratedRegex("<img src=\"(/projects/[0-9]+/files/[0-9]+/thumbnail)\"")]
    private static partial Regex ImageSource();
}
