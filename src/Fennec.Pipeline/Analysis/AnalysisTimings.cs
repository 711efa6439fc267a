using System.Diagnostics;

namespace Fennec.Pipeline.Analysis;

/// <summary>Where an analysis spent its time, stage by stage (wall-clock, measured around each stage).</summary>
public sealed class AnalysisTimings
{
    private readonly long[] _ticks = new long[Enum.GetValues<AnalysisStage>().Length];

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a stage; returns now.</summary>
    public long Charge(AnalysisStage stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(int)stage] += now - since;
        return now;
    }

    /// <summary>Time spent in a stage.</summary>
    public TimeSpan this[AnalysisStage stage] => Stopwatch.GetElapsedTime(0, _ticks[(int)stage]);

    /// <summary>Every stage with its time, in pipeline order.</summary>
    public IEnumerable<(AnalysisStage Stage, TimeSpan Time)> All =>
        Enum.GetValues<AnalysisStage>().Select(s => (s, this[s]));
}

/// <summary>The stages an analysis is timed by.</summary>
public enum AnalysisStage
{
    /// <summary>Reading captures and decoding packet headers.</summary>
    ReadDecode,

    /// <summary>Flow assembly, enrichment, the traffic profile and the flow sink (the store).</summary>
    Flows,

    /// <summary>Kitsune: features, the autoencoders and the windows of flagged packets.</summary>
    Kitsune,

    /// <summary>Baselines, new countries, incident merging and the budget.</summary>
    Detection,

    /// <summary>Writing results (rows, rollups, incidents, the report).</summary>
    Output,
}
