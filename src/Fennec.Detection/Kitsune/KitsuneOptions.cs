using Fennec.Detection.KitNet;
using Fennec.Detection.Thresholds;
using Fennec.Features.AfterImage;

namespace Fennec.Detection.Kitsune;

/// <summary>Everything that shapes a Kitsune detector; the defaults follow the reference's example.</summary>
public sealed record KitsuneOptions
{
    /// <summary>The KitNET parameters (ensemble size, grace periods, learning rate, hidden ratio).</summary>
    public KitNetOptions KitNet { get; init; } = new();

    /// <summary>AfterImage's memory bounds (none by default, as in the reference).</summary>
    public AfterImageOptions AfterImage { get; init; } = new();

    /// <summary>How the anomaly threshold is set from the training scores.</summary>
    public ThresholdRule ThresholdRule { get; init; } = ThresholdRule.LogNormal;

    /// <summary>The log-normal rule flags scores whose tail probability is below this.</summary>
    public double TailProbability { get; init; } = 0.001;

    /// <summary>The max rule flags scores above the largest training score times this.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>
    /// Packets scored right after training whose scores fit the threshold (assumed normal, as the reference's example
    /// assumes of the packets after its grace periods); they are scored but not flagged. Null: a fifth of the AD
    /// grace. 0: fit on the training scores instead (the output autoencoder's error before each step, which runs
    /// lower than the frozen detector's, since it adapts online to the packets just before).
    /// </summary>
    public long? CalibrationPackets { get; init; }

    /// <summary>The calibration window in force.</summary>
    public long EffectiveCalibrationPackets => CalibrationPackets ?? Math.Max(1, KitNet.AnomalyDetectorGrace / 5);

    /// <summary>
    /// With no calibration window: the share of the training period, counted from its end, whose scores fit the
    /// threshold (the first come from autoencoders that have barely started learning).
    /// </summary>
    public double ThresholdWindow { get; init; } = 0.5;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        KitNet.Validate();
        AfterImage.Validate();
        if (!(TailProbability > 0 && TailProbability < 1))
            throw new ArgumentException($"the tail probability must be between 0 and 1, not {TailProbability}", nameof(TailProbability));
        if (!(Beta > 0 && double.IsFinite(Beta)))
            throw new ArgumentException($"β must be a positive number, not {Beta}", nameof(Beta));
        if (CalibrationPackets is < 0)
            throw new ArgumentException($"the calibration window must be zero or more packets, not {CalibrationPackets}", nameof(CalibrationPackets));
        if (!(ThresholdWindow > 0 && ThresholdWindow <= 1))
            throw new ArgumentException($"the threshold window must be in (0, 1], not {ThresholdWindow}", nameof(ThresholdWindow));
    }
}
