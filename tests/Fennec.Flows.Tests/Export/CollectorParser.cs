using System.Buffers.Binary;
using System.Net;

namespace Fennec.Flows.Tests.Export;

/// <summary>One data record as a collector sees it: each element id with its raw bytes.</summary>
internal sealed class CollectedFlow
{
    public CollectedFlow(ushort templateId, Dictionary<ushort, byte[]> fields)
    {
        TemplateId = templateId;
        Fields = fields;
    }

    public ushort TemplateId { get; }

    public Dictionary<ushort, byte[]> Fields { get; }

    /// <summary>An unsigned field of any length, big-endian.</summary>
    public ulong Number(ushort id)
    {
        ulong value = 0;
        foreach (var b in Fields[id])
            value = (value << 8) | b;
        return value;
    }

    public IPAddress Address(ushort id) => new(Fields[id]);

    public bool Has(ushort id) => Fields.ContainsKey(id);
}

/// <summary>One template as announced: id and (element id, length) pairs.</summary>
internal sealed record CollectedTemplate(ushort Id, (ushort Id, ushort Length)[] Fields)
{
    public int RecordLength => Fields.Sum(f => f.Length);
}

/// <summary>A decoded datagram: the header's fields (as the format names them) and what it carried.</summary>
internal sealed class CollectedDatagram
{
    public int Version { get; init; }

    /// <summary>v5 and v9: the header's count. IPFIX: the message length.</summary>
    public int CountOrLength { get; init; }

    /// <summary>v5 and v9 only.</summary>
    public uint SysUptime { get; init; }

    public uint UnixSeconds { get; init; }

    /// <summary>v5 only.</summary>
    public uint UnixNanoseconds { get; init; }

    public uint Sequence { get; init; }

    /// <summary>v9 source id, IPFIX observation domain; v5 engine type * 256 + engine id.</summary>
    public uint Domain { get; init; }

    public List<CollectedTemplate> Templates { get; } = [];

    public List<CollectedFlow> Flows { get; } = [];

    /// <summary>Set (flowset) ids in the order they appear.</summary>
    public List<ushort> SetIds { get; } = [];
}

/// <summary>
/// A minimal collector written from RFC 3954, RFC 7011 and Cisco's NetFlow v5 layout, independent of the encoders:
/// it keeps templates across datagrams and rejects any inconsistency (lengths, counts, padding) with an exception.
/// v5 records are given the IPFIX element ids of the same fields so tests can read all three alike.
/// </summary>
internal sealed class CollectorParser
{
    private readonly Dictionary<ushort, CollectedTemplate> _templates = [];

    public IReadOnlyDictionary<ushort, CollectedTemplate> Templates => _templates;

    public CollectedDatagram Parse(ReadOnlySpan<byte> d)
    {
        if (d.Length < 2)
            throw new InvalidDataException("shorter than a version field");
        return BinaryPrimitives.ReadUInt16BigEndian(d) switch
        {
            5 => ParseV5(d),
            9 => ParseV9(d),
            10 => ParseIpfix(d),
            var v => throw new InvalidDataException($"version {v}"),
        };
    }

    private static ushort U16(ReadOnlySpan<byte> d, int at) => BinaryPrimitives.ReadUInt16BigEndian(d[at..]);

    private static uint U32(ReadOnlySpan<byte> d, int at) => BinaryPrimitives.ReadUInt32BigEndian(d[at..]);

    private static CollectedDatagram ParseV5(ReadOnlySpan<byte> d)
    {
        var count = U16(d, 2);
        if (count is 0 or > 30)
            throw new InvalidDataException($"v5 count {count}");
        if (d.Length != 24 + (48 * count))
            throw new InvalidDataException($"v5 datagram of {d.Length} bytes for {count} records");
        var datagram = new CollectedDatagram
        {
            Version = 5,
            CountOrLength = count,
            SysUptime = U32(d, 4),
            UnixSeconds = U32(d, 8),
            UnixNanoseconds = U32(d, 12),
            Sequence = U32(d, 16),
            Domain = (uint)((d[20] << 8) | d[21]),
        };
        if (U16(d, 22) != 0)
            throw new InvalidDataException("v5 sampling set");
        for (var i = 0; i < count; i++)
        {
            var r = d.Slice(24 + (48 * i), 48);
            if (r[36] != 0 || r[46] != 0 || r[47] != 0)
                throw new InvalidDataException("v5 padding not zero");
            var fields = new Dictionary<ushort, byte[]>
            {
                [8] = r[..4].ToArray(), // srcaddr
                [12] = r[4..8].ToArray(), // dstaddr
                [15] = r[8..12].ToArray(), // nexthop
                [10] = r[12..14].ToArray(), // input
                [14] = r[14..16].ToArray(), // output
                [2] = r[16..20].ToArray(), // dPkts
                [1] = r[20..24].ToArray(), // dOctets
                [22] = r[24..28].ToArray(), // First
                [21] = r[28..32].ToArray(), // Last
                [7] = r[32..34].ToArray(), // srcport
                [11] = r[34..36].ToArray(), // dstport
                [6] = r[37..38].ToArray(), // tcp_flags
                [4] = r[38..39].ToArray(), // prot
                [5] = r[39..40].ToArray(), // tos
            };
            datagram.Flows.Add(new CollectedFlow(0, fields));
        }

        return datagram;
    }

    private CollectedDatagram ParseV9(ReadOnlySpan<byte> d)
    {
        if (d.Length < 20)
            throw new InvalidDataException("v9 header truncated");
        var datagram = new CollectedDatagram
        {
            Version = 9,
            CountOrLength = U16(d, 2),
            SysUptime = U32(d, 4),
            UnixSeconds = U32(d, 8),
            Sequence = U32(d, 12),
            Domain = U32(d, 16),
        };
        ParseSets(d, 20, datagram, templateSetId: 0);
        if (datagram.CountOrLength != datagram.Templates.Count + datagram.Flows.Count)
            throw new InvalidDataException($"v9 count {datagram.CountOrLength} but {datagram.Templates.Count} templates and {datagram.Flows.Count} data records");
        return datagram;
    }

    private CollectedDatagram ParseIpfix(ReadOnlySpan<byte> d)
    {
        if (d.Length < 16)
            throw new InvalidDataException("IPFIX header truncated");
        var datagram = new CollectedDatagram
        {
            Version = 10,
            CountOrLength = U16(d, 2),
            UnixSeconds = U32(d, 4),
            Sequence = U32(d, 8),
            Domain = U32(d, 12),
        };
        if (datagram.CountOrLength != d.Length)
            throw new InvalidDataException($"IPFIX length {datagram.CountOrLength} in a {d.Length}-byte datagram");
        ParseSets(d, 16, datagram, templateSetId: 2);
        return datagram;
    }

    private void ParseSets(ReadOnlySpan<byte> d, int at, CollectedDatagram datagram, ushort templateSetId)
    {
        while (at < d.Length)
        {
            if (d.Length - at < 4)
                throw new InvalidDataException("set header truncated");
            var id = U16(d, at);
            var length = U16(d, at + 2);
            if (length < 4 || at + length > d.Length)
                throw new InvalidDataException($"set {id} of length {length} at {at} in {d.Length} bytes");
            if (length % 4 != 0)
                throw new InvalidDataException($"set {id} not padded to four bytes ({length})");
            datagram.SetIds.Add(id);
            var body = d.Slice(at + 4, length - 4);
            if (id == templateSetId)
                ParseTemplates(body, datagram);
            else if (id >= 256)
                ParseData(id, body, datagram);
            else
                throw new InvalidDataException($"unexpected set id {id}");
            at += length;
        }
    }

    private void ParseTemplates(ReadOnlySpan<byte> body, CollectedDatagram datagram)
    {
        var at = 0;
        while (at < body.Length)
        {
            if (body.Length - at < 4)
                throw new InvalidDataException("template record truncated");
            var id = U16(body, at);
            var count = U16(body, at + 2);
            if (id < 256 || count == 0 || at + 4 + (4 * count) > body.Length)
                throw new InvalidDataException($"template {id} with {count} fields");
            var fields = new (ushort, ushort)[count];
            for (var i = 0; i < count; i++)
            {
                var type = U16(body, at + 4 + (4 * i));
                if ((type & 0x8000) != 0)
                    throw new InvalidDataException("enterprise elements are not expected");
                fields[i] = (type, U16(body, at + 6 + (4 * i)));
            }

            var template = new CollectedTemplate(id, fields);
            _templates[id] = template;
            datagram.Templates.Add(template);
            at += 4 + (4 * count);
        }
    }

    private void ParseData(ushort id, ReadOnlySpan<byte> body, CollectedDatagram datagram)
    {
        if (!_templates.TryGetValue(id, out var template))
            throw new InvalidDataException($"data set {id} before its template");
        var recordLength = template.RecordLength;
        var records = body.Length / recordLength;
        var padding = body.Length - (records * recordLength);
        if (records == 0)
            throw new InvalidDataException($"data set {id} without records");
        if (padding > 3)
            throw new InvalidDataException($"data set {id} has {padding} bytes after its last record");
        foreach (var b in body[(records * recordLength)..])
        {
            if (b != 0)
                throw new InvalidDataException("padding not zero");
        }

        for (var r = 0; r < records; r++)
        {
            var record = body.Slice(r * recordLength, recordLength);
            var fields = new Dictionary<ushort, byte[]>();
            var at = 0;
            foreach (var (element, length) in template.Fields)
            {
                fields[element] = record.Slice(at, length).ToArray();
                at += length;
            }

            datagram.Flows.Add(new CollectedFlow(id, fields));
        }
    }
}
