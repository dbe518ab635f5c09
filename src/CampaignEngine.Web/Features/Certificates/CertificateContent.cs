using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// The bytes a certificate's hash and signature cover: what a verifier must be able to recompute from the
/// paper and the register. Fields are joined with '|'; a '|' or '\' inside a field is escaped with '\'
/// so that no two different certificates share a canonical form. Bump the version when fields change.
/// Receipts and yearly statements (<c>Receipts/</c>) are signed papers of the same shape with one more field at
/// the end, what the paper attests (amounts, what for, evidence), itself a '|'-joined line: a certificate has no such
/// field, so the canonical form of every certificate signed before receipts existed is unchanged.
/// </summary>
internal static class CertificateContent
{
    public const string Version = "ce-cert-v1";

    public static string Canonical(string serial, string kind, string holderName, string moduleId, DateTimeOffset issuedAt, string language, string? attests = null) =>
        Canonical(serial, kind, holderName, moduleId, IssuerDay(issuedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), language, attests);

    /// <summary>The same bytes from fields read off a paper or a payload, where the day is already written out.</summary>
    public static string Canonical(string serial, string kind, string holderName, string moduleId, string issuedDay, string language, string? attests = null) =>
        Join(attests is null ? [Version, serial, kind, holderName, moduleId, issuedDay, language] : [Version, serial, kind, holderName, moduleId, issuedDay, language, attests]);

    public static string Join(IEnumerable<string> fields) => string.Join('|', fields.Select(Escape));

    /// <summary>The fields of a '|'-joined line, undoing the escapes of <see cref="Join"/>; null when an escape is dangling.</summary>
    public static IReadOnlyList<string>? Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                if (++i == line.Length) return null;
                current.Append(line[i]);
            }
            else if (c == '|')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    public static string Canonical(CertificateRecord c) =>
        Canonical(c.Serial, c.Kind, c.HolderName, c.ModuleId, c.IssuedAt, c.Language, c.Attests);

    /// <summary>
    /// The calendar day of issue as the issuer counts it: Kyrgyzstan keeps UTC+6 all year, and the date on
    /// the paper, the serial's year and the signed content must all be the same day.
    /// </summary>
    public static DateOnly IssuerDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(6)).DateTime);

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string Escape(string field) => field.Replace("\\", "\\\\").Replace("|", "\\|");
}
