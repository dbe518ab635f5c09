using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>
/// The CSS an emblem may carry, in a <c>style</c> attribute or a presentation attribute (<c>fill</c>, …): colours,
/// numbers, plain keywords and references to the file's own gradients. CSS has too many ways to fetch or hide a
/// fetch (<c>image-set(…)</c>, <c>u\72l(…)</c>, comments, <c>var()</c>) to list what is forbidden, so what is allowed
/// is listed instead.
/// </summary>
internal static partial class EmblemCss
{
    // The properties a coat of arms needs; anything else in a style attribute is refused.
    private static readonly HashSet<string> StyleProperties = new(StringComparer.Ordinal)
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap", "stroke-linejoin",
        "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "stop-color", "stop-opacity", "color",
        "font-size", "font-weight", "font-style", "text-anchor", "letter-spacing", "clip-rule", "clip-path", "mask",
        "visibility", "display",
    };

    // Attributes whose value is a list of transform functions rather than a CSS value.
    private static readonly HashSet<string> TransformAttributes = new(StringComparer.Ordinal) { "transform", "gradienttransform" };

    /// <summary>Why the style attribute's <paramref name="value"/> is refused, or null when every declaration is allowed.</summary>
    public static string? StyleRefusal(string value)
    {
        foreach (var declaration in value.Split(';'))
        {
            if (string.IsNullOrWhiteSpace(declaration)) continue;
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            var property = colon < 0 ? declaration.Trim() : declaration[..colon].Trim().ToLowerInvariant();
            if (colon < 0 || !StyleProperties.Contains(property))
                return $"may only set {string.Join(", ", StyleProperties.Order(StringComparer.Ordinal))} in style, not \"{Shorten(property)}\"";
            if (!IsPlainValue(declaration[(colon + 1)..])) return $"style \"{property}\" may only be a colour, a number, a keyword or url(#…)";
        }
        return null;
    }

    /// <summary>Why any other attribute's <paramref name="value"/> is refused: an escape, or a function that is not a colour, url(#…) or a transform.</summary>
    public static string? ValueRefusal(string attribute, string value)
    {
        if (value.Contains('\\', StringComparison.Ordinal)) return "may not contain CSS escapes (\\)";
        var transform = TransformAttributes.Contains(attribute);
        foreach (Match function in FunctionPattern().Matches(value))
        {
            var name = function.Groups[1].Value.ToLowerInvariant();
            if (transform ? !TransformFunctions().IsMatch(name) : !ValueFunctions().IsMatch(name))
                return $"may not use {name}(…): only colours, url(#…) and transforms";
        }
        return null;
    }

    private static bool IsPlainValue(string value) => PlainValue().IsMatch(value.Trim());

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // An identifier followed by "(": every CSS function, whatever it is called.
    [GeneratedRegex(@"([A-Za-z_-][A-Za-z0-9_-]*)?\s*\(", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionPattern();

    [GeneratedRegex("^(rgba?|hsla?|url)$", RegexOptions.CultureInvariant)]
    private static partial Regex ValueFunctions();

    [GeneratedRegex("^(matrix|translate|scale|rotate|skewx|skewy)$", RegexOptions.CultureInvariant)]
    private static partial Regex TransformFunctions();

    // Space- or comma-separated tokens, each a hex colour, a number with an optional unit, a keyword, rgb()/hsl()
    // of numbers, or url(#id). No quotes, escapes, comments, !important or other functions.
    [GeneratedRegex("""
        ^(?:(?:\#[0-9A-Fa-f]{3,8}|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:%|[A-Za-z]{1,4})?|[A-Za-z][A-Za-z-]*|(?:rgba?|hsla?)\(\s*[-+0-9.%\s,/A-Za-z]*\)|url\(\s*["']?\#[A-Za-z0-9_.:-]+["']?\s*\))[\s,]*)+$
        """, RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex PlainValue();
}
