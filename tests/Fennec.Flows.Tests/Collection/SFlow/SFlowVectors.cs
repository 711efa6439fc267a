using Fennec.TestSupport;
using static Fennec.Flows.Tests.Collection.SFlow.XdrBuilder;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>Hand-made sFlow datagrams shared by the decoder and robustness tests.</summary>
internal static class SFlowVectors
{
    public const uint HeaderFormat = 1, EthernetFormat = 2, IPv4Format = 3, IPv6Format = 4, SwitchFormat = 1001, RouterFormat = 1002, GatewayFormat = 1003;

    /// <summary>An Ethernet frame, tagged VLAN 20, carrying IPv4 TCP with 1000 bytes of payload; only its first 128 bytes are sampled.</summary>
    public static byte[] TcpFrameHeader() =>
        Frames.Ethernet(0x8100, Frames.VlanTag(20, 0x0800,
            Frames.IPv4("10.1.1.1", "192.0.2.7", 6, Frames.Tcp(40000, 443, 0x18, new byte[1000])))).AsSpan(0, 128).ToArray();

    /// <summary>Frame length on the wire of <see cref="TcpFrameHeader"/>'s packet, FCS included.</summary>
    public const uint TcpFrameLength = 14 + 4 + 20 + 20 + 1000 + 4;

    /// <summary>An extended gateway: next hop, own AS 65000, source AS, peer AS, the path segments, no communities, local pref.</summary>
    public static Action<XdrBuilder> GatewayRecord(string nextHop, uint srcAs, params uint[][] segments) => b =>
    {
        b.Address(nextHop).U32(65000).U32(srcAs).U32(64999).U32((uint)segments.Length);
        foreach (var segment in segments)
        {
            b.U32(2).U32((uint)segment.Length);
            foreach (var asn in segment)
                b.U32(asn);
        }

        b.U32(0).U32(100);
    };

    /// <summary>
    /// A datagram from agent 198.51.100.1 holding a compact flow sample (sampled header, switch, router and gateway
    /// records), a counter sample, an expanded flow sample (sampled IPv6 and Ethernet records, discarded) and an
    /// expanded counter sample: every format the decoder reads.
    /// </summary>
    public static byte[] Full() => Datagram("198.51.100.1", 3, 42,
        (1, FlowSample(512, 4, 7,
            (HeaderFormat, SampledHeader(1, TcpFrameLength, 4, TcpFrameHeader())),
            (SwitchFormat, b => b.U32(20).U32(0).U32(30).U32(0)),
            (RouterFormat, b => b.Address("192.0.2.254").U32(24).U32(16)),
            (GatewayFormat, GatewayRecord("203.0.113.9", 64500, [64501, 64502], [64510, 64520])))),
        (2, CounterSample(expanded: false)),
        (3, ExpandedFlowSample(1000, (0, 9), (1, 258),
            (IPv6Format, b => b.U32(1280).U32(17).Address16("2001:db8::1").Address16("2001:db8::2").U32(53).U32(5353).U32(0).U32(0x20)),
            (EthernetFormat, b => b.U32(1298).Bytes(Frames.MacA).Pad().Bytes(Frames.MacB).Pad().U32(0x86DD)))),
        (4, CounterSample(expanded: true))).ToArray();
}
