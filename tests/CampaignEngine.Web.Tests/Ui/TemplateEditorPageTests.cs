using System.Net;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.ModuleHost;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class TemplateEditorPageTestsOnSqlite() : TemplateEditorPageTests(TestHost.Sqlite);

public sealed class TemplateEditorPageTestsOnPostgreSql() : TemplateEditorPageTests(TestHost.PostgreSql);

/// <summary>The template page keeps its promise: "Empty a part to go back to the shipped text."</summary>
public abstract partial class TemplateEditorPageTests(string engine) : IDisposable
{
    private const string Page = "/modules/issyk-kul/templates?language=ky";
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Emptying_a_part_on_the_page_restores_the_shipped_text_and_messages_use_it_again()
    {
        var officer = await Security.Users.SignInAsync(_host, "template-officer", "officer");
        var shipped = Parts(await officer.GetStringAsync(Page));
        var shippedSubject = Subject();

        var edited = await Send(officer, shipped, ("subject", "Жаңы тема {{ campaign.name }}"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Жаңы тема Көл", Subject());
        // Only the part that changed is an edit; the parts sent back as shipped are not copied into edits.
        Assert.Equal(1, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));

        // The box emptied, as a person does it: nothing, or the line break left behind.
        foreach (var emptied in new[] { "", "\r\n" })
        {
            await Send(officer, shipped, ("subject", "Башка тема"));
            var restored = await Send(officer, shipped, ("subject", emptied));

            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            var page = await restored.Content.ReadAsStringAsync();
            Assert.Equal(shipped["subject"], Parts(page)["subject"]);
            Assert.DoesNotMatch(EditedSubject(), page);
            Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM template_override"));
            Assert.Equal(shippedSubject, Subject());
        }
    }

    private async Task<HttpResponseMessage> Send(HttpClient officer, Dictionary<string, string> parts, (string Part, string Text) change)
    {
        var form = await officer.GetStringAsync(Page);
        var fields = new Dictionary<string, string>(parts) { [change.Part] = change.Text };
        fields["__RequestVerificationToken"] = Security.Users.Token(form);
        fields["name"] = "appeal";
        fields["language"] = "ky";
        return await officer.PostAsync("/modules/issyk-kul/templates", new FormUrlEncodedContent(fields));
    }

    private string Subject()
    {
        var composer = _host.Services.GetRequiredService<MessageComposer>();
        var module = _host.Services.GetRequiredService<ModuleRegistry>().Find("issyk-kul")!;
        return composer.Compose(module, 7, CampaignEngine.Web.Features.Campaigns.CampaignTitle.Internal("Көл"), "appeal", new RecipientRow(1, "Айгүл", "ky", "AE", null, "a@example.org", null, null), "token-1").Subject;
    }

    // The text of each textarea as a browser would send it back.
    private static Dictionary<string, string> Parts(string html) =>
        Textarea().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("<textarea id=\"part-[a-z]+\" name=\"([a-z]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex Textarea();

    [GeneratedRegex("<label for=\"part-subject\">[^<]*·")]
    private static partial Regex EditedSubject();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
