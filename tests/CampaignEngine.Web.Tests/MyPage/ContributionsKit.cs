using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;

namespace CampaignEngine.Web.Tests.MyPage;

/// <summary>Pledges, payments and project news of one person, made through the staff API as staff would make them.</summary>
internal sealed class ContributionsKit(TestHost host)
{
    private HttpClient? _approver;

    public HttpClient Admin { get; } = host.AdminClient();

    /// <summary>A second officer: a payment counts only once someone other than its recorder approves it.</summary>
    private HttpClient Approver => _approver ??= host.ClientWithKey(ProjectTestKit.CreateUser(host, "approver-" + Guid.NewGuid().ToString("N")[..8], "officer"));

    public async Task<long> PledgeAsync(object body) => (long)(await Admin.PostJson("/api/pledges", body, HttpStatusCode.Created))["id"]!;

    public async Task<long> PaymentAsync(long pledge, object body, string decision = "approve")
    {
        var id = (long)(await Admin.PostJson($"/api/pledges/{pledge}/fulfilments", body, HttpStatusCode.Created))["id"]!;
        if (decision == "approve") await Approver.PostJson($"/api/fulfilments/{id}/approve", new { }, HttpStatusCode.OK);
        if (decision == "reject") await Approver.PostJson($"/api/fulfilments/{id}/reject", new { reason = "wrong account" }, HttpStatusCode.OK);
        return id;
    }

    public async Task<long> ProjectAsync(string en, string ru, string ky) => (long)(await Admin.PostJson("/api/projects", new
    {
        region = "KG-Y", village = "Бостери", sector = "education_and_science", budget = 50_000, currency = "USD",
        title = new { ky, ru, en }, shares = new { state = 20, local = 10, diaspora = 70 },
    }, HttpStatusCode.Created))["id"]!;

    public async Task<long> AppealAsync(string name, string publicTitleEn) => (long)(await Admin.PostJson("/api/campaigns",
        new { moduleId = "issyk-kul", name, publicTitle = new { en = publicTitleEn, ru = publicTitleEn + " (ru)" } }, HttpStatusCode.Created))["id"]!;

    /// <summary>An update of the project with a small photo and a document, published at <paramref name="at"/>.</summary>
    public async Task<long> UpdateAsync(long project, string text, string at, bool files = false)
    {
        var form = new MultipartFormDataContent { { new StringContent(text), "text" } };
        if (files)
        {
            form.Add(new ByteArrayContent(ProjectTestKit.Png()), "files", "roof.png");
            form.Add(new ByteArrayContent(ProjectTestKit.Pdf()), "files", "estimate.pdf");
        }
        var created = await Admin.PostAsync($"/api/projects/{project}/updates", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (long)(await created.ReadNode())["id"]!;
        Set("UPDATE pledge_project_update SET created_at = @at WHERE id = @id", new { at, id });
        return id;
    }

    /// <summary>Moves what the API stamped "now" to a known time, so pages and golden files read the same every run.</summary>
    public void Set(string sql, object parameters) => TestCompatriots.Scalar(host, sql + " RETURNING 1", parameters);
}
