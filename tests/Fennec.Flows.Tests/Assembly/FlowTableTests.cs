using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using static Fennec.Flows.Tests.Assembly.Packet;

namespace Fennec.Flows.Tests.Assembly;

public class FlowTableTests
{
    private readonly RecordingSink _sink = new();

    private FlowTable Table(int idle = 120, int active = 1800, int linger = 5) =>
        new(_sink, new FlowTableOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(idle),
            ActiveTimeout = TimeSpan.FromSeconds(active),
            CloseLinger = TimeSpan.FromSeconds(linger),
        });

    [Fact]
    public void A_whole_tcp_connection_is_one_record_with_zeek_state_and_history()
    {
        var table = Table();
        const string C = "10.0.0.1", S = "93.184.216.34";
        table.Add(Tcp(C, 40000, S, 443, TcpFlags.Syn, 1 * Second));
        table.Add(Tcp(S, 443, C, 40000, TcpFlags.Syn | TcpFlags.Ack, 1 * Second + 1000));
        table.Add(Tcp(C, 40000, S, 443, TcpFlags.Ack, 1 * Second + 2000));
        table.Add(Tcp(C, 40000, S, 443, TcpFlags.Ack | TcpFlags.Psh, 1 * Second + 3000, payload: 100));
        table.Add(Tcp(S, 443, C, 40000, TcpFlags.Ack | TcpFlags.Psh, 1 * Second + 5000, payload: 1000));
        table.Add(Tcp(C, 40000, S, 443, TcpFlags.Fin | TcpFlags.Ack, 2 * Second));
        table.Add(Tcp(S, 443, C, 40000, TcpFlags.Fin | TcpFlags.Ack, 2 * Second + 1000));
        table.Add(Tcp(C, 40000, S, 443, TcpFlags.Ack, 2 * Second + 2000));
        _sink.Records.Should().BeEmpty("the flow lingers after closing");
        table.ExpireUntil(8 * Second);

        var r = _sink.Records.Should().ContainSingle().Subject;
        r.SrcIp.ToString().Should().Be(C);
        r.SrcPort.Should().Be(40000);
        r.DstPort.Should().Be(443);
        r.Forward.Packets.Should().Be(5);
        r.Reverse.Packets.Should().Be(3);
        r.Forward.PayloadBytes.Should().Be(100);
        r.Reverse.PayloadBytes.Should().Be(1000);
        r.Bytes.Should().Be((8 * 54) + 1100);
        r.State.Should().Be(ConnectionState.SF);
        r.History.ToString().Should().Be("ShADdFf");
        r.EndReason.Should().Be(FlowEndReason.Fin);
        r.FirstNs.Should().Be(1 * Second);
        r.LastNs.Should().Be(2 * Second + 2000);
        r.Forward.TcpFlags.Should().Be(TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Psh | TcpFlags.Fin);
        r.Forward.InterArrival.Count.Should().Be(4);
        table.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(new[] { "S" }, "S0")]
    [InlineData(new[] { "S", "r" }, "REJ")]
    [InlineData(new[] { "S", "h", "A" }, "S1")]
    [InlineData(new[] { "S", "h", "A", "F" }, "S2")]
    [InlineData(new[] { "S", "h", "A", "f" }, "S3")]
    [InlineData(new[] { "S", "h", "R" }, "RSTO")]
    [InlineData(new[] { "S", "h", "r" }, "RSTR")]
    [InlineData(new[] { "S", "R" }, "RSTOS0")]
    [InlineData(new[] { "S", "F" }, "SH")]
    [InlineData(new[] { "A", "a" }, "OTH")]
    public void Connection_states_follow_zeek(string[] steps, string expected)
    {
        var table = Table();
        var t = Second;
        foreach (var step in steps)
        {
            var originator = char.IsUpper(step[0]);
            var flags = char.ToUpperInvariant(step[0]) switch
            {
                'S' => TcpFlags.Syn,
                'H' => TcpFlags.Syn | TcpFlags.Ack,
                'F' => TcpFlags.Fin | TcpFlags.Ack,
                'R' => TcpFlags.Rst,
                _ => TcpFlags.Ack,
            };
            table.Add(originator ? Tcp("10.0.0.1", 5000, "10.0.0.2", 80, flags, t) : Tcp("10.0.0.2", 80, "10.0.0.1", 5000, flags, t));
            t += 1000;
        }

        table.Flush();
        _sink.Records.Should().ContainSingle().Which.State.ToString().Should().Be(expected);
    }

    [Fact]
    public void A_new_syn_after_a_reset_starts_a_new_connection()
    {
        var table = Table();
        table.Add(Tcp("10.0.0.1", 1000, "10.0.0.2", 80, TcpFlags.Syn, Second));
        table.Add(Tcp("10.0.0.2", 80, "10.0.0.1", 1000, TcpFlags.Rst | TcpFlags.Ack, Second + 10));
        table.Add(Tcp("10.0.0.1", 1000, "10.0.0.2", 80, TcpFlags.Syn, 2 * Second));
        table.Flush();
        _sink.Records.Select(r => r.State).Should().Equal(ConnectionState.REJ, ConnectionState.S0);
        _sink.Records.Select(r => r.EndReason).Should().Equal(FlowEndReason.Rst, FlowEndReason.EndOfInput);
        _sink.Records.Select(r => r.Id).Should().Equal(0, 1);
    }

    [Fact]
    public void A_syn_ack_first_makes_the_other_side_the_initiator()
    {
        var table = Table();
        table.Add(Tcp("93.184.216.34", 443, "10.0.0.1", 40000, TcpFlags.Syn | TcpFlags.Ack, Second));
        table.Add(Tcp("10.0.0.1", 40000, "93.184.216.34", 443, TcpFlags.Ack, Second + 10));
        table.Flush();
        var r = _sink.Records.Single();
        r.SrcIp.ToString().Should().Be("10.0.0.1");
        r.DstPort.Should().Be(443);
        r.Forward.Packets.Should().Be(1);
        r.Reverse.Packets.Should().Be(1);
        r.History.ToString().Should().StartWith("^");
    }

    [Fact]
    public void Idle_and_active_timeouts_cut_records_on_capture_time()
    {
        var table = Table(idle: 60, active: 100);
        for (var t = 0; t <= 250; t += 10)
            table.Add(Udp("10.0.0.1", 123, "10.0.0.2", 123, t * Second));
        table.Add(Udp("10.0.0.1", 123, "10.0.0.2", 123, 400 * Second)); // 150 s of silence first
        table.Flush();

        _sink.Records.Select(r => r.EndReason).Should().Equal(
            FlowEndReason.ActiveTimeout, FlowEndReason.ActiveTimeout, FlowEndReason.Idle, FlowEndReason.EndOfInput);
        _sink.Records.Select(r => r.Packets).Should().Equal(10, 10, 6, 1);
        _sink.Records.Select(r => r.Sequence).Should().Equal(0, 1, 2, 0);
        table.Statistics.ActiveTimeouts.Should().Be(2);
    }

    [Fact]
    public void Icmp_echo_request_and_reply_share_a_flow_keyed_like_netflow()
    {
        var table = Table();
        table.Add(Icmp("10.0.0.1", "8.8.8.8", 8, 0, Second));
        table.Add(Icmp("8.8.8.8", "10.0.0.1", 0, 0, Second + 100));
        table.Add(Icmp("10.0.0.9", "10.0.0.1", 3, 3, Second + 200));
        table.Flush();
        _sink.Records.Should().HaveCount(2);
        var echo = _sink.Records.Single(r => r.DstPort == 8 << 8);
        echo.SrcIp.ToString().Should().Be("10.0.0.1");
        echo.Forward.Packets.Should().Be(1);
        echo.Reverse.Packets.Should().Be(1);
        echo.State.Should().Be(ConnectionState.SF);
        _sink.Records.Single(r => r.DstPort == ((3 << 8) | 3)).State.Should().Be(ConnectionState.S0);
    }

    [Fact]
    public void Non_ip_frames_are_counted_per_mac_pair()
    {
        var table = Table();
        var arp = default(DecodedPacket);
        arp.TimestampNs = Second;
        arp.WireLength = 60;
        arp.EtherType = EtherTypes.Arp;
        arp.SrcMac = new MacAddress(0x020000000001);
        arp.DstMac = new MacAddress(0xFFFFFFFFFFFF);
        table.Add(arp);
        var reply = arp;
        reply.SrcMac = new MacAddress(0xFFFFFFFFFFFF);
        reply.DstMac = new MacAddress(0x020000000001);
        reply.TimestampNs += 5;
        table.Add(reply);
        table.Flush();
        var r = _sink.Records.Should().ContainSingle().Subject;
        r.IsMacFlow.Should().BeTrue();
        r.SrcMac.ToString().Should().Be("02:00:00:00:00:01");
        r.EtherType.Should().Be(EtherTypes.Arp);
        r.Packets.Should().Be(2);
    }

    [Fact]
    public void Time_going_back_and_duplicates_are_counted_not_fatal()
    {
        var table = Table();
        table.Add(Udp("10.0.0.1", 1, "10.0.0.2", 2, 100 * Second));
        table.Add(Udp("10.0.0.1", 1, "10.0.0.2", 2, 100 * Second));
        table.Add(Udp("10.0.0.1", 1, "10.0.0.2", 2, 50 * Second));
        table.Flush();
        table.Statistics.TimeWentBack.Should().Be(1);
        table.Statistics.Duplicates.Should().Be(1);
        var r = _sink.Records.Single();
        r.Packets.Should().Be(3, "every packet counts, whatever its time");
        r.FirstNs.Should().Be(50 * Second);
        r.LastNs.Should().Be(100 * Second);
    }

    [Fact]
    public void A_jump_back_past_the_idle_timeout_starts_a_new_segment()
    {
        var table = Table(idle: 60);
        table.Add(Udp("10.0.0.1", 1, "10.0.0.2", 2, 1_000_000 * Second));
        table.Add(Udp("10.0.0.3", 1, "10.0.0.4", 2, 1000 * Second)); // an older capture appended after a newer one
        table.Add(Udp("10.0.0.3", 1, "10.0.0.4", 2, 1001 * Second));
        table.Add(Udp("10.0.0.3", 1, "10.0.0.4", 2, 1002 * Second));
        table.Flush();
        _sink.Records.Select(r => r.Packets).Should().Equal(1, 3);
        _sink.Records[0].EndReason.Should().Be(FlowEndReason.EndOfInput);
        table.Statistics.ClockResets.Should().Be(1);
        table.Statistics.TimeWentBack.Should().Be(1);
    }

    [Fact]
    public void A_flood_of_ten_million_sources_stays_within_the_memory_bound_and_loses_no_packet()
    {
        var sink = new CountingSink();
        var table = new FlowTable(sink, new FlowTableOptions { MemoryBound = 4L << 20 });
        var p = Packet.Tcp("10.0.0.1", 1234, "192.0.2.1", 80, TcpFlags.Syn, Second);
        const int Sources = 10_000_000;
        for (var i = 0; i < Sources; i++)
        {
            p.SrcIp = IpAddress.FromIPv4((uint)(0x0B000000 + i));
            p.TimestampNs = Second + i;
            table.Add(p);
        }

        table.Count.Should().BeLessThanOrEqualTo(table.Statistics.MaxFlows);
        table.Statistics.MaxFlows.Should().BeLessThan(100_000, "4 MiB holds some thousands of flows");
        table.Statistics.Evicted.Should().Be(Sources - table.Count);
        table.Flush();
        sink.Packets.Should().Be(Sources);
        sink.Records.Should().Be(Sources);
    }

    [Fact]
    public void A_table_that_starts_over_gives_a_new_tables_records_and_counters()
    {
        static List<DecodedPacket> Run(long t0, int clients) =>
        [
            .. Enumerable.Range(0, clients).SelectMany(c => new[]
            {
                Tcp("10.0.0.1", (ushort)(40000 + c), "10.0.0.2", 443, TcpFlags.Syn, t0 + (c * Second)),
                Tcp("10.0.0.2", 443, "10.0.0.1", (ushort)(40000 + c), TcpFlags.Syn | TcpFlags.Ack, t0 + (c * Second) + 1000),
                Udp("10.0.0.3", (ushort)(5000 + (c % 3)), "10.0.0.4", 53, t0 + (c * Second) + 2000),
            }),
            Udp("10.0.0.3", 5000, "10.0.0.4", 53, t0 + (4000 * Second)), // past the active timeout of the first
        ];

        var options = new FlowTableOptions { IdleTimeout = TimeSpan.FromSeconds(10_000), ActiveTimeout = TimeSpan.FromSeconds(1800) };
        var used = new FlowTable(new RecordingSink(), options);
        foreach (var p in Run(500 * Second, 6000))
            used.Add(p); // grows the table well past its first size
        used.Flush();
        var again = new RecordingSink();
        used.StartOver(again);

        var fresh = new RecordingSink();
        var table = new FlowTable(fresh, options);
        foreach (var p in Run(Second, 40)) // earlier than the clock before: a table that kept it would count time going back
        {
            used.Add(p);
            table.Add(p);
        }

        used.Flush();
        table.Flush();
        fresh.Records.Should().HaveCount(40 + 3 + 1);
        again.Records.Select(RecordingSink.Describe).Should().Equal(fresh.Records.Select(RecordingSink.Describe));
        used.Statistics.Should().BeEquivalentTo(table.Statistics);
        used.Statistics.TimeWentBack.Should().Be(0);
    }

    [Fact]
    public void Only_an_empty_table_starts_over()
    {
        var table = Table();
        table.Add(Udp("10.0.0.3", 1, "10.0.0.4", 2, Second));
        var act = () => table.StartOver(new RecordingSink());
        act.Should().Throw<InvalidOperationException>();
        table.Flush();
        act.Should().NotThrow();
        table.Statistics.Packets.Should().Be(0);
    }

    private sealed class CountingSink : IFlowSink
    {
        public long Packets;
        public long Records;

        public void OnFlow(in FlowRecord record)
        {
            Packets += record.Packets;
            Records++;
        }
    }
}
