using BenchmarkDotNet.Attributes;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using Fennec.Pipeline.Analysis;
using Fennec.Storage;

namespace Fennec.Benchmarks;

/// <summary>
/// The read side of analysing collected flows, per one-way row: 200,000 rows (100,000 connections, each reported
/// as two one-way records a few milliseconds apart, one in four IPv6, start times rising as an exporter's do).
/// <c>ReadByTime</c> streams them from a SQLite store file in order of first packet (raw column reads, addresses
/// parsed from UTF-8); <c>Stitch</c> pairs the directions of rows already converted to flow records.
/// Rows per second = 1e9 / mean ns.
/// </summary>
/// <remarks>
/// `dotnet run -c Release --project bench/Fennec.Benchmarks -- --filter '*CollectedFlow*' --job short` on the
/// project's 2-vCPU machine: ReadByTime 888 ns a row (1.1 million a second), 40 B a row on average (IPv6 text goes
/// through the framework's parser; IPv4 rows allocate nothing); Stitch 107 ns a row, 0 B.
/// </remarks>
[MemoryDiagnoser]
public class CollectedFlowBenchmarks : IFlowSink
{
    private const int Rows = 200_000;

    private string _folder = string.Empty;
    private FennecStore _store = null!;
    private long _run;
    private FlowRecord[] _halves = [];
    private FlowStitcher _stitcher = null!;
    private FlowRowVisitor _visit = null!;
    private long _packets;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var rows = new StoredFlow[Rows];
        for (var i = 0; i < Rows; i += 2)
        {
            var v6 = i % 8 == 6;
            var client = v6 ? new IpAddress(0x2001_0db8_0000_0000UL, (ulong)random.NextInt64()) : IpAddress.FromIPv4(0x0A00_0000u | (uint)random.Next(1 << 16));
            var server = v6 ? new IpAddress(0x2606_4700_0000_0000UL, (ulong)random.NextInt64()) : IpAddress.FromIPv4((uint)random.NextInt64(1L << 32));
            var start = 1_715_000_000_000_000_000L + i * 2_500_000L;
            var end = start + random.Next(1_000_000_000);
            var (clientPort, serverPort) = ((ushort)random.Next(1024, 65536), (ushort)(i % 3 == 0 ? 443 : random.Next(1, 1024)));
            rows[i] = Row(client, clientPort, server, serverPort, start, end, random.Next(1, 100));
            rows[i + 1] = Row(server, serverPort, client, clientPort, start + random.Next(1, 20_000_000), end, random.Next(1, 100));
        }

        _folder = Path.Combine(Path.GetTempPath(), $"fennec-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_folder);
        _store = FennecStore.Open(Path.Combine(_folder, "collected.db"));
        _run = _store.BeginRun(new RunInfo("collect", [], DateTimeOffset.UnixEpoch, "bench", "{}"));
        using (var writer = _store.CreateFlowWriter(_run, "127.0.0.1"))
        {
            foreach (var row in rows)
                writer.Add(row);
        }

        _halves = [.. rows.Select(r => CollectedFlows.ToRecord(r)).OrderBy(r => r.FirstNs)];
        _stitcher = new FlowStitcher(this);
        _visit = Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long ReadByTime()
    {
        _packets = 0;
        _store.ReadFlowsByTime(_run, _visit);
        return _packets;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public long Stitch()
    {
        _packets = 0;
        foreach (ref readonly var half in _halves.AsSpan())
            _stitcher.Add(half);
        _stitcher.Flush();
        return _packets;
    }

    /// <inheritdoc />
    public void OnFlow(in FlowRecord record) => _packets += record.Packets;

    private void Count(in StoredFlow flow) => _packets += flow.PacketsFwd;

    private static StoredFlow Row(IpAddress src, ushort srcPort, IpAddress dst, ushort dstPort, long first, long last, long packets) => new()
    {
        FirstNs = first,
        LastNs = last,
        SrcIp = src,
        DstIp = dst,
        SrcPort = srcPort,
        DstPort = dstPort,
        Protocol = 6,
        PacketsFwd = packets,
        BytesFwd = packets * 700,
        TcpFlagsFwd = 0x1B,
        SamplingRate = 1,
        Exporter = IpAddress.FromIPv4(0x7F00_0001u),
    };
}
