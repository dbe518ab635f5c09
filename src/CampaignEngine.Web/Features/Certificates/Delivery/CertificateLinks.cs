using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Sending;
using CampaignEngine.Web.Infrastructure.Database;
using CampaignEngine.Web.Infrastructure.Templates;
using Dapper;

namespace CampaignEngine.Web.Features.Certificates.Delivery;

/// <summary>The certificate that replaced a holder's, and where the holder opens it (their own link, or the verify page).</summary>
internal sealed record CertificateSuccessor(string Serial, string Url, bool HolderLink);

/// <summary>The holders' links: what a delivery message carries, and what <c>/c/{token}</c> opens.</summary>
internal sealed class CertificateLinks(Db db, CertificateDocuments documents, CertificateIssuers issuers, CertificateStore store, MessageModelBuilder models, TimeProvider clock)
    : ICertificateLinks
{
    public IReadOnlyDictionary<long, CertificateModel>? ForBatch(long campaignId, string purpose, IReadOnlyCollection<long> compatriotIds)
    {
        if (purpose != CertificateDelivery.Purpose) return null;
        using var connection = db.Open();
        var rows = connection.Query<DeliveryRow>($"""
            SELECT compatriot_id AS CompatriotId, serial AS Serial, token AS Token, expires_at AS ExpiresAt
            FROM certificate_delivery WHERE campaign_id = @campaignId AND {db.AnyOf("compatriot_id", "@ids")}
            """, new { campaignId, ids = compatriotIds.Distinct().ToArray() }).ToList();
        var result = new Dictionary<long, CertificateModel>();
        foreach (var row in rows)
        {
            if (store.Find(row.Serial) is not { } certificate) continue;
            var issuer = issuers.For(certificate);
            result[row.CompatriotId] = models.Certificate(certificate.Serial, certificate.Kind, issuer.Name, row.Token, CertificateContent.IssuerDay(row.ExpiresAt));
        }
        return result;
    }

    /// <summary>The certificate a holder's link opens, or why not: null when unknown or erased, expired when past its date.</summary>
    public (CertificateRecord? Certificate, DateTimeOffset? ExpiresAt, bool Expired) Open(string token)
    {
        if (token.Length != 32 || !token.All(char.IsAsciiHexDigitLower)) return (null, null, false);
        using var connection = db.Open();
        // An erased person's links open nothing, like their tracked links.
        var row = connection.QuerySingleOrDefault<DeliveryRow>("""
            SELECT d.compatriot_id AS CompatriotId, d.serial AS Serial, d.token AS Token, d.expires_at AS ExpiresAt
            FROM certificate_delivery d JOIN directory_compatriot c ON c.id = d.compatriot_id
            WHERE d.token = @token AND c.erased_at IS NULL
            """, new { token });
        if (row is null) return (null, null, false);
        if (row.ExpiresAt <= clock.GetUtcNow()) return (null, row.ExpiresAt, true);
        return (store.Find(row.Serial), row.ExpiresAt, false);
    }

    /// <summary>
    /// Where the holder of a replaced certificate finds the paper in force: the last one down the chain of reissues, at
    /// the holder's own link to it when one was delivered and is still open, else at its verify address with the QR
    /// code's proof (which names the holder in part, as the paper itself does). Null when nothing replaced it.
    /// </summary>
    public CertificateSuccessor? SuccessorOf(CertificateRecord certificate)
    {
        var current = certificate;
        // A reissue chain is short; the bound only guards against a cycle a hand-edited database might hold.
        for (var hops = 0; hops < 32 && current.SupersededBy is { } next && store.Find(next) is { } newer; hops++) current = newer;
        if (current.Serial == certificate.Serial || current.CompatriotId != certificate.CompatriotId) return null;
        using var connection = db.Open();
        var now = clock.GetUtcNow();
        var token = connection.Query<DeliveryRow>("""
            SELECT compatriot_id AS CompatriotId, serial AS Serial, token AS Token, expires_at AS ExpiresAt
            FROM certificate_delivery WHERE serial = @serial AND compatriot_id = @compatriotId
            """, new { serial = current.Serial, compatriotId = current.CompatriotId })
            .Where(row => row.ExpiresAt > now).OrderByDescending(row => row.ExpiresAt).Select(row => row.Token).FirstOrDefault();
        return new CertificateSuccessor(current.Serial, token is null ? documents.QrPayload(current) : $"/c/{token}", token is not null);
    }

    private sealed class DeliveryRow
    {
        public long CompatriotId { get; init; }
        public string Serial { get; init; } = "";
        public string Token { get; init; } = "";
        public DateTimeOffset ExpiresAt { get; init; }
    }
}
