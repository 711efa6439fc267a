using BenchmarkDotNet.Attributes;
using Fennec.Detection.Kitsune;
using Fennec.Enrichment.Geo;
using Fennec.Enrichment.Home;
using Fennec.Features.PortWindows;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using Fennec.Pipeline.Analysis;

namespace Fennec.Benchmarks;

/// <summary>
/// The per-flow and per-packet work that <c>fennec analyze</c> adds to flow assembly and Kitsune: enriching a flow
/// (home networks; no GeoIP file, so the lookup cost is in <see cref="MmdbLookupBenchmarks"/>), adding it to the
/// traffic profile (hourly and per-minute buckets, rollups, pairs, countries) and to the port windows, and counting a
/// scored packet in Kitsune's windows. 100,000 synthetic flows per invocation into tables that already hold them
/// (steady state: existing buckets and pairs). Results are per flow or per packet.
/// </summary>
/// <remarks>
/// `dotnet run -c Release --project bench/Fennec.Benchmarks -- --filter '*AnalysisBenchmarks*' --job short` on the
/// project's 2-vCPU machine: enrichment, profile and port windows 412 ns a flow (2.4 million flows a second), Kitsune's
/// window counting 40 ns a packet, 0 B allocated either way.
/// </remarks>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private const int Flows = 100_000;
    private FlowRecord[] _flows = [];
    private FlowEnricher _enricher = null!;
    private TrafficProfile _profile = null!;
    private PortWindowTable _ports = null!;
    private KitsuneWindows _windows = null!;

    [GlobalSetup]
    public void Setup()
    {
        _flows = SyntheticFlows.Make(Flows, mixed: false);
        _enricher = new FlowEnricher(HomeNetworks.Default, null, null);
        _profile = new TrafficProfile();
        _ports = new PortWindowTable();
        _windows = new KitsuneWindows();
        // Warm every table so that the measured calls find their buckets, pairs and windows.
        ProfileAndPorts();
        KitsuneWindowCounting();
    }

    [Benchmark(OperationsPerInvoke = Flows)]
    public long ProfileAndPorts()
    {
        foreach (ref readonly var flow in _flows.AsSpan())
        {
            var ends = _enricher.Enrich(flow.SrcIp, flow.DstIp);
            _profile.Add(flow, ends);
            _ports.Add(flow);
        }
        return _profile.Flows;
    }

    [Benchmark(OperationsPerInvoke = Flows)]
    public long KitsuneWindowCounting()
    {
        foreach (ref readonly var flow in _flows.AsSpan())
            _windows.Add(flow.FirstNs, flow.SrcIp, flow.DstIp, flagged: false, sigmas: 0.5);
        return _windows.Overflow;
    }
}
