using System.Diagnostics;
using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using static Fennec.Flows.Tests.Collection.SFlow.SFlowVectors;
using static Fennec.Flows.Tests.Collection.SFlow.XdrBuilder;

namespace Fennec.Flows.Tests.Collection.SFlow;

/// <summary>Malformed sFlow: every outcome is a counted error, never an exception or a hang.</summary>
public class SFlowRobustnessTests
{
    private static readonly IpAddress Source = IpAddress.Parse("192.0.2.200");

    private static (int Records, ExporterCounters Counters) Decode(ReadOnlySpan<byte> datagram)
    {
        var decoder = new TelemetryDecoder();
        var sink = new CountingSink();
        var records = decoder.Decode(datagram, Source, 0, ref sink);
        return (records, decoder.CountersOf(Source)!);
    }

    [Fact]
    public void Truncation_at_every_offset_is_a_counted_error()
    {
        var datagram = Full();
        var (whole, counters) = Decode(datagram);
        whole.Should().Be(2);
        counters.TotalErrors.Should().Be(0);
        for (var length = 0; length < datagram.Length; length++)
        {
            var (records, truncated) = Decode(datagram.AsSpan(0, length));
            truncated.TotalErrors.Should().Be(1, $"cut at {length}");
            records.Should().BeLessThanOrEqualTo(2, "flow samples before the cut are kept");
        }
    }

    [CorpusFact]
    public void Truncated_corpus_datagrams_are_counted_errors()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RequireCorpus(), "akvorado-flow-decoders/sflow/testdata"), "*.pcap"))
        {
            var datagram = TelemetryCaptures.Read(file).Single().Payload;
            var used = DeclaredLength(datagram);
            for (var length = 0; length < datagram.Length; length++)
            {
                // Some of these captures had their sample count edited down: the bytes past the samples it declares are unread.
                var errors = Decode(datagram.AsSpan(0, length)).Counters.TotalErrors;
                errors.Should().Be(length < used ? 1 : 0, $"{Path.GetFileName(file)} cut at {length} (samples end at {used})");
            }
        }
    }

    /// <summary>Where the samples a datagram declares end: its header, then each sample's format, length and body.</summary>
    private static int DeclaredLength(byte[] datagram)
    {
        static int Word(byte[] d, int at) => (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(at));
        var at = Word(datagram, 4) == 1 ? 28 : 40;
        var samples = Word(datagram, at - 4);
        for (var i = 0; i < samples; i++)
            at += 8 + Word(datagram, at + 4);
        return at;
    }

    public static TheoryData<string, byte[], DecodeErrorKind, int> Lies()
    {
        var data = new TheoryData<string, byte[], DecodeErrorKind, int>();
        var sample = FlowSample(1, 1, 2, (HeaderFormat, SampledHeader(1, TcpFrameLength, 4, TcpFrameHeader())));
        void Add(string name, XdrBuilder b, DecodeErrorKind kind = DecodeErrorKind.BadSample, int records = 0) => data.Add(name, b.ToArray(), kind, records);

        Add("sample count past the datagram", new XdrBuilder().U32(5).Address("198.51.100.1").U32(0).U32(1).U32(1).U32(0xFFFF_FFFF));
        Add("one sample more than sent", new XdrBuilder().U32(5).Address("198.51.100.1").U32(0).U32(1).U32(1).U32(2).Tagged(1, sample), records: 1);
        Add("sample length past the datagram", new XdrBuilder().U32(5).Address("198.51.100.1").U32(0).U32(1).U32(1).U32(1).U32(1).U32(4000).Bytes(new byte[40]));
        Add("agent address of type 3", new XdrBuilder().U32(5).U32(3).U32(0).U32(0).U32(0).U32(0).U32(0), DecodeErrorKind.BadAddressType);
        Add("flow record count past the sample", Datagram("198.51.100.1", 0, 1, (1, b => b.U32(1).U32(1).U32(1).U32(1).U32(0).U32(1).U32(2).U32(1000))));
        Add("flow record length past the sample", Datagram("198.51.100.1", 0, 1, (1, b => b.U32(1).U32(1).U32(1).U32(1).U32(0).U32(1).U32(2).U32(1).U32(1).U32(64).Bytes(new byte[16]))));
        Add("flow sample cut in its header", Datagram("198.51.100.1", 0, 1, (1, b => b.U32(1).U32(1).U32(1))));
        Add("expanded flow sample cut in its interfaces", Datagram("198.51.100.1", 0, 1, (3, b => b.U32(1).U32(0).U32(1).U32(1).U32(1).U32(0).U32(0).U32(1))));
        Add("header length past the record", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (HeaderFormat, b => b.U32(1).U32(64).U32(4).U32(200).Bytes(new byte[16]))))));
        Add("sampled IPv4 cut short", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (IPv4Format, b => b.U32(40).U32(6).U32(0))))));
        Add("sampled Ethernet cut short", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (EthernetFormat, b => b.U32(64).U32(0))))));
        Add("extended switch cut short", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (SwitchFormat, b => b.U32(10))))));
        Add("router next hop of type 9", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (RouterFormat, b => b.U32(9).U32(0).U32(0))))), DecodeErrorKind.BadAddressType);
        Add("router cut in its next hop", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (RouterFormat, b => b.U32(2).U32(0))))));
        Add("AS path segment count past the record", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (GatewayFormat, b => b.Address("192.0.2.1").U32(1).U32(2).U32(3).U32(0x7FFF_FFFF))))));
        Add("AS count past the record", Datagram("198.51.100.1", 0, 1, (1, FlowSample(1, 1, 2, (GatewayFormat, b => b.Address("192.0.2.1").U32(1).U32(2).U32(3).U32(1).U32(2).U32(0xFFFF_FFFF))))));
        Add("counter record count past the sample", Datagram("198.51.100.1", 0, 1, (2, b => b.U32(1).U32(1).U32(50))));
        Add("counter record length past the sample", Datagram("198.51.100.1", 0, 1, (4, b => b.U32(1).U32(0).U32(1).U32(1).U32(1).U32(88))));
        return data;
    }

    [Theory]
    [MemberData(nameof(Lies))]
    public void Lying_counts_and_lengths_stop_the_datagram_with_a_counted_error(string lie, byte[] datagram, DecodeErrorKind kind, int records)
    {
        var (decoded, counters) = Decode(datagram);
        counters.Errors(kind).Should().Be(1, lie);
        counters.TotalErrors.Should().Be(1, lie);
        decoded.Should().Be(records, lie);
    }

    [CorpusFact]
    public void Random_mutations_never_throw_or_hang()
    {
        var seeds = new List<byte[]> { Full() };
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RequireCorpus(), "akvorado-flow-decoders/sflow/testdata"), "*.pcap"))
            seeds.Add(TelemetryCaptures.Read(file).Single().Payload);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RequireCorpus(), "tcpdump-tests"), "sflow*.pcap"))
            seeds.AddRange(TelemetryCaptures.Read(file).Select(d => d.Payload).Where(p => p.Length >= 8 && p[3] == 5 && p[0] == 0));

        var random = new Random(20260522);
        var decoder = new TelemetryDecoder();
        var sink = new CountingSink();
        var clock = Stopwatch.StartNew();
        const int Rounds = 40_000;
        for (var round = 0; round < Rounds; round++)
        {
            var datagram = (byte[])seeds[random.Next(seeds.Count)].Clone();
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                var at = random.Next(datagram.Length) & ~3;
                switch (random.Next(4))
                {
                    case 0: // a random byte
                        datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                        break;
                    case 1: // a small word: counts and lengths near the truth
                        if (at + 4 <= datagram.Length)
                            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(at), (uint)random.Next(0, 300));
                        break;
                    case 2: // a huge word
                        if (at + 4 <= datagram.Length)
                            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(datagram.AsSpan(at), (uint)random.Next() | 0x8000_0000u);
                        break;
                    default: // cut
                        Array.Resize(ref datagram, random.Next(datagram.Length + 1));
                        break;
                }

                if (datagram.Length == 0)
                    break;
            }

            decoder.Decode(datagram, IpAddress.FromIPv4((uint)random.Next(16)), round, ref sink);
        }

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
        var counters = decoder.Exporters.ToList();
        counters.Sum(c => c.Datagrams).Should().Be(Rounds);
        counters.Sum(c => c.TotalErrors).Should().BePositive();
        counters.Sum(c => c.Records).Should().BePositive();
    }
}
