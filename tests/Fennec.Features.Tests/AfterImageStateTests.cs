using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Features.Tests;

/// <summary>Saving and restoring AfterImage, and its memory bounds.</summary>
public sealed class AfterImageStateTests(ITestOutputHelper output)
{
    private static PacketFields Packet(double time, string src, string dst, int srcPort, int dstPort, int length = 100)
    {
        var f = new PacketFields { Timestamp = time, FrameLength = length };
        f.SrcMac.TrySet("aa:aa:aa:aa:aa:01");
        f.DstMac.TrySet("aa:aa:aa:aa:aa:02");
        f.SrcIp.TrySet(src);
        f.DstIp.TrySet(dst);
        f.SrcProto.TrySet(srcPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        f.DstProto.TrySet(dstPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return f;
    }

    [CorpusFact]
    public void A_restored_state_continues_bit_for_bit()
    {
        var rows = KitsuneGolden.Load("ppa_ftp_crack").ParsedFields();
        var original = new AfterImageExtractor();
        var features = new double[100];
        for (var i = 0; i < 10_000; i++)
            original.Update(KitsuneGolden.ToFields(rows[i]), features);

        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
            original.Save(writer);
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        var restored = AfterImageExtractor.Load(reader);
        restored.Statistics.Should().Be(original.Statistics);

        var restoredFeatures = new double[100];
        for (var i = 10_000; i < rows.Count; i++)
        {
            var fields = KitsuneGolden.ToFields(rows[i]);
            original.Update(fields, features);
            restored.Update(fields, restoredFeatures);
            AfterImageGoldenTests.AssertRow(features, restoredFeatures, i);
        }

        output.WriteLine($"saved state: {memory.Length} bytes for {original.Statistics.Streams} streams");
    }

    [Fact]
    public void A_hard_bound_holds_on_a_spoofed_flood_and_counts_evictions()
    {
        var extractor = new AfterImageExtractor(new AfterImageOptions { MaxStreamsPerTable = 100 });
        var features = new double[100];
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            var src = $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}";
            extractor.Update(Packet(i * 0.001, src, "192.0.2.1", random.Next(1024, 65536), 80), features);
            features.Should().OnlyContain(v => double.IsFinite(v));
            extractor.SourceTable.StreamCount.Should().BeLessThanOrEqualTo(100);
            extractor.SocketTable.StreamCount.Should().BeLessThanOrEqualTo(100);
        }

        var stats = extractor.Statistics;
        stats.Evicted.Should().BeGreaterThan(70_000);
        stats.Streams.Should().BeLessThanOrEqualTo(400);
        output.WriteLine(stats.ToString());
    }

    [Fact]
    public void The_busy_server_survives_eviction_while_spoofed_sources_come_and_go()
    {
        var extractor = new AfterImageExtractor(new AfterImageOptions { MaxStreamsPerTable = 64 });
        var features = new double[100];
        for (var i = 0; i < 5_000; i++)
        {
            extractor.Update(Packet(i * 0.01, $"10.0.{i / 250}.{i % 250}", "192.0.2.1", 40_000 + (i % 1000), 80), features);
            extractor.Update(Packet((i * 0.01) + 0.001, "192.0.2.1", "198.51.100.7", 80, 40_000), features);
        }

        // The server sends every other packet, so sampling by weight never picks it.
        extractor.ChannelTable.Find("192.0.2.1").Should().BeGreaterThanOrEqualTo(0);
        extractor.Statistics.Evicted.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Quiet_streams_expire_and_a_returning_host_starts_afresh()
    {
        var extractor = new AfterImageExtractor(new AfterImageOptions { ExpiryWeight = 1e-6, SweepPerPacket = 64 });
        var features = new double[100];
        for (var i = 0; i < 100; i++)
            extractor.Update(Packet(i * 0.01, $"10.0.0.{i}", "192.0.2.1", 1000 + i, 80), features);
        var before = extractor.Statistics.Streams;

        // Two hours later (weight at λ = 0.01 halves every 100 s), another host talks to someone else.
        for (var i = 0; i < 50; i++)
            extractor.Update(Packet(7200 + i, "172.16.0.1", "172.16.0.2", 5000, 53), features);

        var after = extractor.Statistics;
        after.Expired.Should().BeGreaterThanOrEqualTo(before - 4);
        after.Streams.Should().BeLessThan(before);

        // A host that returns after expiry gets the features of a new host.
        var fresh = new AfterImageExtractor();
        var expected = new double[100];
        fresh.Update(Packet(7300, "10.0.0.5", "198.51.100.9", 7777, 443), expected);
        extractor.Update(Packet(7300, "10.0.0.5", "198.51.100.9", 7777, 443), features);
        features[..15].Should().Equal(expected[..15]);
    }

    [Fact]
    public void A_state_saved_before_streams_activity_was_kept_still_loads_and_continues()
    {
        var packets = DeferredWalkTests.Traffic(11, 12_000).ToList();
        // The first format had no deferred walks, so the state converted must have none either.
        var original = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = int.MaxValue });
        var features = new double[100];
        for (var i = 0; i < 6_000; i++)
            original.Update(packets[i], features);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
            original.Save(writer);

        using var reader = new BinaryReader(new MemoryStream(AsVersionOne(memory.ToArray())));
        var restored = AfterImageExtractor.Load(reader);
        restored.Statistics.Should().Be(original.Statistics);
        var restoredFeatures = new double[100];
        for (var i = 6_000; i < packets.Count; i++)
        {
            original.Update(packets[i], features);
            restored.Update(packets[i], restoredFeatures);
            AfterImageGoldenTests.AssertRow(features, restoredFeatures, i);
        }
    }

    /// <summary>Rewrites a saved state in the first format: no version mark, no activity per stream.</summary>
    private static byte[] AsVersionOne(byte[] saved)
    {
        using var input = new BinaryReader(new MemoryStream(saved));
        using var memory = new MemoryStream();
        using var output = new BinaryWriter(memory);
        input.ReadInt64().Should().Be(-2, "the state starts with its version, negated");
        output.Write(input.ReadInt64());
        for (var table = 0; table < 4; table++)
        {
            output.Write(input.ReadBoolean());
            output.Write(input.ReadInt32());
            output.Write(input.ReadInt64());
            output.Write(input.ReadInt64());
            output.Write(input.ReadInt32());
            var streams = input.ReadInt32();
            output.Write(streams);
            for (var n = 0; n < streams; n++)
            {
                output.Write(input.ReadString());
                output.Write(input.ReadDouble());
                input.ReadDouble(); // activity: weight
                input.ReadDouble(); // activity: time
                for (var k = 0; k < DecayFactors.Count; k++)
                {
                    for (var v = 0; v < 8; v++)
                        output.Write(input.ReadDouble());
                    output.Write(input.ReadByte());
                }
            }

            var pairs = input.ReadInt32();
            output.Write(pairs);
            for (var p = 0; p < pairs; p++)
            {
                output.Write(input.ReadInt32());
                output.Write(input.ReadInt32());
                for (var v = 0; v < 1 + (4 * DecayFactors.Count); v++)
                    output.Write(input.ReadDouble());
            }

            for (var n = 0; n < streams; n++)
            {
                var count = input.ReadInt32();
                output.Write(count);
                for (var i = 0; i < count; i++)
                    output.Write(input.ReadInt32());
            }

            input.ReadInt64(); // deferred walks: the sequence, each pair's cursors, the logs (none here)
            for (var p = 0; p < pairs * 4; p++)
                input.ReadInt64();
            input.ReadInt32().Should().Be(0);
        }

        input.BaseStream.Position.Should().Be(saved.Length);
        return memory.ToArray();
    }
}
