using System.Buffers.Binary;

namespace CampaignEngine.Web.Infrastructure.Documents;

/// <summary>
/// Empties the outlines of every glyph a document does not print, keeping the glyph ids, the cmap and every other
/// table as they are. PdfPig parses each glyph of a font it embeds twice per document (to measure, then to subset it
/// again); a font whose unused glyphs are empty costs it a fraction of that, and the PDF it writes is the same, byte
/// for byte (PdfPig subsets by glyph id, and every table but glyf and loca is copied unchanged).
/// Only for TrueType outlines (<c>glyf</c>/<c>loca</c>), which the document fonts are.
/// </summary>
internal sealed class TrueTypeTrim
{
    private readonly byte[] _font;
    private readonly (uint Tag, int Offset, int Length)[] _tables;
    private readonly int[] _loca;
    private readonly bool _longLoca;
    private readonly int _glyf;

    public TrueTypeTrim(byte[] font)
    {
        _font = font;
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        _tables = new (uint, int, int)[count];
        for (var i = 0; i < count; i++)
        {
            var entry = font.AsSpan(12 + 16 * i);
            _tables[i] = (BinaryPrimitives.ReadUInt32BigEndian(entry), checked((int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..])),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(entry[12..])));
        }
        var head = Table("head").Offset;
        _longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head + 50)) == 1;
        var glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(Table("maxp").Offset + 4));
        var loca = Table("loca").Offset;
        _loca = new int[glyphs + 1];
        for (var g = 0; g <= glyphs; g++)
            _loca[g] = _longLoca
                ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + 4 * g)))
                : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca + 2 * g)) * 2;
        _glyf = Table("glyf").Offset;
    }

    public int GlyphCount => _loca.Length - 1;

    /// <summary>The font with outlines only for <paramref name="glyphs"/>, glyph 0 (.notdef) and the parts their composites use.</summary>
    public byte[] Keep(IEnumerable<int> glyphs)
    {
        var kept = new bool[GlyphCount];
        var pending = new Stack<int>(glyphs.Append(0));
        while (pending.TryPop(out var glyph))
        {
            if (glyph < 0 || glyph >= GlyphCount || kept[glyph]) continue;
            kept[glyph] = true;
            foreach (var part in Components(glyph)) pending.Push(part);
        }

        // The new glyf: kept glyphs' bytes, each padded to four bytes; an empty glyph is a zero-length entry.
        var offsets = new int[GlyphCount + 1];
        var glyf = new MemoryStream();
        for (var g = 0; g < GlyphCount; g++)
        {
            offsets[g] = (int)glyf.Length;
            if (!kept[g]) continue;
            glyf.Write(_font, _glyf + _loca[g], _loca[g + 1] - _loca[g]);
            while (glyf.Length % 4 != 0) glyf.WriteByte(0);
        }
        offsets[GlyphCount] = (int)glyf.Length;
        // Short offsets count words and stop at 128 KB; the trimmed table is never larger than the original.
        var loca = new byte[(GlyphCount + 1) * (_longLoca ? 4 : 2)];
        for (var g = 0; g <= GlyphCount; g++)
        {
            if (_longLoca) BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * g), (uint)offsets[g]);
            else BinaryPrimitives.WriteUInt16BigEndian(loca.AsSpan(2 * g), checked((ushort)(offsets[g] / 2)));
        }

        var output = new MemoryStream(_font.Length);
        output.Write(_font, 0, 12);
        output.Write(new byte[16 * _tables.Length]);
        for (var i = 0; i < _tables.Length; i++)
        {
            var (tag, offset, length) = _tables[i];
            ReadOnlySpan<byte> data = tag == Tag("glyf") ? glyf.GetBuffer().AsSpan(0, (int)glyf.Length)
                : tag == Tag("loca") ? loca
                : _font.AsSpan(offset, length);
            var at = (int)output.Length;
            output.Write(data);
            while (output.Length % 4 != 0) output.WriteByte(0);
            var entry = new byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(entry, tag);
            BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(4), Checksum(output.GetBuffer().AsSpan(at, (int)output.Length - at)));
            BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(8), (uint)at);
            BinaryPrimitives.WriteUInt32BigEndian(entry.AsSpan(12), (uint)data.Length);
            output.Position = 12 + 16 * i;
            output.Write(entry);
            output.Seek(0, SeekOrigin.End);
        }
        // head is copied as it is, its checkSumAdjustment included: PdfPig copies it into the font it embeds, which is
        // then byte for byte the one it writes from the untrimmed file. The trimmed font is only ever handed to PdfPig.
        return output.ToArray();
    }

    /// <summary>The glyphs a composite glyph is built from; none for a simple or empty one.</summary>
    private IEnumerable<int> Components(int glyph)
    {
        var start = _glyf + _loca[glyph];
        if (_loca[glyph + 1] - _loca[glyph] < 10 || BinaryPrimitives.ReadInt16BigEndian(_font.AsSpan(start)) >= 0) yield break;
        var at = start + 10;
        ushort flags;
        do
        {
            flags = BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at));
            yield return BinaryPrimitives.ReadUInt16BigEndian(_font.AsSpan(at + 2));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);          // ARG_1_AND_2_ARE_WORDS
            if ((flags & 0x0008) != 0) at += 2;                  // WE_HAVE_A_SCALE
            else if ((flags & 0x0040) != 0) at += 4;             // WE_HAVE_AN_X_AND_Y_SCALE
            else if ((flags & 0x0080) != 0) at += 8;             // WE_HAVE_A_TWO_BY_TWO
        }
        while ((flags & 0x0020) != 0);                           // MORE_COMPONENTS
    }

    private (uint Tag, int Offset, int Length) Table(string tag) =>
        _tables.FirstOrDefault(t => t.Tag == Tag(tag)) is { Length: > 0 } table ? table
            : throw new InvalidDataException($"The font has no '{tag}' table.");

    private static uint Tag(string tag) => BinaryPrimitives.ReadUInt32BigEndian(System.Text.Encoding.ASCII.GetBytes(tag));

    // The sum of the big-endian 32-bit words, the last one padded with zeros (OpenType "CalcTableChecksum").
    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4) sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            data[i..].CopyTo(last);
            sum += BinaryPrimitives.ReadUInt32BigEndian(last);
        }
        return sum;
    }
}
