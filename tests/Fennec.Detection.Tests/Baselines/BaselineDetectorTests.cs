using Fennec.Detection.Baselines;
using Fennec.Enrichment.Geo;
using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Detection.Tests.Baselines;

public class BaselineDetectorTests
{
    private const long Hour = 3_600_000_000_000L;
    private const long Day0 = 20_458L * 24 * Hour;
    private static readonly IpAddress Host = IpAddress.Parse("10.0.1.18");
    private static readonly IpAddress Usual = IpAddress.Parse("198.51.100.7");
    private static readonly IpAddress Drop = IpAddress.Parse("203.0.113.66");

    private static void Add(TrafficProfile profile, IpAddress dst, long startNs, long bytesOut, string country)
    {
        var flow = new FlowRecord { SrcIp = Host, DstIp = dst, SrcPort = 50_000, DstPort = 443, Protocol = 6, IpVersion = 4, FirstNs = startNs, LastNs = startNs + 1_000_000_000 };
        flow.Forward.Packets = Math.Max(1, bytesOut / 1400);
        flow.Forward.Bytes = bytesOut;
        flow.Reverse.Packets = 5;
        flow.Reverse.Bytes = 400;
        profile.Add(flow, new FlowEnds(true, false, CountryCode.None, CountryCode.Parse(country)));
    }

    [Fact]
    public void A_host_that_suddenly_uploads_hundreds_of_megabytes_is_a_candidate_that_says_how_much_and_to_whom()
    {
        var random = new Random(4);
        var profile = new TrafficProfile();
        for (var h = 0; h < 72; h++)
            for (var f = 0; f < 10; f++)
                Add(profile, Usual, Day0 + h * Hour + f * 60_000_000_000L, 200_000 + random.Next(50_000), "US");
        Add(profile, Drop, Day0 + 60 * Hour + 30 * 60_000_000_000L, 800_000_000, "CA");

        var report = new BaselineDetector().Run(profile);
        var bytesOut = report.Candidates.Where(c => c.Kind == "bytes_out" && c.Host == "10.0.1.18").Should().ContainSingle().Subject;
        bytesOut.StartNs.Should().Be(Day0 + 60 * Hour);
        bytesOut.Score.Should().BeGreaterThan(3);
        bytesOut.Evidence.Should().StartWith("10.0.1.18 sent 802 MB in the hour from 2026-01-07 12:00 UTC")
            .And.Contain("its usual 2.").And.Contain("peers active that hour: 2 in 2 countries, the busiest 203.0.113.66 (in CA)");
        report.Candidates.Should().OnlyContain(c => c.StartNs >= Day0 + 60 * Hour && c.StartNs < Day0 + 61 * Hour,
            "three steady days raise nothing else");
        report.SiteBytes.Should().HaveCount(72);
        report.SiteBytes.Take(24).Should().OnlyContain(v => !v.IsReady);
        report.SiteBytes[60].IsAlarm.Should().BeTrue();
    }
}
