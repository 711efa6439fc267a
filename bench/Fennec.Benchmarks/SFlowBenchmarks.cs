using BenchmarkDotNet.Attributes;
using Fennec.Flows.Collection;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// sFlow v5 decoding: the datagram of akvorado's data-1140 capture, from a real switch, with 5 flow samples (sampled
/// Ethernet headers of IPv4 and IPv6 TCP, extended switch, router and gateway records), decoded over and over by one
/// <see cref="TelemetryDecoder"/>. Results are per datagram; divide by the records per datagram (printed in setup)
/// for the cost per record.
/// </summary>
[MemoryDiagnoser]
public class SFlowBenchmarks
{
    private const int Datagrams = 1024;

    private byte[] _datagram = [];
    private TelemetryDecoder _decoder = null!;
    private readonly IpAddress _source = IpAddress.Parse("192.0.2.1");

    [GlobalSetup]
    public void Setup()
    {
        var path = SharedCorpus.Find("akvorado-flow-decoders/sflow/testdata/data-1140.pcap")
            ?? throw new FileNotFoundException("akvorado-flow-decoders/sflow/testdata/data-1140.pcap");
        using var reader = CaptureReader.Open(path);
        if (!reader.TryRead(out var record))
            throw new InvalidDataException("data-1140.pcap holds no frame");
        PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
        _datagram = record.Data.Slice(p.PayloadOffset, p.PayloadLength).ToArray();
        _decoder = new TelemetryDecoder();
        var sink = new Sink();
        var records = _decoder.Decode(_datagram, _source, 0, ref sink);
        Console.WriteLine($"// sFlow datagram: {_datagram.Length} bytes, {records} records");
    }

    [Benchmark(OperationsPerInvoke = Datagrams)]
    public long Decode()
    {
        var sink = new Sink();
        for (var i = 0; i < Datagrams; i++)
            _decoder.Decode(_datagram, _source, i, ref sink);
        return sink.Bytes;
    }

    private struct Sink : ITelemetrySink
    {
        public long Bytes;

        public void OnRecord(in TelemetryRecord record) => Bytes += (long)record.Bytes;
    }
}
