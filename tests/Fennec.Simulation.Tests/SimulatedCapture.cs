using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;
using Fennec.Simulation.Network;

namespace Fennec.Simulation.Tests;

/// <summary>A decoded packet of a simulated capture, the fields the tests look at.</summary>
internal readonly record struct SeenPacket(
    long Time, uint Src, uint Dst, ushort SrcPort, ushort DstPort, byte Protocol, TcpFlags Flags, int Payload, int CapturedLength,
    int WireLength, DecodeStatus Status, DecodeLayer StatusLayer);

/// <summary>Runs a simulation into a temporary pcap file and reads it back with Fennec's own reader and decoder.</summary>
internal sealed class SimulatedCapture : IDisposable
{
    public SimulatedCapture(SimulationOptions options)
    {
        Options = options;
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fennec-sim-{Guid.NewGuid():N}.pcap");
        var simulator = new TrafficSimulator(options);
        Network = simulator.Network;
        using (var file = File.Create(Path))
            Result = simulator.Run(file);
        Packets = Read(Path);
    }

    public SimulationOptions Options { get; }

    public string Path { get; }

    public SimulatedNetwork Network { get; }

    public SimulationResult Result { get; }

    public List<SeenPacket> Packets { get; }

    public static List<SeenPacket> Read(string path)
    {
        var packets = new List<SeenPacket>();
        using var reader = CaptureReader.Open(path);
        while (reader.TryRead(out var record))
        {
            PacketDecoder.Decode(record.Data, record.LinkType, record.TimestampNs, record.WireLength, record.InterfaceId, out var p);
            packets.Add(new SeenPacket(p.TimestampNs, p.SrcIp.IPv4Value, p.DstIp.IPv4Value, p.SrcPort, p.DstPort, p.Protocol, p.TcpFlags,
                p.PayloadLength, p.CapturedLength, p.WireLength, p.Status, p.StatusLayer));
        }

        return packets;
    }

    public void Dispose() => File.Delete(Path);
}
