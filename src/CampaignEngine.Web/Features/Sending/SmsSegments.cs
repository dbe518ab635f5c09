namespace CampaignEngine.Web.Features.Sending;

/// <summary>
/// How many SMS parts a text costs. GSM-7 fits 160 characters in one part (153 per part when split);
/// a single Cyrillic letter such as "ө" forces UCS-2, where a part holds only 70 (67 when split).
/// </summary>
internal static class SmsSegments
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Gsm7Extension = "^{}\\[~]|€\f";

    public sealed record Count(string Encoding, int Units, int Segments);

    public static Count Of(string text)
    {
        var gsmUnits = 0;
        foreach (var ch in text)
        {
            if (Gsm7Basic.Contains(ch)) gsmUnits += 1;
            else if (Gsm7Extension.Contains(ch)) gsmUnits += 2;
            else return Ucs2(text);
        }
        return new Count("GSM-7", gsmUnits, gsmUnits <= 160 ? 1 : (int)Math.Ceiling(gsmUnits / 153.0));
    }

    private static Count Ucs2(string text)
    {
        // UTF-16 code units: a character outside the BMP (an emoji) takes two.
        var units = text.Length;
        return new Count("UCS-2", units, units <= 70 ? 1 : (int)Math.Ceiling(units / 67.0));
    }
}
