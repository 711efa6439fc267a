using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Flows.Tests.Collection.SFlow.SFlowVectors;
using static Fennec.Flows.Tests.Collection.SFlow.XdrBuilder;

namespace Fennec.Flows.Tests.Collection.SFlow;

public class SFlowDecoderTests
{
    private static readonly IpAddress Source = IpAddress.Parse("192.0.2.200");
    private const long ReceivedNs = 1_714_564_800_000_000_000;

    private static (List<TelemetryRecord> Records, ExporterCounters Counters) Decode(byte[] datagram, TelemetryDecoder? decoder = null)
    {
        decoder ??= new TelemetryDecoder();
        var sink = new TelemetryRecordingSink();
        var returned = decoder.Decode(datagram, Source, ReceivedNs, ref sink);
        returned.Should().Be(sink.Records.Count);
        return (sink.Records, decoder.CountersOf(Source)!);
    }

    [Fact]
    public void Compact_flow_sample_with_header_switch_router_and_gateway()
    {
        var (records, counters) = Decode(Full());
        counters.TotalErrors.Should().Be(0);
        records.Should().HaveCount(2);
        var r = records[0];
        r.Protocol.Should().Be(TelemetryProtocol.SFlow);
        r.Exporter.Should().Be(IpAddress.Parse("198.51.100.1"), "the agent address");
        r.ObservationDomain.Should().Be(3);
        (r.ExportNs, r.FirstNs, r.LastNs).Should().Be((ReceivedNs, ReceivedNs, ReceivedNs));
        r.Packets.Should().Be(1);
        r.Bytes.Should().Be(1040, "the IP total length the truncated header declares");
        r.SamplingRate.Should().Be(512);
        r.ScaledBytes.Should().Be(1040 * 512);
        (r.InputInterface, r.OutputInterface, r.ForwardingStatus, r.Direction).Should().Be((4u, 7u, (byte)0, (byte)255));
        (r.SrcIp, r.DstIp).Should().Be((IpAddress.Parse("10.1.1.1"), IpAddress.Parse("192.0.2.7")));
        (r.IpVersion, r.IpProtocol, r.SrcPort, r.DstPort, r.TcpFlags).Should().Be(((byte)4, (byte)6, (ushort)40000, (ushort)443, (byte)0x18));
        (r.SrcMac, r.DstMac).Should().Be((MacAddress.Read(Frames.MacA), MacAddress.Read(Frames.MacB)));
        r.Vlan.Should().Be(20);
        r.NextHop.Should().Be(IpAddress.Parse("192.0.2.254"), "the router's IP next hop wins over the gateway's BGP next hop");
        (r.SrcMask, r.DstMask).Should().Be(((byte)24, (byte)16));
        (r.SrcAs, r.DstAs).Should().Be((64500u, 64520u), "the last AS of the last segment");
    }

    [Fact]
    public void Expanded_flow_sample_with_sampled_ipv6_and_ethernet_discarded_by_acl()
    {
        var (records, counters) = Decode(Full());
        var r = records[1];
        counters.CounterSamples.Should().Be(2);
        r.SamplingRate.Should().Be(1000);
        (r.InputInterface, r.OutputInterface).Should().Be((9u, 0u));
        r.ForwardingStatus.Should().Be(130, "dropped: ACL (RFC 7270)");
        (r.ForwardingStatus >> 6).Should().Be(0b10, "the top two bits say dropped");
        (r.SrcIp, r.DstIp).Should().Be((IpAddress.Parse("2001:db8::1"), IpAddress.Parse("2001:db8::2")));
        (r.IpVersion, r.IpProtocol, r.SrcPort, r.DstPort, r.Tos).Should().Be(((byte)6, (byte)17, (ushort)53, (ushort)5353, (byte)0x20));
        r.Bytes.Should().Be(1280, "the sampled IPv6 record's length");
        (r.SrcMac, r.DstMac).Should().Be((MacAddress.Read(Frames.MacA), MacAddress.Read(Frames.MacB)));
    }

    [Theory]
    [InlineData(0u, 5u, 5u, 0)] // an ifIndex
    [InlineData(0u, 0x3FFF_FFFFu, 0u, 0xC3)] // the agent itself: consumed
    [InlineData(1u, 0u, 0u, 131)] // discarded, net unreachable: unroutable
    [InlineData(1u, 257u, 0u, 137)] // discarded, TTL exceeded: bad TTL
    [InlineData(1u, 999u, 0u, 128)] // discarded, a reason without a mapping: dropped, unknown
    [InlineData(2u, 3u, 0u, 0)] // three interfaces: no one index
    [InlineData(2u, 0u, 0u, 0)] // several, how many unknown
    public void Output_interface_formats(uint format, uint value, uint index, int status)
    {
        var compact = Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, format << 30 | value))).ToArray();
        var expanded = Datagram("198.51.100.1", 0, 1, (3, ExpandedFlowSample(1, (0, 1), (format, value)))).ToArray();
        foreach (var datagram in new[] { compact, expanded })
        {
            var r = Decode(datagram).Records.Single();
            (r.OutputInterface, r.ForwardingStatus).Should().Be((index, (byte)status));
            r.InputInterface.Should().Be(1);
        }
    }

    [Fact]
    public void Sampled_ipv4_record_wins_over_the_header_for_layer_3()
    {
        var header = Frames.Ethernet(0x0800, Frames.IPv4("10.9.9.9", "10.8.8.8", 17, Frames.Udp(1, 2)));
        var datagram = Datagram("198.51.100.1", 0, 1, (1, FlowSample(100, 1, 2,
            (IPv4Format, b => b.U32(576).U32(6).Bytes([10, 0, 0, 1]).Bytes([10, 0, 0, 2]).U32(1234).U32(80).U32(0x12).U32(0x10)),
            (HeaderFormat, SampledHeader(1, 64, 4, header))))).ToArray();
        var r = Decode(datagram).Records.Single();
        (r.SrcIp, r.DstIp).Should().Be((IpAddress.Parse("10.0.0.1"), IpAddress.Parse("10.0.0.2")));
        (r.IpProtocol, r.SrcPort, r.DstPort, r.TcpFlags, r.Tos).Should().Be(((byte)6, (ushort)1234, (ushort)80, (byte)0x12, (byte)0x10));
        r.Bytes.Should().Be(576);
        r.SrcMac.Should().Be(MacAddress.Read(Frames.MacA), "layer 2 still comes from the header");
    }

    [Theory]
    [InlineData(11u)]
    [InlineData(12u)]
    public void Raw_ip_headers(uint protocol)
    {
        var ip = protocol == 11
            ? Frames.IPv4("10.0.0.1", "10.0.0.2", 1, Frames.Icmp(8, 0, new byte[56]))
            : Frames.IPv6("2001:db8::1", "2001:db8::2", 58, Frames.Icmp(128, 0, new byte[56]));
        var datagram = Datagram("2001:db8::ffff", 0, 1, (1, FlowSample(10, 1, 2, (HeaderFormat, SampledHeader(protocol, (uint)ip.Length, 0, ip))))).ToArray();
        var (records, counters) = Decode(datagram);
        var r = records.Single();
        r.Exporter.Should().Be(IpAddress.Parse("2001:db8::ffff"));
        r.IpVersion.Should().Be(protocol == 11 ? (byte)4 : (byte)6);
        r.IcmpTypeCode.Should().Be(protocol == 11 ? (ushort)0x0800 : (ushort)0x8000);
        (r.SrcPort, r.DstPort).Should().Be(((ushort)0, (ushort)0));
        r.Bytes.Should().Be((ulong)ip.Length);
        r.SrcMac.IsZero.Should().BeTrue();
        counters.SampleRecordsSkipped.Should().Be(0);
    }

    [Fact]
    public void Header_of_an_undecoded_protocol_and_unknown_records_are_skipped_and_counted()
    {
        var datagram = Datagram("198.51.100.1", 0, 1, (1, FlowSample(10, 1, 2,
            (HeaderFormat, SampledHeader(7, 300, 2, new byte[64])), // PPP
            (1 << 12 | 1, b => b.U32(1).U32(2)), // enterprise 1, format 1
            (1010, b => b.Bytes(new byte[12])), // extended URL: not decoded
            (SwitchFormat, b => b.U32(5000).U32(0).U32(0).U32(0))))).ToArray(); // a VLAN past 4095 is none
        var (records, counters) = Decode(datagram);
        var r = records.Single();
        counters.SampleRecordsSkipped.Should().Be(3);
        r.Bytes.Should().Be(0, "nothing gave a length");
        r.Vlan.Should().Be(0);
        counters.TotalErrors.Should().Be(0);
    }

    [Fact]
    public void Frame_length_less_stripped_bytes_without_ip()
    {
        var arp = Frames.Ethernet(0x0806, new byte[28]);
        var datagram = Datagram("198.51.100.1", 0, 1, (1, FlowSample(10, 1, 2, (HeaderFormat, SampledHeader(1, 64, 4, arp))))).ToArray();
        Decode(datagram).Records.Single().Bytes.Should().Be(60);
        var ethernetOnly = Datagram("198.51.100.1", 0, 1, (1, FlowSample(10, 1, 2,
            (EthernetFormat, b => b.U32(68).Bytes(Frames.MacA).Pad().Bytes(Frames.MacB).Pad().U32(0x0806))))).ToArray();
        Decode(ethernetOnly).Records.Single().Bytes.Should().Be(64, "the MAC length less its FCS");
    }

    [Fact]
    public void Unknown_samples_are_skipped_and_counted()
    {
        var datagram = Datagram("198.51.100.1", 0, 1,
            (5, b => b.Bytes(new byte[20])), // a drop report
            (4413 << 12 | 1, b => b.Bytes(new byte[8])), // another enterprise's
            (1, FlowSample(10, 1, 2))).ToArray();
        var (records, counters) = Decode(datagram);
        records.Should().ContainSingle();
        counters.SamplesSkipped.Should().Be(2);
        counters.Snapshot()["samples_skipped"].Should().Be(2);
        counters.Snapshot().Should().ContainKey("sample_records_skipped");
    }

    [Fact]
    public void Gateway_without_path_or_source_as_names_the_router_own_as()
    {
        var datagram = Datagram("198.51.100.1", 0, 1, (1, FlowSample(10, 1, 2,
            (GatewayFormat, GatewayRecord("203.0.113.9", 0)),
            (RouterFormat, b => b.Address("192.0.2.1").U32(32).U32(32))))).ToArray();
        var r = Decode(datagram).Records.Single();
        (r.SrcAs, r.DstAs).Should().Be((65000u, 65000u));
        r.NextHop.Should().Be(IpAddress.Parse("192.0.2.1"), "the IP next hop wins in either order");
    }

    [Fact]
    public void Sampling_rate_zero_is_counted_or_takes_the_default()
    {
        var datagram = Datagram("198.51.100.1", 0, 1, (1, FlowSample(0, 1, 2))).ToArray();
        var (records, counters) = Decode(datagram);
        records.Single().SamplingRate.Should().Be(0);
        counters.RecordsWithoutSamplingRate.Should().Be(1);

        var decoder = new TelemetryDecoder(new TelemetryDecoderOptions { DefaultSamplingRate = 64 });
        (records, counters) = Decode(datagram, decoder);
        records.Single().SamplingRate.Should().Be(64);
        counters.RecordsWithoutSamplingRate.Should().Be(0);
    }

    [Fact]
    public void Sequence_numbers_count_datagrams_per_sub_agent()
    {
        var decoder = new TelemetryDecoder();
        Decode(Datagram("198.51.100.1", 0, 10).ToArray(), decoder);
        Decode(Datagram("198.51.100.1", 1, 500).ToArray(), decoder);
        Decode(Datagram("198.51.100.1", 0, 11).ToArray(), decoder);
        Decode(Datagram("198.51.100.1", 1, 501).ToArray(), decoder);
        var counters = Decode(Datagram("198.51.100.1", 0, 14).ToArray(), decoder).Counters;
        counters.SequenceGaps.Should().Be(1);
        counters.SequenceMissing.Should().Be(2);
        counters.Datagrams.Should().Be(5);
    }

    [Fact]
    public void Decoding_allocates_nothing()
    {
        var datagram = Full();
        var decoder = new TelemetryDecoder();
        var sink = new CountingSink();
        decoder.Decode(datagram, Source, ReceivedNs, ref sink);
        var bytes = Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
                decoder.Decode(datagram, Source, ReceivedNs, ref sink);
        });
        bytes.Should().Be(0);
        sink.Count.Should().BeGreaterThanOrEqualTo(2002, "each run decodes both flow samples");
    }
}
