using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Features.Certificates;

/// <summary>
/// Serials read aloud over the phone and typed from paper: the issuer's prefix, the year and a
/// six-digit sequence per prefix and year, e.g. <c>IK-2026-000042</c>.
/// </summary>
internal static partial class CertificateSerial
{
    public static string Format(string prefix, int year, long sequence)
    {
        if (!PrefixPattern().IsMatch(prefix)) throw new ArgumentException($"Serial prefix '{prefix}' must be 1–6 capital Latin letters.", nameof(prefix));
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year:0000}-{sequence:000000}");
    }

    /// <summary>
    /// The serial in its stored shape when <paramref name="text"/> looks like one (people type lower case
    /// and stray spaces), else null, so that garbage never reaches a query.
    /// </summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var candidate = text.Trim().ToUpperInvariant();
        return SerialPattern().IsMatch(candidate) ? candidate : null;
    }

    [GeneratedRegex("^[A-Z]{1,6}$")]
    private static partial Regex PrefixPattern();

    // The sequence has at least six digits; a busy issuer may pass a million in a year.
    [GeneratedRegex("^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$")]
    private static partial Regex SerialPattern();
}
