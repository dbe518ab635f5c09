namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>
/// Everything an offline verifier needs, in one line: the canonical content, the id of the key that signed
/// it and the signature — <c>ce-cert-v1|serial|kind|holder|module|yyyy-MM-dd|language|keyId|signature</c>,
/// escaped like the canonical content, the signature in base64url. The PDF carries it in its metadata; a
/// person can copy it, and the <c>verify</c> command checks it against the published issuer keys. A receipt or a
/// statement carries one more field before the key id, <see cref="Attests"/> (see <see cref="CertificateContent"/>), so
/// its line has ten fields and a certificate's keeps its nine.
/// </summary>
internal sealed record CertificatePayload(
    string Serial, string Kind, string HolderName, string ModuleId, string IssuedDay, string Language, string KeyId, string Signature,
    string? Attests = null)
{
    /// <summary>The PDF document-information entry that holds the payload.</summary>
    public const string PdfMetadataKey = "CampaignEngineCertificate";

    private const int Fields = 9;
    private const int ReceiptFields = 10;

    public string Canonical => CertificateContent.Canonical(Serial, Kind, HolderName, ModuleId, IssuedDay, Language, Attests);

    /// <summary>The attested values one by one (a receipt's or a statement's); empty for a certificate.</summary>
    public IReadOnlyList<string> AttestedFields => Attests is null ? [] : CertificateContent.Split(Attests) ?? [];

    public override string ToString() => $"{Canonical}|{CertificateContent.Join([KeyId, Signature])}";

    /// <summary>
    /// The payload of a signed certificate; null for an unsigned one (which nothing issues any more) and for an
    /// erased holder's, whose signed content (the name) is gone.
    /// </summary>
    public static CertificatePayload? Of(CertificateRecord certificate)
    {
        if (certificate.HolderErased) return null;
        if (certificate.Signature is not { } signature || certificate.KeyId is not { } keyId) return null;
        var fields = CertificateContent.Split(CertificateContent.Canonical(certificate))!;
        return new CertificatePayload(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6],
            keyId.ToString(System.Globalization.CultureInfo.InvariantCulture), SignatureText.FromStandard(signature), certificate.Attests);
    }

    public static CertificatePayload? TryParse(string? text)
    {
        var fields = text is null ? null : CertificateContent.Split(text.Trim());
        if (fields is not { Count: Fields or ReceiptFields } || fields[0] != CertificateContent.Version) return null;
        // The attested line is the field before the key id, and only a receipt's or a statement's kind has one.
        var receipt = fields.Count == ReceiptFields;
        if (receipt != ReceiptKinds.IsReceipt(fields[2])) return null;
        return receipt
            ? new CertificatePayload(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[8], fields[9], fields[7])
            : new CertificatePayload(fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8]);
    }
}

/// <summary>Signatures as base64url without padding (RFC 4648 §5), so they sit in a URL query and a payload line unescaped.</summary>
internal static class SignatureText
{
    public static string FromStandard(string base64) => System.Buffers.Text.Base64Url.EncodeToString(Convert.FromBase64String(base64));

    /// <summary>The bytes, or null when the text is not base64url.</summary>
    public static byte[]? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        try { return System.Buffers.Text.Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return null; }
    }
}
