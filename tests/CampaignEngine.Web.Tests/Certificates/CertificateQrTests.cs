using System.Diagnostics;
using CampaignEngine.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CampaignEngine.Web.Tests.Certificates;

/// <summary>
/// Reads the QR code back out of the PDF: the filled rectangles the page really contains are rasterised
/// and handed to zbar, so a wrong payload, a flipped axis or a lost row fails here, not at a ceremony.
/// </summary>
public sealed class CertificateQrTests(CertificatesHostFixture fixture) : IClassFixture<CertificatesHostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [SkippableFact]
    public async Task Qr_code_drawn_in_the_pdf_decodes_to_the_signed_verify_url()
    {
        var zbar = FindOnPath("zbarimg");
        Skip.If(zbar is null && Environment.GetEnvironmentVariable("CI") != "true",
            "zbarimg (Debian package zbar-tools) is not installed; the test is mandatory when CI=true.");
        Assert.NotNull(zbar);

        var client = _host.AdminClient();
        var (serial, verifyUrl) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(_host, CertificateTestData.Aigul));
        var bytes = await client.GetByteArrayAsync($"/api/certificates/{serial}/pdf");

        var raster = RasteriseFilledRectangles(bytes);
        var file = Path.Combine(_host.Root, $"{serial}.png");
        await File.WriteAllBytesAsync(file, PngWriter.Grey(raster, scale: 6));

        // The verify address plus key id and signature; the page accepts it and the signature is this record's.
        var decoded = (await Run(zbar!, $"--raw -q \"{file}\"")).Trim();
        Assert.StartsWith(verifyUrl + "?k=", decoded);
        Assert.Contains("&s=", decoded);
        var opened = await _host.CreateClient().GetStringAsync(new Uri(decoded).PathAndQuery);
        Assert.Contains("data-status=\"valid\"", opened);
        // The QR code is the proof of holding the paper: the page it opens names the holder (partly).
        Assert.Contains("Айгүл Ө.", opened);
    }

    /// <summary>The module grid recovered from the page's filled paths (the QR code is the only filled shape), with a quiet zone.</summary>
    private static bool[,] RasteriseFilledRectangles(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var rectangles = document.GetPage(1).Paths.Where(p => p.IsFilled)
            .Select(p => p.GetBoundingRectangle()!.Value).ToList();
        Assert.NotEmpty(rectangles);
        var module = rectangles.Min(r => r.Height);
        var left = rectangles.Min(r => r.Left);
        var top = rectangles.Max(r => r.Top);
        const int quiet = 4;
        var columns = (int)Math.Round((rectangles.Max(r => r.Right) - left) / module);
        var rows = (int)Math.Round((top - rectangles.Min(r => r.Bottom)) / module);
        var grid = new bool[rows + 2 * quiet, columns + 2 * quiet];
        foreach (var r in rectangles)
        {
            var row = (int)Math.Round((top - r.Top) / module);
            var first = (int)Math.Round((r.Left - left) / module);
            var count = (int)Math.Round(r.Width / module);
            for (var c = first; c < first + count; c++) grid[row + quiet, c + quiet] = true;
        }
        return grid;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);

    private static async Task<string> Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {error}");
        return output;
    }
}
