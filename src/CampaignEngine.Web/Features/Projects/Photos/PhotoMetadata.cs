namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>
/// Removes what a photo says about where and by whom it was taken before it is published on a project page:
/// EXIF (with GPS), XMP, IPTC, comments and text chunks, and anything after the image's end. The container is
/// rewritten without those parts; the picture's own data is copied byte for byte, so nothing is decoded or
/// re-compressed and no image library is needed. Only the EXIF orientation survives, in an EXIF of its own, so
/// a phone photo taken upright is still shown upright.
/// </summary>
internal static class PhotoMetadata
{
    /// <summary>The photo without its metadata; null when the container is broken (the upload is then refused).</summary>
    public static byte[]? Strip(byte[] bytes, string contentType) => contentType switch
    {
        "image/jpeg" => JpegMetadata.Strip(bytes),
        "image/png" => PngMetadata.Strip(bytes),
        "image/webp" => WebpMetadata.Strip(bytes),
        _ => bytes,
    };
}
