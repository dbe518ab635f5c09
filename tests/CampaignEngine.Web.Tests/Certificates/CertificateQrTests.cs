using System.Buffers.Text;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CampaignEngine.Web.Infrastructure.Documents;
using CampaignEngine.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CampaignEngine.Web.Tests.Certificates;

public sealed class CertificateQrTestsOnSqlite(CertificatesHostFixture fixture) : CertificateQrTests(fixture), IClassFixture<CertificatesHostFixture>;

public sealed class CertificateQrTestsOnPostgreSql(CertificatesPostgreSqlHostFixture fixture) : CertificateQrTests(fixture), IClassFixture<CertificatesPostgreSqlHostFixture>;

/// <summary>
/// Reads the QR code back out of the PDF: the filled rectangles the page really contains are rasterised
/// and handed to zbar, so a wrong payload, a flipped axis or a lost row fails here, not at a ceremony.
/// </summary>
public abstract class CertificateQrTests(ICertificatesHost fixture)
{
    private TestHost Host => fixture.Host;

    [SkippableFact]
    public async Task Qr_code_drawn_in_the_pdf_decodes_to_the_signed_verify_url()
    {
        var zbar = FindOnPath("zbarimg");
        Skip.If(zbar is null && Environment.GetEnvironmentVariable("CI") != "true",
            "zbarimg (Debian package zbar-tools) is not installed; the test is mandatory when CI=true.");
        Assert.NotNull(zbar);

        var client = Host.AdminClient();
        var (serial, verifyUrl) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(Host, CertificateTestData.Aigul));
        var bytes = await client.GetByteArrayAsync($"/api/certificates/{serial}/pdf");

        // The verify address plus key id and signature; the page accepts it and the signature is this record's.
        var decoded = await DecodeQr(zbar!, serial, bytes);
        Assert.StartsWith(verifyUrl + "?k=", decoded);
        Assert.Contains("&s=", decoded);
        var opened = await Host.CreateClient().GetStringAsync(new Uri(decoded).PathAndQuery);
        Assert.Contains("data-status=\"valid\"", opened);
        // The QR code is the proof of holding the paper: the page it opens names the holder (partly).
        Assert.Contains("Айгүл Ө.", opened);
    }

    [SkippableFact]
    public async Task Qr_code_alone_verifies_offline_with_the_published_key_and_a_changed_payload_is_refused()
    {
        var zbar = FindOnPath("zbarimg");
        Skip.If(zbar is null && Environment.GetEnvironmentVariable("CI") != "true",
            "zbarimg (Debian package zbar-tools) is not installed; the test is mandatory when CI=true.");
        Assert.NotNull(zbar);

        // A long name, the largest part of the signed content, must still give a code that reads.
        const string holder = "Айгүл Өмүрбекова Ңаа кызы Жаныбекова-Абдылдаева";
        var client = Host.AdminClient();
        var (serial, verifyUrl) = await CertificateTestData.IssueAsync(client, CertificateTestData.InsertCompatriot(Host, holder));
        var decoded = await DecodeQr(zbar!, serial, await client.GetByteArrayAsync($"/api/certificates/{serial}/pdf"));

        // Still an address that any camera opens: the fragment stays on the phone, the page answers as before.
        var address = new Uri(decoded);
        Assert.StartsWith(verifyUrl + "?k=", decoded);
        Assert.StartsWith("#v1.", address.Fragment);
        // Version 15 at most (77 modules and the quiet zone): about half a millimetre a module in the printed code.
        var modules = QrMatrix.Encode(decoded).Size - 8;
        Assert.True(modules <= 77, $"{decoded.Length} characters need {modules} modules a side");
        Assert.Contains("data-status=\"valid\"", await Host.CreateClient().GetStringAsync(address.PathAndQuery));

        // What a phone app does with nothing but the published JWK: rebuild the canonical content from the path's serial
        // and the fragment, and check the address's signature with key k.
        var keysJson = await Host.CreateClient().GetStringAsync("/.well-known/campaign-engine/issuers.json");
        var query = System.Web.HttpUtility.ParseQueryString(address.Query);
        var content = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(address.Fragment.AsSpan("#v1.".Length)));
        var canonical = $"ce-cert-v1|{serial}|{content}";
        Assert.True(JwkVerifies(keysJson, "issyk-kul", query["k"]!, canonical, query["s"]!));
        Assert.Contains(holder, canonical);

        // The host's verify command, offline, with the QR text alone.
        var folder = Directory.CreateDirectory(Path.Combine(Host.Root, "qr-" + serial)).FullName;
        var keys = Path.Combine(folder, "keys.json");
        await File.WriteAllTextAsync(keys, keysJson);
        var valid = await HostCommand.RunAsync(folder, "verify", decoded, "--keys", keys);
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);
        Assert.StartsWith($"valid: {serial}", valid.Output);
        Assert.Contains(holder, valid.Output);
        Assert.Contains("honorary", valid.Output);

        // A changed name in the signed content, this content under another serial, or a changed signature: refused.
        var forgedContent = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(content.Replace("Айгүл", "Айгуль", StringComparison.Ordinal)));
        var renamed = await HostCommand.RunAsync(folder, "verify", decoded[..decoded.IndexOf('#', StringComparison.Ordinal)] + "#v1." + forgedContent, "--keys", keys);
        Assert.Equal(1, renamed.ExitCode);
        Assert.StartsWith($"tampered: {serial}", renamed.Output);
        var otherSerial = serial[..^1] + (serial[^1] == '7' ? '8' : '7');
        Assert.Equal(1, (await HostCommand.RunAsync(folder, "verify", decoded.Replace($"/verify/{serial}?", $"/verify/{otherSerial}?", StringComparison.Ordinal), "--keys", keys)).ExitCode);
        var signature = query["s"]!;
        var flipped = signature[..^2] + (signature[^2] == 'A' ? 'B' : 'A') + signature[^1];
        Assert.Equal(1, (await HostCommand.RunAsync(folder, "verify", decoded.Replace(signature, flipped, StringComparison.Ordinal), "--keys", keys)).ExitCode);

        // A key the verifier does not hold, and an address without the signed content (a paper printed earlier).
        var noKeys = Path.Combine(folder, "none.json");
        await File.WriteAllTextAsync(noKeys, """{ "version": 1, "payloadFormat": "ce-cert-v1", "issuers": [] }""");
        Assert.Equal(2, (await HostCommand.RunAsync(folder, "verify", decoded, "--keys", noKeys)).ExitCode);
        var bare = await HostCommand.RunAsync(folder, "verify", decoded[..decoded.IndexOf('#', StringComparison.Ordinal)], "--keys", keys);
        Assert.Equal(3, bare.ExitCode);
        Assert.Contains("no signed content", bare.Output + bare.Error);
    }

    private async Task<string> DecodeQr(string zbar, string serial, byte[] pdf)
    {
        var raster = RasteriseFilledRectangles(pdf);
        var file = Path.Combine(Host.Root, $"{serial}.png");
        await File.WriteAllBytesAsync(file, PngWriter.Grey(raster, scale: 6));
        return (await Run(zbar, $"--raw -q \"{file}\"")).Trim();
    }

    private static bool JwkVerifies(string issuersJson, string moduleId, string kid, string canonical, string signature)
    {
        using var document = JsonDocument.Parse(issuersJson);
        var jwk = document.RootElement.GetProperty("issuers").EnumerateArray()
            .Single(i => i.GetProperty("moduleId").GetString() == moduleId).GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("kid").GetString() == kid).GetProperty("jwk");
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(jwk.GetProperty("y").GetString()) },
        });
        return key.VerifyData(Encoding.UTF8.GetBytes(canonical), Base64Url.DecodeFromChars(signature), HashAlgorithmName.SHA256);
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
