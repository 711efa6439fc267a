using Fennec.Detection.Incidents;

namespace Fennec.Detection.Tests.Incidents;

public class IncidentBuilderTests
{
    private const long Hour = 3_600_000_000_000L;

    private static Candidate C(string detector, string host, string? peer, long startHour, double score, string kind = "k") =>
        new(detector, kind, host, peer, startHour * Hour, startHour * Hour + Hour - 1, score, $"{detector} saw {host} at {startHour}");

    [Fact]
    public void Claims_about_one_host_close_in_time_merge_and_agreeing_detectors_raise_the_severity()
    {
        var incidents = new IncidentBuilder().Build([
            C("baseline", "10.0.0.7", null, 10, 8, "bytes_out"),
            C("kitsune", "10.0.0.7", "203.0.113.9", 10, 6),
            C("baseline", "10.0.0.7", null, 11, 5, "bytes_out"),
        ]);
        incidents.Should().ContainSingle();
        var incident = incidents[0];
        incident.Detectors.Should().BeEquivalentTo(["baseline", "kitsune"]);
        incident.Severity.Should().Be(8 * 1.25);
        incident.Peer.Should().Be("203.0.113.9");
        incident.FirstNs.Should().Be(10 * Hour);
        incident.LastNs.Should().Be(12 * Hour - 1);
        incident.Kind.Should().Be("bytes_out");
        incident.Explanation.Should().StartWith("baseline saw 10.0.0.7 at 10 (strongest of 2); kitsune saw");
    }

    [Fact]
    public void The_same_pair_seen_from_the_other_end_merges_but_a_shared_peer_alone_does_not()
    {
        var incidents = new IncidentBuilder().Build([
            C("kitsune", "10.0.0.5", "198.51.100.4", 20, 9),
            C("new-country", "198.51.100.4", "10.0.0.5", 20, 4),
            C("kitsune", "10.0.0.6", "8.8.8.8", 20, 5),
            C("kitsune", "10.0.0.8", "8.8.8.8", 20, 5),
        ]);
        incidents.Should().HaveCount(3);
        incidents.Single(i => i.Host == "10.0.0.5").Evidence.Should().HaveCount(2);
    }

    [Fact]
    public void Claims_far_apart_stay_apart_and_ids_follow_time()
    {
        var incidents = new IncidentBuilder().Build([
            C("baseline", "10.0.0.7", null, 30, 4),
            C("baseline", "10.0.0.7", null, 10, 4),
        ]);
        incidents.Select(i => (i.Id, i.FirstNs / Hour)).Should().Equal((1L, 10L), (2L, 30L));
    }

    [Fact]
    public void A_network_wide_claim_joins_the_most_severe_host_incident_it_overlaps()
    {
        var builder = new IncidentBuilder();
        var incidents = builder.Build([
            C("baseline", "10.0.0.1", null, 5, 4),
            C("baseline", "10.0.0.2", null, 5, 9),
            C("baseline", Candidate.Site, null, 5, 6),
            C("baseline", Candidate.Site, null, 40, 8),
            C("port-window", Candidate.Site, null, 60, 6),
        ]);
        incidents.Should().HaveCount(3, "a weak network-wide claim that no host explains is not an incident of its own");
        incidents.Single(i => i.Host == "10.0.0.2").Evidence.Should().HaveCount(2);
        var alone = incidents.Single(i => i.Host == Candidate.Site);
        alone.Title.Should().StartWith("the network");
        alone.FirstNs.Should().Be(40 * Hour);
        builder.UnattachedSiteClaims.Should().Be(1);
    }

    [Fact]
    public void The_budget_shows_the_most_severe_per_day_and_keeps_the_rest_as_suppressed()
    {
        var candidates = Enumerable.Range(0, 5).Select(i => C("baseline", $"10.0.0.{i}", null, 1 + i, i + 3))
            .Concat(Enumerable.Range(0, 2).Select(i => C("baseline", $"10.0.1.{i}", null, 30 + i, 4)));
        var incidents = new IncidentBuilder().Build(candidates);
        var (shown, suppressed) = AlertBudget.Parse("3/day").Apply(incidents);
        (shown, suppressed).Should().Be((5, 2));
        incidents.Where(i => i.FirstNs < 24 * Hour && i.Shown).Select(i => i.Severity).Should().BeEquivalentTo([7.0, 6.0, 5.0]);
        incidents.Where(i => i.FirstNs >= 24 * Hour).Should().OnlyContain(i => i.Shown);
    }

    [Theory]
    [InlineData("10/day", 10, 24)]
    [InlineData("2/hour", 2, 1)]
    [InlineData("5/h", 5, 1)]
    [InlineData("7", 7, 24)]
    public void Budgets_parse(string text, int count, int hours)
    {
        var budget = AlertBudget.Parse(text);
        budget.Count.Should().Be(count);
        budget.Period.Should().Be(TimeSpan.FromHours(hours));
    }

    [Theory]
    [InlineData("ten/day")]
    [InlineData("10/week")]
    [InlineData("-1/day")]
    public void Bad_budgets_say_what_is_expected(string text)
    {
        var act = () => AlertBudget.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"alert budget '{text}'*");
    }
}
