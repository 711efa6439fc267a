using System.Globalization;
using System.Text.RegularExpressions;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>
/// The datagrams embedded in goflow2's sFlow decoder tests (goflow2-decoder-tests/decoders/sflow/sflow_test.go), read
/// from the Go source. goflow2 asserts that each decodes without error, and that the drop-report datagrams hold one
/// sample (format 5, a drop report, which Fennec does not decode: it is skipped by its length and counted).
/// </summary>
public partial class SFlowGoflow2Tests
{
    [CorpusFact]
    public void Flow_sample_with_a_vlan_tagged_icmp_header()
    {
        var (records, counters) = Decode("TestSFlowDecode");
        counters.TotalErrors.Should().Be(0);
        var r = records.Should().ContainSingle().Subject;
        r.Exporter.Should().Be(IpAddress.Parse("172.16.0.17"));
        r.ObservationDomain.Should().Be(1);
        r.SamplingRate.Should().Be(2048);
        r.InputInterface.Should().Be(1194);
        r.OutputInterface.Should().Be(1043);
        r.Vlan.Should().Be(32);
        r.SrcIp.Should().Be(IpAddress.Parse("172.16.32.254"));
        r.DstIp.Should().Be(IpAddress.Parse("172.16.32.241"));
        r.IpProtocol.Should().Be(IpProtocol.Icmp);
        r.IcmpTypeCode.Should().Be(0x0800, "echo request");
        r.Bytes.Should().Be(60, "the IP total length");
    }

    [CorpusFact]
    public void Expanded_flow_samples()
    {
        var (records, counters) = Decode("TestExpandedSFlowDecode");
        counters.TotalErrors.Should().Be(0);
        records.Should().NotBeEmpty();
        var r = records[0];
        r.Exporter.Should().Be(IpAddress.Parse("1.2.3.4"));
        r.SamplingRate.Should().Be(16383);
        r.InputInterface.Should().Be(1000100);
        r.OutputInterface.Should().Be(1000018);
        r.Vlan.Should().Be(30);
        r.SrcIp.Should().Be(IpAddress.Parse("185.59.220.147"));
        r.DstIp.Should().Be(IpAddress.Parse("88.238.78.19"));
        r.SrcPort.Should().Be(443);
        r.DstPort.Should().Be(53206);
        r.Bytes.Should().Be(1492);
        counters.Records.Should().Be(records.Count);
        (counters.Records + counters.CounterSamples + counters.SamplesSkipped).Should().Be(5, "the datagram holds 5 samples");
    }

    [CorpusTheory]
    [InlineData("TestSFlowDecodeDropEgressQueue")]
    [InlineData("TestSFlowDecodeDropExtendedACL")]
    [InlineData("TestSFlowDecodeDropExtendedFunction")]
    public void Drop_reports_are_skipped_and_counted(string test)
    {
        var (records, counters) = Decode(test);
        records.Should().BeEmpty();
        counters.TotalErrors.Should().Be(0);
        counters.SamplesSkipped.Should().Be(1);
    }

    private static (List<TelemetryRecord> Records, ExporterCounters Counters) Decode(string test)
    {
        var source = File.ReadAllText(Path.Combine(SharedData.RequireCorpus(), "goflow2-decoder-tests/decoders/sflow/sflow_test.go"));
        var data = Datagram(source, test);
        var decoder = new TelemetryDecoder();
        var sink = new TelemetryRecordingSink();
        var from = IpAddress.Parse("192.0.2.1");
        decoder.Decode(data, from, 0, ref sink);
        return (sink.Records, decoder.CountersOf(from)!);
    }

    /// <summary>The bytes of the first <c>[]byte{...}</c> literal in the Go test function <paramref name="test"/>.</summary>
    private static byte[] Datagram(string goSource, string test)
    {
        var start = goSource.IndexOf($"func {test}(", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, $"{test} is in the Go source");
        var literal = ByteLiteral().Match(goSource, start);
        literal.Success.Should().BeTrue();
        return HexByte().Matches(literal.Groups[1].Value)
            .Select(m => byte.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();
    }

    [GeneratedRegex(@"\[\]byte\{([^}]*)\}")]
    private static partial Regex ByteLiteral();

    [GeneratedRegex(@"0x([0-9a-fA-F]{2})")]
    private static partial Regex HexByte();
}
