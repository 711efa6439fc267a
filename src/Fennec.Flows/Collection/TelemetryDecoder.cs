using System.Buffers.Binary;
using Fennec.Flows.Collection.Templates;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

/// <summary>
/// Decodes NetFlow v5, NetFlow v9, IPFIX and sFlow v5 datagrams into <see cref="TelemetryRecord"/>s. It keeps what
/// the formats make stateful (templates per exporter and observation domain, sampling rates announced in options,
/// sequence numbers, data sets waiting for their template) within the bounds of its
/// <see cref="TelemetryDecoderOptions"/>, and counts everything per exporter. It does no I/O: hand it each
/// datagram's payload and source address. Not thread-safe: one decoder per receive loop, or per exporter partition.
/// </summary>
public sealed partial class TelemetryDecoder
{
    private readonly TelemetryDecoderOptions _options;
    private readonly Dictionary<IpAddress, ExporterState> _exporters = [];
    private readonly List<Template> _templates = [];
    private readonly List<ushort> _withdrawn = [];

    /// <summary>Creates a decoder with no exporter known yet.</summary>
    public TelemetryDecoder(TelemetryDecoderOptions? options = null)
    {
        _options = options ?? new TelemetryDecoderOptions();
        Overflow = new ExporterCounters(IpAddress.None);
    }

    /// <summary>The counters of every exporter seen.</summary>
    public IEnumerable<ExporterCounters> Exporters => _exporters.Values.Select(e => e.Counters);

    /// <summary>Datagrams from exporters beyond <see cref="TelemetryDecoderOptions.MaxExporters"/>, counted but not decoded.</summary>
    public ExporterCounters Overflow { get; }

    /// <summary>The counters of one exporter, or null when it has sent nothing.</summary>
    public ExporterCounters? CountersOf(IpAddress exporter) =>
        _exporters.TryGetValue(exporter, out var state) ? state.Counters : null;

    /// <summary>
    /// Decodes one datagram from <paramref name="source"/>, received at <paramref name="receivedNs"/> (Unix ns; sFlow
    /// carries no wall-clock time, so its records take this one). Returns the flow records handed to the sink.
    /// </summary>
    public int Decode<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, long receivedNs, ref TSink sink)
        where TSink : ITelemetrySink
    {
        var exporter = Exporter(source);
        if (exporter is null)
        {
            Overflow.Datagrams++;
            Overflow.Count(DecodeErrorKind.ExporterLimit);
            return 0;
        }

        var counters = exporter.Counters;
        counters.Datagrams++;
        if (datagram.Length < 4)
        {
            counters.Count(DecodeErrorKind.TruncatedHeader);
            return 0;
        }

        switch (BinaryPrimitives.ReadUInt16BigEndian(datagram))
        {
            case 5:
                return DecodeNetFlowV5(datagram, source, exporter, ref sink);
            case 9:
                return DecodeNetFlowV9(datagram, source, exporter, ref sink);
            case 10:
                return DecodeIpfix(datagram, source, exporter, ref sink);
            case 0 when BinaryPrimitives.ReadUInt32BigEndian(datagram) == 5:
                return DecodeSFlow(datagram, source, receivedNs, exporter, ref sink);
            default:
                counters.Count(DecodeErrorKind.UnknownVersion);
                return 0;
        }
    }

    /// <summary>Gives up on every data set still waiting for its template (at shutdown), counting each.</summary>
    public void Flush()
    {
        foreach (var exporter in _exporters.Values)
            exporter.DropOldest(exporter.Held.Count);
    }

    private ExporterState? Exporter(IpAddress source)
    {
        if (_exporters.TryGetValue(source, out var state))
            return state;
        if (_exporters.Count >= _options.MaxExporters)
            return null;
        state = new ExporterState(source);
        _exporters.Add(source, state);
        return state;
    }
}
