using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// The bytes a certificate's hash and signature cover: what a verifier must be able to recompute from the
/// paper and the register. Fields are joined with '|'; a '|' or '\' inside a field is escaped with '\'
/// so that no two different certificates share a canonical form. Bump the version when fields change.
/// </summary>
public static class CertificateContent
{
    public const string Version = "ce-cert-v1";

    public static string Canonical(string serial, string kind, string holderName, string moduleId, DateTimeOffset issuedAt, string language) =>
        string.Join('|', new[]
        {
            Version, serial, kind, holderName, moduleId,
            IssuerDay(issuedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), language,
        }.Select(Escape));

    public static string Canonical(CertificateRecord c) =>
        Canonical(c.Serial, c.Kind, c.HolderName, c.ModuleId, c.IssuedAt, c.Language);

    /// <summary>
    /// The calendar day of issue as the issuer counts it: Kyrgyzstan keeps UTC+6 all year, and the date on
    /// the paper, the serial's year and the signed content must all be the same day.
    /// </summary>
    public static DateOnly IssuerDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(6)).DateTime);

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static string Escape(string field) => field.Replace("\\", "\\\\").Replace("|", "\\|");
}
