using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>What anyone holding a serial may learn: whether it is genuine, who issued it, when, and a partial name.</summary>
public sealed record Verification(string Status, string? Serial, CertificateRecord? Certificate, ModuleManifest? Issuer, IssuerData? Printed = null)
{
    /// <summary>The issuing administration as printed on the certificate, in <paramref name="language"/>.</summary>
    public string? IssuerName(string? language) => Printed?.Name.In(language) ?? Issuer?.Issuer.Name.In(language);

    public string? PartialHolder => Certificate is null ? null : HolderName.Partial(Certificate.HolderName);
}

/// <summary>
/// Answers for a serial, recomputing the content hash and checking the issuer's signature so that a row
/// edited behind the product's back reads "tampered", not "valid".
/// </summary>
public sealed class CertificateVerifier(CertificateStore store, CertificateSigner signer, CertificateIssuers issuers)
{
    /// <summary>
    /// The register's answer for a serial. <paramref name="printedSignature"/> is the one a QR code carried
    /// (base64url): when given it must be a signature of this very record, else the paper is a forgery that
    /// borrowed a real serial and reads "tampered".
    /// </summary>
    public Verification Verify(string? serialText, string? printedSignature = null)
    {
        var serial = CertificateSerial.Normalize(serialText);
        if (serial is null) return new Verification(CertificateStatus.Unknown, null, null, null);
        var certificate = store.Find(serial);
        if (certificate is null) return new Verification(CertificateStatus.Unknown, serial, null, null);
        // A module switched off later still answers for the certificates it issued.
        var issuer = ModuleCatalog.All.Select(m => m.Manifest).FirstOrDefault(m => m.Id == certificate.ModuleId);
        var intact = Intact(certificate) && (printedSignature is null || Signs(certificate, printedSignature));
        return new Verification(intact ? certificate.Status : CertificateStatus.Tampered, serial, certificate, issuer,
            issuer is null ? null : issuers.For(certificate));
    }

    private bool Signs(CertificateRecord certificate, string printedSignature) =>
        SignatureText.Decode(printedSignature) is { } bytes && certificate.KeyId is { } keyId
        && signer.Verify(keyId, CertificateContent.Canonical(certificate), Convert.ToBase64String(bytes));

    private bool Intact(CertificateRecord certificate)
    {
        var canonical = CertificateContent.Canonical(certificate);
        if (!string.Equals(CertificateContent.Hash(canonical), certificate.ContentHash, StringComparison.OrdinalIgnoreCase)) return false;
        // Every certificate is signed at issue: a missing signature means someone removed it.
        return certificate.Signature is { } signature && certificate.KeyId is { } keyId && signer.Verify(keyId, canonical, signature);
    }
}
