using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>
/// The small copy of a project photo that pages show: a compatriot on a weak connection opens their page or a project's
/// page and gets a few tens of kilobytes per photo, not the phone camera's megabytes; the full photo is one tap away.
/// A JPEG at most <see cref="LongSide"/> pixels on its long side, on white where the photo was transparent, with no
/// metadata (the original lost its own before it was stored).
/// </summary>
internal static class PhotoThumbnails
{
    public const int LongSide = 640;
    private const int Quality = 72;

    /// <summary>The thumbnail's file name beside the original's (a derived name: nothing the uploader chose).</summary>
    public static string NameFor(string storedName) => Path.GetFileNameWithoutExtension(storedName) + ".thumb.jpg";

    /// <summary>The thumbnail of a stored photo's bytes; null when the bytes are not a photo ImageSharp can read.</summary>
    public static byte[]? Of(byte[] photo)
    {
        try
        {
            using var image = Image.Load<Rgba32>(photo);
            image.Mutate(x =>
            {
                if (Math.Max(image.Width, image.Height) > LongSide)
                    x.Resize(new ResizeOptions { Mode = ResizeMode.Max, Size = new Size(LongSide, LongSide) });
                x.BackgroundColor(Color.White);
            });
            image.Metadata.ExifProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.IccProfile = null;
            image.Metadata.IptcProfile = null;
            using var output = new MemoryStream();
            image.SaveAsJpeg(output, new JpegEncoder { Quality = Quality });
            return output.ToArray();
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            return null;
        }
    }
}
