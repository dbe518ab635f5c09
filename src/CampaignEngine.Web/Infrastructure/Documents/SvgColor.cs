using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>An sRGB colour with its alpha, each from 0 to 1.</summary>
internal readonly record struct Rgb(double R, double G, double B, double A = 1)
{
    /// <summary>
    /// The colour as it shows over white paper: the PDF is drawn without transparency groups, and a picture stands
    /// on the page's white, so a half-transparent gold prints as the pale gold the print view shows there.
    /// </summary>
    public Rgb OverWhite(double opacity)
    {
        var a = Math.Clamp(A * opacity, 0, 1);
        return new Rgb(1 - a * (1 - R), 1 - a * (1 - G), 1 - a * (1 - B));
    }
}

/// <summary>CSS colour values as SVG pictures use them: hex, rgb()/rgba(), hsl()/hsla() and the named colours.</summary>
internal static class SvgColor
{
    /// <summary>The colour, or null for none, transparent or a value that is not a colour (which SVG treats as none).</summary>
    public static Rgb? Parse(string? value, Rgb currentColor)
    {
        var text = value?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(text) || text is "none" or "transparent") return null;
        if (text == "currentcolor") return currentColor;
        if (text[0] == '#') return Hex(text[1..]);
        if (text.StartsWith("rgb", StringComparison.Ordinal)) return Rgb(Arguments(text));
        if (text.StartsWith("hsl", StringComparison.Ordinal)) return Hsl(Arguments(text));
        return Named.TryGetValue(text, out var hex) ? Hex(hex) : null;
    }

    private static Rgb? Hex(string hex)
    {
        if (!hex.All(char.IsAsciiHexDigit)) return null;
        if (hex.Length is 3 or 4) hex = string.Concat(hex.Select(c => new string(c, 2)));
        if (hex.Length is not (6 or 8)) return null;
        double Channel(int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
        return new Rgb(Channel(0), Channel(2), Channel(4), hex.Length == 8 ? Channel(6) : 1);
    }

    private static string[] Arguments(string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        return open < 0 || close < open ? [] : text[(open + 1)..close].Split([',', ' ', '/'], StringSplitOptions.RemoveEmptyEntries);
    }

    private static Rgb? Rgb(string[] parts)
    {
        if (parts.Length is < 3 or > 4) return null;
        var channels = parts.Take(3).Select(p => Fraction(p, 255)).ToArray();
        if (channels.Any(c => c is null)) return null;
        return new Rgb(channels[0]!.Value, channels[1]!.Value, channels[2]!.Value, parts.Length == 4 ? Fraction(parts[3], 1) ?? 1 : 1);
    }

    private static Rgb? Hsl(string[] parts)
    {
        if (parts.Length is < 3 or > 4) return null;
        if (!double.TryParse(parts[0].Replace("deg", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var hue)) return null;
        if (Fraction(parts[1], 100) is not { } s || Fraction(parts[2], 100) is not { } l) return null;
        hue = ((hue % 360) + 360) % 360 / 360;
        double Channel(double t)
        {
            var q = l < 0.5 ? l * (1 + s) : l + s - l * s;
            var p = 2 * l - q;
            t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
            return t < 1.0 / 6 ? p + (q - p) * 6 * t : t < 0.5 ? q : t < 2.0 / 3 ? p + (q - p) * (2.0 / 3 - t) * 6 : p;
        }
        return new Rgb(Channel(hue + 1.0 / 3), Channel(hue), Channel(hue - 1.0 / 3), parts.Length == 4 ? Fraction(parts[3], 1) ?? 1 : 1);
    }

    /// <summary>"50%" or a number on a scale of <paramref name="whole"/>, as a fraction clamped to 0..1.</summary>
    private static double? Fraction(string part, double whole)
    {
        var percent = part.EndsWith('%');
        if (!double.TryParse(percent ? part[..^1] : part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return null;
        return Math.Clamp(percent ? value / 100 : value / whole, 0, 1);
    }

    // CSS Color Module Level 4's named colours.
    private static readonly Dictionary<string, string> Named = new(StringComparer.Ordinal)
    {
        ["aliceblue"] = "f0f8ff", ["antiquewhite"] = "faebd7", ["aqua"] = "00ffff", ["aquamarine"] = "7fffd4", ["azure"] = "f0ffff",
        ["beige"] = "f5f5dc", ["bisque"] = "ffe4c4", ["black"] = "000000", ["blanchedalmond"] = "ffebcd", ["blue"] = "0000ff",
        ["blueviolet"] = "8a2be2", ["brown"] = "a52a2a", ["burlywood"] = "deb887", ["cadetblue"] = "5f9ea0", ["chartreuse"] = "7fff00",
        ["chocolate"] = "d2691e", ["coral"] = "ff7f50", ["cornflowerblue"] = "6495ed", ["cornsilk"] = "fff8dc", ["crimson"] = "dc143c",
        ["cyan"] = "00ffff", ["darkblue"] = "00008b", ["darkcyan"] = "008b8b", ["darkgoldenrod"] = "b8860b", ["darkgray"] = "a9a9a9",
        ["darkgreen"] = "006400", ["darkgrey"] = "a9a9a9", ["darkkhaki"] = "bdb76b", ["darkmagenta"] = "8b008b", ["darkolivegreen"] = "556b2f",
        ["darkorange"] = "ff8c00", ["darkorchid"] = "9932cc", ["darkred"] = "8b0000", ["darksalmon"] = "e9967a", ["darkseagreen"] = "8fbc8f",
        ["darkslateblue"] = "483d8b", ["darkslategray"] = "2f4f4f", ["darkslategrey"] = "2f4f4f", ["darkturquoise"] = "00ced1",
        ["darkviolet"] = "9400d3", ["deeppink"] = "ff1493", ["deepskyblue"] = "00bfff", ["dimgray"] = "696969", ["dimgrey"] = "696969",
        ["dodgerblue"] = "1e90ff", ["firebrick"] = "b22222", ["floralwhite"] = "fffaf0", ["forestgreen"] = "228b22", ["fuchsia"] = "ff00ff",
        ["gainsboro"] = "dcdcdc", ["ghostwhite"] = "f8f8ff", ["gold"] = "ffd700", ["goldenrod"] = "daa520", ["gray"] = "808080",
        ["green"] = "008000", ["greenyellow"] = "adff2f", ["grey"] = "808080", ["honeydew"] = "f0fff0", ["hotpink"] = "ff69b4",
        ["indianred"] = "cd5c5c", ["indigo"] = "4b0082", ["ivory"] = "fffff0", ["khaki"] = "f0e68c", ["lavender"] = "e6e6fa",
        ["lavenderblush"] = "fff0f5", ["lawngreen"] = "7cfc00", ["lemonchiffon"] = "fffacd", ["lightblue"] = "add8e6", ["lightcoral"] = "f08080",
        ["lightcyan"] = "e0ffff", ["lightgoldenrodyellow"] = "fafad2", ["lightgray"] = "d3d3d3", ["lightgreen"] = "90ee90", ["lightgrey"] = "d3d3d3",
        ["lightpink"] = "ffb6c1", ["lightsalmon"] = "ffa07a", ["lightseagreen"] = "20b2aa", ["lightskyblue"] = "87cefa",
        ["lightslategray"] = "778899", ["lightslategrey"] = "778899", ["lightsteelblue"] = "b0c4de", ["lightyellow"] = "ffffe0",
        ["lime"] = "00ff00", ["limegreen"] = "32cd32", ["linen"] = "faf0e6", ["magenta"] = "ff00ff", ["maroon"] = "800000",
        ["mediumaquamarine"] = "66cdaa", ["mediumblue"] = "0000cd", ["mediumorchid"] = "ba55d3", ["mediumpurple"] = "9370db",
        ["mediumseagreen"] = "3cb371", ["mediumslateblue"] = "7b68ee", ["mediumspringgreen"] = "00fa9a", ["mediumturquoise"] = "48d1cc",
        ["mediumvioletred"] = "c71585", ["midnightblue"] = "191970", ["mintcream"] = "f5fffa", ["mistyrose"] = "ffe4e1", ["moccasin"] = "ffe4b5",
        ["navajowhite"] = "ffdead", ["navy"] = "000080", ["oldlace"] = "fdf5e6", ["olive"] = "808000", ["olivedrab"] = "6b8e23",
        ["orange"] = "ffa500", ["orangered"] = "ff4500", ["orchid"] = "da70d6", ["palegoldenrod"] = "eee8aa", ["palegreen"] = "98fb98",
        ["paleturquoise"] = "afeeee", ["palevioletred"] = "db7093", ["papayawhip"] = "ffefd5", ["peachpuff"] = "ffdab9", ["peru"] = "cd853f",
        ["pink"] = "ffc0cb", ["plum"] = "dda0dd", ["powderblue"] = "b0e0e6", ["purple"] = "800080", ["rebeccapurple"] = "663399",
        ["red"] = "ff0000", ["rosybrown"] = "bc8f8f", ["royalblue"] = "4169e1", ["saddlebrown"] = "8b4513", ["salmon"] = "fa8072",
        ["sandybrown"] = "f4a460", ["seagreen"] = "2e8b57", ["seashell"] = "fff5ee", ["sienna"] = "a0522d", ["silver"] = "c0c0c0",
        ["skyblue"] = "87ceeb", ["slateblue"] = "6a5acd", ["slategray"] = "708090", ["slategrey"] = "708090", ["snow"] = "fffafa",
        ["springgreen"] = "00ff7f", ["steelblue"] = "4682b4", ["tan"] = "d2b48c", ["teal"] = "008080", ["thistle"] = "d8bfd8",
        ["tomato"] = "ff6347", ["turquoise"] = "40e0d0", ["violet"] = "ee82ee", ["wheat"] = "f5deb3", ["white"] = "ffffff",
        ["whitesmoke"] = "f5f5f5", ["yellow"] = "ffff00", ["yellowgreen"] = "9acd32",
    };
}
