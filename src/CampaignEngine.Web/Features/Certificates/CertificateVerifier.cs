using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Modules;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>What anyone holding a serial may learn: whether it is genuine, who issued it, when, and a partial name.</summary>
public sealed record Verification(string Status, string? Serial, CertificateRecord? Certificate, ModuleManifest? Issuer)
{
    public string? PartialHolder => Certificate is null ? null : HolderName.Partial(Certificate.HolderName);
}

/// <summary>
/// Answers for a serial, recomputing the content hash and checking the issuer's signature so that a row
/// edited behind the product's back reads "tampered", not "valid".
/// </summary>
public sealed class CertificateVerifier(CertificateStore store, CertificateSigner signer)
{
    public Verification Verify(string? serialText)
    {
        var serial = CertificateSerial.Normalize(serialText);
        if (serial is null) return new Verification(CertificateStatus.Unknown, null, null, null);
        var certificate = store.Find(serial);
        if (certificate is null) return new Verification(CertificateStatus.Unknown, serial, null, null);
        // A module switched off later still answers for the certificates it issued.
        var issuer = ModuleCatalog.All.Select(m => m.Manifest).FirstOrDefault(m => m.Id == certificate.ModuleId);
        return new Verification(Intact(certificate) ? certificate.Status : CertificateStatus.Tampered, serial, certificate, issuer);
    }

    private bool Intact(CertificateRecord certificate)
    {
        var canonical = CertificateContent.Canonical(certificate);
        if (!string.Equals(CertificateContent.Hash(canonical), certificate.ContentHash, StringComparison.OrdinalIgnoreCase)) return false;
        // Every certificate is signed at issue: a missing signature means someone removed it.
        return certificate.Signature is { } signature && certificate.KeyId is { } keyId && signer.Verify(keyId, canonical, signature);
    }
}
