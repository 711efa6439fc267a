using Fennec.Detection.Kitsune;
using Fennec.Packets.Decoding;

namespace Fennec.Detection.Tests.Kitsune;

public class KitsuneWindowsTests
{
    private const long Minute = 60_000_000_000L;
    private static readonly IpAddress Victim = IpAddress.Parse("10.0.0.4");
    private static readonly IpAddress Attacker = IpAddress.Parse("203.0.113.9");

    [Fact]
    public void A_window_full_of_far_out_packets_becomes_a_candidate_about_its_host_and_peer()
    {
        var windows = new KitsuneWindows();
        for (var i = 0; i < 1_000; i++)
            windows.Add(20 * Minute + i * 1_000_000L, Victim, Attacker, flagged: i % 2 == 0, sigmas: i % 2 == 0 ? 9 : 1, () => "socket statistics, 1 min window");
        var candidate = windows.Candidates(0.001).Should().ContainSingle().Subject;
        candidate.Host.Should().Be("10.0.0.4");
        candidate.Peer.Should().Be("203.0.113.9");
        candidate.Score.Should().Be(9);
        candidate.DetectedNs.Should().Be(20 * Minute + 98 * 1_000_000L, "the 50th flagged packet made the window significant");
        candidate.Evidence.Should().Contain("flagged 500 of 1 k packets").And.Contain("all with 203.0.113.9").And.Contain("socket statistics");
    }

    [Fact]
    public void Bursts_a_few_deviations_out_and_too_few_flags_are_not_candidates()
    {
        var windows = new KitsuneWindows();
        for (var i = 0; i < 400; i++)
            windows.Add(i * 1_000_000L, Victim, Attacker, flagged: true, sigmas: 4.5);
        for (var i = 0; i < 40; i++)
            windows.Add(30 * Minute + i, Victim, Attacker, flagged: true, sigmas: 12);
        windows.Candidates(0.001).Should().BeEmpty();
    }

    [Fact]
    public void A_spoofed_flood_lands_on_its_victim_without_naming_a_peer()
    {
        var windows = new KitsuneWindows();
        for (uint i = 0; i < 5_000; i++)
            windows.Add(i * 100_000L, Victim, IpAddress.FromIPv4(0xC6336400 + i), flagged: true, sigmas: 8);
        var candidate = windows.Candidates(0.001).Should().ContainSingle().Subject;
        candidate.Peer.Should().BeNull();
        candidate.Evidence.Should().MatchRegex(@"with 5(\.\d+)? k distinct peers", "the sketch counts about 5,000 sources");
    }
}
