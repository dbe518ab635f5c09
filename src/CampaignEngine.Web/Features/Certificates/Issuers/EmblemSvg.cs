using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CampaignEngine.Web.Features.Certificates.Issuers;

/// <summary>
/// Checks an emblem uploaded as SVG before it is printed, raw, into certificate HTML that anyone may open.
/// It is refused (not silently repaired) when it holds anything that runs or fetches: scripts, event
/// handlers, foreign HTML, images, links or styles that point outside the file, a DTD. Styles are held to a short
/// list of properties with colour and number values (<see cref="EmblemCss"/>). What passes is
/// written out again from the parsed tree, so comments and processing instructions never reach the page.
/// </summary>
internal static class EmblemSvg
{
    public const int MaxLength = 20_000;
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private const string XlinkNamespace = "http://www.w3.org/1999/xlink";

    // Shapes, grouping, gradients and text: enough for a coat of arms, nothing that runs, animates or fetches.
    private static readonly HashSet<string> Elements =
    [
        "svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "title", "desc", "defs",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "use", "symbol", "text", "tspan",
    ];

    /// <summary>The cleaned SVG, or the reason it is refused.</summary>
    public static (string? Svg, string? Error) Sanitise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, "is empty");
        if (text.Length > MaxLength) return (null, $"must be at most {MaxLength} characters");
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxLength * 2, IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            };
            using var reader = XmlReader.Create(new StringReader(text.Trim()), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            return (null, $"is not well-formed XML (line {ex.LineNumber}, column {ex.LinePosition}): no DTD or entities are allowed");
        }
        var root = document.Root!;
        if (root.Name != XName.Get("svg", SvgNamespace)) return (null, "must have an <svg> root in the SVG namespace (xmlns=\"http://www.w3.org/2000/svg\")");
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.NamespaceName != SvgNamespace || !Elements.Contains(element.Name.LocalName))
                return (null, $"may not contain <{element.Name.LocalName}>: only shapes, groups, gradients and text are allowed");
            foreach (var attribute in element.Attributes())
                if (Refusal(element, attribute) is { } why) return (null, why);
        }
        FitToBox(root);
        return (root.ToString(SaveOptions.DisableFormatting), null);
    }

    private static string? Refusal(XElement element, XAttribute attribute)
    {
        if (attribute.IsNamespaceDeclaration) return null;
        var name = attribute.Name;
        // The emblem is printed into an HTML page, whose parser lowercases attribute names: HREF and STYLE count too.
        var localName = name.LocalName.ToLowerInvariant();
        var where = $"<{element.Name.LocalName} {name.LocalName}>";
        if (localName.StartsWith("on", StringComparison.Ordinal)) return $"may not contain event handlers ({where})";
        if (name.NamespaceName is not ("" or XlinkNamespace) && name.Namespace != XNamespace.Xml) return $"may not use attributes of other namespaces ({where})";
        var value = string.Concat(attribute.Value.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        if (localName == "href") return value.StartsWith('#') ? null : $"may only link inside the file (href=\"#…\") ({where})";
        var css = localName == "style" ? EmblemCss.StyleRefusal(attribute.Value) : EmblemCss.ValueRefusal(localName, attribute.Value);
        if (css is not null) return $"{css} ({where})";
        if (value.Contains("javascript:") || value.Contains("data:") || value.Contains("@import") || value.Contains("expression("))
            return $"may not contain scripts or external references ({where})";
        for (var at = value.IndexOf("url(", StringComparison.Ordinal); at >= 0; at = value.IndexOf("url(", at + 4, StringComparison.Ordinal))
        {
            var target = value[(at + 4)..].TrimStart('\'', '"');
            if (!target.StartsWith('#')) return $"may only refer to parts of the file (url(#…)) ({where})";
        }
        return null;
    }

    /// <summary>The emblem fills the box the certificate gives it: a fixed width and height become the viewBox.</summary>
    private static void FitToBox(XElement root)
    {
        if (root.Attribute("viewBox") is null
            && double.TryParse(root.Attribute("width")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var width)
            && double.TryParse(root.Attribute("height")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var height))
            root.SetAttributeValue("viewBox", FormattableString.Invariant($"0 0 {width} {height}"));
        root.SetAttributeValue("width", "100%");
        root.SetAttributeValue("height", "100%");
    }
}
