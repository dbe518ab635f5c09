using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Receipts;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>
/// What anyone holding a serial may learn: whether it is genuine, who issued it, what and when. The holder's
/// partial name only with <paramref name="HolderProven"/> (the request carried the proof printed in the QR code),
/// so that dense serials cannot be walked to collect names; never once the holder was erased.
/// </summary>
internal sealed record CertificateVerification(string Status, string? Serial, CertificateRecord? Certificate, ModuleManifest? Issuer, IssuerData? Printed = null,
    bool HolderProven = false)
{
    /// <summary>The issuing administration as printed on the certificate, in <paramref name="language"/>.</summary>
    public string? IssuerName(string? language) => Printed?.Name.In(language) ?? Issuer?.Issuer.Name.In(language);

    public bool HolderErased => Certificate?.HolderErased == true;

    public string? PartialHolder => Certificate is null || !HolderProven || HolderErased ? null : HolderName.Partial(Certificate.HolderName);
}

/// <summary>
/// Answers for a serial, recomputing the content hash and checking the issuer's signature so that a row
/// edited behind the product's back reads "tampered", not "valid".
/// </summary>
internal sealed class CertificateVerifier(CertificateStore store, ReceiptStore receipts, CertificateSigner signer, CertificateIssuers issuers, ModuleRegistry modules)
{
    /// <summary>
    /// The register's answer for a serial. <paramref name="proof"/> is what the QR code carried (today the
    /// signature, base64url): when given it must prove this very record (<see cref="ProvesPossession"/>), else the
    /// paper is a forgery that borrowed a real serial and reads "tampered"; when it does, the answer names the holder.
    /// </summary>
    public CertificateVerification Verify(string? serialText, string? proof = null)
    {
        var serial = CertificateSerial.Normalize(serialText);
        if (serial is null) return new CertificateVerification(CertificateStatus.Unknown, null, null, null);
        // Receipts and statements are signed papers of the same register shape, numbered apart (PersonalReceipts.SerialPrefix).
        var certificate = store.Find(serial) ?? receipts.Find(serial);
        if (certificate is null) return new CertificateVerification(CertificateStatus.Unknown, serial, null, null);
        // A module switched off later still answers for the certificates it issued.
        var issuer = modules.Catalogued(certificate.ModuleId);
        var proven = proof is not null && ProvesPossession(certificate, proof);
        var intact = Intact(certificate) && (proof is null || proven);
        return new CertificateVerification(intact ? certificate.Status : CertificateStatus.Tampered, serial, certificate, issuer,
            issuer is null ? null : issuers.For(certificate), HolderProven: intact && proven);
    }

    /// <summary>
    /// The register's answer for a pasted code, a QR code's text or a payload line (a PDF's metadata): its serial checked
    /// with its signature as the proof, and "tampered" when the signed content it carries is not the register's, even
    /// with the register's signature (an amount or a name edited in the code). Null when the text is no code (a serial).
    /// </summary>
    public CertificateVerification? VerifyCode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var payload = CertificateQr.LooksLikeAddress(text) ? CertificateQr.Read(text).Payload : CertificatePayload.TryParse(text);
        if (payload is null) return null;
        var result = Verify(payload.Serial, payload.Signature);
        var registered = result.Certificate is { HolderErased: false } c ? CertificatePayload.Of(c) : null;
        return registered is not null && registered.Canonical != payload.Canonical
            ? result with { Status = CertificateStatus.Tampered, HolderProven = false }
            : result;
    }

    /// <summary>
    /// The one check of a holder's proof: true when <paramref name="proof"/> (from the QR code) is the issuer's
    /// signature of this very record, base64url. Only someone who saw the paper has it; a serial alone does not.
    /// After erasure the signature is checked against the stored content hash, so the paper still proves genuine.
    /// </summary>
    public bool ProvesPossession(CertificateRecord certificate, string? proof)
    {
        if (SignatureText.Decode(proof) is not { } bytes || certificate.KeyId is not { } keyId) return false;
        var signature = Convert.ToBase64String(bytes);
        return certificate.HolderErased
            ? HashBytes(certificate) is { } hash && signer.VerifyHash(keyId, hash, signature)
            : signer.Verify(keyId, CertificateContent.Canonical(certificate), signature);
    }

    private bool Intact(CertificateRecord certificate)
    {
        // Every certificate is signed at issue: a missing signature means someone removed it.
        if (certificate.Signature is not { } signature || certificate.KeyId is not { } keyId) return false;
        // An erased holder's name is gone, so the content cannot be rebuilt: the signature must still cover the stored hash.
        if (certificate.HolderErased) return HashBytes(certificate) is { } hash && signer.VerifyHash(keyId, hash, signature);
        var canonical = CertificateContent.Canonical(certificate);
        if (!string.Equals(CertificateContent.Hash(canonical), certificate.ContentHash, StringComparison.OrdinalIgnoreCase)) return false;
        return signer.Verify(keyId, canonical, signature);
    }

    private static byte[]? HashBytes(CertificateRecord certificate)
    {
        try { return certificate.ContentHash.Length == 64 ? Convert.FromHexString(certificate.ContentHash) : null; }
        catch (FormatException) { return null; }
    }
}
