using FsCheck;
using FsCheck.Fluent;
using Fennec.Packets.Decoding;

namespace Fennec.Packets.Tests.Decoding;

public class AddressTests
{
    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("2001:db8:0:1:1:1:1:1")]
    [InlineData("2001:0:0:1::1")]
    [InlineData("1::")]
    [InlineData("10.0.0.1")]
    [InlineData("255.255.255.255")]
    public void Text_round_trips(string text)
    {
        IpAddress.Parse(text).ToString().Should().Be(text);
    }

    [Fact]
    public void Ipv6_text_matches_the_platform_formatter_for_any_address()
    {
        var arbitrary = ArbMap.Default.ArbFor<ulong>().Zip(ArbMap.Default.ArbFor<ulong>());
        Prop.ForAll(arbitrary, pair =>
        {
            var (high, low) = pair;
            var address = new IpAddress(high, low);
            if (address.IsIPv4 || high == 0)
                return true; // mapped and IPv4-compatible forms are printed differently by design
            var bytes = new byte[16];
            address.WriteBytes(bytes);
            return address.ToString() == new System.Net.IPAddress(bytes).ToString();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ipv4_addresses_are_held_mapped()
    {
        var address = IpAddress.FromIPv4([192, 0, 2, 33]);
        address.IsIPv4.Should().BeTrue();
        address.IPv4Value.Should().Be(0xC0000221);
        address.Should().Be(IpAddress.Parse("192.0.2.33"));
        IpAddress.Parse("2001:db8::1").IsIPv4.Should().BeFalse();
    }

    [Fact]
    public void Utf8_text_parses_as_the_framework_parses_it()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<uint>(), value =>
        {
            var text = new System.Net.IPAddress(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value))).ToString();
            return IpAddress.TryParseUtf8(System.Text.Encoding.ASCII.GetBytes(text), out var parsed) && parsed == IpAddress.FromIPv4(value);
        }).QuickCheckThrowOnFailure();
        IpAddress.TryParseUtf8("2001:db8::1"u8, out var v6).Should().BeTrue();
        v6.Should().Be(IpAddress.Parse("2001:db8::1"));
        IpAddress.TryParseUtf8("::ffff:10.0.0.1"u8, out var mapped).Should().BeTrue();
        mapped.Should().Be(IpAddress.Parse("10.0.0.1"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4 ")]
    [InlineData("not an address")]
    public void Utf8_text_that_is_not_an_address_is_refused(string text)
    {
        IpAddress.TryParseUtf8(System.Text.Encoding.UTF8.GetBytes(text), out _).Should().BeFalse();
    }

    [Fact]
    public void Mac_text()
    {
        MacAddress.Read([0x00, 0x1b, 0x21, 0xAB, 0xcd, 0xef]).ToString().Should().Be("00:1b:21:ab:cd:ef");
    }
}
