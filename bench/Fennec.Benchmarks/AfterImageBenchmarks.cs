using BenchmarkDotNet.Attributes;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// Kitsune's feature path per packet, on the FTP brute-force capture of the Kitsune goldens (19,730 packets):
/// building the reference's text fields from a decoded packet, and the AfterImage update that turns them into 100
/// features. Each pass replays the capture shifted later in time, so streams are found, decayed and updated as on
/// live traffic and nothing is allocated.
/// </summary>
[MemoryDiagnoser]
public class AfterImageBenchmarks
{
    private DecodedPacket[] _packets = null!;
    private PacketFields[] _fields = null!;
    private readonly PacketFields _scratch = new();
    private readonly double[] _features = new double[AfterImageExtractor.FeatureCount];
    private AfterImageExtractor _extractor = null!;
    private double _shift;
    private double _span;

    /// <summary>
    /// Pairs a stream needs before its walks are deferred: the default (the FTP server's 300-odd pairs are deferred:
    /// its inserts are logged and replayed when a client next sends), and never (the reference's order).
    /// </summary>
    [Params(StreamTable.DefaultDeferralDegree, int.MaxValue)]
    public int DeferralDegree { get; set; }

    public static string CapturePath =>
        Path.Combine(SharedCorpus.Path, "..", "reference", "kitsune", "captures", "ppa_ftp_crack.pcap");

    [GlobalSetup]
    public void Setup()
    {
        var packets = new List<DecodedPacket>();
        var fields = new List<PacketFields>();
        using (var reader = CaptureReader.Open(CapturePath))
        {
            while (reader.TryRead(out var record))
            {
                PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
                packets.Add(packet);
                var f = new PacketFields();
                PacketFieldExtractor.Extract(packet, f);
                fields.Add(f);
            }
        }

        _packets = [.. packets];
        _fields = [.. fields];
        _span = _fields[^1].Timestamp - _fields[0].Timestamp + 1000;
        _extractor = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = DeferralDegree });
        foreach (var f in _fields)
            _extractor.Update(f, _features);
    }

    [Benchmark(OperationsPerInvoke = 19_730)]
    public int ExtractFields()
    {
        var total = 0;
        foreach (ref readonly var p in _packets.AsSpan())
        {
            PacketFieldExtractor.Extract(p, _scratch);
            total += _scratch.SrcIp.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = 19_730)]
    public double Update()
    {
        _shift += _span;
        var sum = 0.0;
        foreach (var f in _fields)
        {
            var original = f.Timestamp;
            f.Timestamp = original + _shift;
            _extractor.Update(f, _features);
            f.Timestamp = original;
            sum += _features[0];
        }

        return sum;
    }
}
