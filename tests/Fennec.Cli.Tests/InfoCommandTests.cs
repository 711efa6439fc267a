using Fennec.TestSupport;
using static Fennec.Cli.Tests.CliRunner;

namespace Fennec.Cli.Tests;

public class InfoCommandTests
{
    [Fact]
    public void Summarises_format_links_counts_time_and_outcomes()
    {
        var tcp = Frames.Ethernet(0x0800, Frames.IPv4("1.1.1.1", "2.2.2.2", 6, Frames.Tcp(1, 2, 0x02)));
        var capture = TempFile(CaptureFiles.Pcapng([(1, null, null), (101, 9, null)],
        [
            new TestFrame(tcp, 1_600_000_000_000_000_000),
            new TestFrame(tcp[..20], 1_600_000_002_500_000_000),
            new TestFrame(Frames.IPv4("3.3.3.3", "4.4.4.4", 17, Frames.Udp(1, 2)), 1_600_000_001_000_000_000, InterfaceId: 1),
        ]), ".pcapng");
        try
        {
            var result = Run("info", capture);
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Contain("Format:            pcapng")
                .And.Contain("Packets:           3")
                .And.Contain("Ethernet (1) (2)").And.Contain("Raw (101) (1)")
                .And.Contain("Duration:          2.500000 s")
                .And.Contain("First packet:      2020-09-13 12:26:40.000000000 UTC")
                .And.Contain("Out of order:      1")
                .And.Contain("complete                 2")
                .And.Contain("truncated:ipv4           1");
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [CorpusFact]
    public void Agrees_with_capinfos_on_a_corpus_capture()
    {
        var path = Path.Combine(SharedData.RequireCorpus(), "chrissanders-packets", "synscan.pcapng");
        var result = Run("info", path);
        result.ExitCode.Should().Be(0);
        // capinfos: 2011 packets, 116,672 bytes of data, 23.085343 s.
        result.Output.Should().Contain("Packets:           2011").And.Contain("Captured bytes:    116672").And.Contain("Duration:          23.085343 s");
    }
}
