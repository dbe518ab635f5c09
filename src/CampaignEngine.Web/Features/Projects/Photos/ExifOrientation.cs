using System.Buffers.Binary;

namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>The one EXIF value a published photo keeps: how to turn it upright (tag 0x0112, 1–8).</summary>
internal static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>The orientation in a TIFF-structured EXIF block; null when it has none, 1 (upright) or a broken one.</summary>
    public static ushort? Read(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I') little = true;
        else if (tiff[0] == 'M' && tiff[1] == 'M') little = false;
        else return null;
        var ifd = UInt32(tiff[4..], little);
        if (ifd > (uint)tiff.Length - 2) return null;
        var entries = UInt16(tiff[(int)ifd..], little);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)ifd + 2 + i * 12;
            if (at + 12 > tiff.Length) return null;
            if (UInt16(tiff[at..], little) != OrientationTag || UInt16(tiff[(at + 2)..], little) != 3) continue;
            var value = UInt16(tiff[(at + 8)..], little);
            return value is >= 2 and <= 8 ? value : null;
        }
        return null;
    }

    /// <summary>A TIFF-structured EXIF block holding the orientation and nothing else.</summary>
    public static byte[] Only(ushort orientation)
    {
        var tiff = new byte[26];
        "MM\0*"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);      // the first IFD follows the header
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);      // one entry
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), OrientationTag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);     // SHORT
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);     // one value, held in the entry itself
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
        return tiff;                                                    // bytes 22–25: no next IFD
    }

    private static ushort UInt16(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    private static uint UInt32(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
}
