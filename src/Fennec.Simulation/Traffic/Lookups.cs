using Fennec.Simulation.Network;

namespace Fennec.Simulation.Traffic;

/// <summary>Name resolution as the site does it: ask the inside resolver, which forwards misses to a public one.</summary>
internal static class Lookups
{
    private const long InsideDelayNs = 150_000;

    /// <summary>
    /// <paramref name="client"/> resolves name <paramref name="name"/> to <paramref name="address"/> starting at
    /// <paramref name="time"/>; the resolver forwards with probability <paramref name="missChance"/>. Returns when
    /// the client has the answer.
    /// </summary>
    public static long Resolve(EventBuffer events, ref SimulationRandom random, SimulatedNetwork network, long time, uint client, uint name,
        uint address, double missChance, byte label = 0)
    {
        var port = (ushort)random.Next(1024, 65536);
        var id = random.NextUInt32() & 0xFFFF;
        UdpPackets.Add(events, time, client, port, SimulatedNetwork.DnsServer, 53, PayloadKind.DnsQuery, DnsMessage.QueryLength(name), id, 0, name, label);
        var answered = time + InsideDelayNs;
        if (random.Chance(missChance))
        {
            var upstream = network.Upstreams[random.Next(network.Upstreams.Length)];
            answered = UdpPackets.Dns(events, ref random, time + 50_000, SimulatedNetwork.DnsServer, upstream.Address, upstream.RttNs, name, address, label)
                       + 40_000;
        }

        UdpPackets.Add(events, answered, SimulatedNetwork.DnsServer, 53, client, port, PayloadKind.DnsAnswer, DnsMessage.AnswerLength(name), id, address,
            name, label);
        return answered + InsideDelayNs;
    }
}
