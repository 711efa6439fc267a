using System.Globalization;
using System.Text.RegularExpressions;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>
/// tcpdump's sFlow test captures (tcpdump-tests/sflow_*.pcap, sflow-print-v6.pcap) against what its verbose output
/// (the .out beside each) prints: per datagram the agent, sub-agent, sample count and sequence number; per flow
/// sample the sampling rate and interfaces; per counter sample that it was one. One deliberate difference: tcpdump
/// prints every datagram sent to port 6343 as sFlow, and calls those of "version 327681/327682" unsupported; they are
/// NetFlow v5 datagrams (version 5 in the first 16 bits, then a count of 1 or 2), which Fennec decodes as such.
/// </summary>
public partial class SFlowTcpdumpTests
{
    [CorpusTheory]
    [InlineData("sflow_multiple_counter_30_pdus")]
    [InlineData("sflow-print-v6")]
    [InlineData("sflow_expanded")]
    public void Agrees_with_tcpdump(string name)
    {
        var folder = Path.Combine(SharedData.RequireCorpus(), "tcpdump-tests");
        var datagrams = TelemetryCaptures.Read(Path.Combine(folder, name + ".pcap"));
        var printed = Parse(File.ReadAllLines(Path.Combine(folder, name + ".out")));
        datagrams.Should().HaveSameCount(printed);

        var decoder = new TelemetryDecoder();
        var expectedGaps = new Dictionary<IpAddress, long>();
        var last = new Dictionary<(IpAddress, uint), uint>();
        for (var d = 0; d < datagrams.Count; d++)
        {
            var p = printed[d];
            var datagram = datagrams[d];
            datagram.Source.Should().Be(IpAddress.Parse(p.Source), $"datagram {d}");
            var counters = decoder.CountersOf(datagram.Source);
            var counterSamples = counters?.CounterSamples ?? 0;
            var errors = counters?.TotalErrors ?? 0;
            var sink = new TelemetryRecordingSink();
            decoder.Decode(datagram.Payload, datagram.Source, datagram.TimestampNs, ref sink);
            counters = decoder.CountersOf(datagram.Source)!;
            counters.TotalErrors.Should().Be(errors, $"datagram {d}: {counters}");

            if (p.NetFlowV5Count is { } v5)
            {
                sink.Records.Should().HaveCount(v5).And.OnlyContain(r => r.Protocol == TelemetryProtocol.NetFlowV5);
                continue;
            }

            var flows = p.Samples.Where(s => s.IsFlow).ToList();
            sink.Records.Should().HaveCount(flows.Count, $"datagram {d}");
            (counters.CounterSamples - counterSamples).Should().Be(p.Samples.Count - flows.Count, $"datagram {d}");
            for (var i = 0; i < flows.Count; i++)
            {
                var r = sink.Records[i];
                r.Exporter.Should().Be(IpAddress.Parse(p.Agent));
                r.ObservationDomain.Should().Be(p.SubAgent);
                r.SamplingRate.Should().Be(flows[i].Rate, $"datagram {d} flow {i}");
                r.InputInterface.Should().Be(flows[i].Input, $"datagram {d} flow {i}");
                r.OutputInterface.Should().Be(flows[i].Output, $"datagram {d} flow {i}");
            }

            var key = (datagram.Source, p.SubAgent);
            if (last.TryGetValue(key, out var previous) && p.Sequence != previous + 1)
                expectedGaps[datagram.Source] = expectedGaps.GetValueOrDefault(datagram.Source) + 1;
            last[key] = p.Sequence;
        }

        foreach (var counters in decoder.Exporters)
            counters.SequenceGaps.Should().Be(expectedGaps.GetValueOrDefault(counters.Exporter), counters.ToString());
    }

    [CorpusFact]
    public void Segv_capture_is_a_counted_error()
    {
        // tcpdump: "sFlowv5 [length 8 < 28] (invalid)": a datagram that ends in its agent address.
        var path = Path.Combine(SharedData.RequireCorpus(), "tcpdump-tests", "sflow_print-segv.pcap");
        var datagrams = TelemetryCaptures.Read(path);
        datagrams.Should().ContainSingle().Which.Payload.Should().HaveCount(8);
        var decoder = new TelemetryDecoder();
        TelemetryCaptures.Decode(decoder, datagrams).Single().Should().BeEmpty();
        decoder.Exporters.Single().Errors(DecodeErrorKind.TruncatedHeader).Should().Be(1);
    }

    [CorpusFact]
    public void Segv_capture_read_to_its_ip_length_does_not_throw()
    {
        // The IP header claims 868 bytes of UDP payload where the UDP header says 8: what follows is garbage to sFlow.
        var path = Path.Combine(SharedData.RequireCorpus(), "tcpdump-tests", "sflow_print-segv.pcap");
        var frame = File.ReadAllBytes(path).AsSpan(24 + 16).ToArray();
        var payload = frame.AsSpan(14 + 20 + 8, Math.Min(868, frame.Length - 42)).ToArray();
        var decoder = new TelemetryDecoder();
        var sink = new CountingSink();
        decoder.Decode(payload, IpAddress.Parse("10.0.0.250"), 0, ref sink);
        var counters = decoder.Exporters.Single();
        (counters.TotalErrors + counters.Records + counters.CounterSamples + counters.SamplesSkipped).Should().BePositive();
    }

    private sealed record PrintedSample(bool IsFlow, uint Rate, uint Input, uint Output);

    private sealed record PrintedDatagram(string Source, string Agent, uint SubAgent, uint Sequence, int? NetFlowV5Count, List<PrintedSample> Samples);

    private static List<PrintedDatagram> Parse(string[] lines)
    {
        var result = new List<PrintedDatagram>();
        foreach (var line in lines)
        {
            if (Unsupported().Match(line) is { Success: true } u)
            {
                // 0x0005nnnn: NetFlow v5 with a count of nnnn.
                var version = uint.Parse(u.Groups["version"].Value, CultureInfo.InvariantCulture);
                result.Add(new PrintedDatagram(u.Groups["src"].Value, "", 0, 0, (int)(version & 0xFFFF), []));
            }
            else if (Header().Match(line) is { Success: true } h)
            {
                result.Add(new PrintedDatagram(h.Groups["src"].Value, h.Groups["agent"].Value, U(h, "id"), U(h, "seq"), null, []));
            }
            else if (Sample().Match(line) is { Success: true } s)
            {
                var sample = s.Groups["kind"].Value == "counter"
                    ? new PrintedSample(false, 0, 0, 0)
                    : s.Groups["expanded"].Success
                        ? new PrintedSample(true, U(s, "rate"), Interface(U(s, "inFormat"), U(s, "in")), Interface(U(s, "outFormat"), U(s, "out")))
                        : new PrintedSample(true, U(s, "rate"), Interface(U(s, "in") >> 30, U(s, "in") & 0x3FFF_FFFF),
                            Interface(U(s, "out") >> 30, U(s, "out") & 0x3FFF_FFFF));
                result[^1].Samples.Add(sample);
            }
        }

        return result;
    }

    /// <summary>The ifIndex a record carries: format 0 and not the agent itself (0x3FFFFFFF), else 0.</summary>
    private static uint Interface(uint format, uint value) => format == 0 && value != 0x3FFF_FFFF ? value : 0;

    private static uint U(Match m, string group) => m.Groups[group].Success && m.Groups[group].Value.Length > 0
        ? uint.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture)
        : 0;

    [GeneratedRegex(@" (?<src>[0-9a-f:.]+)\.\d+ > \S+: (\[udp sum ok\] )?sFlowv5, IPv[46] agent (?<agent>\S+), agent-id (?<id>\d+), seqnum (?<seq>\d+)")]
    private static partial Regex Header();

    [GeneratedRegex(@" (?<src>[0-9a-f:.]+)\.\d+ > \S+: sFlow version (?<version>\d+) packet not supported")]
    private static partial Regex Unsupported();

    [GeneratedRegex(@"^\t(?<expanded>expanded )?(?<kind>flow|counter) sample \(\d\), length \d+, seqnum \d+, type \d+, idx \d+(, rate (?<rate>\d+), pool \d+, drops \d+, input (?<in>\d+)( \((?<inFormat>\d+)\))?,? output (?<out>\d+)( \((?<outFormat>\d+)\))?)?")]
    private static partial Regex Sample();
}
