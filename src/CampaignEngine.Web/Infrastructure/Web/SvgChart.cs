using System.Globalization;
using System.Net;
using System.Text;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// Small server-rendered SVG charts: no script and no external library, so they print, work on weak
/// connections and pass a strict content security policy.
/// </summary>
internal static class SvgChart
{
    public sealed record Series(string Label, string Color, IReadOnlyList<double> Values);

    private static readonly string[] Palette = ["#b3261e", "#1f5fa8", "#7a7f8a", "#c9a227", "#1b7f3b", "#6b3fa0"];

    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>Horizontal grouped bars: one group per category, one bar per series, with values written at the bar ends.</summary>
    public static string GroupedBars(string title, IReadOnlyList<string> categories, IReadOnlyList<Series> series, int width = 640)
    {
        const int barHeight = 14, gap = 3, groupGap = 14, labelWidth = 150, legendHeight = 24;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var groupHeight = series.Count * (barHeight + gap) + groupGap;
        var height = legendHeight + categories.Count * groupHeight + 8;
        var plot = width - labelWidth - 60;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-label=\"{Encode(title)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        var x = labelWidth;
        foreach (var s in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" fill=\"{s.Color}\"/><text x=\"{x + 16}\" y=\"14\">{Encode(s.Label)}</text>");
            x += 28 + s.Label.Length * 8; // wide enough for Cyrillic labels at this font size
        }
        for (var c = 0; c < categories.Count; c++)
        {
            var top = legendHeight + c * groupHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + barHeight}\">{Encode(categories[c])}</text>");
            for (var i = 0; i < series.Count; i++)
            {
                var value = c < series[i].Values.Count ? series[i].Values[c] : 0;
                var w = value <= 0 ? 0 : Math.Max(1, value / max * plot);
                var y = top + i * (barHeight + gap);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{barHeight}\" fill=\"{series[i].Color}\"><title>{Encode(series[i].Label)}: {value:#,0.##}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 4:0.#}\" y=\"{y + barHeight - 3}\">{value:#,0.##}</text>");
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A single bar filled to <paramref name="percent"/> (0–100), for progress toward a budget.</summary>
    public static string Progress(decimal percent, string label, int width = 200, int height = 12)
    {
        var filled = Math.Clamp(percent, 0, 100) / 100 * width;
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg class=\"progress\" role=\"img\" aria-label=\"{Encode(label)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(label)}</title><rect width=\"{width}\" height=\"{height}\" rx=\"3\" fill=\"#e4e7ec\"/><rect width=\"{filled:0.#}\" height=\"{height}\" rx=\"3\" fill=\"#1b7f3b\"/></svg>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
