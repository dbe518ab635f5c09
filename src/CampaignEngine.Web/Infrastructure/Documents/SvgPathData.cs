using System.Globalization;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>One piece of an outline in absolute coordinates: PDF knows only moves, lines, cubic curves and closes.</summary>
internal abstract record PathPiece
{
    public sealed record Move(double X, double Y) : PathPiece;
    public sealed record Line(double X, double Y) : PathPiece;
    public sealed record Cubic(double X1, double Y1, double X2, double Y2, double X, double Y) : PathPiece;
    public sealed record Close : PathPiece;
}

/// <summary>
/// Reads SVG path data (<c>d</c>: every command of SVG 1.1, relative and absolute) into moves, lines and cubic
/// curves, which is all PDF draws: quadratic curves are raised to cubic ones and elliptical arcs split into quarter
/// curves. Malformed data ends the path where it breaks, as browsers do, so the print view and the PDF agree.
/// </summary>
internal static class SvgPathData
{
    public static IReadOnlyList<PathPiece> Parse(string? data)
    {
        var pieces = new List<PathPiece>();
        if (string.IsNullOrWhiteSpace(data)) return pieces;
        var reader = new Reader(data);
        double x = 0, y = 0, startX = 0, startY = 0, lastControlX = 0, lastControlY = 0;
        var command = ' ';
        var previous = ' ';
        while (reader.More())
        {
            if (reader.NextIsCommand(out var next)) command = next;
            else if (command is ' ' or 'Z' or 'z') break; // numbers with no command to repeat
            var relative = char.IsLower(command);
            double ox = relative ? x : 0, oy = relative ? y : 0;
            switch (char.ToUpperInvariant(command))
            {
                case 'M':
                    if (!reader.Numbers(2, out var m)) return pieces;
                    x = ox + m[0]; y = oy + m[1]; startX = x; startY = y;
                    pieces.Add(new PathPiece.Move(x, y));
                    command = relative ? 'l' : 'L'; // further pairs are lines
                    break;
                case 'L':
                    if (!reader.Numbers(2, out var l)) return pieces;
                    x = ox + l[0]; y = oy + l[1];
                    pieces.Add(new PathPiece.Line(x, y));
                    break;
                case 'H':
                    if (!reader.Numbers(1, out var h)) return pieces;
                    x = ox + h[0];
                    pieces.Add(new PathPiece.Line(x, y));
                    break;
                case 'V':
                    if (!reader.Numbers(1, out var v)) return pieces;
                    y = oy + v[0];
                    pieces.Add(new PathPiece.Line(x, y));
                    break;
                case 'C':
                    if (!reader.Numbers(6, out var c)) return pieces;
                    pieces.Add(new PathPiece.Cubic(ox + c[0], oy + c[1], ox + c[2], oy + c[3], ox + c[4], oy + c[5]));
                    (lastControlX, lastControlY, x, y) = (ox + c[2], oy + c[3], ox + c[4], oy + c[5]);
                    break;
                case 'S':
                    if (!reader.Numbers(4, out var s)) return pieces;
                    var (sx, sy) = char.ToUpperInvariant(previous) is 'C' or 'S' ? (2 * x - lastControlX, 2 * y - lastControlY) : (x, y);
                    pieces.Add(new PathPiece.Cubic(sx, sy, ox + s[0], oy + s[1], ox + s[2], oy + s[3]));
                    (lastControlX, lastControlY, x, y) = (ox + s[0], oy + s[1], ox + s[2], oy + s[3]);
                    break;
                case 'Q':
                    if (!reader.Numbers(4, out var q)) return pieces;
                    pieces.Add(Quadratic(x, y, ox + q[0], oy + q[1], ox + q[2], oy + q[3]));
                    (lastControlX, lastControlY, x, y) = (ox + q[0], oy + q[1], ox + q[2], oy + q[3]);
                    break;
                case 'T':
                    if (!reader.Numbers(2, out var t)) return pieces;
                    var (tx, ty) = char.ToUpperInvariant(previous) is 'Q' or 'T' ? (2 * x - lastControlX, 2 * y - lastControlY) : (x, y);
                    pieces.Add(Quadratic(x, y, tx, ty, ox + t[0], oy + t[1]));
                    (lastControlX, lastControlY, x, y) = (tx, ty, ox + t[0], oy + t[1]);
                    break;
                case 'A':
                    if (!reader.Arc(out var a)) return pieces;
                    pieces.AddRange(Arc(x, y, a.Rx, a.Ry, a.Rotation, a.Large, a.Sweep, ox + a.X, oy + a.Y));
                    (x, y) = (ox + a.X, oy + a.Y);
                    break;
                case 'Z':
                    pieces.Add(new PathPiece.Close());
                    (x, y) = (startX, startY);
                    break;
                default:
                    return pieces;
            }
            previous = command;
        }
        return pieces;
    }

    private static PathPiece.Cubic Quadratic(double x0, double y0, double qx, double qy, double x, double y) =>
        new(x0 + 2.0 / 3 * (qx - x0), y0 + 2.0 / 3 * (qy - y0), x + 2.0 / 3 * (qx - x), y + 2.0 / 3 * (qy - y), x, y);

    /// <summary>An elliptical arc as cubic curves of at most a quarter turn each (SVG 1.1, appendix F.6).</summary>
    public static IEnumerable<PathPiece> Arc(double x1, double y1, double rx, double ry, double rotation, bool large, bool sweep, double x2, double y2)
    {
        if (x1 == x2 && y1 == y2) yield break;
        rx = Math.Abs(rx); ry = Math.Abs(ry);
        if (rx == 0 || ry == 0) { yield return new PathPiece.Line(x2, y2); yield break; }
        var phi = rotation * Math.PI / 180;
        double cos = Math.Cos(phi), sin = Math.Sin(phi);
        double dx = (x1 - x2) / 2, dy = (y1 - y2) / 2;
        double x1p = cos * dx + sin * dy, y1p = -sin * dx + cos * dy;
        var lambda = x1p * x1p / (rx * rx) + y1p * y1p / (ry * ry);
        if (lambda > 1) { rx *= Math.Sqrt(lambda); ry *= Math.Sqrt(lambda); }
        var numerator = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
        var factor = Math.Sqrt(Math.Max(0, numerator / (rx * rx * y1p * y1p + ry * ry * x1p * x1p))) * (large == sweep ? -1 : 1);
        double cxp = factor * rx * y1p / ry, cyp = -factor * ry * x1p / rx;
        double cx = cos * cxp - sin * cyp + (x1 + x2) / 2, cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
        var start = Math.Atan2((y1p - cyp) / ry, (x1p - cxp) / rx);
        var delta = Math.Atan2((-y1p - cyp) / ry, (-x1p - cxp) / rx) - start;
        if (sweep && delta < 0) delta += 2 * Math.PI;
        else if (!sweep && delta > 0) delta -= 2 * Math.PI;
        var segments = (int)Math.Ceiling(Math.Abs(delta) / (Math.PI / 2) - 1e-9);
        var step = delta / segments;
        var k = 4.0 / 3 * Math.Tan(step / 4);
        for (var i = 0; i < segments; i++)
        {
            double a1 = start + i * step, a2 = a1 + step;
            double e1x = Math.Cos(a1), e1y = Math.Sin(a1), e2x = Math.Cos(a2), e2y = Math.Sin(a2);
            (double X, double Y) Point(double ux, double uy) => (cx + rx * ux * cos - ry * uy * sin, cy + rx * ux * sin + ry * uy * cos);
            var c1 = Point(e1x - k * e1y, e1y + k * e1x);
            var c2 = Point(e2x + k * e2y, e2y - k * e2x);
            var end = i == segments - 1 ? (X: x2, Y: y2) : Point(e2x, e2y);
            yield return new PathPiece.Cubic(c1.X, c1.Y, c2.X, c2.Y, end.X, end.Y);
        }
    }

    /// <summary>Numbers in SVG's compact syntax: "1.5.5" is two numbers, "-1-2" too, and arc flags need no separator.</summary>
    private sealed class Reader(string text)
    {
        private int _at;

        public bool More()
        {
            SkipSeparators();
            return _at < text.Length;
        }

        public bool NextIsCommand(out char command)
        {
            SkipSeparators();
            command = _at < text.Length ? text[_at] : ' ';
            if (!"MmLlHhVvCcSsQqTtAaZz".Contains(command, StringComparison.Ordinal)) return false;
            _at++;
            return true;
        }

        public bool Numbers(int count, out double[] values)
        {
            values = new double[count];
            for (var i = 0; i < count; i++)
                if (Number() is { } value) values[i] = value;
                else return false;
            return true;
        }

        public bool Arc(out (double Rx, double Ry, double Rotation, bool Large, bool Sweep, double X, double Y) arc)
        {
            arc = default;
            if (!Numbers(3, out var radii) || Flag() is not { } large || Flag() is not { } sweep || !Numbers(2, out var end)) return false;
            arc = (radii[0], radii[1], radii[2], large, sweep, end[0], end[1]);
            return true;
        }

        private bool? Flag()
        {
            SkipSeparators();
            if (_at >= text.Length || text[_at] is not ('0' or '1')) return null;
            return text[_at++] == '1';
        }

        private double? Number()
        {
            SkipSeparators();
            var start = _at;
            if (_at < text.Length && text[_at] is '+' or '-') _at++;
            var digits = Digits();
            if (_at < text.Length && text[_at] == '.') { _at++; digits += Digits(); }
            if (digits == 0) { _at = start; return null; }
            if (_at < text.Length && text[_at] is 'e' or 'E')
            {
                var mark = _at++;
                if (_at < text.Length && text[_at] is '+' or '-') _at++;
                if (Digits() == 0) _at = mark;
            }
            return double.Parse(text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private int Digits()
        {
            var start = _at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
            return _at - start;
        }

        private void SkipSeparators()
        {
            while (_at < text.Length && (char.IsWhiteSpace(text[_at]) || text[_at] == ',')) _at++;
        }
    }
}
