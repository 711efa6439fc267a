using Fennec.Packets.Decoding;
using Fennec.Simulation.Attacks;
using Fennec.Simulation.Network;

namespace Fennec.Simulation.Tests;

/// <summary>One 40-hour capture with every attack kind, shared by the tests that look for the attacks in it.</summary>
public sealed class AttackCaptureFixture : IDisposable
{
    public AttackCaptureFixture()
    {
        Capture = new SimulatedCapture(new SimulationOptions
        {
            Hours = 40,
            Hosts = 12,
            Seed = 7,
            Intensity = 0.1,
            Attacks = [.. AttackKinds.Default, AttackKind.UdpAmplification],
        });
    }

    internal SimulatedCapture Capture { get; }

    public void Dispose() => Capture.Dispose();
}

public class AttackTests(AttackCaptureFixture fixture) : IClassFixture<AttackCaptureFixture>
{
    private const long Second = 1_000_000_000;

    private SimulatedCapture Capture => fixture.Capture;

    private AttackLabel Label(AttackKind kind) => Capture.Result.Labels.Single(l => l.Kind == kind);

    private IEnumerable<SeenPacket> Within(AttackLabel label) => Capture.Packets.Where(p => p.Time >= label.StartNs && p.Time <= label.EndNs);

    private static uint Address(string text) => IpAddress.Parse(text).IPv4Value;

    [Fact]
    public void Every_attack_has_one_label_after_the_clean_day_and_none_overlap()
    {
        var labels = Capture.Result.Labels;
        labels.Select(l => l.Kind).Should().BeEquivalentTo([.. AttackKinds.Default, AttackKind.UdpAmplification]);
        var cleanEnd = Capture.Options.Start.AddHours(24).UtcDateTime;
        labels.Should().OnlyContain(l => l.Start >= cleanEnd && l.End > l.Start && l.End <= Capture.Options.Start.AddHours(40).UtcDateTime);
        labels.Select(l => l.StartNs).Should().BeInAscendingOrder();
        for (var i = 1; i < labels.Count; i++)
            labels[i].StartNs.Should().BeGreaterThan(labels[i - 1].EndNs, "attacks are placed in separate hours");
        labels.Should().Contain(l => l.Start.Hour < 6 || l.Start.Hour >= 22, "some attacks happen at night");
        labels.Should().Contain(l => l.Start.Hour >= 8 && l.Start.Hour < 18, "some attacks happen in office hours");
    }

    [Fact]
    public void Labels_count_the_packets_of_their_attack()
    {
        // A scan's and a brute force's packets are exactly those between the attacker (a fresh address) and the victim.
        foreach (var kind in new[] { AttackKind.PortScan, AttackKind.BruteForce })
        {
            var label = Label(kind);
            var attacker = Address(label.Attacker);
            var victim = Address(label.Victim);
            var count = Capture.Packets.Count(p => (p.Src == attacker && p.Dst == victim) || (p.Src == victim && p.Dst == attacker));
            label.Packets.Should().Be(count, kind.ToString());
        }

        Capture.Result.Labels.Should().OnlyContain(l => l.Packets > 0);
        Capture.Packets.Count.Should().Be((int)Capture.Result.Packets);
    }

    [Fact]
    public void The_port_scan_is_one_source_hitting_hundreds_of_ports_of_the_victim()
    {
        var label = Label(AttackKind.PortScan);
        var attacker = Address(label.Attacker);
        var victim = Address(label.Victim);
        var probes = Within(label).Where(p => p.Src == attacker && p.Dst == victim && p.Flags == TcpFlags.Syn).ToList();
        probes.Select(p => p.DstPort).Distinct().Count().Should().BeGreaterThanOrEqualTo(900);
        (label.EndNs - label.StartNs).Should().BeLessThan(150 * Second);
        var replies = Within(label).Where(p => p.Src == victim && p.Dst == attacker).ToList();
        replies.Count(p => p.Flags == (TcpFlags.Rst | TcpFlags.Ack)).Should().BeGreaterThan(900, "closed ports answer RST-ACK");
        replies.Should().Contain(p => p.Flags == (TcpFlags.Syn | TcpFlags.Ack), "open ports answer SYN-ACK");
        Capture.Packets.Where(p => p.Time < label.StartNs).Should().NotContain(p => p.Src == attacker || p.Dst == attacker);
    }

    [Fact]
    public void The_syn_flood_is_a_thousand_syns_a_second_from_many_sources_to_the_web_server()
    {
        var label = Label(AttackKind.SynFlood);
        label.Victim.Should().Be(SimulatedNetwork.Format(SimulatedNetwork.WebServer));
        label.VictimPort.Should().Be(443);
        var syns = Within(label).Where(p => p.Dst == SimulatedNetwork.WebServer && p.DstPort == 443 && p.Flags == TcpFlags.Syn).ToList();
        syns.Count.Should().BeGreaterThanOrEqualTo(100_000);
        syns.Select(p => p.Src).Distinct().Count().Should().BeGreaterThanOrEqualTo(50_000);
        var seconds = (label.EndNs - label.StartNs) / (double)Second;
        (syns.Count / seconds).Should().BeGreaterThan(1000);
        var synAcks = Within(label).Count(p => p.Src == SimulatedNetwork.WebServer && p.Flags == (TcpFlags.Syn | TcpFlags.Ack));
        synAcks.Should().BeInRange(syns.Count / 4, syns.Count - 1, "the server answers part of the flood");
    }

    [Fact]
    public void The_brute_force_is_hundreds_of_short_ssh_connections_from_one_host()
    {
        var label = Label(AttackKind.BruteForce);
        var attacker = Address(label.Attacker);
        var packets = Within(label).Where(p => p.Src == attacker || p.Dst == attacker).ToList();
        var connections = packets.Where(p => p.Flags == TcpFlags.Syn && p.DstPort == 22 && p.Dst == SimulatedNetwork.SshServer).ToList();
        connections.Count.Should().BeGreaterThanOrEqualTo(300);
        connections.Select(p => p.SrcPort).Distinct().Count().Should().BeGreaterThan(250);
        packets.Count(p => (p.Flags & TcpFlags.Fin) != 0).Should().BeGreaterThanOrEqualTo(2 * connections.Count, "each connection is closed");
        (packets.Count / (double)connections.Count).Should().BeInRange(15, 40, "each is a handshake, a few small packets each way, and a close");
        (label.EndNs - label.StartNs).Should().BeInRange(14 * 60 * Second, 26 * 60 * Second);
    }

    [Fact]
    public void The_exfiltration_uploads_hundreds_of_megabytes_to_a_new_peer()
    {
        var label = Label(AttackKind.Exfiltration);
        var host = Address(label.Attacker);
        var receiver = Address(label.Victim);
        SimulatedNetwork.IsWorkstation(host).Should().BeTrue();
        var outbound = Within(label).Where(p => p.Src == host && p.Dst == receiver).Sum(p => (long)p.Payload);
        var inbound = Within(label).Where(p => p.Src == receiver && p.Dst == host).Sum(p => (long)p.Payload);
        outbound.Should().BeGreaterThanOrEqualTo(300_000_000);
        inbound.Should().BeLessThan(outbound / 1000);
        (label.EndNs - label.StartNs).Should().BeInRange(29 * 60 * Second, 61 * 60 * Second);
        Capture.Packets.Where(p => p.Time < label.StartNs).Should().NotContain(p => p.Src == receiver || p.Dst == receiver);
    }

    [Fact]
    public void The_new_country_peers_appear_nowhere_before_the_attack()
    {
        var label = Label(AttackKind.NewCountry);
        var peers = label.Victim.Split(';').Select(Address).ToHashSet();
        var hosts = label.Attacker.Split(';').Select(Address).ToHashSet();
        peers.Should().NotBeEmpty();
        hosts.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(h => SimulatedNetwork.IsWorkstation(h));
        Capture.Packets.Where(p => p.Time < label.StartNs).Should().NotContain(p => peers.Contains(p.Src) || peers.Contains(p.Dst));
        var flows = Within(label).Where(p => peers.Contains(p.Dst) && hosts.Contains(p.Src) && p.Flags == TcpFlags.Syn).ToList();
        flows.Count.Should().BeGreaterThanOrEqualTo(hosts.Count * 2);
        CountryPrefixes.Rare.Should().Contain(prefix => peers.All(prefix.Contains) || peers.Any(prefix.Contains));
        CountryPrefixes.Normal.Should().NotContain(prefix => peers.Any(prefix.Contains));
    }

    [Fact]
    public void The_udp_amplification_is_large_datagrams_from_many_reflector_ports()
    {
        var label = Label(AttackKind.UdpAmplification);
        var victim = Address(label.Victim);
        var flood = Within(label).Where(p => p.Dst == victim && p.Protocol == 17 && p.DstPort == label.VictimPort).ToList();
        flood.Count.Should().BeGreaterThan(100_000);
        flood.Should().OnlyContain(p => (p.SrcPort == 53 || p.SrcPort == 123 || p.SrcPort == 11211) && p.Payload >= 1200);
        flood.Select(p => p.Src).Distinct().Count().Should().BeGreaterThanOrEqualTo(50);
    }

    [Fact]
    public void The_capture_reads_back_complete_and_in_time_order()
    {
        var packets = Capture.Packets;
        packets.Should().OnlyContain(p => p.Status == DecodeStatus.Complete);
        for (var i = 1; i < packets.Count; i++)
        {
            if (packets[i].Time < packets[i - 1].Time)
                Assert.Fail($"packet {i + 1} at {packets[i].Time} is earlier than the one before ({packets[i - 1].Time})");
        }

        var start = Capture.Options.Start.ToUnixTimeMilliseconds() * 1_000_000;
        packets[0].Time.Should().BeGreaterThanOrEqualTo(start);
        packets[^1].Time.Should().BeLessThan(start + (40 * 3600 * Second));
        packets.Should().OnlyContain(p => p.WireLength >= 60 && p.WireLength <= 1514);
    }

    [Fact]
    public void Normal_traffic_keeps_to_the_site_and_its_known_peers()
    {
        // Every packet has one end inside the home network (no transit traffic), and outside ends of normal traffic lie
        // in the built-in table of normal countries.
        var attackers = Capture.Result.Labels
            .Where(l => l.Kind == AttackKind.NewCountry)
            .SelectMany(l => l.Victim.Split(';')).Select(Address).ToHashSet();
        foreach (var p in Capture.Packets)
        {
            if (!SimulatedNetwork.IsInside(p.Src) && !SimulatedNetwork.IsInside(p.Dst))
                Assert.Fail($"{SimulatedNetwork.Format(p.Src)} to {SimulatedNetwork.Format(p.Dst)} does not touch the site");
            var outside = SimulatedNetwork.IsInside(p.Src) ? p.Dst : p.Src;
            if (SimulatedNetwork.IsInside(outside) || attackers.Contains(outside))
                continue;
            if (!CountryPrefixes.Normal.Any(prefix => prefix.Contains(outside)))
                Assert.Fail($"{SimulatedNetwork.Format(outside)} is outside every normal network");
        }
    }
}
