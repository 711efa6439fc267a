namespace Fennec.Features.PortWindows;

/// <summary>
/// Turns port windows into the autoencoder's input: for each of the K source ports and K destination ports present in
/// the most training windows, the packets per second and the number of distinct ports on the other side, each
/// scaled as <c>log1p</c> over twice its largest training value and clamped to [0, 1], so that normal traffic sits
/// in the lower half and a flood can still show as far more than ever seen.
/// </summary>
public sealed class PortVectorizer
{
    private readonly double _windowSeconds;
    private readonly double[] _scale;

    private PortVectorizer(ushort[] srcPorts, ushort[] dstPorts, double windowSeconds)
    {
        _src = srcPorts;
        _dst = dstPorts;
        _windowSeconds = windowSeconds;
        _scale = new double[Length];
    }

    private readonly ushort[] _src;
    private readonly ushort[] _dst;

    /// <summary>The source ports followed, busiest first.</summary>
    public IReadOnlyList<ushort> SrcPorts => _src;

    /// <summary>The destination ports followed, busiest first.</summary>
    public IReadOnlyList<ushort> DstPorts => _dst;

    /// <summary>Length of a vector: two values per followed port.</summary>
    public int Length => 2 * (SrcPorts.Count + DstPorts.Count);

    /// <summary>Chooses the ports from the training windows and learns each feature's scale from them.</summary>
    public static PortVectorizer Fit(PortWindowTable windows, IEnumerable<long> trainingWindows)
    {
        var training = trainingWindows.Where(windows.Windows.ContainsKey).ToList();
        var k = windows.Options.TopPorts;
        var src = Busiest(training.Select(w => windows.Windows[w].SrcPackets), k);
        var dst = Busiest(training.Select(w => windows.Windows[w].DstPackets), k);
        var vectorizer = new PortVectorizer(src, dst, windows.Options.Window.TotalSeconds);
        var raw = new double[vectorizer.Length];
        foreach (var w in training)
        {
            vectorizer.Raw(windows.Windows[w], raw);
            for (var i = 0; i < raw.Length; i++)
                vectorizer._scale[i] = Math.Max(vectorizer._scale[i], Math.Log(1 + raw[i]));
        }
        for (var i = 0; i < raw.Length; i++)
            vectorizer._scale[i] = 2 * Math.Max(vectorizer._scale[i], Math.Log(2));
        return vectorizer;
    }

    /// <summary>Writes the scaled vector of <paramref name="window"/> (null: a window with no traffic).</summary>
    public void Vector(PortWindowTable.Window? window, Span<double> destination)
    {
        if (window is null)
        {
            destination[..Length].Clear();
            return;
        }
        Raw(window, destination);
        for (var i = 0; i < Length; i++)
            destination[i] = Math.Min(1, Math.Log(1 + destination[i]) / _scale[i]);
    }

    /// <summary>The unscaled value a scaled one stands for (packets per second, or a count of ports).</summary>
    public double Unscale(int feature, double scaled) => Math.Exp(Math.Clamp(scaled, 0, 1) * _scale[feature]) - 1;

    /// <summary>What a feature measures, in words.</summary>
    public string Describe(int feature)
    {
        var k = SrcPorts.Count;
        return feature switch
        {
            _ when feature < k => $"packets/s from source port {SrcPorts[feature]}",
            _ when feature < 2 * k => $"distinct destination ports of source port {SrcPorts[feature - k]}",
            _ when feature < 2 * k + DstPorts.Count => $"packets/s to destination port {DstPorts[feature - 2 * k]}",
            _ => $"distinct source ports towards destination port {DstPorts[feature - 2 * k - DstPorts.Count]}",
        };
    }

    /// <summary>Writes the unscaled values of <paramref name="window"/>: packets per second and counts of ports.</summary>
    public void Raw(PortWindowTable.Window window, Span<double> destination)
    {
        var k = SrcPorts.Count;
        var m = DstPorts.Count;
        Span<int> srcOpposite = stackalloc int[k];
        Span<int> dstOpposite = stackalloc int[m];
        foreach (var pair in window.Pairs)
        {
            var s = Array.IndexOf(_src, (ushort)(pair >> 16));
            if (s >= 0)
                srcOpposite[s]++;
            var d = Array.IndexOf(_dst, (ushort)pair);
            if (d >= 0)
                dstOpposite[d]++;
        }
        for (var i = 0; i < k; i++)
        {
            destination[i] = window.SrcPackets.GetValueOrDefault(SrcPorts[i]) / _windowSeconds;
            destination[k + i] = srcOpposite[i];
        }
        for (var i = 0; i < m; i++)
        {
            destination[2 * k + i] = window.DstPackets.GetValueOrDefault(DstPorts[i]) / _windowSeconds;
            destination[2 * k + m + i] = dstOpposite[i];
        }
    }

    /// <summary>
    /// The <paramref name="k"/> ports seen in the most training windows (then by packets): services that are always
    /// there, rather than the ephemeral port of one long transfer, whose absence later would look like an anomaly.
    /// </summary>
    private static ushort[] Busiest(IEnumerable<Dictionary<ushort, double>> windows, int k)
    {
        var totals = new Dictionary<ushort, (int Windows, double Packets)>();
        foreach (var window in windows)
            foreach (var (port, packets) in window)
            {
                var t = totals.GetValueOrDefault(port);
                totals[port] = (t.Windows + 1, t.Packets + packets);
            }
        return [.. totals.OrderByDescending(kv => kv.Value.Windows).ThenByDescending(kv => kv.Value.Packets).ThenBy(kv => kv.Key)
            .Take(k).Select(kv => kv.Key)];
    }
}
