namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>
/// A JPEG's segments, keeping those the picture needs (tables, frame, scans; JFIF, ICC profile and Adobe colour
/// segments) and dropping APP1 (EXIF, XMP), APP13 (IPTC), the other application segments and comments.
/// </summary>
internal static class JpegMetadata
{
    private const byte Sos = 0xDA, Eoi = 0xD9, App0 = 0xE0, App1 = 0xE1, App2 = 0xE2, App14 = 0xEE, Com = 0xFE;

    public static byte[]? Strip(byte[] jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) return null;
        using var output = new MemoryStream(jpeg.Length);
        output.Write([0xFF, 0xD8]);
        ushort? orientation = null;
        var exifWritten = false;
        var at = 2;
        while (true)
        {
            if (at + 1 >= jpeg.Length || jpeg[at] != 0xFF) return null;
            while (at + 1 < jpeg.Length && jpeg[at + 1] == 0xFF) at++;   // fill bytes before a marker
            if (at + 1 >= jpeg.Length) return null;
            var marker = jpeg[at + 1];
            if (marker == Eoi)
            {
                output.Write([0xFF, Eoi]);                               // whatever follows the image's end is dropped
                return output.ToArray();
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                output.Write(jpeg, at, 2);
                at += 2;
                continue;
            }
            if (at + 4 > jpeg.Length) return null;
            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2 || at + 2 + length > jpeg.Length) return null;
            var payload = jpeg.AsSpan(at + 4, length - 2);
            if (marker == App1 && payload.StartsWith("Exif\0\0"u8)) orientation ??= ExifOrientation.Read(payload[6..]);
            if (Keeps(marker, payload))
            {
                // The orientation goes just before the first segment that is not JFIF, where readers look for EXIF.
                if (!exifWritten && marker != App0 && orientation is { } o) WriteExif(output, o);
                exifWritten |= marker != App0 && marker != App1;
                output.Write(jpeg, at, 2 + length);
            }
            at += 2 + length;
            if (marker == Sos && (at = CopyScan(jpeg, at, output)) < 0) return null;
        }
    }

    private static bool Keeps(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        App0 => payload.StartsWith("JFIF\0"u8) || payload.StartsWith("JFXX\0"u8),
        App2 => payload.StartsWith("ICC_PROFILE\0"u8),
        App14 => payload.StartsWith("Adobe"u8),
        >= 0xE0 and <= 0xEF => false,
        Com => false,
        _ => true,
    };

    /// <summary>Copies entropy-coded data up to the next marker (not a stuffed 0xFF00 or a restart); the marker's position, or -1.</summary>
    private static int CopyScan(byte[] jpeg, int from, MemoryStream output)
    {
        for (var at = from; at + 1 < jpeg.Length; at++)
        {
            if (jpeg[at] != 0xFF || jpeg[at + 1] is 0x00 or 0xFF or (>= 0xD0 and <= 0xD7)) continue;
            output.Write(jpeg, from, at - from);
            return at;
        }
        return -1;
    }

    private static void WriteExif(MemoryStream output, ushort orientation)
    {
        var tiff = ExifOrientation.Only(orientation);
        var length = 2 + 6 + tiff.Length;
        output.Write([0xFF, App1, (byte)(length >> 8), (byte)length]);
        output.Write("Exif\0\0"u8);
        output.Write(tiff);
    }
}
