using Fennec.Detection.KitNet;

namespace Fennec.Detection.Kitsune;

/// <summary>What the detector made of one packet.</summary>
/// <param name="Index">The packet's 0-based position in everything this detector has processed.</param>
/// <param name="Phase">What KitNET did with it (mapping and training packets score 0).</param>
/// <param name="Score">The anomaly score: the output autoencoder's RMSE, 0 during the grace periods.</param>
/// <param name="Probability">The log-normal tail probability of the score (1 before the threshold is fitted).</param>
/// <param name="IsAnomalous">True when the threshold flags the score.</param>
public readonly record struct KitsuneResult(long Index, KitNetPhase Phase, double Score, double Probability, bool IsAnomalous);
