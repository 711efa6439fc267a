using Fennec.Simulation.Attacks;

namespace Fennec.Simulation.Tests;

public class OptionsTests
{
    [Fact]
    public void Defaults_are_three_days_of_twenty_hosts_from_a_monday_with_the_five_attacks()
    {
        var options = new SimulationOptions();
        options.Hours.Should().Be(72);
        options.Hosts.Should().Be(20);
        options.Seed.Should().Be(1UL);
        options.Start.DayOfWeek.Should().Be(DayOfWeek.Monday);
        options.Attacks.Should().Equal(AttackKind.PortScan, AttackKind.SynFlood, AttackKind.BruteForce, AttackKind.Exfiltration, AttackKind.NewCountry);
        options.Validate().Should().BeNull();
    }

    [Theory]
    [InlineData(0, 20, 1.0, 0, "hours")]
    [InlineData(-3, 20, 1.0, 0, "hours")]
    [InlineData(72, 4, 1.0, 0, "hosts")]
    [InlineData(72, 20, 0.0, 0, "intensity")]
    [InlineData(72, 20, double.NaN, 0, "intensity")]
    [InlineData(72, 20, 1.0, 20, "snaplen")]
    [InlineData(3, 20, 1.0, 0, "attacks need")]
    public void Invalid_options_are_named(int hours, int hosts, double intensity, int snapLength, string expected)
    {
        var options = new SimulationOptions { Hours = hours, Hosts = hosts, Intensity = intensity, SnapLength = snapLength };
        options.Validate().Should().Contain(expected);
        var create = () => new TrafficSimulator(options);
        create.Should().Throw<ArgumentException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void A_short_capture_without_attacks_is_valid()
    {
        new SimulationOptions { Hours = 1, Attacks = [] }.Validate().Should().BeNull();
    }

    [Theory]
    [InlineData("all", new[] { AttackKind.PortScan, AttackKind.SynFlood, AttackKind.BruteForce, AttackKind.Exfiltration, AttackKind.NewCountry })]
    [InlineData("none", new AttackKind[0])]
    [InlineData("udpamp", new[] { AttackKind.UdpAmplification })]
    [InlineData(" PortScan , portscan,exfiltration", new[] { AttackKind.PortScan, AttackKind.Exfiltration })]
    [InlineData("all,udpamp", new[] { AttackKind.PortScan, AttackKind.SynFlood, AttackKind.BruteForce, AttackKind.Exfiltration, AttackKind.NewCountry, AttackKind.UdpAmplification })]
    public void Attack_lists_parse(string text, AttackKind[] expected)
    {
        AttackKinds.TryParseList(text, out var kinds, out var error).Should().BeTrue();
        error.Should().BeNull();
        kinds.Should().Equal(expected);
    }

    [Fact]
    public void An_unknown_attack_is_named_with_the_valid_ones()
    {
        AttackKinds.TryParseList("portscan,dos", out _, out var error).Should().BeFalse();
        error.Should().Contain("'dos'").And.Contain("portscan").And.Contain("udpamp").And.Contain("newcountry").And.Contain("none");
    }

    [Fact]
    public void Every_kind_has_a_name_that_parses_back()
    {
        foreach (var kind in Enum.GetValues<AttackKind>())
        {
            AttackKinds.TryParseList(AttackKinds.Name(kind), out var kinds, out _).Should().BeTrue();
            kinds.Should().Equal(kind);
        }
    }
}
