using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CampaignEngine.Core.Reference;
using CampaignEngine.Web.Features.Certificates.Documents;
using CampaignEngine.Web.Features.Certificates.Issuers;
using CampaignEngine.Web.Features.Certificates.Receipts;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Certificates.Verification;

internal static class OfflineStatus
{
    public const string Valid = "valid";
    public const string Tampered = "tampered";
    public const string UnknownKey = "unknown key";
    public const string Unreadable = "unreadable";
}

/// <summary>What the offline check concluded, with the reasons a person can act on.</summary>
internal sealed record OfflineVerification(string Status, CertificatePayload? Payload, PublishedIssuer? Issuer, PublishedKey? Key, IReadOnlyList<string> Problems);

/// <summary>
/// Checks a certificate (or a receipt, or a statement) without the register: the signature over the canonical content with the issuer's
/// published key and, for a PDF, that the printed text says what was signed — a paper whose name was
/// edited but whose metadata was left alone reads "tampered". Revocation cannot be seen offline.
/// </summary>
internal sealed class OfflineVerifier(UiText texts)
{
    public OfflineVerification Check(string? payloadText, IssuersDocument keys, string? printedText = null) =>
        CertificatePayload.TryParse(payloadText) is { } payload
            ? Check(payload, keys, printedText)
            : new(OfflineStatus.Unreadable, null, null, null, ["no certificate payload (expected ce-cert-v1|…|keyId|signature)"]);

    /// <summary>The check of a payload already read, from a PDF's metadata, a payload line or a QR code's text.</summary>
    public OfflineVerification Check(CertificatePayload payload, IssuersDocument keys, string? printedText = null)
    {
        var issuer = keys.Issuers.FirstOrDefault(i => i.ModuleId == payload.ModuleId);
        var key = keys.Find(payload.ModuleId, payload.KeyId);
        if (key is null)
            return new(OfflineStatus.UnknownKey, payload, issuer, null, [$"issuer '{payload.ModuleId}' has no published key '{payload.KeyId}' in the keys file"]);

        var problems = new List<string>();
        if (!SignatureHolds(payload, key)) problems.Add("the signature does not match the content");
        if (printedText is not null) problems.AddRange(PrintedMismatches(payload, issuer!, printedText));
        return new(problems.Count == 0 ? OfflineStatus.Valid : OfflineStatus.Tampered, payload, issuer, key, problems);
    }

    private static bool SignatureHolds(CertificatePayload payload, PublishedKey key)
    {
        var signature = SignatureText.Decode(payload.Signature);
        if (signature is null) return false;
        using var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(key.Spki), out _);
            return ecdsa.VerifyData(Encoding.UTF8.GetBytes(payload.Canonical), signature, HashAlgorithmName.SHA256);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The signed fields that the page must show. Compared without whitespace and case, because the PDF
    /// wraps long names over lines and prints the kind in capitals.
    /// </summary>
    private IEnumerable<string> PrintedMismatches(CertificatePayload payload, PublishedIssuer issuer, string printedText)
    {
        var page = Squash(printedText);
        var language = payload.Language;
        var expected = new List<(string Field, string Text)>
        {
            ("holder name", payload.HolderName),
            ("serial", payload.Serial),
            ("issue date", PrintedDate(payload.IssuedDay, language)),
        };
        if ((CertificateKinds.IsKnown(payload.Kind) || ReceiptKinds.IsReceipt(payload.Kind)) && Languages.IsKnown(language))
        {
            expected.Add(("kind", texts.Get(language, "cert.kind." + payload.Kind)));
            // A receipt prints each attested value right after its label (ReceiptPdf), so an edited total is not excused
            // by the same figure printed in a line of the statement's list.
            var attested = payload.AttestedFields;
            for (var i = 0; i < attested.Count; i++)
            {
                var label = ReceiptAttestation.LabelOf(payload.Kind, i);
                expected.Add((texts.Get("en", label).ToLowerInvariant(), texts.Get(language, label) + " " + attested[i]));
            }
        }
        foreach (var (field, text) in expected)
            if (!page.Contains(Squash(text), StringComparison.Ordinal))
                yield return $"the printed {field} differs from the signed one ({text})";
        // The issuer's name is not signed; it must be one the issuer has published, now or before an edit.
        var names = issuer.NamesIn(language).ToList();
        if (names.Count > 0 && !names.Any(n => page.Contains(Squash(n), StringComparison.Ordinal)))
            yield return $"the printed issuer is not one the issuer has published ({names[0]})";
    }

    private static string PrintedDate(string issuedDay, string language) =>
        DateOnly.TryParseExact(issuedDay, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? CertificateDocuments.FormatDate(day, language)
            : issuedDay;

    private static string Squash(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
