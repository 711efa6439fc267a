using Fennec.Enrichment.Home;
using Fennec.Enrichment.Mmdb;

namespace Fennec.Enrichment.Tests.Mmdb;

/// <summary>
/// Builds MaxMind DB files for tests: a search tree of 24-, 28- or 32-bit records, IPv4-only or IPv6 (IPv4
/// networks under ::/96), the records' values, and, when values use <see cref="Cached"/>, a data cache container
/// at the start of the data section holding the cached values where each pointer form needs them.
/// </summary>
internal sealed class MmdbWriter(int recordSize, int ipVersion, string databaseType = "Fennec-Test")
{
    // Where a cached value must sit for each pointer form (form 3 accepts any offset).
    private static readonly int[] MinimumOffset = [0, 2048, 526_336, 0];

    private readonly Node _root = new();
    private readonly List<Cached> _cached = [];

    /// <summary>Extra metadata entries, written after the standard ones.</summary>
    public Dictionary<string, object> ExtraMetadata { get; } = [];

    /// <summary>A value to reach through a pointer of form <paramref name="sizeBits"/> (0 to 3).</summary>
    public Cached Cache(object value, int sizeBits)
    {
        var cached = new Cached(value, sizeBits);
        _cached.Add(cached);
        return cached;
    }

    /// <summary>Maps a network ("10.0.0.0/8", "2001:db8::/32") to a value; later, longer networks split earlier ones.</summary>
    public MmdbWriter Insert(string cidr, object value)
    {
        var prefix = CidrPrefix.Parse(cidr);
        var skip = ipVersion == 4 ? 96 : 0;
        if (ipVersion == 4 && !prefix.IsIPv4)
            throw new ArgumentException($"{cidr} in an IPv4 tree");

        // IPv4 networks sit under ::/96 in an IPv6 tree, not under ::ffff:0:0/96 where IpAddress keeps them.
        var network = prefix.IsIPv4 ? prefix.Network & uint.MaxValue : prefix.Network;
        var node = _root;
        for (var depth = skip; depth < prefix.Length; depth++)
        {
            var bit = (int)(network >> (127 - depth)) & 1;
            if (depth == prefix.Length - 1)
            {
                node.Children[bit] = value;
                break;
            }

            if (node.Children[bit] is not Node child)
            {
                // Split a shorter network's value over both halves.
                child = new Node();
                child.Children[0] = child.Children[1] = node.Children[bit];
                node.Children[bit] = child;
            }

            node = child;
        }

        return this;
    }

    public byte[] Build()
    {
        var data = new MmdbDataEncoder();
        WriteContainer(data);

        var nodes = new List<Node>();
        Number(_root, nodes);
        var offsets = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var value in nodes.SelectMany(n => n.Children).Where(c => c is not null and not Node))
        {
            if (!offsets.ContainsKey(value!))
            {
                offsets[value!] = data.Position;
                data.Write(value!);
            }
        }

        var file = new List<byte>();
        var nodeCount = (uint)nodes.Count;
        foreach (var node in nodes)
        {
            var records = node.Children.Select(c => c switch
            {
                null => nodeCount,
                Node n => (uint)n.Index,
                _ => nodeCount + 16 + (uint)offsets[c],
            }).ToArray();
            file.AddRange(EncodeNode(records[0], records[1]));
        }

        file.AddRange(new byte[16]);
        file.AddRange(data.ToArray());
        file.AddRange([0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8]);
        var metadata = new MmdbDataEncoder();
        metadata.Write(Metadata(nodeCount));
        file.AddRange(metadata.ToArray());
        return [.. file];
    }

    private Dictionary<string, object> Metadata(uint nodeCount)
    {
        var map = new Dictionary<string, object>
        {
            ["node_count"] = nodeCount,
            ["record_size"] = (ushort)recordSize,
            ["ip_version"] = (ushort)ipVersion,
            ["database_type"] = databaseType,
            ["languages"] = new List<object> { "en" },
            ["binary_format_major_version"] = (ushort)2,
            ["binary_format_minor_version"] = (ushort)0,
            ["build_epoch"] = 1_714_564_800UL,
            ["description"] = new Dictionary<string, object> { ["en"] = "Fennec test database" },
        };
        foreach (var (k, v) in ExtraMetadata)
            map[k] = v;
        return map;
    }

    /// <summary>The container: cached values at offsets their pointer forms can reach, padded with zeros.</summary>
    private void WriteContainer(MmdbDataEncoder data)
    {
        if (_cached.Count == 0)
            return;

        // A payload of at least 65,821 bytes keeps the header at its longest form (5 bytes), so offsets are known.
        const int header = 5;
        var payload = new MmdbDataEncoder();
        foreach (var cached in _cached.OrderBy(c => MinimumOffset[c.SizeBits]))
        {
            var pad = MinimumOffset[cached.SizeBits] - header - payload.Position;
            if (pad > 0)
                payload.WriteRaw(new byte[pad]);
            cached.Offset = header + payload.Position;
            payload.Write(cached.Value);
        }

        if (payload.Position < 65_821)
            payload.WriteRaw(new byte[65_821 - payload.Position]);
        data.WriteHeader(MmdbType.DataCacheContainer, payload.Position);
        data.WriteRaw(payload.ToArray());
    }

    private byte[] EncodeNode(uint left, uint right) => recordSize switch
    {
        24 => [(byte)(left >> 16), (byte)(left >> 8), (byte)left, (byte)(right >> 16), (byte)(right >> 8), (byte)right],
        28 =>
        [
            (byte)(left >> 16), (byte)(left >> 8), (byte)left,
            (byte)((((left >> 24) & 0xF) << 4) | ((right >> 24) & 0xF)),
            (byte)(right >> 16), (byte)(right >> 8), (byte)right,
        ],
        _ => [(byte)(left >> 24), (byte)(left >> 16), (byte)(left >> 8), (byte)left, (byte)(right >> 24), (byte)(right >> 16), (byte)(right >> 8), (byte)right],
    };

    private static void Number(Node root, List<Node> nodes)
    {
        var queue = new Queue<Node>([root]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            node.Index = nodes.Count;
            nodes.Add(node);
            foreach (var child in node.Children.OfType<Node>())
                queue.Enqueue(child);
        }
    }

    private sealed class Node
    {
        public object?[] Children { get; } = new object?[2];

        public int Index { get; set; }
    }
}
