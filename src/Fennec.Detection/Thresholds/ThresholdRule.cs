namespace Fennec.Detection.Thresholds;

/// <summary>How an anomaly threshold is set from the scores seen while training.</summary>
public enum ThresholdRule
{
    /// <summary>Fit a log-normal to the training scores and flag scores whose upper-tail probability is below p.</summary>
    LogNormal,

    /// <summary>The paper's rule: flag scores above the largest training score times β.</summary>
    MaxTraining,
}
