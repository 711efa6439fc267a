namespace Fennec.Cli.Tests.Commands;

public sealed class DecodeArgumentTests
{
    [Fact]
    public void Neither_a_capture_nor_an_interface_is_a_usage_error()
    {
        var run = CliRunner.Run("decode");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().BeEmpty();
        run.Error.Should().Contain("decode needs a capture file (or - for standard input) or --interface.");
    }

    [Fact]
    public void Both_a_capture_and_an_interface_is_a_usage_error()
    {
        var run = CliRunner.Run("decode", "capture.pcap", "--interface", "lo");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Output.Should().BeEmpty();
        run.Error.Should().Contain("decode reads a capture file or an --interface, not both.");
    }

    [Fact]
    public void A_filter_without_an_interface_is_a_usage_error()
    {
        var run = CliRunner.Run("decode", "capture.pcap", "--filter", "udp");

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--filter applies to live capture (--interface) only.");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_duration_that_is_not_positive_is_a_usage_error(string seconds)
    {
        var run = CliRunner.Run("decode", "-i", "lo", "--duration", seconds);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain("--duration must be a positive number of seconds.");
    }
}
