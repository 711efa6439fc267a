using System.Diagnostics;
using Fennec.Detection.KitNet;

namespace Fennec.Detection.Kitsune;

/// <summary>Time spent per stage (features, and KitNET by phase), for throughput reports; off unless attached to a detector.</summary>
public sealed class KitsuneTimings
{
    private readonly long[] _kitNetTicks = new long[3];
    private readonly long[] _kitNetPackets = new long[3];

    /// <summary>Time spent updating AfterImage.</summary>
    public TimeSpan Features => Stopwatch.GetElapsedTime(0, FeatureTicks);

    /// <summary>Packets whose features were computed.</summary>
    public long FeaturePackets { get; private set; }

    internal long FeatureTicks { get; private set; }

    /// <summary>Time KitNET spent in one phase.</summary>
    public TimeSpan KitNet(KitNetPhase phase) => Stopwatch.GetElapsedTime(0, _kitNetTicks[(int)phase]);

    /// <summary>Packets KitNET processed in one phase.</summary>
    public long KitNetPackets(KitNetPhase phase) => _kitNetPackets[(int)phase];

    internal void AddFeatures(long ticks)
    {
        FeatureTicks += ticks;
        FeaturePackets++;
    }

    internal void AddKitNet(KitNetPhase phase, long ticks, int packets = 1)
    {
        _kitNetTicks[(int)phase] += ticks;
        _kitNetPackets[(int)phase] += packets;
    }
}
