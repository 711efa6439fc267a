using System.Globalization;
using Fennec.Features.Kitsune;

namespace Fennec.Detection.Tests.Kitsune;

/// <summary>Small made-up traffic: a handful of hosts in steady conversations, then a spoofed SYN flood.</summary>
internal static class Synthetic
{
    public static PacketFields Packet(double time, string src, string dst, int srcPort, int dstPort, int length)
    {
        var f = new PacketFields { Timestamp = time, FrameLength = length };
        f.SrcMac.TrySet("02:00:00:00:00:01");
        f.DstMac.TrySet("02:00:00:00:00:02");
        f.SrcIp.TrySet(src);
        f.DstIp.TrySet(dst);
        f.SrcProto.TrySet(srcPort.ToString(CultureInfo.InvariantCulture));
        f.DstProto.TrySet(dstPort.ToString(CultureInfo.InvariantCulture));
        return f;
    }

    /// <summary>
    /// Ten clients each in a request-response exchange with one web server (192.0.2.80:80) at a steady pace; after
    /// <paramref name="after"/> more packets of that, <paramref name="floodPackets"/> SYNs from random spoofed
    /// sources hit the server within a second, then normal traffic resumes.
    /// </summary>
    public static IEnumerable<(PacketFields Packet, bool IsFlood)> BaselineThenFlood(int baselinePackets, int floodPackets, int after)
    {
        var random = new Random(11);
        var time = 1_700_000_000.0;
        IEnumerable<PacketFields> Normal(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var client = i / 2 % 10;
                var src = $"10.0.0.{client + 1}";
                time += 0.1 + (random.NextDouble() * 0.02);
                yield return i % 2 == 0
                    ? Packet(time, src, "192.0.2.80", 40_000 + client, 80, 120 + random.Next(20))
                    : Packet(time, "192.0.2.80", src, 80, 40_000 + client, 900 + random.Next(200));
            }
        }

        foreach (var p in Normal(baselinePackets))
            yield return (p, false);
        for (var i = 0; i < floodPackets; i++)
        {
            time += 0.0005;
            var spoofed = $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            yield return (Packet(time, spoofed, "192.0.2.80", random.Next(1024, 65536), 80, 60), true);
        }

        foreach (var p in Normal(after))
            yield return (p, false);
    }
}
