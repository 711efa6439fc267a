using System.CommandLine;
using Fennec.Cli.Output;
using Fennec.Detection.KitNet;
using Fennec.Detection.Kitsune;
using Fennec.Detection.Thresholds;
using Fennec.Features.AfterImage;
using Fennec.Features.Kitsune;
using Fennec.Packets.Capture;

namespace Fennec.Cli.Commands;

/// <summary><c>fennec kitsune</c>: Kitsune's online anomaly detector (AfterImage features and the KitNET ensemble) over a capture or Kitsune TSV.</summary>
internal static class KitsuneCommand
{
    public static Command Create(CliIO io)
    {
        var input = CommonOptions.NoUnknownOptions(new Argument<string>("input")
        {
            Description = "A capture (pcap or pcapng, plain or gzip; - for standard input) or Kitsune's TSV input (.tsv or .tsv.gz).",
        });
        var kitNet = new KitNetOptions();
        var kitsune = new KitsuneOptions();
        var fmGrace = Positive<long>("--fm-grace", "Packets that learn the feature map (the map is built on the next one).", kitNet.EffectiveFeatureMapGrace, allowZero: true);
        var adGrace = Positive<long>("--ad-grace", "Packets that train the autoencoders after the map is built.", kitNet.AnomalyDetectorGrace, allowZero: false);
        var maxAe = Positive<int>("--max-ae", "The most features one autoencoder of the ensemble watches.", kitNet.MaxAutoencoderSize, allowZero: false);
        var learningRate = Fraction("--learning-rate", "The autoencoders' learning rate.", kitNet.LearningRate, upTo: 1e6);
        var hiddenRatio = Fraction("--hidden-ratio", "Hidden units per input of each autoencoder.", kitNet.HiddenRatio, upTo: 1e3);
        var features = File("--features", "Write the 100 AfterImage features of every packet to this CSV file (the reference's column names).");
        var scores = File("--scores", "Write one score (rmse) per packet, in input order, to this CSV file (0 during the grace periods).");
        var alerts = File("--alerts", "Write flagged packets with their probability and explanation to this JSON Lines file (default: standard output).");
        var saveModel = File("--save-model", "Save the trained detector (map, weights, normalisers, threshold, statistics) to this file at the end.");
        var model = File("--model", "Load a detector saved with --save-model and go on from it (scoring without retraining once it was trained).");
        var fresh = new Option<bool>("--fresh-statistics")
        {
            Description = "With --model: start the traffic statistics empty instead of where the saved detector left them.",
        };
        var rule = new Option<ThresholdRule>("--threshold")
        {
            Description = "How to flag: LogNormal (fit a log-normal to the calibration scores; flag tail probability below --p) or MaxTraining (the largest calibration score times --beta).",
            DefaultValueFactory = _ => kitsune.ThresholdRule,
        };
        var calibration = new Option<long?>("--calibration")
        {
            Description = "Packets scored right after training that fit the threshold (assumed normal; scored, not flagged). Default: a fifth of --ad-grace. 0: fit on the training scores instead.",
        };
        calibration.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
                r.AddError("--calibration must be zero or more packets.");
        });
        var p = Fraction("--p", "Flag packets whose score's log-normal tail probability is below this.", kitsune.TailProbability, upTo: 1);
        var beta = Fraction("--beta", "With --threshold MaxTraining: flag scores above the largest training score times this.", kitsune.Beta, upTo: 1e9);
        var maxStreams = new Option<int?>("--max-streams")
        {
            Description = "Bound AfterImage's memory: the most streams each of its four tables holds; past it the least active are evicted and counted. Default: unbounded, as the reference.",
        };
        maxStreams.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 2)
                r.AddError("--max-streams must be at least 2.");
        });
        var expiry = new Option<double?>("--expiry-weight")
        {
            Description = "Forget streams whose decayed weight (and whose pairs' weights) at the slowest window fell below this, e.g. 1e-6. Default: never, as the reference.",
        };
        expiry.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v > 0 && double.IsFinite(v)))
                r.AddError("--expiry-weight must be a positive number.");
        });
        var limit = new Option<long?>("--limit")
        {
            Description = "Stop after this many packets.",
        };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 1)
                r.AddError("--limit must be at least 1.");
        });
        var featuresOnly = new Option<bool>("--features-only")
        {
            Description = "Compute the AfterImage features only (with --features to write them); no detector runs.",
        };
        var timings = new Option<bool>("--timings")
        {
            Description = "Report the time spent in each stage: features, and KitNET's mapping, training and scoring.",
        };
        var command = new Command("kitsune", "Kitsune's online anomaly detector: AfterImage statistics and the KitNET autoencoder ensemble, scoring every packet (identical to the Kitsune reference).")
        {
            input, fmGrace, adGrace, maxAe, learningRate, hiddenRatio, features, scores, alerts, saveModel, model, fresh, rule, calibration, p, beta,
            maxStreams, expiry, limit, featuresOnly, timings,
        };
        command.Validators.Add(r =>
        {
            if (!r.GetValue(featuresOnly))
                return;
            foreach (var (option, name) in new[] { (scores, "--scores"), (alerts, "--alerts"), (saveModel, "--save-model"), (model, "--model") })
            {
                if (r.GetValue(option) is not null)
                    r.AddError($"--features-only runs no detector, so {name} cannot be used with it.");
            }
        });
        command.SetAction(r =>
        {
            var afterImage = new AfterImageOptions { MaxStreamsPerTable = r.GetValue(maxStreams), ExpiryWeight = r.GetValue(expiry) };
            var options = new KitsuneOptions
            {
                KitNet = new KitNetOptions
                {
                    FeatureMapGrace = r.GetValue(fmGrace),
                    AnomalyDetectorGrace = r.GetValue(adGrace),
                    MaxAutoencoderSize = r.GetValue(maxAe),
                    LearningRate = r.GetValue(learningRate),
                    HiddenRatio = r.GetValue(hiddenRatio),
                },
                AfterImage = afterImage,
                ThresholdRule = r.GetValue(rule),
                CalibrationPackets = r.GetValue(calibration),
                TailProbability = r.GetValue(p),
                Beta = r.GetValue(beta),
            };
            var run = new KitsuneRun(io, r.GetValue(input)!, options)
            {
                FeaturesPath = r.GetValue(features),
                ScoresPath = r.GetValue(scores),
                AlertsPath = r.GetValue(alerts),
                SaveModelPath = r.GetValue(saveModel),
                ModelPath = r.GetValue(model),
                FreshStatistics = r.GetValue(fresh),
                Limit = r.GetValue(limit) ?? long.MaxValue,
                FeaturesOnly = r.GetValue(featuresOnly),
                ReportTimings = r.GetValue(timings),
            };
            return run.Execute();
        });
        return command;
    }

    private static Option<string?> File(string name, string description) => new(name) { Description = description };

    private static Option<T> Positive<T>(string name, string description, T defaultValue, bool allowZero)
        where T : struct, System.Numerics.INumber<T>
    {
        var option = new Option<T>(name) { Description = $"{description} Default {defaultValue}.", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<T>();
            if (value < T.Zero || (value == T.Zero && !allowZero))
                r.AddError($"{name} must be {(allowZero ? "zero or more" : "at least 1")}.");
        });
        return option;
    }

    private static Option<double> Fraction(string name, string description, double defaultValue, double upTo)
    {
        var option = new Option<double>(name)
        {
            Description = $"{description} Default {defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture)}.",
            DefaultValueFactory = _ => defaultValue,
        };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<double>();
            if (!(value > 0 && value < upTo) && !(upTo > 1 && value == upTo))
                r.AddError($"{name} must be a number above 0 and below {upTo.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        });
        return option;
    }
}
