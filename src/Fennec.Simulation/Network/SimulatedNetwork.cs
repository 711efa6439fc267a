using System.Globalization;

namespace Fennec.Simulation.Network;

/// <summary>
/// The simulated site: inside hosts in <see cref="HomeNetwork"/> (four servers and workstations) behind one gateway,
/// and the outside peers normal traffic uses, each with habits drawn once from the seed so that days resemble each
/// other. Attack addresses are drawn fresh from it, so they never appear in normal traffic.
/// </summary>
public sealed class SimulatedNetwork
{
    /// <summary>The inside network.</summary>
    public const string HomeNetwork = "10.0.0.0/16";

    /// <summary>The gateway (10.0.0.1): every frame to or from outside carries its MAC address.</summary>
    public const uint Gateway = 0x0A00_0001;

    /// <summary>The DNS resolver (10.0.0.2).</summary>
    public const uint DnsServer = 0x0A00_0002;

    /// <summary>The file server (10.0.0.3, TCP 445).</summary>
    public const uint FileServer = 0x0A00_0003;

    /// <summary>The web server (10.0.0.4, TCP 443, reached from outside).</summary>
    public const uint WebServer = 0x0A00_0004;

    /// <summary>The SSH server (10.0.0.5, TCP 22).</summary>
    public const uint SshServer = 0x0A00_0005;

    private const int ServiceCount = 150, WebClientCount = 400, AdminCount = 2;

    private static readonly (string Country, double RttMs)[] CountryRtt =
    [
        ("US", 85), ("CA", 95), ("DE", 18), ("NL", 12), ("GB", 15), ("FR", 20), ("IE", 22), ("SE", 30), ("JP", 230),
        ("SG", 170), ("AU", 250), ("KP", 310), ("IR", 110), ("BY", 45), ("CU", 160), ("VE", 150),
    ];

    private readonly HashSet<uint> _usedOutside = [];
    private uint _nextName = 100_000;

    /// <summary>Builds the site for <paramref name="hosts"/> inside hosts from <paramref name="seed"/>.</summary>
    public SimulatedNetwork(int hosts, ulong seed)
    {
        var random = SimulationRandom.For(seed, 0x4E45_5457); // "NETW"
        var inside = new List<SimulatedHost>
        {
            new(DnsServer, HostRole.DnsResolver),
            new(FileServer, HostRole.FileServer),
            new(WebServer, HostRole.WebServer),
            new(SshServer, HostRole.SshServer),
        };
        for (var i = 0; i < hosts - 4; i++)
            inside.Add(new SimulatedHost(0x0A00_0000u | (uint)((1 + (i / 250)) << 8) | (uint)(10 + (i % 250)), HostRole.Workstation));
        Hosts = inside;
        Workstations = [.. inside.Where(h => h.Role == HostRole.Workstation).Select(h => h.Address)];

        // 8.8.8.8, 1.1.1.1 and 9.9.9.9; time.google.com's 216.239.35.0 and .4 and a German pool server.
        Upstreams = [Fixed(0x0808_0808, "US", 12), Fixed(0x0101_0101, "AU", 10), Fixed(0x0909_0909, "US", 15)];
        NtpServers = [Fixed(0xD8EF_2300, "US", 20), Fixed(0xD8EF_2304, "US", 20), Fixed(NewAddress(ref random, "DE"), "DE", 18)];

        Services = [.. Enumerable.Range(0, ServiceCount).Select(i => NewPeer(ref random, PickCountry(ref random), (uint)(i + 1)))];
        ServicePopularity = Cumulative(ServiceCount, i => 1.0 / Math.Pow(i + 1, 0.9));
        WebClients = [.. Enumerable.Range(0, WebClientCount).Select(_ => NewPeer(ref random, PickCountry(ref random), 0))];
        WebClientPopularity = Cumulative(WebClientCount, i => 1.0 / Math.Pow(i + 1, 0.8));
        Admins = [.. Enumerable.Range(0, AdminCount).Select(_ => NewPeer(ref random, random.Chance(0.5) ? "DE" : "NL", 0))];
        Habits = [.. Workstations.Select(_ => NewHabits(ref random))];
    }

    /// <summary>The inside hosts: the DNS resolver, file, web and SSH servers, then the workstations.</summary>
    public IReadOnlyList<SimulatedHost> Hosts { get; }

    /// <summary>The workstations' addresses.</summary>
    internal uint[] Workstations { get; }

    /// <summary>Public resolvers the inside resolver forwards to.</summary>
    internal OutsidePeer[] Upstreams { get; }

    /// <summary>NTP servers the hosts poll.</summary>
    internal OutsidePeer[] NtpServers { get; }

    /// <summary>Outside services (web sites, CDNs, clouds) the workstations use.</summary>
    internal OutsidePeer[] Services { get; }

    /// <summary>Cumulative popularity over <see cref="Services"/>.</summary>
    internal double[] ServicePopularity { get; }

    /// <summary>Outside clients of the web server.</summary>
    internal OutsidePeer[] WebClients { get; }

    /// <summary>Cumulative popularity over <see cref="WebClients"/>.</summary>
    internal double[] WebClientPopularity { get; }

    /// <summary>Outside administrators who log in to the SSH server.</summary>
    internal OutsidePeer[] Admins { get; }

    /// <summary>The habits of each workstation, in the order of <see cref="Workstations"/>.</summary>
    internal WorkstationHabits[] Habits { get; }

    /// <summary>True when <paramref name="address"/> (host order) is in <see cref="HomeNetwork"/>.</summary>
    public static bool IsInside(uint address) => (address >> 16) == 0x0A00;

    /// <summary>True for workstation addresses (10.0.1.0 and up), false for the servers in 10.0.0.0/24.</summary>
    public static bool IsWorkstation(uint address) => IsInside(address) && ((address >> 8) & 0xFF) != 0;

    /// <summary>An IPv4 address (host order) as dotted text.</summary>
    public static string Format(uint address) => string.Create(CultureInfo.InvariantCulture,
        $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    /// <summary>The round-trip time of a peer in <paramref name="country"/>, with some spread.</summary>
    internal static long Rtt(ref SimulationRandom random, string country)
    {
        var ms = CountryRtt.FirstOrDefault(c => c.Country == country).RttMs;
        return (long)((ms == 0 ? 100 : ms) * random.Uniform(0.8, 1.3) * 1_000_000);
    }

    /// <summary>A peer at an address never used before in <paramref name="country"/>, with its own DNS name.</summary>
    internal OutsidePeer NewAttackPeer(ref SimulationRandom random, string country) => NewPeer(ref random, country, _nextName++);

    /// <summary>An outside address never used before, drawn from <paramref name="country"/>'s networks.</summary>
    internal uint NewAddress(ref SimulationRandom random, string country)
    {
        var prefixes = CountryPrefixes.Of(country);
        while (true)
        {
            var prefix = prefixes[random.Next(prefixes.Count)];
            var address = prefix.At((long)(random.NextUInt64() >> 1));
            if ((address & 0xFF) is 0 or 255 || !_usedOutside.Add(address))
                continue;
            return address;
        }
    }

    /// <summary>A random address in one of the normal countries' networks (spoofed sources, reflectors).</summary>
    internal static uint RandomNormalAddress(ref SimulationRandom random)
    {
        var prefix = CountryPrefixes.Normal[random.Next(CountryPrefixes.Normal.Count)];
        return prefix.At((long)(random.NextUInt64() >> 1)) | 1;
    }

    /// <summary>A country for a new normal peer, by <see cref="CountryPrefixes.PeerWeights"/>.</summary>
    internal static string PickCountry(ref SimulationRandom random)
    {
        var weights = CountryPrefixes.PeerWeights;
        Span<double> cumulative = stackalloc double[weights.Count];
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
            cumulative[i] = total += weights[i].Weight;
        return weights[random.Pick(cumulative)].Country;
    }

    private OutsidePeer Fixed(uint address, string country, double rttMs)
    {
        _usedOutside.Add(address);
        return new OutsidePeer(address, country, (long)(rttMs * 1_000_000), 500, 1e6, 0);
    }

    private OutsidePeer NewPeer(ref SimulationRandom random, string country, uint name) => new(
        NewAddress(ref random, country),
        country,
        Rtt(ref random, country),
        Math.Clamp(random.LogNormal(12_000, 1.0), 1_000, 400_000),
        Math.Exp(random.Uniform(Math.Log(2e6), Math.Log(30e6))),
        name);

    private WorkstationHabits NewHabits(ref SimulationRandom random)
    {
        var count = random.Next(6, 17);
        var peers = new List<int>();
        while (peers.Count < count)
        {
            var peer = random.Pick(ServicePopularity);
            if (!peers.Contains(peer))
                peers.Add(peer);
        }

        return new WorkstationHabits
        {
            SessionsPerHour = random.Uniform(12, 40),
            FileSessionsPerHour = random.Uniform(0.3, 4),
            VolumeScale = random.LogNormal(1, 0.5),
            Peers = [.. peers],
            PeerWeights = Cumulative(count, i => 1.0 / Math.Pow(i + 1, 1.1)),
            BackgroundPeer = random.Next(10),
            NtpServer = random.Next(NtpServers.Length),
            NtpPhaseNs = (long)(random.NextDouble() * 1024e9),
        };
    }

    private static double[] Cumulative(int count, Func<int, double> weight)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var i = 0; i < count; i++)
            cumulative[i] = total += weight(i);
        return cumulative;
    }
}
