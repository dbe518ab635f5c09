using CampaignEngine.Web.Features.Projects.Photos;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using CampaignEngine.Web.Tests.Infrastructure;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class PhotoMetadataTestsOnSqlite() : PhotoMetadataTests(TestHost.Sqlite);

public sealed class PhotoMetadataTestsOnPostgreSql() : PhotoMetadataTests(TestHost.PostgreSql);

/// <summary>
/// Photos posted on a public project page lose what the phone wrote into them (GPS, camera, XMP, comments), and
/// keep the picture itself byte for byte, and its orientation.
/// </summary>
public abstract class PhotoMetadataTests(string engine) : IDisposable
{
    private static readonly string[] Secrets = ["GPS", "PhoneMaker", "xmpmeta", "Naryn house", "Kuliev", "TRAILER-SECRET", "Photoshop", "Comment", "Location"];
    private readonly TestHost _host = new(engine);

    [SkippableTheory]
    [InlineData("gps.jpg", "image/jpeg")]
    [InlineData("gps.png", "image/png")]
    [InlineData("gps.webp", "image/webp")]
    public async Task A_photo_is_published_without_its_gps_and_other_metadata(string file, string type)
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Projects", "Photos", file));
        // The file really carries a position (the XMP names it in text; the EXIF GPS IFD is binary).
        Assert.Contains("GPSLatitude", Encoding.Latin1.GetString(original), StringComparison.Ordinal);

        var published = await PublishAsync(original, file);

        var text = Encoding.Latin1.GetString(published);
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Equal(ImageData(original, type), ImageData(published, type));
        Assert.Equal((ushort)6, Orientation(published, type));
    }

    [SkippableFact]
    public async Task A_jpeg_keeps_its_structure_for_a_viewer()
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Projects", "Photos", "gps.jpg"));

        var published = await PublishAsync(original, "gps.jpg");

        Assert.Equal([0xFF, 0xD8, 0xFF, 0xE0], published[..4]);              // JFIF first, as viewers expect
        Assert.Equal([0xFF, 0xD9], published[^2..]);                          // ends where the image ends
        Assert.Equal(Segments(original).Where(m => m is < 0xE0 or > 0xEF and not 0xFE), Segments(published).Where(m => m is < 0xE0 or > 0xEF and not 0xFE));
        Assert.Equal([0xE0, 0xE1], Segments(published).Where(m => m is >= 0xE0 and <= 0xEF or 0xFE));
    }

    [SkippableFact]
    public async Task A_broken_photo_is_refused_naming_the_file_and_nothing_is_stored()
    {
        var original = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Projects", "Photos", "gps.jpg"));
        var admin = _host.AdminClient();
        var project = await ProjectAsync(admin);
        var form = new MultipartFormDataContent { { new StringContent("Фото"), "text" } };
        form.Add(new ByteArrayContent(original[..200]), "files", "cut.jpg");

        var response = await admin.PostAsync($"/api/projects/{project}/updates", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadNode())["errors"]!["files[0]"]);
        Assert.Equal(0, ProjectTestKit.Scalar(_host, "SELECT COUNT(*) FROM pledge_project_update"));
    }

    private async Task<byte[]> PublishAsync(byte[] photo, string name)
    {
        var admin = _host.AdminClient();
        var project = await ProjectAsync(admin);
        var form = new MultipartFormDataContent { { new StringContent("Мектептин чатыры бүттү"), "text" } };
        form.Add(new ByteArrayContent(photo), "files", name);
        var created = await admin.PostAsync($"/api/projects/{project}/updates", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = (string)(await created.ReadNode())["files"]![0]!["url"]!;
        return await _host.CreateClient().GetByteArrayAsync(url);
    }

    private static async Task<long> ProjectAsync(HttpClient admin) =>
        (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-N", budget = 10000, currency = "USD", title = new { ky = "Мектеп", ru = "Школа", en = "School" },
        }, HttpStatusCode.Created))["id"]!;

    /// <summary>The picture's own bytes: a JPEG's scan, a PNG's IDAT chunks, a WebP's VP8/VP8L/ALPH chunks.</summary>
    private static byte[] ImageData(byte[] image, string type) => type switch
    {
        "image/jpeg" => image[(Array.LastIndexOf(image, (byte)0xDA, LastScanStart(image)) - 1)..(LastEoi(image) + 2)],
        "image/png" => [.. PngChunks(image).Where(c => c.Type == "IDAT").SelectMany(c => c.Data)],
        _ => [.. WebpChunks(image).Where(c => c.Type is "VP8 " or "VP8L" or "ALPH").SelectMany(c => c.Data)],
    };

    private static int LastScanStart(byte[] jpeg)
    {
        var at = 2;
        while (jpeg[at + 1] != 0xDA) at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
        return at + 1;
    }

    private static int LastEoi(byte[] jpeg)
    {
        for (var at = jpeg.Length - 2; at > 0; at--)
            if (jpeg[at] == 0xFF && jpeg[at + 1] == 0xD9) return at;
        throw new InvalidOperationException("no end of image");
    }

    private static List<byte> Segments(byte[] jpeg)
    {
        var markers = new List<byte>();
        for (var at = 2; jpeg[at + 1] != 0xDA; at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3])) markers.Add(jpeg[at + 1]);
        return markers;
    }

    private static ushort? Orientation(byte[] image, string type)
    {
        var tiff = type switch
        {
            "image/jpeg" => JpegExif(image),
            "image/png" => PngChunks(image).SingleOrDefault(c => c.Type == "eXIf").Data,
            _ => WebpChunks(image).SingleOrDefault(c => c.Type == "EXIF").Data,
        };
        if (tiff is null) return null;
        // Only the orientation is left: one IFD with one entry, and nothing else in the block.
        var little = tiff[0] == 'I';
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(tiff.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(tiff.AsSpan(at));
        Assert.Equal(1, U16(8));
        Assert.Equal(0x0112, U16(10));
        Assert.True(tiff.Length <= 26, $"the EXIF block still holds {tiff.Length} bytes");
        return U16(18);
    }

    private static byte[]? JpegExif(byte[] jpeg)
    {
        for (var at = 2; jpeg[at + 1] != 0xDA; at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]))
            if (jpeg[at + 1] == 0xE1 && jpeg.AsSpan(at + 4).StartsWith("Exif\0\0"u8))
                return jpeg[(at + 10)..(at + 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]))];
        return null;
    }

    private static IEnumerable<(string Type, byte[] Data)> PngChunks(byte[] png)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            yield return (type, png[(at + 8)..(at + 8 + length)]);
            at += 12 + length;
            if (type == "IEND") yield break;
        }
    }

    private static IEnumerable<(string Type, byte[] Data)> WebpChunks(byte[] webp)
    {
        var end = 8 + (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(4));
        for (var at = 12; at + 8 <= end;)
        {
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            yield return (Encoding.ASCII.GetString(webp, at, 4), webp[(at + 8)..(at + 8 + size)]);
            at += 8 + size + (size & 1);
        }
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
