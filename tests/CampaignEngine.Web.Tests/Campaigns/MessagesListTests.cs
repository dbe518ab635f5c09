using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class MessagesListTestsOnSqlite() : MessagesListTests(TestHost.Sqlite);

public sealed class MessagesListTestsOnPostgreSql() : MessagesListTests(TestHost.PostgreSql);

/// <summary>A campaign's messages list says whom each message went to, by name, as the directory lets the reader see.</summary>
public abstract class MessagesListTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task The_messages_list_names_each_recipient_shows_erased_people_as_erased_and_names_nobody_outside_the_readers_scope()
    {
        var native = TestCompatriots.Insert(_host, new("Бактыгүл Садыкова", "female", "KG-N", "DE"));
        var erased = TestCompatriots.Insert(_host, new("Эрмек Сыдыков", "male", "KG-N", "DE"));
        var outsider = TestCompatriots.Insert(_host, new("Гүлзат Мамытова", "female", "KG-Y", "DE"));
        var (campaign, _) = ProjectTestKit.DeliveredCampaign(_host, "naryn", native, erased, outsider);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.AdminClient().DeleteAsync($"/api/compatriots/{erased}")).StatusCode);

        var officer = await Security.Users.SignInAsync(_host, "messages-officer", "officer");
        var national = WebUtility.HtmlDecode(await officer.GetStringAsync($"/campaigns/{campaign}/messages?lang=en"));
        Assert.Contains("<th>Recipient</th>", national);
        Assert.Contains("Бактыгүл Садыкова", national);
        Assert.Contains("Гүлзат Мамытова", national);
        Assert.Contains("erased at their request", national);
        Assert.DoesNotContain("Сыдыков", national);

        // Naryn's administration reads its own campaign: its natives by name, someone of another region by no name.
        var naryn = await Security.Users.SignInAsync(_host, "messages-naryn", "oblast", "KG-N");
        var regional = WebUtility.HtmlDecode(await naryn.GetStringAsync($"/campaigns/{campaign}/messages?lang=ru"));
        Assert.Contains("Бактыгүл Садыкова", regional);
        Assert.DoesNotContain("Мамытова", regional);
        Assert.Contains("вне вашей части справочника", regional);
        Assert.Contains("данные удалены по просьбе человека", regional);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
