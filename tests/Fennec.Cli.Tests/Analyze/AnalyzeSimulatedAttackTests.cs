using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Cli.Tests.Analyze;

/// <summary>
/// The acceptance test of the analysis run: a 72-hour simulated site with every attack kind injected, analysed
/// with a budget of 10 incidents a day. Every attack must be among the incidents shown, with at most 2 false
/// incidents a day; the detection delay of each attack is written to the test output.
/// </summary>
public sealed class AnalyzeSimulatedAttackTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-acceptance-").FullName;

    private string At(string name) => Path.Combine(_folder, name);

    [GeoIpFact(GeoIpData.CountryMmdb)]
    public void Every_attack_of_three_simulated_days_is_shown_within_the_budget_with_at_most_two_false_incidents_a_day()
    {
        // Headers only (as most sensors keep them): the analysis sees every packet, the file stays small.
        var simulate = CliRunner.Run("simulate", "--hours", "72", "--seed", "1", "--snaplen", "128",
            "--out", At("site.pcap"), "--labels", At("labels.csv"));
        simulate.ExitCode.Should().Be(0, simulate.Error);

        var analyze = CliRunner.Run("analyze", At("site.pcap"), "--db", At("site.db"), "--report", At("report.html"),
            "--summary", At("summary.json"), "--alert-budget", "10/day", "--geoip", GeoIpData.Require(GeoIpData.CountryMmdb));
        analyze.ExitCode.Should().Be(0, analyze.Error);
        output.WriteLine(analyze.Output);

        SimulatedAttacks.ExpectEveryAttackShown(At("labels.csv"), At("summary.json"), output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
