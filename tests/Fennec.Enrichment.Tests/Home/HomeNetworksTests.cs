using Fennec.Enrichment.Home;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Enrichment.Tests.Home;

public class HomeNetworksTests
{
    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.0", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("169.254.10.10", true)]
    [InlineData("100.64.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]
    [InlineData("fe80::1", true)]
    [InlineData("febf::1", true)]
    [InlineData("fec0::1", false)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("2001:db8::1", false)]
    public void The_defaults_hold_private_loopback_link_local_and_unique_local_space(string address, bool inside) =>
        HomeNetworks.Default.Contains(IpAddress.Parse(address)).Should().Be(inside);

    [Fact]
    public void Custom_networks_clear_host_bits_and_cover_both_families()
    {
        var home = HomeNetworks.Parse(["198.51.100.77/24", " 2001:db8::/32 ", "203.0.113.9", "::/0"]);

        home.Networks.Select(n => n.ToString()).Should().Equal("198.51.100.0/24", "2001:db8::/32", "203.0.113.9/32", "::/0");
        home.Contains(IpAddress.Parse("198.51.100.1")).Should().BeTrue();
        home.Contains(IpAddress.Parse("203.0.113.9")).Should().BeTrue();
        home.Contains(IpAddress.Parse("8.8.8.8")).Should().BeTrue("::/0 holds the IPv4-mapped range too");
        HomeNetworks.Parse(["2001:db8::/32"]).Contains(IpAddress.Parse("8.8.8.8")).Should().BeFalse();
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("fe80::/129")]
    [InlineData("banana")]
    [InlineData("10.0.0.0/-1")]
    public void Parse_errors_name_the_offending_text(string cidr)
    {
        var act = () => HomeNetworks.Parse(["10.0.0.0/8", cidr]);

        act.Should().Throw<FormatException>().WithMessage($"*'{cidr}'*");
    }

    [Fact]
    public void Contains_allocates_nothing()
    {
        var addresses = new[] { IpAddress.Parse("10.0.0.1"), IpAddress.Parse("8.8.8.8"), IpAddress.Parse("fd00::1"), IpAddress.Parse("2001:db8::1") };

        Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                foreach (var address in addresses)
                    _ = HomeNetworks.Default.Contains(address);
            }
        }).Should().Be(0);
    }
}
