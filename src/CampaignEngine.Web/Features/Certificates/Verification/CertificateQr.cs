using System.Buffers.Text;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CampaignEngine.Web.Features.Certificates.Verification;

/// <summary>
/// The text of a certificate's QR code, written and read in this one place. It is an address any phone camera opens,
/// <c>{verify address}?k={key id}&amp;s={signature}</c>, followed by the rest of the signed content in the fragment,
/// <c>#v1.{base64url of the UTF-8 line kind|holder|module|yyyy-MM-dd|language}</c> (escaped as in the canonical
/// content). Browsers never send a fragment, so the page opens as before and the holder's name stays out of web-server
/// logs; an offline verifier (a phone app, the <c>verify</c> command) rebuilds the canonical content as
/// <c>ce-cert-v1|{serial from the path}|{the line}</c> and checks <c>s</c> with key <c>k</c> from the published
/// issuer keys — like the EU Digital COVID Certificate, a compact signed payload that needs no network. A receipt's
/// line has a sixth field, what it attests (<see cref="CertificatePayload.Attests"/>).
/// </summary>
internal static class CertificateQr
{
    private const string FragmentVersion = "v1";
    private const string VerifySegment = "/verify/";
    private const int ContentFields = 5;
    private const int ReceiptContentFields = 6;

    /// <summary>The QR text of a signed certificate whose verify address is <paramref name="verifyUrl"/>.</summary>
    public static string Address(string verifyUrl, CertificatePayload payload)
    {
        string[] fields = [payload.Kind, payload.HolderName, payload.ModuleId, payload.IssuedDay, payload.Language];
        var line = CertificateContent.Join(payload.Attests is { } attests ? [.. fields, attests] : fields);
        return $"{verifyUrl}?k={Uri.EscapeDataString(payload.KeyId)}&s={payload.Signature}#{FragmentVersion}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(line))}";
    }

    /// <summary>True when <paramref name="text"/> is an http(s) address, which the offline check reads as a QR code's text.</summary>
    public static bool LooksLikeAddress(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The signed payload a QR code's text carries, or the reason it carries none a person can act on.</summary>
    public static (CertificatePayload? Payload, string? Problem) Read(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            return (null, "the text is not a certificate's QR address");
        var path = address.AbsolutePath;
        var at = path.LastIndexOf(VerifySegment, StringComparison.Ordinal);
        var serial = at < 0 ? "" : Uri.UnescapeDataString(path[(at + VerifySegment.Length)..]);
        if (serial.Length == 0 || serial.Contains('/', StringComparison.Ordinal)) return (null, "the address is not a /verify/{serial} address");

        var query = QueryHelpers.ParseQuery(address.Query);
        var keyId = query.TryGetValue("k", out var k) ? k.ToString() : "";
        var signature = query.TryGetValue("s", out var s) ? s.ToString() : "";
        var fragment = address.Fragment.TrimStart('#');
        if (fragment.Length == 0 || keyId.Length == 0 || signature.Length == 0)
            return (null, "the address carries no signed content (papers printed before the QR code carried it have only the address): verify the PDF, or open the address to check online");
        var dot = fragment.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || fragment[..dot] != FragmentVersion)
            return (null, $"the QR code's signed content is in a format this version does not read ({(dot < 0 ? fragment : fragment[..dot])})");
        var fields = DecodeLine(fragment[(dot + 1)..]) is { } line ? CertificateContent.Split(line) : null;
        if (fields is not { Count: ContentFields or ReceiptContentFields } || (fields.Count == ReceiptContentFields) != ReceiptKinds.IsReceipt(fields[0]))
            return (null, "the QR code's signed content is damaged (not base64url of kind|holder|module|day|language, and what a receipt attests)");
        return (new CertificatePayload(serial, fields[0], fields[1], fields[2], fields[3], fields[4], keyId, signature,
            fields.Count == ReceiptContentFields ? fields[5] : null), null);
    }

    private static string? DecodeLine(string encoded)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return null;
        }
    }
}
