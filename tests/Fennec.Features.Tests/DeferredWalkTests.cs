using System.Globalization;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;

namespace Fennec.Features.Tests;

/// <summary>
/// Deferred pair walks against the reference's walk-everything order: on traffic built to reach every path (busy
/// servers with hundreds of client sockets, clients of several busy servers, busy streams paired with each other,
/// self-pairs, colliding keys, ARP, equal and backward timestamps, long silences), every feature must be the same
/// bits whatever the deferral degree, bounded or not, saved and restored or not.
/// </summary>
public sealed class DeferredWalkTests
{
    private const int Never = int.MaxValue;

    internal static IEnumerable<PacketFields> Traffic(int seed, int packets)
    {
        var random = new Random(seed);
        string[] servers = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.12"];
        string[] serverPorts = ["443", "80", "22", "3"];
        var clients = Enumerable.Range(0, 60).Select(i => $"192.168.{i / 10}.{(i % 10) + 1}").ToArray();
        var time = 1_700_000_000.0;
        for (var i = 0; i < packets; i++)
        {
            var roll = random.NextDouble();
            time += roll switch
            {
                < 0.02 => -random.NextDouble() * 0.5, // a clock step back
                < 0.10 => 0, // same timestamp
                < 0.1015 => 300 + (random.NextDouble() * 2000), // a long silence: streams expire
                _ => random.NextDouble() * random.NextDouble() * 0.2,
            };

            var f = new PacketFields { Timestamp = Math.Round(time, 6), FrameLength = 60 + random.Next(4) * random.Next(400) };
            var kind = random.Next(100);
            string src, dst, srcPort, dstPort;
            if (kind < 2)
            {
                // Loopback: a self-pair in every table.
                src = dst = "127.0.0.1";
                srcPort = dstPort = "5353";
            }
            else if (kind < 4)
            {
                // "10.0.0.1"+"23" and "10.0.0.12"+"3" are the same socket key in the reference.
                (src, srcPort) = random.Next(2) == 0 ? ("10.0.0.1", "23") : ("10.0.0.12", "3");
                (dst, dstPort) = (clients[random.Next(clients.Length)], random.Next(1024, 1100).ToString(CultureInfo.InvariantCulture));
            }
            else if (kind < 8)
            {
                // Server to server: busy streams paired with each other.
                var a = random.Next(servers.Length);
                var b = (a + 1 + random.Next(servers.Length - 1)) % servers.Length;
                (src, srcPort, dst, dstPort) = (servers[a], serverPorts[a], servers[b], serverPorts[b]);
            }
            else if (kind < 10)
            {
                f.SrcMac.TrySet($"02:00:00:00:00:{random.Next(8):x2}");
                f.DstMac.TrySet("ff:ff:ff:ff:ff:ff");
                f.SrcIp.TrySet(clients[random.Next(clients.Length)]);
                f.DstIp.TrySet(servers[random.Next(servers.Length)]);
                f.SrcProto.TrySet(PacketFields.Arp);
                f.DstProto.TrySet(PacketFields.Arp);
                yield return f;
                continue;
            }
            else
            {
                // A client socket (a few hundred ephemeral ports in all) and a server, either direction.
                var s = random.Next(servers.Length);
                var client = clients[random.Next(clients.Length)];
                var port = (1024 + random.Next(400)).ToString(CultureInfo.InvariantCulture);
                (src, srcPort, dst, dstPort) = random.Next(2) == 0 ? (client, port, servers[s], serverPorts[s]) : (servers[s], serverPorts[s], client, port);
            }

            f.SrcMac.TrySet($"02:00:00:00:{src.Length:x2}:{src[^1] & 0xff:x2}");
            f.DstMac.TrySet($"02:00:00:00:{dst.Length:x2}:{dst[^1] & 0xff:x2}");
            f.SrcIp.TrySet(src);
            f.DstIp.TrySet(dst);
            f.SrcProto.TrySet(srcPort);
            f.DstProto.TrySet(dstPort);
            yield return f;
        }
    }

    [Theory]
    [InlineData(1, null, null)]
    [InlineData(2, null, null)]
    [InlineData(7, null, null)]
    [InlineData(1, 1e-3, null)]
    [InlineData(3, 1e-3, null)]
    [InlineData(1, null, 150)]
    [InlineData(4, 1e-2, 120)]
    public void Deferred_walks_give_the_reference_walks_features_bit_for_bit(int degree, double? expiry, int? maxStreams)
    {
        var eager = new AfterImageExtractor(new AfterImageOptions { ExpiryWeight = expiry, MaxStreamsPerTable = maxStreams, DeferralDegree = Never });
        var deferred = new AfterImageExtractor(new AfterImageOptions { ExpiryWeight = expiry, MaxStreamsPerTable = maxStreams, DeferralDegree = degree });
        var expected = new double[100];
        var actual = new double[100];
        var index = 0;
        var deferredSeen = 0;
        foreach (var packet in Traffic(degree * 31, 40_000))
        {
            eager.Update(packet, expected);
            deferred.Update(packet, actual);
            AfterImageGoldenTests.AssertRow(expected, actual, index++);
            if (index % 1000 == 0)
                deferredSeen = Math.Max(deferredSeen, deferred.SocketTable.DeferredStreams + deferred.ChannelTable.DeferredStreams);
        }

        deferredSeen.Should().BePositive("the traffic must make some streams busy enough to defer");
        eager.SocketTable.DeferredStreams.Should().Be(0);
        var (e, d) = (eager.Statistics, deferred.Statistics);
        (d.Streams, d.Pairs, d.Evicted, d.Expired).Should().Be((e.Streams, e.Pairs, e.Evicted, e.Expired));
        if (expiry is not null)
            e.Expired.Should().BePositive();
        if (maxStreams is not null)
            e.Evicted.Should().BePositive();
    }

    [Fact]
    public void A_table_saved_while_deferring_restores_and_continues_bit_for_bit()
    {
        var packets = Traffic(5, 30_000).ToList();
        var eager = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = Never });
        var deferred = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = 2 });
        var expected = new double[100];
        var actual = new double[100];
        for (var i = 0; i < 15_000; i++)
        {
            eager.Update(packets[i], expected);
            deferred.Update(packets[i], actual);
        }

        deferred.SocketTable.DeferredStreams.Should().BePositive();
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
            deferred.Save(writer);
        memory.Position = 0;
        using var reader = new BinaryReader(memory);
        var restored = AfterImageExtractor.Load(reader, new AfterImageOptions { DeferralDegree = 2 });
        restored.Statistics.Should().Be(deferred.Statistics);

        var restoredFeatures = new double[100];
        for (var i = 15_000; i < packets.Count; i++)
        {
            eager.Update(packets[i], expected);
            deferred.Update(packets[i], actual);
            restored.Update(packets[i], restoredFeatures);
            AfterImageGoldenTests.AssertRow(expected, actual, i);
            AfterImageGoldenTests.AssertRow(expected, restoredFeatures, i);
        }
    }

    [Fact]
    public void Logs_over_their_shared_budget_are_applied_and_emptied_with_the_reference_features()
    {
        const int budget = 300;
        var eager = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = Never });
        var unbudgeted = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = 2 });
        var deferred = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = 2 });
        deferred.SocketTable.SetLogBudget(budget);
        deferred.ChannelTable.SetLogBudget(budget);
        var expected = new double[100];
        var actual = new double[100];
        var scratch = new double[100];
        long mostHeld = 0, mostUnbudgeted = 0;
        var index = 0;
        foreach (var packet in Traffic(7, 30_000))
        {
            eager.Update(packet, expected);
            deferred.Update(packet, actual);
            unbudgeted.Update(packet, scratch);
            AfterImageGoldenTests.AssertRow(expected, actual, index++);
            foreach (var table in new[] { deferred.SocketTable, deferred.ChannelTable })
            {
                table.LoggedEntries.Should().Be(table.LogEntriesHeld, "the running count must match the logs (packet {0})", index);
                mostHeld = Math.Max(mostHeld, table.LoggedEntries);
            }

            mostUnbudgeted = Math.Max(mostUnbudgeted, Math.Max(unbudgeted.SocketTable.LoggedEntries, unbudgeted.ChannelTable.LoggedEntries));
        }

        mostUnbudgeted.Should().BeGreaterThan(budget, "the traffic must log more than the budget when nothing bounds it");
        mostHeld.Should().BeLessThanOrEqualTo(budget);
    }

    [Fact]
    public void A_log_that_a_forgotten_pair_holds_back_is_applied_before_it_outgrows_its_bound()
    {
        // A client socket sends once and never again, so its pair with the busy server never asks for the server's
        // inserts; the log cannot be trimmed past them and must be applied instead, with the reference's features.
        var eager = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = Never });
        var deferred = new AfterImageExtractor(new AfterImageOptions { DeferralDegree = 2 });
        var expected = new double[100];
        var actual = new double[100];
        var time = 1_700_000_000.0;
        var longest = 0;
        for (var i = 0; i < 150_000; i++)
        {
            time += 0.001 * (1 + (i % 3));
            var f = new PacketFields { Timestamp = time, FrameLength = 100 + (i % 7) };
            f.SrcMac.TrySet("02:00:00:00:00:01");
            f.DstMac.TrySet("02:00:00:00:00:02");
            var fromClient = i == 0 || i % 50 == 1;
            f.SrcIp.TrySet(fromClient ? "192.168.0.9" : "10.0.0.1");
            f.DstIp.TrySet(fromClient ? "10.0.0.1" : "192.168.0.9");
            f.SrcProto.TrySet(fromClient ? (i == 0 ? "1023" : "1024") : "443");
            f.DstProto.TrySet(fromClient ? "443" : "1024");
            eager.Update(f, expected);
            deferred.Update(f, actual);
            AfterImageGoldenTests.AssertRow(expected, actual, i);
            longest = Math.Max(longest, deferred.SocketTable.LongestLog);
        }

        deferred.SocketTable.DeferredStreams.Should().BePositive();
        longest.Should().BeGreaterThan(StreamTable.MaxLogEntries / 2).And.BeLessThanOrEqualTo(StreamTable.MaxLogEntries);
    }
}
