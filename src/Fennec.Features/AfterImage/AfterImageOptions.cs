namespace Fennec.Features.AfterImage;

/// <summary>
/// Memory bounds of AfterImage. The defaults keep every stream forever, as the reference does, so features are
/// identical to it; set either bound to run in bounded memory on long or hostile traffic.
/// </summary>
public sealed record AfterImageOptions
{
    /// <summary>
    /// Streams whose weight at the slowest decay (and whose pairs' weights) have fallen below this are forgotten;
    /// null keeps them. A forgotten stream that returns starts afresh, so its features differ slightly.
    /// </summary>
    public double? ExpiryWeight { get; init; }

    /// <summary>The most streams each of the four tables holds; past it the least active sampled stream is evicted. Null: unbounded.</summary>
    public int? MaxStreamsPerTable { get; init; }

    /// <summary>How many streams each packet's expiry sweep checks.</summary>
    public int SweepPerPacket { get; init; } = 4;

    /// <summary>
    /// Pairs a stream needs before its pair updates are deferred until used (the features are the same bits either
    /// way; tests lower it to exercise deferral everywhere, or raise it to int.MaxValue to turn it off).
    /// </summary>
    internal int DeferralDegree { get; init; } = StreamTable.DefaultDeferralDegree;

    /// <summary>Throws when a bound is not positive.</summary>
    public void Validate()
    {
        if (ExpiryWeight is { } w && !(w > 0 && double.IsFinite(w)))
            throw new ArgumentException($"the expiry weight must be a positive number, not {w}", nameof(ExpiryWeight));
        if (MaxStreamsPerTable is { } m && m < 2)
            throw new ArgumentException($"the stream bound must be at least 2, not {m}", nameof(MaxStreamsPerTable));
        if (SweepPerPacket < 1)
            throw new ArgumentException($"the sweep budget must be at least 1, not {SweepPerPacket}", nameof(SweepPerPacket));
    }
}
