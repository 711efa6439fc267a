using Fennec.Simulation.Network;
using Fennec.Simulation.Traffic;

namespace Fennec.Simulation.Attacks;

/// <summary>
/// Writes each attack's packets into the event buffer and describes it as a label (the packet count is filled in
/// as the packets are written). Attack addresses are fresh: never used by normal traffic or another attack.
/// </summary>
internal sealed class AttackInjector
{
    private const ulong AttackStream = 0x4154_544B; // "ATTK"
    private const long Second = 1_000_000_000;

    private readonly SimulatedNetwork _network;
    private readonly ulong _seed;

    public AttackInjector(SimulatedNetwork network, ulong seed)
    {
        _network = network;
        _seed = seed;
    }

    /// <summary>Adds the packets of <paramref name="attack"/>, tagged with <paramref name="label"/>, and returns its label.</summary>
    public AttackLabel Inject(EventBuffer events, PlannedAttack attack, byte label)
    {
        var random = SimulationRandom.For(_seed, AttackStream, (ulong)attack.Index);
        var first = events.Count;
        var row = attack.Kind switch
        {
            AttackKind.PortScan => PortScan(events, ref random, attack.StartNs, label),
            AttackKind.SynFlood => SynFlood(events, ref random, attack.StartNs, label),
            AttackKind.BruteForce => BruteForce(events, ref random, attack.StartNs, label),
            AttackKind.Exfiltration => Exfiltration(events, ref random, attack.StartNs, label),
            AttackKind.NewCountry => NewCountry(events, ref random, attack.StartNs, label),
            AttackKind.UdpAmplification => UdpAmplification(events, ref random, attack.StartNs, label),
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack.Kind, "unknown attack kind"),
        };
        var added = events.Events[first..];
        var start = long.MaxValue;
        var end = long.MinValue;
        foreach (ref readonly var e in added)
        {
            start = Math.Min(start, e.Time);
            end = Math.Max(end, e.Time);
        }

        return row with { StartNs = start, EndNs = end };
    }

    private AttackLabel PortScan(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        var attacker = _network.NewAttackPeer(ref random, SimulatedNetwork.PickCountry(ref random));
        var victim = random.Chance(0.5)
            ? _network.Workstations[random.Next(_network.Workstations.Length)]
            : _network.Hosts[random.Next(4)].Address;
        int[] open = victim switch
        {
            SimulatedNetwork.DnsServer => [22, 53],
            SimulatedNetwork.FileServer => [22, 139, 445],
            SimulatedNetwork.WebServer => [22, 80, 443],
            SimulatedNetwork.SshServer => [22],
            _ => [135, 139, 445],
        };
        var ports = Enumerable.Range(1, 1024).ToArray();
        random.Shuffle(ports.AsSpan());
        var count = random.Next(980, 1024);
        var scanned = ports.AsSpan(0, count);
        foreach (var port in open)
        {
            if (!scanned.Contains(port))
                scanned[random.Next(count)] = port;
        }

        var duration = random.Uniform(60, 120) * Second;
        var gap = duration / count;
        var sourcePort = (ushort)random.Next(32768, 61000);
        for (var i = 0; i < count; i++)
        {
            var time = start + (long)((i + (random.NextDouble() * 0.5)) * gap);
            var tcp = new TcpConversation(events, ref random, attacker.Address, sourcePort, victim, (ushort)scanned[i], time,
                attacker.RttNs, 80_000, label);
            if (open.Contains(scanned[i]))
                tcp.HalfOpen();
            else
                tcp.Refused();
        }

        return Label(AttackKind.PortScan, attacker.Address, victim, null,
            $"{Format(attacker.Address)} ({attacker.Country}) SYN-scanned {count} ports of {Format(victim)} in {duration / Second:0} s; " +
            $"open: {string.Join(' ', open)}");
    }

    private static AttackLabel SynFlood(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        var duration = random.Uniform(120, 240);
        var rate = random.Uniform(1200, 2000);
        var count = (int)(duration * rate);
        var gap = Second / rate;
        var answeredShare = random.Uniform(0.4, 0.7);
        for (var i = 0; i < count; i++)
        {
            var time = start + (long)((i + random.NextDouble()) * gap);
            var tcp = new TcpConversation(events, ref random, SimulatedNetwork.RandomNormalAddress(ref random), (ushort)random.Next(1024, 65536),
                SimulatedNetwork.WebServer, 443, time, 0, 60_000, label);
            tcp.SynOnly(answered: random.Chance(answeredShare));
        }

        return Label(AttackKind.SynFlood, null, SimulatedNetwork.WebServer, 443,
            $"{count} SYNs from spoofed sources to {Format(SimulatedNetwork.WebServer)}:443 at {rate:0} a second for {duration:0} s; " +
            $"{answeredShare * 100:0}% answered with SYN-ACK");
    }

    private AttackLabel BruteForce(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        var attacker = _network.NewAttackPeer(ref random, SimulatedNetwork.PickCountry(ref random));
        var duration = random.Uniform(15, 25) * 60 * Second;
        var connections = random.Next(300, 600);
        var gap = duration / connections;
        for (var c = 0; c < connections; c++)
        {
            var time = start + (long)((c + (random.NextDouble() * 0.5)) * gap);
            var tcp = new TcpConversation(events, ref random, attacker.Address, (ushort)random.Next(32768, 61000), SimulatedNetwork.SshServer, 22,
                time, attacker.RttNs, 200_000, label);
            NormalTraffic.SshLogin(ref tcp, ref random);
            var retries = random.Next(0, 3);
            for (var r = 0; r < retries; r++)
                tcp.Exchange(random.Next(80, 120), 52, 1e6);
            tcp.Close(clientFirst: random.Chance(0.7));
        }

        return Label(AttackKind.BruteForce, attacker.Address, SimulatedNetwork.SshServer, 22,
            $"{Format(attacker.Address)} ({attacker.Country}) opened {connections} SSH connections with failed logins in {duration / Second / 60:0} min");
    }

    private AttackLabel Exfiltration(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        var host = _network.Workstations[random.Next(_network.Workstations.Length)];
        var receiver = _network.NewAttackPeer(ref random, SimulatedNetwork.PickCountry(ref random));
        var bytes = (long)(random.Uniform(300, 800) * 1_000_000);
        var duration = random.Uniform(30, 60) * 60;
        var time = Lookups.Resolve(events, ref random, _network, start, host, receiver.Name, receiver.Address, missChance: 1, label) + 300_000;
        var tcp = new TcpConversation(events, ref random, host, (ushort)random.Next(49152, 65536), receiver.Address, 443, time, 200_000,
            receiver.RttNs, label);
        tcp.Open();
        tcp.Exchange(random.Next(300, 600), random.Next(3000, 5000), 1e6); // TLS hellos and certificate
        tcp.Send(fromClient: true, bytes, bytes / duration);
        tcp.Send(fromClient: false, 120, 1e6);
        tcp.Close(clientFirst: true);
        return Label(AttackKind.Exfiltration, host, receiver.Address, 443,
            $"{Format(host)} uploaded {bytes / 1_000_000} MB to {Format(receiver.Address)} ({receiver.Country}), a host it never talked to, in {duration / 60:0} min");
    }

    private AttackLabel NewCountry(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        var countries = CountryPrefixes.RareCountries;
        var country = countries[random.Next(countries.Count)];
        var peers = new OutsidePeer[random.Next(1, 4)];
        for (var i = 0; i < peers.Length; i++)
            peers[i] = _network.NewAttackPeer(ref random, country);
        var workstations = _network.Workstations.ToArray();
        random.Shuffle(workstations.AsSpan());
        var hosts = workstations.AsSpan(0, Math.Min(workstations.Length, random.Next(2, 5))).ToArray();
        var window = random.Uniform(10, 30) * 60 * Second;
        var flows = 0;
        foreach (var host in hosts)
        {
            var sessions = random.Next(2, 6);
            for (var s = 0; s < sessions; s++, flows++)
            {
                var peer = peers[random.Next(peers.Length)];
                // The first flow opens the window, so the label starts when the attack does.
                var time = start + (flows == 0 ? 0 : (long)(random.NextDouble() * window));
                time = Lookups.Resolve(events, ref random, _network, time, host, peer.Name, peer.Address, missChance: 1, label) + 200_000;
                var tcp = new TcpConversation(events, ref random, host, (ushort)random.Next(49152, 65536), peer.Address, 443, time, 200_000,
                    peer.RttNs, label);
                tcp.Open();
                tcp.Exchange(random.Next(300, 1500), (long)Math.Clamp(random.LogNormal(30_000, 1), 1_000, 1e6), 2e6);
                tcp.Close(clientFirst: true);
            }
        }

        return Label(AttackKind.NewCountry, string.Join(';', hosts.Select(Format)), string.Join(';', peers.Select(p => Format(p.Address))), 443,
            $"{hosts.Length} inside hosts exchanged {flows} flows with {peers.Length} hosts in {country}, a country never seen before");
    }

    private AttackLabel UdpAmplification(EventBuffer events, ref SimulationRandom random, long start, byte label)
    {
        ushort[] sourcePorts = [53, 123, 11211];
        var reflectors = new (uint Address, ushort Port)[random.Next(50, 300)];
        for (var i = 0; i < reflectors.Length; i++)
            reflectors[i] = (SimulatedNetwork.RandomNormalAddress(ref random), sourcePorts[random.Next(sourcePorts.Length)]);
        var target = _network.Workstations[random.Next(_network.Workstations.Length)];
        var port = (ushort)random.Next(1024, 65536);
        var duration = random.Uniform(120, 300);
        var rate = random.Uniform(1500, 3000);
        var count = (int)(duration * rate);
        var gap = Second / rate;
        for (var i = 0; i < count; i++)
        {
            var (address, sourcePort) = reflectors[random.Next(reflectors.Length)];
            UdpPackets.Add(events, start + (long)((i + random.NextDouble()) * gap), address, sourcePort, target, port, PayloadKind.Filler,
                random.Next(1200, 1473), seq: random.NextUInt32(), label: label);
        }

        return Label(AttackKind.UdpAmplification, null, target, port,
            $"{reflectors.Length} reflectors sent {count} large UDP answers (source ports 53, 123, 11211) to {Format(target)}:{port} " +
            $"at {rate:0} a second for {duration:0} s");
    }

    private static AttackLabel Label(AttackKind kind, uint? attacker, uint victim, int? port, string description) =>
        Label(kind, attacker is { } a ? Format(a) : "", Format(victim), port, description);

    private static AttackLabel Label(AttackKind kind, string attacker, string victim, int? port, string description) =>
        new(kind, 0, 0, attacker, victim, port, 0, description);

    private static string Format(uint address) => SimulatedNetwork.Format(address);
}
