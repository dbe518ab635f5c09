using System.Globalization;
using System.Text;
using QRCoder;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>
/// A QR code as a grid of dark modules, quiet zone included. The PDF and the HTML draw it as vectors from
/// this grid, so the printed code stays sharp at any size and no image codec is involved.
/// </summary>
internal sealed class QrMatrix
{
    private readonly bool[,] _dark;

    private QrMatrix(bool[,] dark) => _dark = dark;

    public int Size => _dark.GetLength(0);

    public bool IsDark(int row, int column) => _dark[row, column];

    public static QrMatrix Encode(string payload)
    {
        // Level M survives a crease or a coffee stain on a printed page and keeps the code small.
        using var data = QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var size = data.ModuleMatrix.Count;
        var dark = new bool[size, size];
        for (var row = 0; row < size; row++)
            for (var column = 0; column < size; column++)
                dark[row, column] = data.ModuleMatrix[row][column];
        return new QrMatrix(dark);
    }

    /// <summary>Horizontal runs of dark modules per row: one rectangle per run instead of one per module.</summary>
    public IEnumerable<(int Row, int Column, int Length)> DarkRuns()
    {
        for (var row = 0; row < Size; row++)
        {
            var column = 0;
            while (column < Size)
            {
                if (!_dark[row, column]) { column++; continue; }
                var start = column;
                while (column < Size && _dark[row, column]) column++;
                yield return (row, start, column - start);
            }
        }
    }

    /// <summary>An inline SVG of the code, scaled by its container; <paramref name="label"/> is its accessible name.</summary>
    public string ToSvg(string label)
    {
        var path = new StringBuilder();
        foreach (var (row, column, length) in DarkRuns())
            path.Append(CultureInfo.InvariantCulture, $"M{column} {row}h{length}v1h-{length}z");
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {Size} {Size}" shape-rendering="crispEdges" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(label)}"><rect width="{Size}" height="{Size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
