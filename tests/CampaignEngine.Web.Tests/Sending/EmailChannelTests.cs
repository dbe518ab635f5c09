using System.Globalization;
using CampaignEngine.TestSupport.Smtp;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Features.Sending.Channels;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CampaignEngine.Web.Tests.Sending;

public sealed class EmailChannelTestsOnSqlite() : EmailChannelTests(TestHost.Sqlite);

public sealed class EmailChannelTestsOnPostgreSql() : EmailChannelTests(TestHost.PostgreSql);

/// <summary>An e-mail campaign through the real host to a real SMTP server (aiosmtpd).</summary>
public abstract class EmailChannelTests(string engine)
{
    [SkippableFact]
    public async Task Email_campaign_reaches_the_smtp_server_in_each_language_and_a_refused_address_fails()
    {
        using var sink = await SmtpSink.StartAsync("nobody@example.org");
        using var host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "Issyk-Kul appeals <appeals@example.kg>",
            ["Channels:Email:UseTls"] = "false",
        });
        var client = host.Admin;
        var people = new Dictionary<string, string> { ["aigul@example.org"] = "ky", ["bermet@example.org"] = "ru", ["nurlan@example.org"] = "en", ["nobody@example.org"] = "ky" };
        var created = await client.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Clean lake", template = "appeal", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created);
        var id = (long)created["id"]!;
        foreach (var (email, language) in people)
            host.Insert(new(email.Split('@')[0] + " Test", "female", "KG-Y", "AE", language, Email: email, Phone: null, Channels: "email"));

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await host.DispatchAsync(id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (host.Ledger(id).Count(r => r.Status is "sent" or "failed") < 4 && DateTime.UtcNow < deadline) await Task.Delay(200);
        Assert.True(host.Ledger(id).Count(r => r.Status is "sent" or "failed") == 4, string.Join("\n", host.Ledger(id)));
        var counts = (await client.GetJson($"/api/campaigns/{id}"))["counts"]!;
        Assert.Equal(3, (long)counts["sent"]!);
        Assert.Equal(1, (long)counts["failed"]!);

        var messages = sink.Messages();
        Assert.Equal(3, messages.Count);
        var ledger = host.Ledger(id);
        foreach (var message in messages)
        {
            var to = message.To.Mailboxes.Single().Address;
            var preview = await client.GetJson($"/api/campaigns/{id}/preview?lang={people[to]}");
            Assert.Equal((string)preview["subject"]!, message.Subject);
            Assert.False(string.IsNullOrWhiteSpace(message.TextBody), "no text part");
            Assert.False(string.IsNullOrWhiteSpace(message.HtmlBody), "no HTML part");
            Assert.Equal("multipart/alternative", message.Body!.ContentType.MimeType);

            var row = ledger.Single(r => r.ProviderId == message.MessageId);
            Assert.Equal($"<http://localhost/u/{row.Token}>", message.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Matches(new Regex($"^{row.Id}\\.{row.Token[..8]}@campaign-engine$"), message.MessageId);
            Assert.Contains(row.Token, message.TextBody!);
        }
        Assert.Equal(3, messages.Select(m => m.MessageId).Distinct().Count());
        // The dispatcher sends as many messages at once as the pool has connections (4 by default), and no more:
        // connections are reused, never opened per message.
        Assert.InRange(sink.Connections(), 1, 4);

        var refused = Assert.Single(ledger, r => r.Status == "failed");
        Assert.Contains("550", refused.Error);
        Assert.DoesNotContain("nobody@", refused.Error);
        Assert.Equal(1, refused.Attempts);
        Assert.Equal(3, ledger.Count(r => r.Status == "sent"));
    }

    [SkippableFact]
    public async Task With_a_user_and_password_a_server_offering_no_starttls_gets_no_credentials_and_the_message_fails_clearly()
    {
        // The server offers AUTH in plain text and no STARTTLS: what the host sees when someone in between strips the offer.
        using var sink = await SmtpSink.StartOfferingAuthWithoutTlsAsync();
        using var host = new ChannelHost(engine, new Dictionary<string, string>
        {
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "appeals@example.kg",
            ["Channels:Email:User"] = "appeals-mailer",
            ["Channels:Email:Password"] = "never-in-plain-text",
            // UseTls left unset, as most configurations leave it.
        });
        var id = (long)(await host.Admin.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Lake", template = "appeal", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created))["id"]!;
        host.Insert(new("Aigul Test", "female", "KG-Y", "AE", "ky", Email: "aigul@example.org", Phone: null, Channels: "email"));
        Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await host.DispatchAsync(id);

        var row = Assert.Single(host.Ledger(id));
        Assert.Equal(1, row.Attempts);
        Assert.NotEqual("sent", row.Status);
        Assert.Contains("did not offer STARTTLS", row.Error);
        Assert.Empty(sink.AuthAttempts());
        Assert.Empty(sink.Messages());
    }

    [SkippableFact]
    public async Task A_user_with_tls_turned_off_is_refused_before_anything_is_sent()
    {
        using var sink = await SmtpSink.StartOfferingAuthWithoutTlsAsync();
        using var sender = new SmtpEmailSender(Options.Create(new EmailOptions
        {
            Host = "127.0.0.1", Port = sink.Port, From = "a@example.kg", User = "appeals-mailer", Password = "never-in-plain-text", UseTls = false,
        }));
        var outcome = await sender.SendAsync(ProviderStub.Message("email") with { Address = "b@example.org" }, CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.Contains("never sent in plain text", outcome.Error);
        Assert.Empty(sink.AuthAttempts());
        Assert.Empty(sink.Messages());
    }

    [SkippableFact]
    public async Task Without_a_user_a_server_offering_no_starttls_still_gets_the_message()
    {
        // Nothing secret to protect: plain text stays allowed, as before, when no password is configured.
        using var sink = await SmtpSink.StartOfferingAuthWithoutTlsAsync();
        using var sender = new SmtpEmailSender(Options.Create(new EmailOptions { Host = "127.0.0.1", Port = sink.Port, From = "a@example.kg" }));
        var outcome = await sender.SendAsync(ProviderStub.Message("email") with { Address = "b@example.org" }, CancellationToken.None);
        Assert.True(outcome.Ok, outcome.Error);
        Assert.Single(sink.Messages());
    }

    [SkippableFact]
    public async Task An_unreachable_smtp_server_is_a_transient_failure()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();   // nothing listens there now: the connection is refused
        using var sender = new SmtpEmailSender(Options.Create(new EmailOptions { Host = "127.0.0.1", Port = port, From = "a@example.kg", UseTls = false }));
        var outcome = await sender.SendAsync(ProviderStub.Message("email") with { Address = "b@example.org" }, CancellationToken.None);
        Assert.False(outcome.Ok);
        Assert.False(outcome.Permanent);
        Assert.Contains("cannot connect", outcome.Error);
    }

    [SkippableFact]
    public async Task An_invalid_address_fails_permanently_before_any_connection()
    {
        using var sender = new SmtpEmailSender(Options.Create(new EmailOptions { Host = "127.0.0.1", Port = 9, From = "a@example.kg", UseTls = false }));
        var outcome = await sender.SendAsync(ProviderStub.Message("email") with { Address = "not an address" }, CancellationToken.None);
        Assert.True(outcome.Permanent);
        Assert.Equal("email: invalid address", outcome.Error);
    }
}
