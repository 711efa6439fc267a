using System.Text;
using Fennec.Features.Kitsune;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Features.Tests;

/// <summary>
/// Kitsune's fields from Fennec's decoder against the reference's own path: tshark with the reference's 19 fields
/// and options (first occurrence, default reassembly), read by the reference's rules. Packets inside tunnels and
/// IP fragments are allowed to differ (tshark mixes outer addresses with inner ports, and reassembles fragmented
/// datagrams onto their last fragment), and so are sFlow datagrams (tshark takes fields from the sampled headers
/// inside them); anything else fails.
/// </summary>
public sealed class TsharkFieldComparisonTests(ITestOutputHelper output)
{
    // Ordinary traffic of many kinds: Ethernet, 802.11, ARP, ICMP errors, IPv6, VLANs, fragments, tunnels.
    private static readonly string[] Folders = ["chrissanders-packets", "netspot-captures", "joy-captures", "networkml", "tcpdump-tests"];

    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string>();
        if (SharedData.Path is null)
        {
            data.Add("(corpus missing)");
            return data;
        }

        var corpus = SharedData.RequireCorpus();
        foreach (var file in Folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(corpus, f), "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            // tcpdump's crash reproducers are damaged on purpose; dissectors disagree about them by design.
            var name = Path.GetFileName(file);
            if (name.Contains("overflow", StringComparison.Ordinal) || name.Contains("oobr", StringComparison.Ordinal))
                continue;
            if (file.EndsWith(".pcap", StringComparison.Ordinal) || file.EndsWith(".pcapng", StringComparison.Ordinal))
                data.Add(Path.GetRelativePath(corpus, file));
        }

        return data;
    }

    [ToolTheory("tshark", NeedsCorpus = true)]
    [MemberData(nameof(Captures))]
    public void Fields_equal_the_reference_tshark_path(string capture)
    {
        var path = Path.Combine(SharedData.RequireCorpus(), capture);
        var args = new List<string> { "-T", "fields", "-E", "header=y", "-E", "occurrence=f" };
        foreach (var column in KitsuneTsvReader.Columns)
            args.AddRange(["-e", column]);
        var text = Tshark.CachedOutput(path, args);

        using var tsv = new KitsuneTsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "tshark");
        using var reader = CaptureReader.Open(path);
        var expected = new PacketFields();
        var actual = new PacketFields();
        int frames = 0, tunnelled = 0, fragments = 0, sflow = 0;
        var unexplained = new List<string>();
        while (reader.TryRead(out var record))
        {
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
            PacketFieldExtractor.Extract(packet, actual);
            tsv.TryRead(expected).Should().BeTrue($"tshark has a row for frame {frames + 1}");
            frames++;
            if (Same(expected, actual))
                continue;
            if (packet.TunnelDepth > 0)
                tunnelled++;
            else if (packet.IsFragment)
                fragments++;
            else if (packet.HasPorts && (packet.SrcPort == SflowPort || packet.DstPort == SflowPort))
                sflow++; // tshark dissects the sampled headers and takes addresses and ports from inside them
            else if (unexplained.Count < 10)
                unexplained.Add($"frame {frames}: tshark {expected}; Fennec {actual}");
        }

        tsv.TryRead(expected).Should().BeFalse("tshark has no more frames than Fennec");
        output.WriteLine($"{capture}: {frames} frames, differing inside tunnels {tunnelled}, fragments {fragments}, sFlow samples {sflow}");
        unexplained.Should().BeEmpty();
    }

    private const ushort SflowPort = 6343;

    private static bool Same(PacketFields a, PacketFields b) =>
        BitConverter.DoubleToInt64Bits(a.Timestamp) == BitConverter.DoubleToInt64Bits(b.Timestamp)
        && a.FrameLength == b.FrameLength
        && a.SrcMac.Value.SequenceEqual(b.SrcMac.Value) && a.DstMac.Value.SequenceEqual(b.DstMac.Value)
        && a.SrcIp.Value.SequenceEqual(b.SrcIp.Value) && a.DstIp.Value.SequenceEqual(b.DstIp.Value)
        && a.SrcProto.Value.SequenceEqual(b.SrcProto.Value) && a.DstProto.Value.SequenceEqual(b.DstProto.Value);
}
