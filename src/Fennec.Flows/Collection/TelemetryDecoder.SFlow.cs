using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection;

public sealed partial class TelemetryDecoder
{
    /// <summary>sFlow version 5: not decoded yet; counted as an unknown version.</summary>
    private static int DecodeSFlow<TSink>(ReadOnlySpan<byte> datagram, IpAddress source, long receivedNs, ExporterState exporter, ref TSink sink)
        where TSink : ITelemetrySink
    {
        _ = datagram;
        _ = source;
        _ = receivedNs;
        _ = sink;
        exporter.Counters.Count(DecodeErrorKind.UnknownVersion);
        return 0;
    }
}
