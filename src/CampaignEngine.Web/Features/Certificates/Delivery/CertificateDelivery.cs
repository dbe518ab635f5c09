using System.Security.Cryptography;
using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using Dapper;
using Hangfire;

namespace CampaignEngine.Web.Features.Certificates.Delivery;

/// <summary>What a delivery came to: the system campaign, how many messages it queued and how many holders have no consented channel.</summary>
internal sealed record DeliveryResult(long CampaignId, int Queued, int Unreachable);

/// <summary>
/// Hands issued certificates to their holders through the send pipeline: a system campaign (template
/// <c>certificate-delivery</c>, like the monthly pledge reminders) whose ledger rows go to each holder's first
/// consented channel in their language, within 09:00–21:00 of their own time, with consent checked again at send
/// time. Each holder gets a random link to their own certificate that expires; the message also names the public
/// verify address. Delivering the same certificates again queues nothing twice.
/// </summary>
internal sealed class CertificateDelivery(
    Db db, CampaignStore campaigns, Ledger ledger, TimeProvider clock, IBackgroundJobClient jobs, Audit.AuditLog audit, IConfiguration configuration,
    CampaignMessages messages)
{
    public const string Purpose = "certificate-delivery";
    public const string Template = "certificate-delivery";

    /// <summary>How long a holder's link opens their certificate (<c>Certificates:HolderLinkDays</c>).</summary>
    public TimeSpan LinkLifetime => TimeSpan.FromDays(configuration.GetValue("Certificates:HolderLinkDays", 180));

    /// <summary>One certificate just issued: it joins the module's delivery campaign of the day.</summary>
    public DeliveryResult DeliverOne(CurrentUser user, CertificateRecord certificate)
    {
        var day = CertificateContent.IssuerDay(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var campaign = DeliveryCampaign(certificate.ModuleId, $"Certificates {day}", user);
        // A second certificate for the same person on the same day cannot share the day's message: it gets its own campaign.
        if (!HasRoomFor(campaign.Id, certificate.CompatriotId))
            campaign = DeliveryCampaign(certificate.ModuleId, $"Certificates {day} {certificate.Serial}", user);
        return Deliver(user, campaign, [certificate], certificate.Serial);
    }

    /// <summary>Certificates issued together in one request: one campaign for them.</summary>
    public DeliveryResult DeliverBatch(CurrentUser user, string moduleId, IReadOnlyList<CertificateRecord> certificates)
    {
        var day = CertificateContent.IssuerDay(clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return Deliver(user, DeliveryCampaign(moduleId, $"Certificates {day} batch {certificates[0].Serial}", user), certificates, $"batch {certificates[0].Serial}");
    }

    /// <summary>The certificates of one bulk job: one campaign for the whole job.</summary>
    public DeliveryResult DeliverJob(CurrentUser user, long jobId, string moduleId, IReadOnlyList<CertificateRecord> certificates) =>
        Deliver(user, DeliveryCampaign(moduleId, $"Certificates job {jobId}", user), certificates, $"job {jobId}");

    private DeliveryResult Deliver(CurrentUser user, CampaignRow campaign, IReadOnlyList<CertificateRecord> certificates, string subject)
    {
        var now = clock.GetUtcNow();
        var expires = now + LinkLifetime;
        var holders = new List<long>();
        using (var connection = db.Open())
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var certificate in certificates.Where(c => c.Status == CertificateStatus.Valid))
            {
                connection.Execute("""
                    INSERT INTO certificate_delivery (serial, compatriot_id, campaign_id, token, expires_at, created_at)
                    VALUES (@serial, @compatriotId, @campaignId, @token, @expires, @now)
                    ON CONFLICT (campaign_id, compatriot_id) DO NOTHING
                    """, new { serial = certificate.Serial, compatriotId = certificate.CompatriotId, campaignId = campaign.Id, token = NewToken(), expires, now },
                    transaction);
                holders.Add(certificate.CompatriotId);
            }
            transaction.Commit();
        }
        var filter = new AudienceSql.Filter("c.id IN @ids AND c.erased_at IS NULL", new DynamicParameters(new { ids = holders.Distinct().ToArray() }));
        ledger.Write(messages.Request(campaign, filter, LaunchTime.Now));
        // A sweep may have completed the campaign while it had no new row yet: with the rows written, it sends again.
        DeliveryCampaign(campaign.ModuleId, campaign.Name, user);
        int queued;
        using (var connection = db.Open())
            queued = connection.ExecuteScalar<int>($"SELECT COUNT(DISTINCT compatriot_id) FROM send_message WHERE campaign_id = @id AND {db.AnyOf("compatriot_id", "@ids")}",
                new { id = campaign.Id, ids = holders.Distinct().ToArray() });
        jobs.Enqueue<Dispatcher>(d => d.DispatchCampaignAsync(campaign.Id, CancellationToken.None));
        var result = new DeliveryResult(campaign.Id, queued, holders.Distinct().Count() - queued);
        audit.Record(user, "certificate.deliver", subject, new { campaign = campaign.Id, certificates = holders.Count, queued, unreachable = result.Unreachable });
        return result;
    }

    private bool HasRoomFor(long campaignId, long compatriotId)
    {
        using var connection = db.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM certificate_delivery WHERE campaign_id = @campaignId AND compatriot_id = @compatriotId",
            new { campaignId, compatriotId }) == 0;
    }

    private CampaignRow DeliveryCampaign(string moduleId, string name, CurrentUser user) =>
        campaigns.EnsureSystem(new SystemCampaign(moduleId, name, Purpose, Template, "09:00", "21:00",
            SystemCampaignTitles.CertificateDelivery, user.Id, Reopen: true));

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
