using BenchmarkDotNet.Attributes;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// Reading and decoding a whole capture held in memory through <see cref="CaptureReader"/>; results are per
/// packet. The per-capture cost (reader, buffer) is spread over the capture's packets.
/// </summary>
[MemoryDiagnoser]
public class ReaderBenchmarks
{
    /// <summary>Packets per capture, checked at setup: BenchmarkDotNet needs them as constants.</summary>
    private const int PcapPackets = 3957, PcapngPackets = 1933;

    private byte[] _pcap = [];
    private byte[] _pcapng = [];

    [GlobalSetup]
    public void Setup()
    {
        _pcap = Load("netspot-captures/wifi.pcap", PcapPackets);
        _pcapng = Load("netspot-captures/openflow.pcapng", PcapngPackets);
    }

    [Benchmark(OperationsPerInvoke = PcapPackets)]
    public long Pcap() => ReadAndDecode(_pcap);

    [Benchmark(OperationsPerInvoke = PcapngPackets)]
    public long Pcapng() => ReadAndDecode(_pcapng);

    [Benchmark(OperationsPerInvoke = PcapPackets)]
    public long PcapReadOnly() => ReadOnly(_pcap);

    [Benchmark(OperationsPerInvoke = PcapngPackets)]
    public long PcapngReadOnly() => ReadOnly(_pcapng);

    private static long ReadAndDecode(byte[] capture)
    {
        using var reader = CaptureReader.Open(new MemoryStream(capture, writable: false), "memory");
        long sum = 0;
        while (reader.TryRead(out var record))
        {
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
            sum += packet.PayloadOffset;
        }

        return sum;
    }

    private static long ReadOnly(byte[] capture)
    {
        using var reader = CaptureReader.Open(new MemoryStream(capture, writable: false), "memory");
        long sum = 0;
        while (reader.TryRead(out var record))
            sum += record.Data.Length;
        return sum;
    }

    private static byte[] Load(string relative, int expectedPackets)
    {
        var path = SharedCorpus.Find(relative) ?? throw new FileNotFoundException($"the corpus lacks {relative}");
        var bytes = File.ReadAllBytes(path);
        using var reader = CaptureReader.Open(new MemoryStream(bytes, writable: false), relative);
        var packets = 0;
        while (reader.TryRead(out _))
            packets++;
        if (packets != expectedPackets)
            throw new InvalidOperationException($"{relative} holds {packets} packets, the benchmark expects {expectedPackets}");
        return bytes;
    }
}
