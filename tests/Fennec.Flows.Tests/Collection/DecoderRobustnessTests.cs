using System.Buffers.Binary;
using Fennec.Flows.Collection;
using Fennec.Flows.Export;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using FluentAssertions;
using Xunit;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Collection;

/// <summary>Malformed, truncated and hostile datagrams are counted, never thrown on, and never grow memory unbounded.</summary>
public sealed class DecoderRobustnessTests
{
    private static readonly IpAddress Source = IpAddress.Parse("192.0.2.1");

    [CorpusFact]
    public void Every_truncation_of_every_real_datagram_is_counted_not_thrown()
    {
        foreach (var file in Directory.GetFiles(LogstashSpec.Folder, "*.dat"))
        {
            var datagram = File.ReadAllBytes(file);
            // Learn the templates first, so truncations reach the data records too.
            var decoder = new TelemetryDecoder();
            var sink = new RecordingSink();
            decoder.Decode(datagram, Source, 0, ref sink);
            for (var length = 0; length < datagram.Length; length++)
            {
                var act = () => decoder.Decode(datagram.AsSpan(0, length), Source, 0, ref sink);
                act.Should().NotThrow($"{Path.GetFileName(file)} cut to {length} bytes");
            }
        }
    }

    [CorpusFact]
    public void Random_mutations_of_real_datagrams_never_throw()
    {
        var random = new Random(20261122);
        var files = Directory.GetFiles(LogstashSpec.Folder, "*.dat").Select(File.ReadAllBytes).ToArray();
        var decoder = new TelemetryDecoder();
        var sink = new NullSink();
        for (var round = 0; round < 20_000; round++)
        {
            var datagram = (byte[])files[random.Next(files.Length)].Clone();
            var flips = 1 + random.Next(8);
            for (var i = 0; i < flips && datagram.Length > 0; i++)
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            var copy = datagram;
            var act = () => decoder.Decode(copy, Source, 0, ref sink);
            act.Should().NotThrow();
        }
    }

    [Fact]
    public void Unknown_versions_and_short_datagrams_are_counted()
    {
        var decoder = new TelemetryDecoder();
        var sink = new NullSink();
        decoder.Decode([0, 7, 0, 0, 0, 0], Source, 0, ref sink);
        decoder.Decode([0, 9], Source, 0, ref sink);
        decoder.Decode([0, 9, 0, 1, 0, 0, 0, 0], Source, 0, ref sink);
        var counters = decoder.CountersOf(Source)!;
        counters.Datagrams.Should().Be(3);
        counters.Errors(DecodeErrorKind.UnknownVersion).Should().Be(1);
        counters.Errors(DecodeErrorKind.TruncatedHeader).Should().Be(2);
    }

    [Fact]
    public void A_flood_of_templates_stops_at_the_limit_and_is_counted()
    {
        var decoder = new TelemetryDecoder(new TelemetryDecoderOptions { MaxTemplatesPerDomain = 100 });
        var sink = new NullSink();
        for (var id = 256; id < 1256; id++)
            decoder.Decode(IpfixTemplate((ushort)id), Source, 0, ref sink);
        var counters = decoder.CountersOf(Source)!;
        counters.Templates.Should().Be(100);
        counters.Errors(DecodeErrorKind.TemplateLimit).Should().Be(900);
    }

    [Fact]
    public void Data_before_its_template_is_held_then_decoded_and_a_never_sent_template_is_counted()
    {
        var encoder = FlowDatagramEncoder.Create(ExportProtocol.Ipfix, new ExportOptions());
        var datagrams = Encode(encoder, Mix(300));
        var first = datagrams[0];
        var (templates, data) = SplitFirstSet(first);
        var decoder = new TelemetryDecoder();
        var sink = new RecordingSink();

        // The data set alone: nothing decoded, the set held.
        decoder.Decode(data, Source, 0, ref sink);
        sink.Events.Should().BeEmpty();
        var held = decoder.CountersOf(Source)!.SetsHeldForTemplate;
        held.Should().BePositive();

        // Then the templates: the held set is decoded.
        decoder.Decode(templates, Source, 0, ref sink);
        var counters = decoder.CountersOf(Source)!;
        counters.SetsReplayed.Should().Be(held);
        var expected = RecordingSink.Decode([first]).Sink.Flows.Count();
        sink.Flows.Should().HaveCount(expected);

        // A set for a template that never comes is dropped at flush and counted.
        var orphan = (byte[])data.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(orphan.AsSpan(16), 999);
        decoder.Decode(orphan, Source, 0, ref sink);
        decoder.Flush();
        counters.Errors(DecodeErrorKind.TemplateNeverArrived).Should().Be(1);
    }

    [Fact]
    public void Held_sets_stay_within_their_byte_budget()
    {
        var decoder = new TelemetryDecoder(new TelemetryDecoderOptions { MaxHeldBytesPerExporter = 10_000 });
        var sink = new NullSink();
        var message = new byte[16 + 1004];
        BinaryPrimitives.WriteUInt16BigEndian(message, 10);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)message.Length);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16), 4000);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(18), 1004);
        for (var i = 0; i < 100; i++)
            decoder.Decode(message, Source, 0, ref sink);
        var counters = decoder.CountersOf(Source)!;
        counters.SetsHeldForTemplate.Should().Be(100);
        counters.Errors(DecodeErrorKind.TemplateNeverArrived).Should().Be(90, "ten 1000-byte sets fit in 10,000 bytes");
    }

    [Fact]
    public void Records_without_a_known_sampling_rate_are_counted_unless_a_default_is_set()
    {
        var encoder = FlowDatagramEncoder.Create(ExportProtocol.NetFlowV9, new ExportOptions());
        var datagrams = Encode(encoder, Mix(30));
        var (plain, plainDecoder) = RecordingSink.Decode(datagrams);
        plain.Flows.Should().OnlyContain(r => r.SamplingRate == 0);
        plainDecoder.Exporters.Single().RecordsWithoutSamplingRate.Should().Be(plain.Flows.Count());

        var (rated, ratedDecoder) = RecordingSink.Decode(datagrams, options: new TelemetryDecoderOptions { DefaultSamplingRate = 1 });
        rated.Flows.Should().OnlyContain(r => r.SamplingRate == 1);
        ratedDecoder.Exporters.Single().RecordsWithoutSamplingRate.Should().Be(0);
    }

    /// <summary>An IPFIX message with one template of two fields.</summary>
    private static byte[] IpfixTemplate(ushort id)
    {
        var message = new byte[16 + 4 + 4 + 8];
        BinaryPrimitives.WriteUInt16BigEndian(message, 10);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2), (ushort)message.Length);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(16), 2);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(18), 16);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(20), id);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(22), 2);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(24), 8);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(26), 4);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(28), 2);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(30), 4);
        return message;
    }

    /// <summary>Splits an IPFIX message whose first set is the template set into a templates-only and a data-only message.</summary>
    private static (byte[] Templates, byte[] Data) SplitFirstSet(byte[] message)
    {
        int setLength = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(18));
        var templates = message[..(16 + setLength)];
        var data = message[..16].Concat(message[(16 + setLength)..]).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(templates.AsSpan(2), (ushort)templates.Length);
        BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(2), (ushort)data.Length);
        return (templates, data);
    }

    private struct NullSink : ITelemetrySink
    {
        public readonly void OnRecord(in TelemetryRecord record)
        {
        }
    }
}
