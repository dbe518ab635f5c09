using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Features.Sending.Channels;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CampaignEngine.Bench.Items;

/// <summary>
/// Dispatch over SMTP: the product (claim, render, MailKit on its connection pool, record) beside a bare MailKit
/// loop that sends the same messages, already built, one after another on one connection, to the same local server.
/// </summary>
internal static class SmtpItem
{
    private const string From = "appeals@campaign-engine.test";

    /// <param name="engine">The ledger's engine (<see cref="Engines"/>); the bare loop has no database, so it is the same limit on both.</param>
    public static async Task<Result> Run(string root, BenchOptions options, string engine = Engines.Sqlite)
    {
        var count = options.Dispatch;
        using var server = SmtpServer.Start();
        await using var host = ProductHost.CreateOn(engine, root, engine == Engines.Sqlite ? "smtp" : "pg-smtp",
            "--Channels:Email:Host=127.0.0.1", $"--Channels:Email:Port={server.Port}", $"--Channels:Email:From={From}",
            "--Channels:Email:UseTls=false", "--Channels:Email:RatePerSecond=0");
        WriteRecipients(host, count);
        var service = host.Services.GetRequiredService<CampaignService>();
        CampaignRow campaign = null!;

        var product = await Measure.MedianAsync(options.Runs,
            _ => host.Services.GetRequiredService<Dispatcher>().DispatchCampaignAsync(campaign.Id, CancellationToken.None),
            prepare: run =>
            {
                campaign = Campaigns.Draft(host, $"smtp {run}", new Segment { OrganizationId = 1 });
                var written = service.Launch(campaign, LaunchTime.Now, host.Admin).Written;
                if (written != count) throw new InvalidOperationException($"The SMTP campaign has {written} recipients, expected {count}.");
            },
            cleanup: _ =>
            {
                using (var connection = host.Open())
                {
                    var sent = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM send_message WHERE campaign_id = @Id AND status = 'sent'", new { campaign.Id });
                    if (sent != count) throw new InvalidOperationException($"SMTP dispatch sent {sent} of {count} messages.");
                }
                Campaigns.Forget(host, campaign.Id);
            });

        var messages = SameMessages(host, count);
        var bare = await Measure.MedianAsync(options.Runs, async _ =>
        {
            using var client = new SmtpClient();
            // Nagle off, as the product does: MailKit's default socket waits on delayed ACKs (~30 ms a message here).
            var socket = await SmtpConnectionPool.NoDelaySocketAsync("127.0.0.1", server.Port, CancellationToken.None);
            await client.ConnectAsync(socket, "127.0.0.1", server.Port, SecureSocketOptions.None);
            foreach (var message in messages) await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        });

        var poolSize = new EmailOptions().PoolSize;
        return new Result("dispatch to a local SMTP server (aiosmtpd)", $"{count:N0} messages",
            product.TotalMilliseconds, "ms", "bare MailKit loop sending the same, already built messages on one connection (Nagle off)", bare.TotalMilliseconds,
            BudgetKind.RatioAtMost, 1.25,
            $"{count / product.TotalSeconds:N0} msg/s through the product (claim, render, send on {poolSize} pooled connections, record), " +
            $"{count / bare.TotalSeconds:N0} msg/s bare.")
        { Engine = host.Engine };
    }

    /// <summary>Organisation 1: exactly <paramref name="count"/> people who agreed to e-mail only.</summary>
    private static void WriteRecipients(ProductHost host, int count)
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        using var connection = host.Open();
        connection.Execute($"INSERT INTO directory_organization (id, name, country, kind, created_at) VALUES (1, 'SMTP bench', 'RU', 'association', '{now}')");
        using var transaction = connection.BeginTransaction();
        connection.Execute("""
            INSERT INTO directory_compatriot (external_id, full_name, search_name, gender, birth_year, home_region, country, city, time_zone,
                language, willing, organization_id, email, consent_whatsapp, consent_telegram, consent_sms, consent_email, created_at, updated_at)
            VALUES (@external, @name, @search, @gender, 1990, 'KG-N', 'RU', 'Moscow', 'Europe/Moscow', @language, 'yes', 1, @email, 0, 0, 0, 1, @now, @now)
            """, Enumerable.Range(0, count).Select(i => new
        {
            external = $"smtp-{i:D6}", name = $"Айгүл Smtp{i:D6}", search = $"айгүл smtp{i:D6}", gender = i % 2 == 0 ? "female" : "male",
            language = (i % 3) switch { 0 => "ky", 1 => "ru", _ => "en" }, email = $"person{i:D6}@example.org", now,
        }), transaction);
        transaction.Commit();
    }

    /// <summary>The messages the product sends, rendered and built before the bare loop's clock starts.</summary>
    private static List<MimeMessage> SameMessages(ProductHost host, int count)
    {
        var composer = host.Services.GetRequiredService<MessageComposer>();
        var module = host.Services.GetRequiredService<ModuleRegistry>().Find("national")!;
        var from = MailboxAddress.Parse(From);
        using var connection = host.Open();
        var rows = connection.Query<RecipientRow>("""
            SELECT id, full_name AS FullName, language, country, city, email, phone, telegram
            FROM directory_compatriot WHERE organization_id = 1 ORDER BY id
            """).ToList();
        var token = new string('a', 32);
        return rows.Select(r =>
        {
            var rendered = composer.Compose(module, 1, CampaignEngine.Web.Features.Campaigns.CampaignTitle.Internal("smtp"), "appeal", r, token, MessageParts.Email);
            var outgoing = new OutgoingMessage(r.Id, 1, "email", r.Email!, rendered.Language, rendered.Subject, rendered.Text, rendered.Short,
                rendered.Html, token, composer.UnsubscribeLink(token));
            return EmailMessageBuilder.Build(outgoing, from);
        }).ToList();
    }
}
