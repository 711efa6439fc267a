using Fennec.Flows.Export;

namespace Fennec.Flows.Tests.Export;

public class ExportTargetTests
{
    [Theory]
    [InlineData("ipfix://127.0.0.1:4739", ExportProtocol.Ipfix, "127.0.0.1", 4739)]
    [InlineData("netflow9://collector.example.net:2055", ExportProtocol.NetFlowV9, "collector.example.net", 2055)]
    [InlineData("NetFlow5://localhost:9995/", ExportProtocol.NetFlowV5, "localhost", 9995)]
    [InlineData("ipfix://[2001:db8::1]:4739", ExportProtocol.Ipfix, "2001:db8::1", 4739)]
    [InlineData("ipfix://[::1]:1", ExportProtocol.Ipfix, "::1", 1)]
    public void Parses_valid_targets(string text, ExportProtocol protocol, string host, int port)
    {
        var target = ExportTarget.Parse(text);

        target.Protocol.Should().Be(protocol);
        target.Host.Should().Be(host);
        target.Port.Should().Be(port);
        ExportTarget.Parse(target.ToString()).Should().Be(target);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("127.0.0.1:4739", "has no scheme")]
    [InlineData("sflow://127.0.0.1:6343", "unknown scheme 'sflow'")]
    [InlineData("netflow10://127.0.0.1:6343", "unknown scheme 'netflow10'")]
    [InlineData("ipfix://127.0.0.1", "missing port")]
    [InlineData("ipfix://127.0.0.1:", "missing port")]
    [InlineData("ipfix://[::1]", "missing port")]
    [InlineData("ipfix://:4739", "missing host")]
    [InlineData("ipfix://127.0.0.1:0", "bad port '0'")]
    [InlineData("ipfix://127.0.0.1:65536", "bad port '65536'")]
    [InlineData("ipfix://127.0.0.1:47x9", "bad port '47x9'")]
    [InlineData("ipfix://10.0.0.300:4739", "bad host '10.0.0.300'")]
    [InlineData("ipfix://10.0.0:4739", "bad host '10.0.0'")]
    [InlineData("ipfix://bad_host:4739", "bad host 'bad_host'")]
    [InlineData("ipfix://-bad.example:4739", "bad host '-bad.example'")]
    [InlineData("ipfix://a..b:4739", "bad host 'a..b'")]
    [InlineData("ipfix://::1:4739", "must be in brackets")]
    [InlineData("ipfix://[::1:4739", "not closed")]
    [InlineData("ipfix://[example.net]:4739", "brackets must hold an IPv6 address")]
    [InlineData("ipfix://host:4739/path", "more than HOST:PORT")]
    public void Says_precisely_what_is_wrong(string text, string message)
    {
        var parse = () => ExportTarget.Parse(text);

        parse.Should().Throw<FormatException>().WithMessage($"*{message}*");
        ExportTarget.TryParse(text, out var target, out var error).Should().BeFalse();
        target.Should().BeNull();
        error.Should().Contain(message);
    }
}
