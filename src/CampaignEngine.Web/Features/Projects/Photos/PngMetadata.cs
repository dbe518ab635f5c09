using System.Buffers.Binary;

namespace CampaignEngine.Web.Features.Projects.Photos;

/// <summary>A PNG's chunks without eXIf, the text chunks (tEXt, iTXt, zTXt) and tIME, and nothing after IEND.</summary>
internal static class PngMetadata
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] Dropped = ["eXIf", "tEXt", "iTXt", "zTXt", "tIME"];

    public static byte[]? Strip(byte[] png)
    {
        if (!png.AsSpan().StartsWith(Signature)) return null;
        using var output = new MemoryStream(png.Length);
        output.Write(Signature);
        for (var at = Signature.Length; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > (uint)(png.Length - at - 12)) return null;
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var size = 12 + (int)length;
            if (type == "eXIf" && ExifOrientation.Read(png.AsSpan(at + 8, (int)length)) is { } orientation)
                WriteChunk(output, "eXIf"u8, ExifOrientation.Only(orientation));
            else if (!Dropped.Contains(type, StringComparer.Ordinal))
                output.Write(png, at, size);
            at += size;
            if (type == "IEND") return output.ToArray();
        }
        return null;
    }

    private static void WriteChunk(MemoryStream output, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        output.Write(number);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed, 4);
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        output.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
