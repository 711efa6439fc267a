using Fennec.Flows.Collection;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Collection;

/// <summary>Keeps every record a decoder hands on, flows and options records in arrival order.</summary>
internal sealed class RecordingSink : ITelemetrySink
{
    public List<(bool Options, TelemetryRecord Record)> Events { get; } = [];

    public IEnumerable<TelemetryRecord> Flows => Events.Where(e => !e.Options).Select(e => e.Record);

    public void OnRecord(in TelemetryRecord record) => Events.Add((false, record));

    public void OnOptionsRecord(in TelemetryRecord record) => Events.Add((true, record));

    /// <summary>Decodes each datagram in order from one source with one decoder.</summary>
    public static (RecordingSink Sink, TelemetryDecoder Decoder) Decode(IEnumerable<byte[]> datagrams, string source = "192.0.2.1",
        TelemetryDecoderOptions? options = null)
    {
        var decoder = new TelemetryDecoder(options);
        var sink = new RecordingSink();
        var address = IpAddress.Parse(source);
        foreach (var datagram in datagrams)
            decoder.Decode(datagram, address, 0, ref sink);
        return (sink, decoder);
    }
}
