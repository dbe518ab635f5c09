using PhoneNumbers;

namespace CampaignEngine.Web.Features.Compatriots.Import;

/// <summary>
/// Turns a phone as written in a spreadsheet into E.164. A number in national format is read first as a
/// number of the host country (a migrant's everyday SIM), then as a Kyrgyz one (the SIM they kept from home,
/// written <c>0555 123 456</c>); the first reading that is a valid number wins.
/// </summary>
internal static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The E.164 form, or null when no reading gives a valid number.</summary>
    public static string? Normalize(string? raw, string? hostCountry)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var text = raw.Trim();
        // Excel often drops the plus of an international number and keeps 00 from a dial string.
        if (text.StartsWith("00", StringComparison.Ordinal)) text = "+" + text[2..];
        foreach (var region in Candidates(hostCountry))
        {
            try
            {
                var number = Util.Parse(text, region);
                if (Util.IsValidNumber(number)) return Util.Format(number, PhoneNumberFormat.E164);
            }
            catch (NumberParseException)
            {
                // Not a number in this reading; try the next region.
            }
        }
        return null;
    }

    private static IEnumerable<string> Candidates(string? hostCountry)
    {
        if (!string.IsNullOrWhiteSpace(hostCountry)) yield return hostCountry.Trim().ToUpperInvariant();
        if (!"KG".Equals(hostCountry?.Trim(), StringComparison.OrdinalIgnoreCase)) yield return "KG";
    }
}
