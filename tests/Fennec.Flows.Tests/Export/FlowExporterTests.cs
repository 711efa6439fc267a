using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fennec.Flows.Export;
using Fennec.TestSupport;
using static Fennec.Flows.Tests.Export.TestFlows;

namespace Fennec.Flows.Tests.Export;

public class FlowExporterTests
{
    [Theory]
    [InlineData(ExportProtocol.NetFlowV5)]
    [InlineData(ExportProtocol.NetFlowV9)]
    [InlineData(ExportProtocol.Ipfix)]
    public void Sends_every_record_and_counts_what_it_skips(ExportProtocol protocol)
    {
        using var receiver = Receiver(out var port);
        var flows = Mix(300);
        flows.Add(Arp());
        var exporter = new FlowExporter(new ExportTarget(protocol, "127.0.0.1", port));
        exporter.Start();
        foreach (var flow in flows)
            exporter.OnFlow(flow);
        exporter.Dispose();

        var datagrams = Drain(receiver);
        var parser = new CollectorParser();
        var records = datagrams.Sum(d => parser.Parse(d).Flows.Count);

        var exportable = flows.Where(f => !f.IsMacFlow && (protocol != ExportProtocol.NetFlowV5 || f.IpVersion == 4)).ToList();
        records.Should().Be(exportable.Count + exportable.Count(f => f.Reverse.Packets > 0));
        exporter.RecordsSent.Should().Be(records);
        exporter.DatagramsSent.Should().Be(datagrams.Count);
        exporter.BytesSent.Should().Be(datagrams.Sum(d => (long)d.Length));
        exporter.SkippedNonIpFlows.Should().Be(1);
        exporter.SkippedIPv6Flows.Should().Be(protocol == ExportProtocol.NetFlowV5 ? flows.Count(f => f.IpVersion == 6) : 0);
        exporter.SendErrors.Should().Be(0);
    }

    [Fact]
    public void Paces_datagrams_to_the_configured_rate()
    {
        using var receiver = Receiver(out var port);
        var options = new ExportOptions { MaxDatagramsPerSecond = 100, Mtu = 512 };
        using var exporter = new FlowExporter(new ExportTarget(ExportProtocol.NetFlowV5, "127.0.0.1", port), options);
        exporter.Start();
        var flows = Enumerable.Range(0, 100).Select(i => Make($"10.0.0.{i}", "10.0.1.1", 1, 2, 17, 1, 100)).ToList();

        var clock = Stopwatch.StartNew();
        foreach (var flow in flows)
            exporter.OnFlow(flow);
        exporter.Flush();
        clock.Stop();

        // Ten datagrams of ten records (what 512 bytes hold); the bucket holds one, so nine waits of 10 ms at least.
        exporter.DatagramsSent.Should().Be(10);
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(85));
        exporter.PacingWaits.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Steady_state_export_allocates_nothing()
    {
        using var receiver = Receiver(out var port);
        receiver.ReceiveBufferSize = 8 << 20;
        var flows = Mix(256).ToArray();
        using var exporter = new FlowExporter(new ExportTarget(ExportProtocol.Ipfix, "127.0.0.1", port),
            new ExportOptions { MaxDatagramsPerSecond = 1_000_000 });
        exporter.Start();
        foreach (var flow in flows)
            exporter.OnFlow(flow);

        Allocations.Measure(() =>
        {
            foreach (ref readonly var flow in flows.AsSpan())
                exporter.OnFlow(flow);
        }).Should().Be(0);
        exporter.DatagramsSent.Should().BeGreaterThan(20);
    }

    [Fact]
    public void A_closed_collector_port_is_counted_not_thrown()
    {
        int port;
        using (var probe = Receiver(out port))
        {
        }

        using var exporter = new FlowExporter(new ExportTarget(ExportProtocol.NetFlowV9, "127.0.0.1", port), new ExportOptions { Mtu = 512 });
        exporter.Start();
        foreach (var flow in Mix(200))
            exporter.OnFlow(flow);
        exporter.Flush();

        exporter.SendErrors.Should().BeGreaterThan(0, "Linux reports the ICMP port unreachable on the next send");
        (exporter.SendErrors + exporter.DatagramsSent).Should().BeGreaterThan(10);
    }

    [Fact]
    public void Must_be_started_before_use()
    {
        using var exporter = new FlowExporter(ExportTarget.Parse("ipfix://127.0.0.1:4739"));
        exporter.Invoking(e => e.OnFlow(Arp())).Should().Throw<InvalidOperationException>().WithMessage("*not started*");
    }

    private static Socket Receiver(out int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        socket.ReceiveBufferSize = 4 << 20;
        return socket;
    }

    private static List<byte[]> Drain(Socket receiver)
    {
        var datagrams = new List<byte[]>();
        var buffer = new byte[65536];
        while (receiver.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
        {
            var n = receiver.Receive(buffer);
            datagrams.Add(buffer[..n]);
        }

        return datagrams;
    }
}
