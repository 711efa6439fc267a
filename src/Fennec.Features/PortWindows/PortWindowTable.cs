using Fennec.Features.Traffic;
using Fennec.Flows.Assembly;

namespace Fennec.Features.PortWindows;

/// <summary>
/// Packets per source port and per destination port, window by window, with the distinct port pairs behind them:
/// what NTT Communications' DDoS autoencoder looks at. Flows from any source (assembled from packets, or collected
/// NetFlow/IPFIX/sFlow) are added with <see cref="Add(long, long, ushort, ushort, double)"/>: each direction of a
/// bidirectional flow is one unidirectional record, spread evenly over the windows it spans. The vectors come from
/// <see cref="PortVectorizer"/> once the training windows have chosen the ports to follow.
/// </summary>
public sealed class PortWindowTable
{
    private readonly Dictionary<long, Window> _windows = [];
    private readonly long _windowNs;

    /// <summary>Creates empty windows.</summary>
    public PortWindowTable(PortWindowOptions? options = null)
    {
        Options = options ?? new PortWindowOptions();
        Options.Validate();
        _windowNs = (long)Options.Window.TotalMicroseconds * 1000;
    }

    /// <summary>The settings.</summary>
    public PortWindowOptions Options { get; }

    /// <summary>Width of a window in nanoseconds.</summary>
    public long WindowNs => _windowNs;

    /// <summary>Port pairs not kept because their window had reached its bound (its distinct counts are floors).</summary>
    public long SaturatedPairs { get; private set; }

    /// <summary>The windows that saw traffic, by number since the epoch.</summary>
    public IReadOnlyDictionary<long, Window> Windows => _windows;

    /// <summary>Adds both directions of a bidirectional flow record (TCP, UDP and SCTP only: other protocols have no ports).</summary>
    public void Add(in FlowRecord flow)
    {
        if (flow.IsMacFlow || flow.Protocol is not (6 or 17 or 132))
            return;
        Add(flow.FirstNs, flow.LastNs, flow.SrcPort, flow.DstPort, flow.Forward.Packets);
        if (flow.Reverse.Packets > 0)
            Add(flow.Reverse.FirstNs, flow.Reverse.LastNs, flow.DstPort, flow.SrcPort, flow.Reverse.Packets);
    }

    /// <summary>Adds a unidirectional record: <paramref name="packets"/> from <paramref name="srcPort"/> to <paramref name="dstPort"/> between two times.</summary>
    public void Add(long firstNs, long lastNs, ushort srcPort, ushort dstPort, double packets)
    {
        if (packets <= 0)
            return;
        foreach (var (window, fraction, _) in TimeBuckets.Shares(firstNs, lastNs, _windowNs))
            AddTo(window, srcPort, dstPort, packets * fraction);
    }

    private void AddTo(long window, ushort srcPort, ushort dstPort, double packets)
    {
        if (!_windows.TryGetValue(window, out var w))
            _windows[window] = w = new Window();
        w.SrcPackets[srcPort] = w.SrcPackets.GetValueOrDefault(srcPort) + packets;
        w.DstPackets[dstPort] = w.DstPackets.GetValueOrDefault(dstPort) + packets;
        var pair = ((uint)srcPort << 16) | dstPort;
        if (w.Pairs.Count < Options.MaxPairsPerWindow)
            w.Pairs.Add(pair);
        else if (!w.Pairs.Contains(pair))
            SaturatedPairs++;
    }

    /// <summary>One window's packets per port and its distinct port pairs.</summary>
    public sealed class Window
    {
        /// <summary>Packets sent from each source port.</summary>
        public Dictionary<ushort, double> SrcPackets { get; } = [];

        /// <summary>Packets sent to each destination port.</summary>
        public Dictionary<ushort, double> DstPackets { get; } = [];

        /// <summary>Distinct (source port &lt;&lt; 16 | destination port) pairs.</summary>
        public HashSet<uint> Pairs { get; } = [];
    }
}
