using System.Buffers.Binary;

namespace Fennec.TestSupport;

/// <summary>A frame to write into a test capture.</summary>
public sealed record TestFrame(byte[] Data, long TimestampNs, int? WireLength = null, int InterfaceId = 0);

/// <summary>Writes pcap and pcapng captures in memory, in either byte order and timestamp resolution.</summary>
public static class CaptureFiles
{
    public static byte[] Pcap(ushort linkType, IEnumerable<TestFrame> frames, bool nanoseconds = false, bool bigEndian = false, uint snapLength = 262144)
    {
        using var stream = new MemoryStream();
        var header = new byte[24];
        Write32(header, 0, nanoseconds ? 0xA1B23C4Du : 0xA1B2C3D4u, bigEndian);
        Write16(header, 4, 2, bigEndian);
        Write16(header, 6, 4, bigEndian);
        Write32(header, 16, snapLength, bigEndian);
        Write32(header, 20, linkType, bigEndian);
        stream.Write(header);
        foreach (var frame in frames)
        {
            var record = new byte[16];
            var divisor = nanoseconds ? 1L : 1000L;
            Write32(record, 0, (uint)(frame.TimestampNs / 1_000_000_000), bigEndian);
            Write32(record, 4, (uint)(frame.TimestampNs % 1_000_000_000 / divisor), bigEndian);
            Write32(record, 8, (uint)frame.Data.Length, bigEndian);
            Write32(record, 12, (uint)(frame.WireLength ?? frame.Data.Length), bigEndian);
            stream.Write(record);
            stream.Write(frame.Data);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Copies a pcap file to <paramref name="output"/> with <paramref name="frames"/> appended, in the file's own byte
    /// order and timestamp resolution, each dated just after the file's last record (frames of other link types than
    /// the file's are the caller's error). Throws <see cref="InvalidDataException"/> naming the file when it is no pcap.
    /// </summary>
    public static void AppendToPcap(string pcap, IReadOnlyList<byte[]> frames, string output)
    {
        var original = File.ReadAllBytes(pcap);
        if (original.Length < 24)
            throw new InvalidDataException($"{pcap}: {original.Length} bytes, shorter than a pcap header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(original);
        var (bigEndian, nanoseconds) = magic switch
        {
            0xA1B2C3D4u => (false, false),
            0xA1B23C4Du => (false, true),
            0xD4C3B2A1u => (true, false),
            0x4D3CB2A1u => (true, true),
            _ => throw new InvalidDataException($"{pcap}: magic 0x{magic:X8} at offset 0 is not a pcap file's"),
        };
        var last = 0L;
        for (var at = 24; at + 16 <= original.Length;)
        {
            var seconds = Read32(original, at, bigEndian);
            var fraction = Read32(original, at + 4, bigEndian);
            last = seconds * 1_000_000_000L + fraction * (nanoseconds ? 1L : 1000L);
            at += 16 + (int)Read32(original, at + 8, bigEndian);
        }

        var linkType = (ushort)Read32(original, 20, bigEndian);
        var tail = Pcap(linkType, frames.Select((f, i) => new TestFrame(f, last + (i + 1) * 1000L)), nanoseconds, bigEndian);
        using var stream = File.Create(output);
        stream.Write(original);
        stream.Write(tail.AsSpan(24));
    }

    /// <summary>One pcapng section: an SHB, one IDB per interface, an EPB per frame.</summary>
    public static byte[] Pcapng(IReadOnlyList<(ushort LinkType, byte? TsResol, long? TsOffset)> interfaces, IEnumerable<TestFrame> frames, bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        WriteSection(stream, interfaces, frames, bigEndian);
        return stream.ToArray();
    }

    public static void WriteSection(Stream stream, IReadOnlyList<(ushort LinkType, byte? TsResol, long? TsOffset)> interfaces, IEnumerable<TestFrame> frames, bool bigEndian)
    {
        var shb = new byte[28];
        Write32(shb, 0, 0x0A0D0D0A, bigEndian);
        Write32(shb, 4, 28, bigEndian);
        Write32(shb, 8, 0x1A2B3C4D, bigEndian);
        Write16(shb, 12, 1, bigEndian);
        BinaryPrimitives.WriteInt64LittleEndian(shb.AsSpan(16), -1);
        Write32(shb, 24, 28, bigEndian);
        stream.Write(shb);

        var units = new List<ulong>();
        foreach (var (linkType, resolution, offset) in interfaces)
        {
            var options = new List<byte>();
            if (resolution is { } r)
                options.AddRange(Option(9, [r], bigEndian));
            if (offset is { } o)
            {
                var value = new byte[8];
                if (bigEndian)
                    BinaryPrimitives.WriteInt64BigEndian(value, o);
                else
                    BinaryPrimitives.WriteInt64LittleEndian(value, o);
                options.AddRange(Option(14, value, bigEndian));
            }

            if (options.Count > 0)
                options.AddRange(new byte[4]);
            var body = new byte[8 + options.Count];
            Write16(body, 0, linkType, bigEndian);
            Write32(body, 4, 0, bigEndian);
            options.CopyTo(body, 8);
            WriteBlock(stream, 1, body, bigEndian);
            var res = resolution ?? 6;
            units.Add((res & 0x80) != 0 ? 1UL << (res & 0x7F) : (ulong)Math.Pow(10, res));
        }

        foreach (var frame in frames)
        {
            var padded = (frame.Data.Length + 3) & ~3;
            var body = new byte[20 + padded];
            var perSecond = units[frame.InterfaceId];
            var raw = (ulong)(frame.TimestampNs / 1_000_000_000) * perSecond +
                      (ulong)((UInt128)(ulong)(frame.TimestampNs % 1_000_000_000) * perSecond / 1_000_000_000);
            Write32(body, 0, (uint)frame.InterfaceId, bigEndian);
            Write32(body, 4, (uint)(raw >> 32), bigEndian);
            Write32(body, 8, (uint)raw, bigEndian);
            Write32(body, 12, (uint)frame.Data.Length, bigEndian);
            Write32(body, 16, (uint)(frame.WireLength ?? frame.Data.Length), bigEndian);
            frame.Data.CopyTo(body, 20);
            WriteBlock(stream, 6, body, bigEndian);
        }
    }

    public static void WriteBlock(Stream stream, uint type, byte[] body, bool bigEndian)
    {
        var length = (uint)(12 + body.Length);
        var head = new byte[8];
        Write32(head, 0, type, bigEndian);
        Write32(head, 4, length, bigEndian);
        stream.Write(head);
        stream.Write(body);
        var tail = new byte[4];
        Write32(tail, 0, length, bigEndian);
        stream.Write(tail);
    }

    private static byte[] Option(ushort code, byte[] value, bool bigEndian)
    {
        var option = new byte[4 + ((value.Length + 3) & ~3)];
        Write16(option, 0, code, bigEndian);
        Write16(option, 2, (ushort)value.Length, bigEndian);
        value.CopyTo(option, 4);
        return option;
    }

    public static void Write32(byte[] b, int at, uint v, bool bigEndian)
    {
        if (bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(at), v);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);
    }

    private static uint Read32(byte[] b, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

    public static void Write16(byte[] b, int at, ushort v, bool bigEndian)
    {
        if (bigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(at), v);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);
    }
}
