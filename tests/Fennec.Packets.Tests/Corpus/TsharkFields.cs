using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Corpus;

/// <summary>
/// Runs tshark over a capture and returns one row of fields per frame (cached, see <see cref="Tshark"/>).
/// </summary>
internal static class TsharkFields
{
    public static readonly string[] Fields =
    [
        "frame.time_epoch", "frame.cap_len", "frame.len", "eth.src", "eth.dst", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
        "ip.proto", "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "sctp.srcport", "sctp.dstport",
        "tcp.flags", "icmp.type", "icmp.code", "icmpv6.type", "icmpv6.code",
    ];

    // Per-frame decoding only: reassembly would move fields to the last fragment or segment.
    private static readonly string[] Preferences =
    [
        "ip.defragment:FALSE", "ipv6.defragment:FALSE", "tcp.desegment_tcp_streams:FALSE", "udp.try_heuristic_first:FALSE",
    ];

    /// <summary>The rows tshark prints for <paramref name="capture"/>: one string array (one entry per field) a frame.</summary>
    public static IReadOnlyList<string[]> Read(string capture)
    {
        var args = new List<string> { "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-E", "separator=/t" };
        foreach (var preference in Preferences)
            args.AddRange(["-o", preference]);
        foreach (var field in Fields)
            args.AddRange(["-e", field]);
        var text = Tshark.CachedOutput(capture, args);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
    }
}
