using Fennec.Flows.Assembly;

namespace Fennec.Flows.Export;

/// <summary>
/// Packs flow records into export datagrams in a caller-owned buffer, without I/O: <see cref="Begin"/> opens a
/// datagram, <see cref="TryAppend"/> adds one unidirectional record until it no longer fits, <see cref="Finish"/>
/// completes the header and returns the datagram's length. The encoder keeps what the format numbers across datagrams
/// (sequence numbers, when templates are due); the same buffer must be passed from Begin to Finish. Times are capture
/// time (nanoseconds since the Unix epoch). Not thread-safe: one encoder per exporting partition.
/// </summary>
public abstract class FlowDatagramEncoder
{
    /// <summary>How far before the end of the first flow the uptime origin is put when none is configured.</summary>
    private static readonly long DefaultUptimeLeadNs = (long)TimeSpan.FromHours(1).TotalNanoseconds;

    private long _originNs;
    private bool _hasOrigin;

    private protected FlowDatagramEncoder(ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The options the encoder was made with.</summary>
    public ExportOptions Options { get; }

    /// <summary>The format written.</summary>
    public abstract ExportProtocol Protocol { get; }

    /// <summary>Bytes of the datagram header.</summary>
    public abstract int HeaderLength { get; }

    /// <summary>Bytes written so far into the open datagram; 0 when no datagram is open.</summary>
    public int Length { get; private protected set; }

    /// <summary>True between <see cref="Begin"/> and <see cref="Finish"/>.</summary>
    public bool IsOpen => Length > 0;

    /// <summary>Data records in the open datagram.</summary>
    public int RecordCount { get; private protected set; }

    /// <summary>Datagrams finished so far.</summary>
    public long DatagramCount { get; private set; }

    /// <summary>The uptime origin (capture time, ns) once the first datagram has been opened.</summary>
    public long UptimeOriginNs => _originNs;

    /// <summary>Creates the encoder of a format.</summary>
    public static FlowDatagramEncoder Create(ExportProtocol protocol, ExportOptions options) => protocol switch
    {
        ExportProtocol.NetFlowV5 => new NetFlowV5Encoder(options),
        ExportProtocol.NetFlowV9 => new NetFlowV9Encoder(options),
        ExportProtocol.Ipfix => new IpfixEncoder(options),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown export protocol"),
    };

    /// <summary>
    /// Whether a side of a record is exported: the forward side always, the reverse side when it carried packets
    /// (a bidirectional record becomes one or two unidirectional records, as softflowd exports them).
    /// </summary>
    public static bool HasSide(in FlowRecord record, FlowSide side) => side == FlowSide.Forward || record.Reverse.Packets > 0;

    /// <summary>Why this format cannot carry a record, or <see cref="FlowSkipReason.None"/>.</summary>
    public virtual FlowSkipReason Check(in FlowRecord record) =>
        record.IsMacFlow || record.IpVersion is not (4 or 6) ? FlowSkipReason.NotIp : FlowSkipReason.None;

    /// <summary>
    /// Opens a datagram at capture time <paramref name="nowNs"/>: reserves the header and writes the templates when they
    /// are due. Returns the bytes written.
    /// </summary>
    public int Begin(Span<byte> datagram, long nowNs)
    {
        if (IsOpen)
            throw new InvalidOperationException("a datagram is already open; finish it first");
        if (datagram.Length < Options.Mtu)
            throw new ArgumentException($"the datagram buffer has {datagram.Length} bytes; the MTU needs {Options.Mtu}", nameof(datagram));
        if (!_hasOrigin)
        {
            var origin = Options.UptimeOrigin is { } configured
                ? (configured.UtcTicks - DateTime.UnixEpoch.Ticks) * 100
                : nowNs - DefaultUptimeLeadNs;
            _originNs = WholeSeconds(origin);
            _hasOrigin = true;
        }

        RecordCount = 0;
        Length = BeginCore(datagram[..Options.Mtu], nowNs);
        return Length;
    }

    /// <summary>
    /// Appends one side of a record (which <see cref="Check"/> accepted) to the open datagram. Returns the bytes
    /// written, or 0 when it does not fit: finish the datagram, then begin another and append again.
    /// </summary>
    public int TryAppend(Span<byte> datagram, in FlowRecord record, FlowSide side)
    {
        if (!IsOpen)
            throw new InvalidOperationException("no datagram is open; begin one first");
        var written = AppendCore(datagram[..Options.Mtu], new OneWay(record, side));
        if (written > 0)
        {
            Length += written;
            RecordCount++;
        }

        return written;
    }

    /// <summary>Completes the open datagram's header at capture time <paramref name="nowNs"/>; returns its length.</summary>
    public int Finish(Span<byte> datagram, long nowNs)
    {
        if (!IsOpen)
            throw new InvalidOperationException("no datagram is open; begin one first");
        var length = FinishCore(datagram[..Options.Mtu], nowNs);
        DatagramCount++;
        Length = 0;
        RecordCount = 0;
        return length;
    }

    /// <summary>A capture time rounded down to a whole second.</summary>
    private protected static long WholeSeconds(long ns) => ns - (((ns % ExportClock.NanosecondsPerSecond) + ExportClock.NanosecondsPerSecond) % ExportClock.NanosecondsPerSecond);

    /// <summary>Milliseconds of uptime at a capture time (NetFlow's sysUptime and switched times).</summary>
    private protected uint Uptime(long ns) => ExportClock.UptimeMilliseconds(ns, _originNs);

    private protected abstract int BeginCore(Span<byte> datagram, long nowNs);

    private protected abstract int AppendCore(Span<byte> datagram, OneWay flow);

    private protected abstract int FinishCore(Span<byte> datagram, long nowNs);
}
