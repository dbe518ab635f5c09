using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class ChannelFallbackTestsOnSqlite() : ChannelFallbackTests(TestHost.Sqlite);

public sealed class ChannelFallbackTestsOnPostgreSql() : ChannelFallbackTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class ChannelFallbackTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task When_the_first_channel_is_closed_at_send_time_the_next_consented_channel_carries_the_message()
    {
        var client = _host.AdminClient();
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "AE", Phone: "+971501234500", Email: "aigul@example.kg", Channels: "whatsapp;email"));
        var onlyWhatsapp = TestCompatriots.Insert(_host, new("Бермет", "female", "KG-Y", "AE", Phone: "+971501234501", Channels: "whatsapp"));
        var id = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Lake", channels = new[] { "whatsapp", "email" } }, HttpStatusCode.Created))["id"]!;
        await client.PostJson($"/api/campaigns/{id}/launch", new { at = DateTimeOffset.UtcNow.AddSeconds(2) }, HttpStatusCode.Accepted);
        // Both say STOP on WhatsApp before their message goes out.
        TestCompatriots.Scalar(_host, "UPDATE directory_compatriot SET consent_whatsapp = 0 WHERE id IN (@person, @onlyWhatsapp) RETURNING 1", new { person, onlyWhatsapp });

        await Eventually.True(async () => (long)(await client.GetJson($"/api/campaigns/{id}"))["counts"]!["pending"]! == 0
                                          && (long)(await client.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 1);
        var items = (await client.GetJson($"/api/campaigns/{id}/messages"))["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.Contains(items, m => (long)m!["compatriotId"]! == person && (string)m["channel"]! == "email" && (string)m["status"]! == "sent");
        Assert.Contains(items, m => (long)m!["compatriotId"]! == person && (string)m["channel"]! == "whatsapp" && (string)m["status"]! == "skipped");
        Assert.Contains(items, m => (long)m!["compatriotId"]! == onlyWhatsapp && (string)m["status"]! == "skipped");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
