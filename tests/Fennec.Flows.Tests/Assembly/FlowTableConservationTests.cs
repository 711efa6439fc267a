using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Assembly;

/// <summary>Whatever the traffic, timeouts and bound, every packet and byte leaves the table in exactly one record.</summary>
public class FlowTableConservationTests
{
    [Theory]
    [InlineData(1, 30, 600, 1)]
    [InlineData(2, 5, 20, 1)]
    [InlineData(3, 120, 1800, 16)]
    [InlineData(4, 1, 2, 1)]
    public void Packets_and_bytes_are_conserved(int seed, int idle, int active, int megabytes)
    {
        var random = new Random(seed);
        var sink = new RecordingSink();
        var table = new FlowTable(sink, new FlowTableOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(idle),
            ActiveTimeout = TimeSpan.FromSeconds(active),
            CloseLinger = TimeSpan.FromSeconds(1),
            MemoryBound = megabytes << 20,
        });
        long packets = 0, bytes = 0, t = 1_000_000_000_000;
        var flags = new[] { TcpFlags.Syn, TcpFlags.Syn | TcpFlags.Ack, TcpFlags.Ack, TcpFlags.Fin | TcpFlags.Ack, TcpFlags.Rst };
        for (var i = 0; i < 300_000; i++)
        {
            t += random.Next(0, 50_000_000) - (random.Next(100) == 0 ? 2_000_000_000 : 0);
            var a = $"10.0.{random.Next(4)}.{random.Next(1, 50)}";
            var b = $"10.1.{random.Next(4)}.{random.Next(1, 50)}";
            var (src, dst) = random.Next(2) == 0 ? (a, b) : (b, a);
            var p = random.Next(3) switch
            {
                0 => Packet.Tcp(src, (ushort)random.Next(1, 30), dst, 80, flags[random.Next(flags.Length)], t, payload: random.Next(0, 1400)),
                1 => Packet.Udp(src, 53, dst, (ushort)random.Next(1, 30), t),
                _ => Packet.Icmp(src, dst, (byte)(random.Next(2) * 8), 0, t),
            };
            table.Add(p);
            packets++;
            bytes += p.WireLength;
        }

        table.Flush();
        table.Count.Should().Be(0);
        sink.Records.Sum(r => r.Packets).Should().Be(packets);
        sink.Records.Sum(r => r.Bytes).Should().Be(bytes);
        sink.Records.Should().OnlyContain(r => r.FirstNs <= r.LastNs && r.Packets > 0);
        table.Statistics.RecordsEmitted.Should().Be(sink.Records.Count);
    }
}
