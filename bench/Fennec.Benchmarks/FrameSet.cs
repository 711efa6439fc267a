using Fennec.Packets.Capture;

namespace Fennec.Benchmarks;

/// <summary>
/// Real frames copied out of corpus captures into one contiguous array, so a benchmark decodes from memory with
/// the same locality a capture buffer gives, and no I/O is timed.
/// </summary>
internal sealed class FrameSet
{
    private static readonly string[] Encapsulated =
    [
        "zeek-btest-conn/Traces/q-in-q.pcap",
        "zeek-btest-conn/Traces/mixed-vlan-mpls.pcap",
        "zeek-btest-conn/Traces/mpls-in-vlan.pcap",
        "zeek-btest-conn/Traces/pppoe.pcap",
        "zeek-btest-conn/Traces/erspanII.pcap",
        "zeek-btest-conn/Traces/tunnels/gre-sample.pcap",
        "zeek-btest-conn/Traces/tunnels/vxlan.pcap",
        "zeek-btest-conn/Traces/tunnels/geneve.pcap",
        "zeek-btest-conn/Traces/tunnels/Teredo.pcap",
    ];

    private static readonly string[] IPv4Tcp = ["joy-captures/firefox58.pcap", "joy-captures/kali-normal-ssh.pcap", "netspot-captures/toolsmith.pcap"];

    private static readonly string[] IPv4Udp = ["ndpi-tests/pcap/dns-tunnel-iodine.pcap"];

    private static readonly string[] IPv6 = ["arkime-session-tests/v6.pcap"];

    /// <summary>
    /// The corpus captures of each mix. <see cref="FrameMix.Mixed"/> is what the decoder meets: VLAN, QinQ, MPLS,
    /// PPPoE, GRE, ERSPAN, VXLAN, Geneve and Teredo first (so they survive when the count cuts the list short), then
    /// IPv6, DNS over UDP and Ethernet TCP (HTTP, TLS, SSH). Captures this corpus lacks are left out.
    /// </summary>
    public static string[] Captures(FrameMix mix) => mix switch
    {
        FrameMix.Encapsulated => Encapsulated,
        FrameMix.IPv4Tcp => IPv4Tcp,
        FrameMix.IPv4Udp => IPv4Udp,
        FrameMix.IPv6 => IPv6,
        _ => [.. Encapsulated, "zeek-btest-conn/Traces/wikipedia.pcap", .. IPv6, .. IPv4Udp, .. IPv4Tcp],
    };

    private FrameSet(byte[] bytes, int[] offsets, int[] lengths, LinkType[] linkTypes, long[] timestamps)
    {
        Bytes = bytes;
        Offsets = offsets;
        Lengths = lengths;
        LinkTypes = linkTypes;
        Timestamps = timestamps;
    }

    public byte[] Bytes { get; }

    public int[] Offsets { get; }

    public int[] Lengths { get; }

    public LinkType[] LinkTypes { get; }

    public long[] Timestamps { get; }

    public int Count => Offsets.Length;

    public ReadOnlySpan<byte> Frame(int i) => Bytes.AsSpan(Offsets[i], Lengths[i]);

    /// <summary>
    /// Loads exactly <paramref name="count"/> frames: every frame of the captures in order, starting over from the
    /// first when they hold fewer (BenchmarkDotNet needs the per-operation count as a constant).
    /// </summary>
    public static FrameSet Load(IEnumerable<string> captures, int count)
    {
        using var bytes = new MemoryStream();
        var offsets = new List<int>();
        var lengths = new List<int>();
        var linkTypes = new List<LinkType>();
        var timestamps = new List<long>();
        foreach (var relative in captures)
        {
            if (SharedCorpus.Find(relative) is not { } path)
                continue;
            using var reader = CaptureReader.Open(path);
            while (reader.TryRead(out var record))
            {
                offsets.Add((int)bytes.Position);
                lengths.Add(record.Data.Length);
                linkTypes.Add(record.LinkType);
                timestamps.Add(record.TimestampNs);
                bytes.Write(record.Data);
            }
        }

        if (offsets.Count == 0)
            throw new InvalidOperationException($"none of the benchmark captures is in the corpus at {SharedCorpus.Path}");
        var distinct = offsets.Count;
        for (var i = 0; offsets.Count < count; i++)
        {
            offsets.Add(offsets[i % distinct]);
            lengths.Add(lengths[i % distinct]);
            linkTypes.Add(linkTypes[i % distinct]);
            timestamps.Add(timestamps[i % distinct]);
        }

        if (offsets.Count > count)
        {
            var extra = offsets.Count - count;
            offsets.RemoveRange(count, extra);
            lengths.RemoveRange(count, extra);
            linkTypes.RemoveRange(count, extra);
            timestamps.RemoveRange(count, extra);
        }

        return new FrameSet(bytes.ToArray(), [.. offsets], [.. lengths], [.. linkTypes], [.. timestamps]);
    }
}
