using BenchmarkDotNet.Attributes;
using Fennec.Flows.Assembly;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// Flow export encoding: bidirectional flow records packed as two unidirectional records each into 1400-byte IPFIX
/// or NetFlow v9 datagrams in one reused buffer, templates included every 20 datagrams; no socket. Results are per
/// exported (unidirectional) record.
/// </summary>
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private const int Flows = 4096;

    private FlowRecord[] _flows = [];
    private FlowDatagramEncoder _encoder = null!;
    private byte[] _datagram = [];

    /// <summary>Which address families the flows have.</summary>
    public enum Family
    {
        /// <summary>IPv4 only: one data set per datagram.</summary>
        IPv4,

        /// <summary>One flow in four IPv6, so data sets switch templates within datagrams.</summary>
        Mixed,
    }

    [Params(ExportProtocol.Ipfix, ExportProtocol.NetFlowV9)]
    public ExportProtocol Protocol { get; set; }

    [Params(Family.IPv4, Family.Mixed)]
    public Family Families { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _encoder = FlowDatagramEncoder.Create(Protocol, new ExportOptions());
        _datagram = new byte[_encoder.Options.Mtu];
        _flows = new FlowRecord[Flows];
        var t0 = 1_714_564_800L * 1_000_000_000;
        for (var i = 0; i < Flows; i++)
        {
            var ipv6 = Families == Family.Mixed && i % 4 == 3;
            ref var f = ref _flows[i];
            f.SrcIp = ipv6 ? new IpAddress(0x2001_0db8_0000_0000UL, (ulong)i) : IpAddress.FromIPv4(0x0A00_0000u + (uint)i);
            f.DstIp = ipv6 ? new IpAddress(0x2001_0db8_ffff_0000UL, 1) : IpAddress.FromIPv4(0xC000_0201u);
            f.IpVersion = ipv6 ? (byte)6 : (byte)4;
            f.Protocol = i % 3 == 0 ? IpProtocol.Udp : IpProtocol.Tcp;
            f.SrcPort = (ushort)(1024 + i);
            f.DstPort = 443;
            f.FirstNs = t0 + (i * 1_000_000L);
            f.LastNs = f.FirstNs + 500_000_000;
            f.Forward = new FlowDirection { Packets = 10 + i, Bytes = 1500 * (10 + i), FirstNs = f.FirstNs, LastNs = f.LastNs - 1_000_000, TcpFlags = TcpFlags.Syn | TcpFlags.Ack };
            f.Reverse = new FlowDirection { Packets = 8 + i, Bytes = 900 * (8 + i), FirstNs = f.FirstNs + 1_000_000, LastNs = f.LastNs, TcpFlags = TcpFlags.Syn | TcpFlags.Ack };
        }
    }

    /// <summary>What <see cref="FlowExporter"/> does per flow, less the send: two appends, a datagram finished when full.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Flows)]
    public int Encode()
    {
        var encoder = _encoder;
        var datagram = _datagram.AsSpan();
        var bytes = 0;
        foreach (ref readonly var flow in _flows.AsSpan())
        {
            bytes += Append(encoder, datagram, flow, FlowSide.Forward);
            bytes += Append(encoder, datagram, flow, FlowSide.Reverse);
        }

        return bytes;
    }

    private static int Append(FlowDatagramEncoder encoder, Span<byte> datagram, in FlowRecord flow, FlowSide side)
    {
        if (!encoder.IsOpen)
            encoder.Begin(datagram, flow.LastNs);
        if (encoder.TryAppend(datagram, flow, side) > 0)
            return 0;
        var sent = encoder.Finish(datagram, flow.LastNs);
        encoder.Begin(datagram, flow.LastNs);
        encoder.TryAppend(datagram, flow, side);
        return sent;
    }
}
