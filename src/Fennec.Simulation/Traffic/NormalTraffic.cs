using Fennec.Simulation.Network;

namespace Fennec.Simulation.Traffic;

/// <summary>
/// The site's everyday traffic, one hour at a time: workstations browsing their usual services (DNS first, then
/// HTTPS), reading files on the file server, polling NTP and an update service; outside clients visiting the web
/// server; administrators on the SSH server. Rates follow <see cref="Diurnal"/>; each hour and each host-day has its
/// own random stream, so an hour's traffic depends only on the seed and the hour.
/// </summary>
internal sealed class NormalTraffic
{
    private const long HourNs = 3_600_000_000_000;
    private const long NtpPollNs = 1_024_000_000_000;
    private const double WebVisitsPerHour = 70, AdminSessionsPerHour = 0.5, BackgroundPerHour = 1.2;
    private const ulong HourStream = 0x484F_5552, DayStream = 0x4441_5953; // "HOUR", "DAYS"

    private readonly SimulatedNetwork _network;
    private readonly ulong _seed;
    private readonly double _intensity;

    public NormalTraffic(SimulatedNetwork network, ulong seed, double intensity)
    {
        _network = network;
        _seed = seed;
        _intensity = intensity;
    }

    /// <summary>Adds the sessions that start in the hour beginning at <paramref name="hourStart"/>.</summary>
    public void Generate(EventBuffer events, long hourStart)
    {
        var hour = (ulong)(hourStart / HourNs);
        var random = SimulationRandom.For(_seed, HourStream, hour);
        var utc = DateTime.UnixEpoch.AddTicks(hourStart / 100);
        var activity = Diurnal.Activity(utc);
        var day = hour / 24;

        var workstations = _network.Workstations;
        for (var i = 0; i < workstations.Length; i++)
        {
            var host = workstations[i];
            var habits = _network.Habits[i];
            var dayRandom = SimulationRandom.For(_seed, DayStream, (day << 16) | (uint)i);
            var dayFactor = dayRandom.LogNormal(1, 0.25);
            var scale = activity * dayFactor * _intensity;

            var sessions = random.Poisson(habits.SessionsPerHour * scale);
            for (var s = 0; s < sessions; s++)
            {
                var peer = _network.Services[habits.Peers[random.Pick(habits.PeerWeights)]];
                Browse(events, ref random, host, peer, hourStart + RandomOffset(ref random), habits.VolumeScale);
            }

            var background = random.Poisson(BackgroundPerHour * _intensity);
            for (var s = 0; s < background; s++)
                Browse(events, ref random, host, _network.Services[habits.BackgroundPeer], hourStart + RandomOffset(ref random), 0.3);

            var files = random.Poisson(habits.FileSessionsPerHour * scale);
            for (var s = 0; s < files; s++)
                FileSession(events, ref random, host, hourStart + RandomOffset(ref random));

            Ntp(events, ref random, host, habits.NtpServer, habits.NtpPhaseNs, hourStart);
        }

        for (var s = 0; s < 4; s++)
            Ntp(events, ref random, _network.Hosts[s].Address, s % _network.NtpServers.Length, (long)(s * 250e9), hourStart);

        var visits = random.Poisson(WebVisitsPerHour * (0.15 + (0.85 * activity)) * _intensity);
        for (var s = 0; s < visits; s++)
            WebVisit(events, ref random, hourStart + RandomOffset(ref random));

        var admins = random.Poisson(AdminSessionsPerHour * activity * _intensity);
        for (var s = 0; s < admins; s++)
        {
            // Half from home over the Internet, half from the first workstation.
            var outside = random.Chance(0.5);
            var admin = outside ? _network.Admins[random.Next(_network.Admins.Length)] : default;
            AdminSession(events, ref random, outside ? admin.Address : workstations[0], outside ? admin.RttNs : 300_000,
                hourStart + RandomOffset(ref random));
        }
    }

    private static long RandomOffset(ref SimulationRandom random) => (long)(random.NextDouble() * HourNs);

    private static ushort EphemeralPort(ref SimulationRandom random) => (ushort)random.Next(49152, 65536);

    private static long InsideDelay(ref SimulationRandom random) => (long)random.Uniform(100_000, 600_000);

    private void Browse(EventBuffer events, ref SimulationRandom random, uint host, OutsidePeer peer, long start, double volumeScale)
    {
        if (random.Chance(0.5))
            start = Lookups.Resolve(events, ref random, _network, start, host, peer.Name, peer.Address, missChance: 0.25) + 200_000;
        var port = random.Chance(0.9) ? (ushort)443 : (ushort)80;
        var tcp = new TcpConversation(events, ref random, host, EphemeralPort(ref random), peer.Address, port, start,
            InsideDelay(ref random), peer.RttNs);
        tcp.Open();
        var exchanges = 1 + random.Poisson(0.8);
        for (var x = 0; x < exchanges; x++)
        {
            if (x > 0)
                tcp.Wait((long)random.Exponential(2e9));
            var response = Math.Clamp(random.LogNormal(peer.MedianResponse * volumeScale, 1.0), 200, 8e6);
            tcp.Exchange(random.Next(200, 1600), (long)response, peer.BytesPerSecond);
        }

        tcp.Wait((long)random.Exponential(1e9));
        var close = random.NextDouble();
        if (close < 0.95)
            tcp.Close(clientFirst: close < 0.65);
        else
            tcp.Reset(fromClient: true);
    }

    private static void FileSession(EventBuffer events, ref SimulationRandom random, uint host, long start)
    {
        var tcp = new TcpConversation(events, ref random, host, EphemeralPort(ref random), SimulatedNetwork.FileServer, 445, start,
            InsideDelay(ref random), InsideDelay(ref random));
        tcp.Open();
        var exchanges = random.Next(3, 30);
        for (var x = 0; x < exchanges; x++)
        {
            tcp.Exchange(random.Next(100, 400), (long)Math.Clamp(random.LogNormal(6_000, 1.5), 100, 4e6), 60e6);
            tcp.Wait((long)random.Exponential(0.5e9));
        }

        tcp.Close(clientFirst: true);
    }

    private void WebVisit(EventBuffer events, ref SimulationRandom random, long start)
    {
        var client = _network.WebClients[random.Pick(_network.WebClientPopularity)];
        var tcp = new TcpConversation(events, ref random, client.Address, EphemeralPort(ref random), SimulatedNetwork.WebServer, 443, start,
            client.RttNs, InsideDelay(ref random));
        tcp.Open();
        var exchanges = random.Next(1, 5);
        for (var x = 0; x < exchanges; x++)
        {
            if (x > 0)
                tcp.Wait((long)random.Exponential(3e9));
            tcp.Exchange(random.Next(300, 900), (long)Math.Clamp(random.LogNormal(20_000, 1.2), 300, 3e6), client.BytesPerSecond);
        }

        tcp.Close(clientFirst: random.Chance(0.6));
    }

    private static void AdminSession(EventBuffer events, ref SimulationRandom random, uint client, long clientDelay, long start)
    {
        var tcp = new TcpConversation(events, ref random, client, EphemeralPort(ref random), SimulatedNetwork.SshServer, 22, start,
            clientDelay, InsideDelay(ref random));
        SshLogin(ref tcp, ref random);
        var keystrokes = random.Next(20, 150);
        for (var k = 0; k < keystrokes; k++)
        {
            tcp.Wait((long)random.Exponential(1.5e9));
            tcp.Exchange(random.Next(36, 100), random.Next(36, 400), 1e6);
        }

        tcp.Close(clientFirst: true);
    }

    /// <summary>An SSH connection up to the authentication result: banners, key exchange, one password attempt.</summary>
    public static void SshLogin(ref TcpConversation tcp, ref SimulationRandom random)
    {
        tcp.Open();
        tcp.Send(fromClient: false, 41, 1e6); // the server's banner comes first
        tcp.Send(fromClient: true, 24, 1e6);
        tcp.Exchange(random.Next(1300, 1500), random.Next(1000, 1100), 1e6); // KEXINIT
        tcp.Exchange(48, random.Next(480, 560), 1e6); // ECDH init and reply
        tcp.Exchange(16, 52, 1e6); // NEWKEYS, service accept
        tcp.Exchange(random.Next(80, 120), 52, 1e6); // a password and its answer
    }

    private void Ntp(EventBuffer events, ref SimulationRandom random, uint host, int serverIndex, long phase, long hourStart)
    {
        var server = _network.NtpServers[serverIndex];
        var first = hourStart + (((phase - hourStart) % NtpPollNs) + NtpPollNs) % NtpPollNs;
        for (var t = first; t < hourStart + HourNs; t += NtpPollNs)
        {
            var jitter = (long)random.Uniform(0, 2e6);
            UdpPackets.Add(events, t + jitter, host, 123, server.Address, 123, PayloadKind.NtpRequest, 48);
            UdpPackets.Add(events, t + jitter + server.RttNs, server.Address, 123, host, 123, PayloadKind.NtpReply, 48);
        }
    }
}
