using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Ui;

public sealed class UnsubscribePageTestsOnSqlite() : UnsubscribePageTests(TestHost.Sqlite);

public sealed class UnsubscribePageTestsOnPostgreSql() : UnsubscribePageTests(TestHost.PostgreSql);

/// <summary>The unsubscribe page says who the person is leaving and lets them stop one channel or every channel.</summary>
public abstract class UnsubscribePageTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_page_names_the_sending_administration_and_stops_every_channel_when_asked()
    {
        var token = await LaunchToOnePersonAsync();
        var anonymous = _host.CreateClient();

        var page = await anonymous.GetStringAsync($"/u/{token}?lang=en");
        Assert.Contains("Issyk-Kul Regional Administration", page, StringComparison.Ordinal);
        Assert.Contains("id=\"unsubscribe-all\"", page, StringComparison.Ordinal);

        var done = await anonymous.PostAsync($"/u/{token}?lang=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["all"] = "true" }));

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("on any channel", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0L, TestCompatriots.Scalar(_host,
            "SELECT consent_email + consent_whatsapp + consent_telegram + consent_sms FROM directory_compatriot"));
        Assert.Equal(4L, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM directory_consent_event WHERE granted = 0"));
    }

    [SkippableFact]
    public async Task A_mail_clients_one_click_post_stops_only_the_channel_of_the_message()
    {
        var token = await LaunchToOnePersonAsync();

        await _host.CreateClient().PostAsync($"/u/{token}", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));

        Assert.Equal(0L, TestCompatriots.Scalar(_host, "SELECT consent_email FROM directory_compatriot"));
        Assert.Equal(1L, TestCompatriots.Scalar(_host, "SELECT consent_whatsapp FROM directory_compatriot"));
    }

    private async Task<string> LaunchToOnePersonAsync()
    {
        TestCompatriots.Insert(_host, new TestCompatriot("Айгүл Сатыбалдиева", "female", "KG-Y", "AE",
            Email: "aigul@example.org", Channels: "email;whatsapp;telegram;sms"));
        var admin = _host.AdminClient();
        var campaign = await admin.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Unsubscribe", channels = new[] { "email" } }, HttpStatusCode.Created);
        await admin.PostJson($"/api/campaigns/{campaign["id"]}/launch", new { }, HttpStatusCode.Accepted);
        using var connection = _host.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT token FROM send_message LIMIT 1";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
