using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Graphics.Operations.ClippingPaths;
using UglyToad.PdfPig.Graphics.Operations.General;
using UglyToad.PdfPig.Graphics.Operations.PathConstruction;
using UglyToad.PdfPig.Graphics.Operations.PathPainting;
using UglyToad.PdfPig.Graphics.Operations.SpecialGraphicsState;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>
/// Draws an SVG picture (an issuer's emblem, once the feature that accepts it has checked it) into a PDF page as vector
/// paths: shapes, paths, groups, transforms, <c>use</c>, fill rules, strokes and colours. What PDF cannot take without
/// transparency groups or shadings is drawn the nearest way: a gradient as the average of its stops, opacity as the
/// colour over white paper. Clip paths, masks and text are left out (an emblem is drawn shapes; a document prints its
/// words itself).
/// </summary>
internal static class SvgPdf
{
    private const int MaxUseDepth = 8;
    private const int MaxElements = 5_000;
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Xlink = "http://www.w3.org/1999/xlink";

    // An SVG without a viewBox is read in CSS pixels at the size the print views show pictures (a 22 mm box:
    // 22 / 25.4 × 96 px), so that the PDF and the printed page agree.
    private const double PrintBoxPixels = 22 / 25.4 * 96;

    /// <summary>Adds the picture's drawing to <paramref name="operations"/>, fitted into the box (PDF points, origin bottom left); false when it draws nothing.</summary>
    public static bool Draw(List<IGraphicsStateOperation> operations, string svg, double left, double bottom, double width, double height)
    {
        if (Load(svg) is not { } root) return false;
        var (vx, vy, vw, vh) = ViewBox(root);
        if (vw <= 0 || vh <= 0) return false;
        // preserveAspectRatio's default, xMidYMid meet, with SVG's y axis (down) turned into PDF's (up).
        var scale = Math.Min(width / vw, height / vh);
        var tx = left + (width - vw * scale) / 2 - vx * scale;
        var ty = bottom + height - (height - vh * scale) / 2 + vy * scale;
        var drawing = new Drawing(root, operations);
        var start = operations.Count;
        operations.Add(Push.Value);
        operations.Add(new ModifyCurrentTransformationMatrix([scale, 0, 0, -scale, tx, ty]));
        // The root svg clips what lies outside its viewBox, as the print view does.
        operations.Add(new AppendRectangle(vx, vy, vw, vh));
        operations.Add(ModifyClippingByNonZeroWindingIntersect.Value);
        operations.Add(EndPath.Value);
        var drew = drawing.Children(root, Style.Initial, 0);
        operations.Add(Pop.Value);
        if (!drew) operations.RemoveRange(start, operations.Count - start);
        return drew;
    }

    private static XElement? Load(string svg)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(new StringReader(svg), settings);
            var root = XDocument.Load(reader).Root;
            return root?.Name == Svg + "svg" ? root : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static (double X, double Y, double W, double H) ViewBox(XElement root)
    {
        var numbers = Numbers(root.Attribute("viewBox")?.Value);
        return numbers.Length == 4 ? (numbers[0], numbers[1], numbers[2], numbers[3]) : (0, 0, PrintBoxPixels, PrintBoxPixels);
    }

    internal static double[] Numbers(string? text) =>
        (text ?? "").Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v)).ToArray();

    /// <summary>The presentation properties an element hands down to its children, and its own opacity.</summary>
    private sealed record Style(
        string Fill, string Stroke, double StrokeWidth, bool EvenOdd, Rgb Color, double FillOpacity, double StrokeOpacity,
        int LineCap, int LineJoin, double MiterLimit, bool Visible, double Opacity)
    {
        public static readonly Style Initial = new("black", "none", 1, false, new Rgb(0, 0, 0), 1, 1, 0, 0, 4, true, 1);
    }

    private sealed class Drawing(XElement root, List<IGraphicsStateOperation> operations)
    {
        private readonly Dictionary<string, XElement> _byId = root.DescendantsAndSelf()
            .Where(e => e.Attribute("id") is not null).GroupBy(e => e.Attribute("id")!.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private int _elements;

        public bool Children(XElement parent, Style style, int depth)
        {
            var drew = false;
            foreach (var child in parent.Elements()) drew |= Element(child, style, depth);
            return drew;
        }

        private bool Element(XElement element, Style inherited, int depth)
        {
            if (++_elements > MaxElements || element.Name.Namespace != Svg) return false;
            var name = element.Name.LocalName;
            // Definitions, and what PDF gets nearest without transparency groups, draw nothing by themselves.
            if (name is "defs" or "symbol" or "clipPath" or "mask" or "linearGradient" or "radialGradient" or "title" or "desc" or "text" or "style")
                return false;
            var style = StyleOf(element, inherited);
            if (Property(element, "display") == "none") return false;
            var start = operations.Count;
            operations.Add(Push.Value);
            Transform(element);
            var drew = name switch
            {
                "g" or "svg" => Group(element, style, depth),
                "use" => Use(element, style, depth),
                _ => Shape(element, style),
            };
            operations.Add(Pop.Value);
            if (!drew) operations.RemoveRange(start, operations.Count - start);
            return drew;
        }

        private bool Group(XElement element, Style style, int depth)
        {
            // A nested svg is placed at its x and y; its own viewport is not clipped (rare in a picture this small).
            if (element.Name.LocalName == "svg") Translate(Length(element, "x"), Length(element, "y"));
            return Children(element, style with { Opacity = 1 }, depth);
        }

        private bool Use(XElement element, Style style, int depth)
        {
            var href = (element.Attribute("href") ?? element.Attribute(Xlink + "href"))?.Value;
            if (depth >= MaxUseDepth || href is null || !href.StartsWith('#') || !_byId.TryGetValue(href[1..], out var target)) return false;
            // A use that reaches one of its own ancestors would draw forever.
            if (element.Ancestors().Contains(target)) return false;
            Translate(Length(element, "x"), Length(element, "y"));
            return target.Name.LocalName == "symbol" ? Children(target, style, depth + 1) : Element(target, style, depth + 1);
        }

        private bool Shape(XElement element, Style style)
        {
            if (!style.Visible) return false;
            var pieces = Outline(element);
            if (pieces.Count == 0) return false;
            // A line has no inside to fill; a polyline has, as in a browser.
            var fill = element.Name.LocalName == "line" ? null : Paint(style.Fill, style);
            var stroke = style.StrokeWidth > 0 ? Paint(style.Stroke, style) : null;
            if (fill is null && stroke is null) return false;
            if (fill is { } f)
            {
                var shown = f.OverWhite(style.FillOpacity * style.Opacity);
                operations.Add(new SetNonStrokeColorDeviceRgb(shown.R, shown.G, shown.B));
            }
            if (stroke is { } s)
            {
                var shown = s.OverWhite(style.StrokeOpacity * style.Opacity);
                operations.Add(new SetStrokeColorDeviceRgb(shown.R, shown.G, shown.B));
                operations.Add(new SetLineWidth(style.StrokeWidth));
                operations.Add(new SetLineCap(style.LineCap));
                operations.Add(new SetLineJoin(style.LineJoin));
                operations.Add(new SetMiterLimit(Math.Max(1, style.MiterLimit)));
            }
            foreach (var piece in pieces)
                operations.Add(piece switch
                {
                    PathPiece.Move m => new BeginNewSubpath(m.X, m.Y),
                    PathPiece.Line l => new AppendStraightLineSegment(l.X, l.Y),
                    PathPiece.Cubic c => new AppendDualControlPointBezierCurve(c.X1, c.Y1, c.X2, c.Y2, c.X, c.Y),
                    _ => CloseSubpath.Value,
                });
            operations.Add((fill, stroke, style.EvenOdd) switch
            {
                (not null, not null, true) => FillPathEvenOddRuleAndStroke.Value,
                (not null, not null, false) => FillPathNonZeroWindingAndStroke.Value,
                (not null, null, true) => FillPathEvenOddRule.Value,
                (not null, null, false) => FillPathNonZeroWinding.Value,
                _ => StrokePath.Value,
            });
            return true;
        }

        /// <summary>A fill or stroke value as a colour: a gradient reference becomes its stops' average, else its fallback.</summary>
        private Rgb? Paint(string value, Style style)
        {
            var text = value.Trim();
            if (!text.StartsWith("url(", StringComparison.OrdinalIgnoreCase)) return SvgColor.Parse(text, style.Color);
            var close = text.IndexOf(')', StringComparison.Ordinal);
            var id = close < 0 ? "" : text[4..close].Trim().Trim('\'', '"').TrimStart('#');
            var fallback = close < 0 ? null : text[(close + 1)..].Trim();
            return _byId.TryGetValue(id, out var paint) && GradientAverage(paint, style, 0) is { } average
                ? average
                : string.IsNullOrEmpty(fallback) ? null : SvgColor.Parse(fallback, style.Color);
        }

        private Rgb? GradientAverage(XElement gradient, Style style, int depth)
        {
            var stops = gradient.Elements(Svg + "stop").ToList();
            // A gradient may borrow its stops from another through href.
            if (stops.Count == 0 && depth < MaxUseDepth && (gradient.Attribute("href") ?? gradient.Attribute(Xlink + "href"))?.Value is ['#', .. var other]
                && _byId.TryGetValue(other, out var source))
                return GradientAverage(source, style, depth + 1);
            var colours = stops.Select(stop => SvgColor.Parse(Property(stop, "stop-color") ?? "black", style.Color) is { } c
                ? c with { A = c.A * (Fraction(Property(stop, "stop-opacity")) ?? 1) } : (Rgb?)null).OfType<Rgb>().ToList();
            if (colours.Count == 0) return null;
            return new Rgb(colours.Average(c => c.R), colours.Average(c => c.G), colours.Average(c => c.B), colours.Average(c => c.A));
        }

        private static IReadOnlyList<PathPiece> Outline(XElement element)
        {
            double L(string name) => Length(element, name);
            switch (element.Name.LocalName)
            {
                case "path":
                    return SvgPathData.Parse(element.Attribute("d")?.Value);
                case "rect":
                    return Rectangle(L("x"), L("y"), L("width"), L("height"), element.Attribute("rx") is null ? null : L("rx"), element.Attribute("ry") is null ? null : L("ry"));
                case "circle":
                    return Ellipse(L("cx"), L("cy"), L("r"), L("r"));
                case "ellipse":
                    return Ellipse(L("cx"), L("cy"), L("rx"), L("ry"));
                case "line":
                    return [new PathPiece.Move(L("x1"), L("y1")), new PathPiece.Line(L("x2"), L("y2"))];
                case "polyline" or "polygon":
                    var points = Numbers(element.Attribute("points")?.Value);
                    if (points.Length < 4) return [];
                    var pieces = new List<PathPiece> { new PathPiece.Move(points[0], points[1]) };
                    for (var i = 2; i + 1 < points.Length; i += 2) pieces.Add(new PathPiece.Line(points[i], points[i + 1]));
                    if (element.Name.LocalName == "polygon") pieces.Add(new PathPiece.Close());
                    return pieces;
                default:
                    return [];
            }
        }

        private static IReadOnlyList<PathPiece> Rectangle(double x, double y, double w, double h, double? rx, double? ry)
        {
            if (w <= 0 || h <= 0) return [];
            var rX = Math.Min(Math.Max(rx ?? ry ?? 0, 0), w / 2);
            var rY = Math.Min(Math.Max(ry ?? rx ?? 0, 0), h / 2);
            if (rX == 0 || rY == 0)
                return [new PathPiece.Move(x, y), new PathPiece.Line(x + w, y), new PathPiece.Line(x + w, y + h), new PathPiece.Line(x, y + h), new PathPiece.Close()];
            var pieces = new List<PathPiece> { new PathPiece.Move(x + rX, y), new PathPiece.Line(x + w - rX, y) };
            pieces.AddRange(SvgPathData.Arc(x + w - rX, y, rX, rY, 0, false, true, x + w, y + rY));
            pieces.Add(new PathPiece.Line(x + w, y + h - rY));
            pieces.AddRange(SvgPathData.Arc(x + w, y + h - rY, rX, rY, 0, false, true, x + w - rX, y + h));
            pieces.Add(new PathPiece.Line(x + rX, y + h));
            pieces.AddRange(SvgPathData.Arc(x + rX, y + h, rX, rY, 0, false, true, x, y + h - rY));
            pieces.Add(new PathPiece.Line(x, y + rY));
            pieces.AddRange(SvgPathData.Arc(x, y + rY, rX, rY, 0, false, true, x + rX, y));
            pieces.Add(new PathPiece.Close());
            return pieces;
        }

        private static IReadOnlyList<PathPiece> Ellipse(double cx, double cy, double rx, double ry)
        {
            if (rx <= 0 || ry <= 0) return [];
            var pieces = new List<PathPiece> { new PathPiece.Move(cx + rx, cy) };
            pieces.AddRange(SvgPathData.Arc(cx + rx, cy, rx, ry, 0, false, true, cx - rx, cy));
            pieces.AddRange(SvgPathData.Arc(cx - rx, cy, rx, ry, 0, false, true, cx + rx, cy));
            pieces.Add(new PathPiece.Close());
            return pieces;
        }

        private void Transform(XElement element)
        {
            var value = element.Attribute("transform")?.Value;
            if (string.IsNullOrWhiteSpace(value)) return;
            foreach (var (function, args) in TransformFunctions(value))
            {
                double A(int i, double otherwise = 0) => i < args.Length ? args[i] : otherwise;
                double[]? matrix = function switch
                {
                    "matrix" when args.Length == 6 => args,
                    "translate" => [1, 0, 0, 1, A(0), A(1)],
                    "scale" => [A(0, 1), 0, 0, A(1, A(0, 1)), 0, 0],
                    "rotate" => Rotation(A(0), A(1), A(2)),
                    "skewx" => [1, 0, Math.Tan(A(0) * Math.PI / 180), 1, 0, 0],
                    "skewy" => [1, Math.Tan(A(0) * Math.PI / 180), 0, 1, 0, 0],
                    _ => null,
                };
                if (matrix is not null) operations.Add(new ModifyCurrentTransformationMatrix(matrix));
            }
        }

        private static double[] Rotation(double degrees, double cx, double cy)
        {
            var a = degrees * Math.PI / 180;
            double cos = Math.Cos(a), sin = Math.Sin(a);
            // rotate(a, cx, cy) = translate(cx, cy) rotate(a) translate(-cx, -cy)
            return [cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy];
        }

        private static IEnumerable<(string Function, double[] Args)> TransformFunctions(string value)
        {
            var at = 0;
            while (at < value.Length)
            {
                var open = value.IndexOf('(', at);
                var close = open < 0 ? -1 : value.IndexOf(')', open);
                if (close < 0) yield break;
                yield return (value[at..open].Trim(' ', ',', '\t', '\n', '\r').ToLowerInvariant(), Numbers(value[(open + 1)..close]));
                at = close + 1;
            }
        }

        private void Translate(double x, double y)
        {
            if (x != 0 || y != 0) operations.Add(new ModifyCurrentTransformationMatrix([1, 0, 0, 1, x, y]));
        }

        private static Style StyleOf(XElement element, Style inherited)
        {
            var style = inherited with { Opacity = 1 };
            if (Property(element, "color") is { } color && SvgColor.Parse(color, inherited.Color) is { } c) style = style with { Color = c };
            if (Property(element, "fill") is { } fill && fill != "inherit") style = style with { Fill = fill };
            if (Property(element, "stroke") is { } stroke && stroke != "inherit") style = style with { Stroke = stroke };
            if (Number(Property(element, "stroke-width")) is { } width) style = style with { StrokeWidth = width };
            if (Property(element, "fill-rule") is { } rule) style = style with { EvenOdd = rule == "evenodd" };
            if (Fraction(Property(element, "fill-opacity")) is { } fo) style = style with { FillOpacity = Math.Clamp(fo, 0, 1) };
            if (Fraction(Property(element, "stroke-opacity")) is { } so) style = style with { StrokeOpacity = Math.Clamp(so, 0, 1) };
            if (Fraction(Property(element, "opacity")) is { } o) style = style with { Opacity = Math.Clamp(o, 0, 1) * inherited.Opacity };
            else style = style with { Opacity = inherited.Opacity };
            if (Property(element, "stroke-linecap") is { } cap) style = style with { LineCap = cap switch { "round" => 1, "square" => 2, _ => 0 } };
            if (Property(element, "stroke-linejoin") is { } join) style = style with { LineJoin = join switch { "round" => 1, "bevel" => 2, _ => 0 } };
            if (Number(Property(element, "stroke-miterlimit")) is { } miter) style = style with { MiterLimit = miter };
            if (Property(element, "visibility") is { } visibility) style = style with { Visible = visibility == "visible" };
            return style;
        }

        /// <summary>A property from the style attribute, which wins, else the presentation attribute of that name.</summary>
        private static string? Property(XElement element, string name)
        {
            if (element.Attribute("style")?.Value is { } css)
                foreach (var declaration in css.Split(';'))
                {
                    var colon = declaration.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0 && declaration[..colon].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                        return declaration[(colon + 1)..].Trim();
                }
            return element.Attribute(name)?.Value.Trim();
        }

        /// <summary>An opacity: a number from 0 to 1, or a percentage.</summary>
        private static double? Fraction(string? text) =>
            Number(text) is { } value && text!.TrimEnd().EndsWith('%') ? value / 100 : Number(text);

        private static double Length(XElement element, string name) => Number(element.Attribute(name)?.Value) ?? 0;

        /// <summary>A number with an optional unit; user units and px are the same, a percentage is taken of 100.</summary>
        private static double? Number(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var trimmed = text.Trim();
            var end = trimmed.Length;
            while (end > 0 && (char.IsAsciiLetter(trimmed[end - 1]) || trimmed[end - 1] == '%')) end--;
            return double.TryParse(trimmed[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
    }
}
