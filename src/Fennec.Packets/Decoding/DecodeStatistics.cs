using Fennec.Packets.Capture;

namespace Fennec.Packets.Decoding;

/// <summary>
/// Running totals over decoded packets: counts, bytes, time span, link types and decode outcomes. Adding a
/// packet allocates nothing unless it brings a link type not seen before.
/// </summary>
public sealed class DecodeStatistics
{
    private const int Layers = (int)DecodeLayer.Tunnel + 1;
    private readonly long[] _outcomes = new long[((int)DecodeStatus.UnsupportedLinkType + 1) * Layers];
    private readonly Dictionary<LinkType, long> _linkTypes = [];
    private LinkType _currentLink;
    private long _currentLinkRun;

    /// <summary>Packets seen.</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes captured.</summary>
    public long CapturedBytes { get; private set; }

    /// <summary>Bytes on the wire.</summary>
    public long WireBytes { get; private set; }

    /// <summary>Earliest capture time (ns), <see cref="long.MaxValue"/> before the first packet.</summary>
    public long FirstNs { get; private set; } = long.MaxValue;

    /// <summary>Latest capture time (ns), <see cref="long.MinValue"/> before the first packet.</summary>
    public long LastNs { get; private set; } = long.MinValue;

    /// <summary>Packets whose time went backwards relative to the one before.</summary>
    public long OutOfOrder { get; private set; }

    /// <summary>Packets that decoded to IPv4.</summary>
    public long IPv4Packets { get; private set; }

    /// <summary>Packets that decoded to IPv6.</summary>
    public long IPv6Packets { get; private set; }

    /// <summary>Packets that crossed at least one tunnel.</summary>
    public long TunnelledPackets { get; private set; }

    private long _previousNs = long.MinValue;

    /// <summary>Adds one decoded packet.</summary>
    public void Add(in DecodedPacket packet)
    {
        Packets++;
        CapturedBytes += packet.CapturedLength;
        WireBytes += packet.WireLength;
        var ts = packet.TimestampNs;
        if (ts < FirstNs)
            FirstNs = ts;
        if (ts > LastNs)
            LastNs = ts;
        if (ts < _previousNs)
            OutOfOrder++;
        _previousNs = ts;
        if (packet.IpVersion == 4)
            IPv4Packets++;
        else if (packet.IpVersion == 6)
            IPv6Packets++;
        if (packet.TunnelDepth > 0)
            TunnelledPackets++;
        _outcomes[((int)packet.Status * Layers) + (int)packet.StatusLayer]++;
        if (packet.LinkType != _currentLink || _currentLinkRun == 0)
        {
            FlushLinkRun();
            _currentLink = packet.LinkType;
        }

        _currentLinkRun++;
    }

    private void FlushLinkRun()
    {
        if (_currentLinkRun == 0)
            return;
        _linkTypes[_currentLink] = _linkTypes.GetValueOrDefault(_currentLink) + _currentLinkRun;
        _currentLinkRun = 0;
    }

    /// <summary>Packets per link type.</summary>
    public IReadOnlyDictionary<LinkType, long> LinkTypes
    {
        get
        {
            FlushLinkRun();
            return _linkTypes;
        }
    }

    /// <summary>Packets that decoded completely.</summary>
    public long Complete => Count(DecodeStatus.Complete);

    /// <summary>Packets with a given status, over all layers.</summary>
    public long Count(DecodeStatus status)
    {
        long sum = 0;
        for (var layer = 0; layer < Layers; layer++)
            sum += _outcomes[((int)status * Layers) + layer];
        return sum;
    }

    /// <summary>Every (status, layer) pair with a non-zero count, most frequent first.</summary>
    public IEnumerable<(DecodeStatus Status, DecodeLayer Layer, long Count)> Outcomes()
    {
        var list = new List<(DecodeStatus, DecodeLayer, long)>();
        for (var i = 0; i < _outcomes.Length; i++)
        {
            if (_outcomes[i] != 0)
                list.Add(((DecodeStatus)(i / Layers), (DecodeLayer)(i % Layers), _outcomes[i]));
        }

        return list.OrderByDescending(o => o.Item3);
    }
}
