using System.Diagnostics;
using System.Text;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Packets.Live;
using Fennec.TestSupport;

namespace Fennec.Packets.Tests.Live;

public sealed class LiveCaptureTests
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    [RootFact]
    public void Captures_loopback_udp_datagrams_with_their_headers_and_time()
    {
        using var udp = new LoopbackUdp();
        using var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = udp.Filter });
        capture.LinkType.Should().Be(LinkType.Ethernet, "Linux loopback frames carry a zeroed Ethernet header");

        var payloads = Enumerable.Range(0, 3).Select(i => Encoding.ASCII.GetBytes($"fennec live capture test #{i}")).ToArray();
        var before = NowNs();
        foreach (var payload in payloads)
            udp.Send(payload);

        var seen = ReadUntil(capture, payloads.Length);
        var after = NowNs();

        seen.Should().HaveCount(payloads.Length);
        for (var i = 0; i < payloads.Length; i++)
        {
            var (packet, payload) = seen[i];
            packet.Status.Should().Be(DecodeStatus.Complete);
            packet.LinkType.Should().Be(LinkType.Ethernet);
            packet.IpVersion.Should().Be(4);
            packet.SrcIp.Should().Be(IpAddress.Parse("127.0.0.1"));
            packet.DstIp.Should().Be(IpAddress.Parse("127.0.0.1"));
            packet.Protocol.Should().Be(17);
            packet.HasPorts.Should().BeTrue();
            packet.SrcPort.Should().Be((ushort)udp.SenderPort);
            packet.DstPort.Should().Be((ushort)udp.Port);
            packet.PayloadLength.Should().Be(payloads[i].Length);
            payload.Should().Equal(payloads[i]);
            packet.CapturedLength.Should().Be(14 + 20 + 8 + payloads[i].Length);
            packet.WireLength.Should().Be(packet.CapturedLength);
            packet.TimestampNs.Should().BeInRange(before - 1_000_000_000, after + 1_000_000_000);
        }

        seen.Select(s => s.Packet.TimestampNs).Should().BeInAscendingOrder();
        capture.Records.Should().Be(payloads.Length);
        var stats = capture.Stats;
        stats.Received.Should().BeGreaterThanOrEqualTo(payloads.Length);
        stats.Dropped.Should().Be(0);
    }

    [RootFact]
    public void Reading_and_decoding_allocate_nothing_per_packet()
    {
        using var udp = new LoopbackUdp();
        using var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = udp.Filter });
        var payload = new byte[64];
        const int warmUp = 10, measured = 100;
        for (var i = 0; i < warmUp + measured; i++)
            udp.Send(payload);

        ReadUntil(capture, warmUp).Should().HaveCount(warmUp);
        var seen = 0;
        var deadline = Environment.TickCount64 + (long)GiveUpAfter.TotalMilliseconds;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (seen < measured && Environment.TickCount64 < deadline)
        {
            if (!capture.TryRead(out var record))
                continue;
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
            if (packet.PayloadLength == payload.Length)
                seen++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        seen.Should().Be(measured);
        allocated.Should().Be(0);
        capture.Stats.Dropped.Should().Be(0, "the default buffer holds a burst of this size even on loopback");
    }

    [RootFact]
    public void Requests_nanosecond_timestamps_and_reports_the_library_version()
    {
        using var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = "udp and port 9" });
        capture.NanosecondTimestamps.Should().BeTrue("libpcap 1.5 and later deliver nanoseconds on Linux when asked");
        LiveCapture.LibraryVersion.Should().StartWith("libpcap version");
    }

    [RootFact]
    public void A_read_returns_false_when_the_timeout_passes_with_nothing_to_read()
    {
        using var udp = new LoopbackUdp();
        using var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = udp.Filter, ReadTimeoutMs = 50 });

        var clock = Stopwatch.StartNew();
        capture.TryRead(out _).Should().BeFalse();
        clock.Elapsed.Should().BeLessThan(GiveUpAfter);
    }

    [RootFact]
    public void Break_from_another_thread_ends_a_waiting_read()
    {
        using var udp = new LoopbackUdp();
        using var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = udp.Filter, ReadTimeoutMs = 60_000 });

        var clock = Stopwatch.StartNew();
        using var breaker = new Timer(_ => capture.Break(), null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
        capture.TryRead(out _).Should().BeFalse();
        clock.Elapsed.Should().BeLessThan(GiveUpAfter, "the break, not the 60 s timeout, ended the read");
    }

    [RootFact]
    public void Opening_a_nonexistent_interface_names_the_device()
    {
        var open = () => LiveCapture.Open("fennec-nosuch0");

        var error = open.Should().Throw<LiveCaptureException>().Which;
        error.Device.Should().Be("fennec-nosuch0");
        error.Failure.Should().Be(LiveCaptureFailure.NoSuchDevice);
        error.Message.Should().StartWith("cannot capture on fennec-nosuch0: no such device (libpcap: ");
    }

    [RootFact]
    public void A_bad_filter_is_reported_with_the_filter_and_the_compiler_error()
    {
        var open = () => LiveCapture.Open("lo", new LiveCaptureOptions { Filter = "udp port (" });

        var error = open.Should().Throw<LiveCaptureException>().Which;
        error.Device.Should().Be("lo");
        error.Failure.Should().Be(LiveCaptureFailure.BadFilter);
        error.Message.Should().StartWith("cannot capture on lo: invalid filter \"udp port (\": ").And.Contain("syntax error");
    }

    [RootFact]
    public void Reading_after_dispose_throws()
    {
        var capture = LiveCapture.Open("lo", new LiveCaptureOptions { Filter = "udp and port 9" });
        capture.Dispose();
        capture.Break();

        var read = () => capture.TryRead(out _);
        read.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new LiveCaptureOptions();

        options.SnapLength.Should().Be(262_144);
        options.Promiscuous.Should().BeFalse();
        options.ReadTimeoutMs.Should().Be(100);
        options.Filter.Should().BeNull();
        options.ImmediateMode.Should().BeTrue();
        options.BufferSize.Should().Be(32 << 20);
    }

    [Theory]
    [InlineData(0, 100, 1 << 20)]
    [InlineData(-1, 100, 1 << 20)]
    [InlineData(65_535, 0, 1 << 20)]
    [InlineData(65_535, 100, 0)]
    public void Out_of_range_options_are_rejected_before_libpcap_is_touched(int snapLength, int timeoutMs, int bufferSize)
    {
        var options = new LiveCaptureOptions { SnapLength = snapLength, ReadTimeoutMs = timeoutMs, BufferSize = bufferSize };
        var open = () => LiveCapture.Open("lo", options);

        open.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_missing_libpcap_is_explained_with_the_package_to_install()
    {
        var error = LiveCaptureException.LibraryMissing("eth0", new DllNotFoundException("libpcap"));

        error.Failure.Should().Be(LiveCaptureFailure.LibraryMissing);
        error.Message.Should().StartWith("cannot capture on eth0: libpcap is not installed")
            .And.Contain("libpcap.so.0.8").And.EndWith("install it with 'apt-get install libpcap0.8'");
    }

    [Fact]
    public void A_permission_failure_says_what_grants_the_right()
    {
        var error = LiveCaptureException.Activation("eth0", LibPcap.ErrorPermissionDenied, "socket: Operation not permitted");

        error.Failure.Should().Be(LiveCaptureFailure.PermissionDenied);
        error.Message.Should().Be("cannot capture on eth0: permission denied (libpcap: socket: Operation not permitted); " +
                                  "run as root or grant CAP_NET_RAW and CAP_NET_ADMIN (setcap cap_net_raw,cap_net_admin=eip)");
    }

    /// <summary>Reads and decodes frames until <paramref name="count"/> have arrived or time runs out.</summary>
    private static List<(DecodedPacket Packet, byte[] Payload)> ReadUntil(LiveCapture capture, int count)
    {
        var seen = new List<(DecodedPacket, byte[])>();
        var clock = Stopwatch.StartNew();
        while (seen.Count < count && clock.Elapsed < GiveUpAfter)
        {
            if (!capture.TryRead(out var record))
                continue;
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var packet);
            var end = Math.Min(record.Data.Length, packet.PayloadOffset + packet.PayloadLength);
            seen.Add((packet, record.Data[packet.PayloadOffset..end].ToArray()));
        }

        return seen;
    }

    private static long NowNs() => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
}
