using System.Net;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Campaigns;

public sealed class UndeliveredFallbackTestsOnSqlite() : UndeliveredFallbackTests(TestHost.Sqlite);

public sealed class UndeliveredFallbackTestsOnPostgreSql() : UndeliveredFallbackTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract class UndeliveredFallbackTests : IDisposable
{
    private readonly TestHost _host;
    private readonly WebApplicationFactory<Program> _app;

    protected UndeliveredFallbackTests(string engine)
    {
        _host = new TestHost(engine);
        // WhatsApp has a provider (so it reports delivery); nothing is sent to it in this test.
        _app = _host.WithWebHostBuilder(b => b
            .UseSetting("Channels:WhatsApp:BaseUrl", "http://127.0.0.1:9")
            .UseSetting("Channels:WhatsApp:PhoneNumberId", "100200300")
            .UseSetting("Channels:WhatsApp:Token", "test-token"));
        _ = _app.Server;
    }

    [SkippableFact]
    public async Task A_whatsapp_message_without_a_delivery_report_for_a_day_goes_out_once_by_email()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestHost.AdminKey);
        var person = TestCompatriots.Insert(_host, new("Айгүл", "female", "KG-Y", "AE", Phone: "+971501230000", Email: "aigul@example.kg", Channels: "whatsapp;email"));
        var id = (long)(await client.PostJson("/api/campaigns", new { moduleId = "issyk-kul", name = "Lake", channels = new[] { "whatsapp", "email" } }, HttpStatusCode.Created))["id"]!;
        TestCompatriots.Scalar(_host, """
            UPDATE campaign SET status = 'completed' WHERE id = @id;
            INSERT INTO send_message (campaign_id, compatriot_id, channel, language, status, not_before, sent_at, provider_id, token)
            VALUES (@id, @person, 'whatsapp', 'ky', 'sent', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', 'wamid.X', 'aaaabbbbccccddddeeeeffff00001111')
            RETURNING 1
            """, new { id, person });

        var fallback = _app.Services.GetRequiredService<UndeliveredFallback>();
        Assert.Equal(1, fallback.Run());
        Assert.Equal(0, fallback.Run());   // looked at once
        await Eventually.True(async () => (long)(await client.GetJson($"/api/campaigns/{id}"))["counts"]!["sent"]! == 2);
        var email = (await client.GetJson($"/api/campaigns/{id}/messages"))["items"]!.AsArray().Single(m => (string)m!["channel"]! == "email")!;
        Assert.Equal("sent", (string)email["status"]!);
    }

    public void Dispose()
    {
        _app.Dispose();
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
