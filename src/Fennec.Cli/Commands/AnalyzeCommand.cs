using System.CommandLine;
using Fennec.Cli.Analyze;
using Fennec.Detection.Incidents;
using Fennec.Enrichment.Home;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec analyze</c>: the embedded end-to-end run (flows, Kitsune, baselines, enrichment, incidents, store, report).</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliIO io)
    {
        var inputs = CommonOptions.NoUnknownOptions(new Argument<string[]>("capture")
        {
            Description = "Captures or folders of captures (read recursively, in capture-time order; unreadable files are reported and skipped), " +
                          "or one store of flows collected with 'fennec collect --db'.",
            Arity = ArgumentArity.OneOrMore,
        });
        var db = new Option<string>("--db") { Description = "The SQLite store; a new run is appended to an existing one.", DefaultValueFactory = _ => "fennec.db" };
        var report = new Option<string>("--report") { Description = "The self-contained HTML report.", DefaultValueFactory = _ => "report.html" };
        var summary = new Option<string?>("--summary") { Description = "Also write the figures and every incident as JSON." };
        var home = new Option<string[]>("--home-net")
        {
            Description = "A home network (CIDR, repeatable); by default the private, loopback, link-local and ULA ranges.",
            AllowMultipleArgumentsPerToken = false,
        };
        home.Validators.Add(r =>
        {
            foreach (var cidr in r.GetValueOrDefault<string[]>() ?? [])
            {
                try
                {
                    CidrPrefix.Parse(cidr);
                }
                catch (FormatException e)
                {
                    r.AddError($"--home-net: {e.Message}");
                }
            }
        });
        var geoip = new Option<string?>("--geoip") { Description = "A MaxMind-format GeoIP database (default: the one scripts/ensure-geoip.sh fetches, when present)." };
        var asn = new Option<string[]>("--asn") { Description = "ASN ranges as ip-location-db CSV (repeatable; default: the fetched ones, when present)." };
        var budget = new Option<string>("--alert-budget") { Description = "Incidents shown per day or hour (N/day, N/hour); the rest are stored as suppressed.", DefaultValueFactory = _ => "10/day" };
        budget.Validators.Add(r =>
        {
            try
            {
                AlertBudget.Parse(r.GetValueOrDefault<string>()!);
            }
            catch (FormatException e)
            {
                r.AddError($"--alert-budget: {e.Message}");
            }
        });
        var learning = new Option<double?>("--learning-hours")
        {
            Description = "Hours of capture time, from the first packet, during which the detectors only learn (default 24, or the first half of captures shorter than two days).",
        };
        learning.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } hours && (hours is <= 0 or > 24 * 366 || double.IsNaN(hours)))
                r.AddError("--learning-hours must be positive (and at most a year).");
        });
        var model = new Option<string?>("--model") { Description = "A trained Kitsune model (from --save-model or fennec kitsune --save-model) to score with instead of learning." };
        var saveModel = new Option<string?>("--save-model") { Description = "Save the Kitsune model after the run." };
        var noKitsune = new Option<bool>("--no-kitsune") { Description = "Skip Kitsune (flows, baselines and new countries only)." };
        var runs = new Option<long[]>("--run")
        {
            Description = "With a store of collected flows: a run to analyse (repeatable; default: every collect run that stored flows).",
        };

        var command = new Command("analyze",
            "Analyse captures (or collected flows) end to end: flows, Kitsune, traffic baselines, GeoIP/ASN enrichment, incidents within an alert budget; store everything and write a report.")
        {
            inputs, db, report, summary, home, geoip, asn, budget, learning, model, saveModel, noKitsune, runs,
        };
        command.SetAction(r =>
        {
            var asnPaths = r.GetValue(asn);
            var settings = new AnalyzeSettings
            {
                Inputs = r.GetValue(inputs)!,
                DbPath = r.GetValue(db)!,
                ReportPath = r.GetValue(report)!,
                SummaryPath = r.GetValue(summary),
                HomeNets = r.GetValue(home) ?? [],
                GeoIpPath = r.GetValue(geoip),
                AsnPaths = asnPaths is { Length: > 0 } ? asnPaths : null,
                Budget = AlertBudget.Parse(r.GetValue(budget)!),
                LearningPeriod = r.GetValue(learning) is { } hours ? TimeSpan.FromHours(hours) : null,
                ModelPath = r.GetValue(model),
                SaveModelPath = r.GetValue(saveModel),
                Kitsune = !r.GetValue(noKitsune),
                Runs = r.GetValue(runs) ?? [],
            };
            return new AnalyzeRun(io, settings).Execute();
        });
        return command;
    }
}
