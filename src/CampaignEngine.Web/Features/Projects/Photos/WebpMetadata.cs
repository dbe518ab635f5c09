using System.Buffers.Binary;

namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>
/// A WebP's RIFF chunks without EXIF and XMP (the VP8X header's flags for them cleared), and nothing past the
/// RIFF size. A simple WebP (one VP8/VP8L chunk, no VP8X) cannot carry metadata and is copied as it is.
/// </summary>
internal static class WebpMetadata
{
    private const byte ExifFlag = 0x08, XmpFlag = 0x04;

    public static byte[]? Strip(byte[] webp)
    {
        if (webp.Length < 20 || !webp.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !webp.AsSpan(8, 4).SequenceEqual("WEBP"u8)) return null;
        var end = 8L + BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(4));
        if (end > webp.Length) return null;
        using var output = new MemoryStream(webp.Length);
        output.Write(webp, 0, 12);
        ushort? orientation = null;
        var vp8x = -1;
        for (var at = 12; at < end;)
        {
            if (at + 8 > end) return null;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(at + 4));
            var padded = 8L + size + (size & 1);
            if (at + 8L + size > end) return null;
            var fourCc = webp.AsSpan(at, 4);
            if (fourCc.SequenceEqual("EXIF"u8)) orientation ??= ExifOrientation.Read(Tiff(webp.AsSpan(at + 8, (int)size)));
            else if (!fourCc.SequenceEqual("XMP "u8))
            {
                if (fourCc.SequenceEqual("VP8X"u8) && size >= 10) vp8x = (int)output.Position;
                output.Write(webp, at, (int)Math.Min(padded, end - at));
            }
            at += (int)Math.Min(padded, end - at);
        }
        var bytes = output.ToArray();
        if (vp8x >= 0) bytes[vp8x + 8] &= unchecked((byte)~(ExifFlag | XmpFlag));
        if (vp8x >= 0 && orientation is { } o) bytes = WithExif(bytes, vp8x, o);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        return bytes;
    }

    // Some writers put JPEG's "Exif\0\0" before the TIFF header; the WebP container does not need it.
    private static ReadOnlySpan<byte> Tiff(ReadOnlySpan<byte> chunk) => chunk.StartsWith("Exif\0\0"u8) ? chunk[6..] : chunk;

    /// <summary>Appends an EXIF chunk holding only the orientation (EXIF comes after the image data) and sets its flag.</summary>
    private static byte[] WithExif(byte[] bytes, int vp8x, ushort orientation)
    {
        var tiff = ExifOrientation.Only(orientation);
        var result = new byte[bytes.Length + 8 + tiff.Length];
        bytes.CopyTo(result, 0);
        "EXIF"u8.CopyTo(result.AsSpan(bytes.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(bytes.Length + 4), (uint)tiff.Length);
        tiff.CopyTo(result, bytes.Length + 8);
        result[vp8x + 8] |= ExifFlag;
        return result;
    }
}
