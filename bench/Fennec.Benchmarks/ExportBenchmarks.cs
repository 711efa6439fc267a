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
        _flows = SyntheticFlows.Make(Flows, Families == Family.Mixed);
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
