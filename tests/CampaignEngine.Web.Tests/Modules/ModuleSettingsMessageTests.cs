using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CampaignEngine.TestSupport.Smtp;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Sending;

namespace CampaignEngine.Web.Tests.Modules;

/// <summary>
/// The module's sender name and signature settings, saved by its administration, are what its e-mails come from and how
/// its messages are signed, in each reader's language, through the real host to a real SMTP server.
/// </summary>
public sealed class ModuleSettingsMessageTests
{
    [SkippableFact]
    public async Task E_mails_come_from_the_modules_sender_name_and_end_with_its_signature_in_the_readers_language()
    {
        using var sink = await SmtpSink.StartAsync();
        using var host = new ChannelHost(new Dictionary<string, string>
        {
            ["Channels:Email:Host"] = "127.0.0.1",
            ["Channels:Email:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
            ["Channels:Email:From"] = "CampaignEngine <appeals@example.kg>",
            ["Channels:Email:UseTls"] = "false",
        });
        var client = host.Admin;
        var saved = await client.PutAsJsonAsync("/api/modules/issyk-kul/settings", new
        {
            basedOn = 0,
            values = new
            {
                senderName = new { ky = "Ысык-Көл облусу", ru = "Иссык-Кульская область", en = "Issyk-Kul Region" },
                signature = new { ky = "Ысык-Көл облусунун жамааты", ru = "Команда Иссык-Кульской области", en = "The Issyk-Kul Region team" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var id = (long)(await client.PostJson("/api/campaigns", new
        {
            moduleId = "issyk-kul", name = "Signed", template = "appeal", channels = new[] { "email" }, window = new { from = "00:00", to = "24:00" },
        }, HttpStatusCode.Created))["id"]!;
        host.Insert(new("Айгүл Test", "female", "KG-Y", "AE", "ky", Email: "aigul@example.org", Phone: null, Channels: "email"));
        host.Insert(new("Nurlan Test", "male", "KG-Y", "AE", "en", Email: "nurlan@example.org", Phone: null, Channels: "email"));

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/campaigns/{id}/launch", new { })).StatusCode);
        await host.DispatchAsync(id);
        await Eventually.True(() => Task.FromResult(sink.Messages().Count == 2));

        var byAddress = sink.Messages().ToDictionary(m => m.To.Mailboxes.Single().Address);
        var ky = byAddress["aigul@example.org"].From.Mailboxes.Single();
        var en = byAddress["nurlan@example.org"].From.Mailboxes.Single();
        Assert.Equal(("Ысык-Көл облусу", "appeals@example.kg"), (ky.Name, ky.Address));
        Assert.Equal(("Issyk-Kul Region", "appeals@example.kg"), (en.Name, en.Address));
        Assert.Contains("\nЫсык-Көл облусунун жамааты\n", byAddress["aigul@example.org"].TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\nThe Issyk-Kul Region team\n", byAddress["nurlan@example.org"].TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
