using System.Buffers.Binary;
using Fennec.Flows.Collection;
using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Tests.Collection;

/// <summary>One UDP payload of a capture, with its source address, destination port and capture time.</summary>
internal sealed record Datagram(byte[] Payload, IpAddress Source, ushort DstPort, long TimestampNs);

/// <summary>Reads the UDP payloads of a capture of telemetry datagrams (NetFlow, IPFIX, sFlow), and runs them through a decoder.</summary>
internal static class TelemetryCaptures
{
    /// <summary>Every UDP payload of <paramref name="path"/>, cut at the UDP length.</summary>
    public static List<Datagram> Read(string path)
    {
        var datagrams = new List<Datagram>();
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
            if (p.Protocol != IpProtocol.Udp || !p.HasPorts)
                continue;
            // The UDP length, as a socket would deliver it (the IP length may claim more).
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(record.Data[(p.PayloadOffset - 4)..]) - 8;
            var length = Math.Clamp(udpLength, 0, record.Data.Length - p.PayloadOffset);
            datagrams.Add(new Datagram(record.Data.Slice(p.PayloadOffset, length).ToArray(), p.SrcIp, p.DstPort, record.TimestampNs));
        }

        return datagrams;
    }

    /// <summary>Decodes each datagram (as sent from <paramref name="source"/> when given); returns the records of each.</summary>
    public static List<List<TelemetryRecord>> Decode(TelemetryDecoder decoder, IEnumerable<Datagram> datagrams, IpAddress? source = null)
    {
        var all = new List<List<TelemetryRecord>>();
        foreach (var d in datagrams)
        {
            var sink = new TelemetryRecordingSink();
            decoder.Decode(d.Payload, source ?? d.Source, d.TimestampNs, ref sink);
            all.Add(sink.Records);
        }

        return all;
    }
}

/// <summary>Keeps a copy of every record handed on.</summary>
internal struct TelemetryRecordingSink : ITelemetrySink
{
    public TelemetryRecordingSink() => Records = [];

    public List<TelemetryRecord> Records { get; }

    public readonly void OnRecord(in TelemetryRecord record) => Records.Add(record);
}

/// <summary>Counts records and discards them (for allocation and robustness runs).</summary>
internal struct CountingSink : ITelemetrySink
{
    public long Count;

    public void OnRecord(in TelemetryRecord record) => Count++;
}
