using CampaignEngine.Web.Infrastructure.Templates;
using System.Globalization;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Verification;
using CampaignEngine.Web.Infrastructure.Documents;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates.Documents;

/// <summary>Everything printed on a certificate, already in the certificate's language.</summary>
internal sealed record CertificateDocument(
    string Serial,
    string Language,
    string Kind,
    string KindTitle,
    string HolderName,
    string Reason,
    string IssuerName,
    string SignatoryTitle,
    string SignatoryName,
    string IssuedDate,
    string VerifyUrl,
    string QrPayload,
    string? SignedPayload,
    string Status,
    string? StatusNote,
    QrMatrix Qr,
    Func<string, string> Text,
    string? EmblemSvg = null);

/// <summary>Builds the printed form of a stored certificate from its record, its issuer and the interface texts.</summary>
internal sealed class CertificateDocuments(UiText texts, MessageModelBuilder addresses)
{
    /// <summary>The public verify address, from the one place that builds the product's public addresses.</summary>
    public string VerifyUrl(string serial) => addresses.VerifyUrl(serial);

    /// <summary>
    /// What the QR code holds (<see cref="CertificateQr"/>): the verify address plus the key id and the signature, so
    /// that a phone opens the register's answer, and the rest of the signed content in the fragment, so that an offline
    /// verifier checks the code alone. Unsigned records (only in fixtures) get the bare address.
    /// </summary>
    public string QrPayload(CertificateRecord certificate) =>
        CertificatePayload.Of(certificate) is { } payload
            ? CertificateQr.Address(VerifyUrl(certificate.Serial), payload)
            : VerifyUrl(certificate.Serial);

    /// <summary>The document with the module's default issuer (fixtures and golden files).</summary>
    public CertificateDocument For(CertificateRecord certificate, ModuleManifest module) => For(certificate, IssuerData.Of(module.Issuer));

    /// <summary>The document with the issuer the certificate was issued under.</summary>
    public CertificateDocument For(CertificateRecord certificate, IssuerData issuer)
    {
        var language = certificate.Language;
        string T(string key) => texts.Get(language, key);
        var url = VerifyUrl(certificate.Serial);
        var qr = QrPayload(certificate);
        return new CertificateDocument(
            certificate.Serial,
            language,
            certificate.Kind,
            T("cert.kind." + certificate.Kind),
            certificate.HolderErased ? T(Privacy.PrivacyTexts.HolderErased) : certificate.HolderName,
            certificate.Reason,
            issuer.Name.In(language),
            issuer.SignatoryTitle.In(language),
            issuer.SignatoryName,
            FormatDate(certificate.IssuedAt, language),
            url,
            qr,
            CertificatePayload.Of(certificate)?.ToString(),
            certificate.Status,
            certificate.Status == CertificateStatus.Valid ? null : T("cert.status." + certificate.Status),
            QrMatrix.Encode(qr),
            T,
            issuer.EmblemSvg);
    }

    /// <summary>Dates as people in each language write them on official papers.</summary>
    public static string FormatDate(DateTimeOffset at, string language) => FormatDate(CertificateContent.IssuerDay(at), language);

    public static string FormatDate(DateOnly local, string language)
    {
        return language == "en"
            ? local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : local.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
    }
}
