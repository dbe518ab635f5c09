using System.Net;
using CampaignEngine.Web.Tests.Infrastructure;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace CampaignEngine.Web.Tests.Projects;

public sealed class PhotoThumbnailTestsOnSqlite() : PhotoThumbnailTests(TestHost.Sqlite);

public sealed class PhotoThumbnailTestsOnPostgreSql() : PhotoThumbnailTests(TestHost.PostgreSql);

/// <summary>
/// A phone photo of several megabytes is shown on pages as a small copy: a JPEG at most 640 pixels on its long side,
/// a fraction of the size, with no metadata, white where the photo was transparent; the whole photo stays one tap away.
/// A photo stored before small copies existed gets one when first asked; a document has none.
/// </summary>
public abstract class PhotoThumbnailTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task A_large_photo_is_shown_as_a_small_jpeg_of_the_same_shape_without_metadata()
    {
        var (id, files) = await UpdateWithAsync(("field.jpg", LargeJpeg(2400, 1600)));
        var url = (string)files[0]!["url"]!;

        var response = await _host.CreateClient().GetAsync(url + "/thumbnail");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal((HttpStatusCode.OK, "image/jpeg", "nosniff"),
            (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.Headers.GetValues("X-Content-Type-Options").Single()));
        using var thumbnail = Image.Load(bytes);
        Assert.Equal((640, 427), (thumbnail.Width, thumbnail.Height));
        Assert.Null(thumbnail.Metadata.ExifProfile);
        var whole = await (await _host.CreateClient().GetAsync(url)).Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length * 5 < whole.Length, $"the small copy ({bytes.Length} bytes) is a fraction of the photo ({whole.Length} bytes)");
        Assert.Contains($"<a href=\"{url}\"><img src=\"{url}/thumbnail\"", await _host.CreateClient().GetStringAsync($"/projects/{id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_transparent_png_gets_a_white_background_and_a_small_photo_keeps_its_size()
    {
        using var transparent = new Image<Rgba32>(40, 30, new Rgba32(0, 0, 0, 0));
        using var png = new MemoryStream();
        await transparent.SaveAsPngAsync(png);
        var (_, files) = await UpdateWithAsync(("logo.png", png.ToArray()));

        var bytes = await _host.CreateClient().GetByteArrayAsync((string)files[0]!["url"]! + "/thumbnail");

        using var thumbnail = Image.Load<Rgb24>(bytes);
        Assert.Equal((40, 30), (thumbnail.Width, thumbnail.Height));
        var pixel = thumbnail[20, 15];
        Assert.True(pixel.R > 245 && pixel.G > 245 && pixel.B > 245, $"white, not {pixel}");
    }

    [SkippableFact]
    public async Task A_photo_stored_before_small_copies_existed_gets_one_when_first_asked_and_a_document_has_none()
    {
        var (_, files) = await UpdateWithAsync(("field.jpg", LargeJpeg(1200, 900)), ("smeta.pdf", ProjectTestKit.Pdf()));
        var uploads = Path.Combine(_host.Root, "uploads");
        foreach (var small in Directory.GetFiles(uploads, "*.thumb.jpg")) File.Delete(small);

        var photo = await _host.CreateClient().GetAsync((string)files[0]!["url"]! + "/thumbnail");
        var document = await _host.CreateClient().GetAsync((string)files[1]!["url"]! + "/thumbnail");

        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (photo.StatusCode, photo.Content.Headers.ContentType?.MediaType));
        Assert.Single(Directory.GetFiles(uploads, "*.thumb.jpg"));
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
    }

    private async Task<(long Project, System.Text.Json.Nodes.JsonArray Files)> UpdateWithAsync(params (string Name, byte[] Bytes)[] uploads)
    {
        var admin = _host.AdminClient();
        var id = (long)(await admin.PostJson("/api/projects", new
        {
            region = "KG-N", village = "Кочкор", sector = "water_and_sanitation", budget = 20000, currency = "USD",
            title = new { ky = "Кудук", ru = "Колодец", en = "Well" }, shares = new { state = 20, local = 10, diaspora = 50 },
        }, HttpStatusCode.Created))["id"]!;
        var form = new MultipartFormDataContent { { new StringContent("Иш башталды"), "text" } };
        foreach (var (name, bytes) in uploads) form.Add(new ByteArrayContent(bytes), "files", name);
        var created = await admin.PostAsync($"/api/projects/{id}/updates", form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (id, (await created.ReadNode())["files"]!.AsArray());
    }

    /// <summary>A camera-sized JPEG of noise (which compresses poorly, as photos do).</summary>
    private static byte[] LargeJpeg(int width, int height)
    {
        var random = new Random(7);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
                foreach (ref var pixel in rows.GetRowSpan(y))
                    pixel = new Rgb24((byte)random.Next(256), (byte)(y % 256), (byte)random.Next(256));
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
