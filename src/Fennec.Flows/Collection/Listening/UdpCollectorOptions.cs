using System.Net;

namespace Fennec.Flows.Collection.Listening;

/// <summary>Where and how a <see cref="UdpCollector"/> listens.</summary>
public sealed record UdpCollectorOptions
{
    /// <summary>The addresses to listen on; each takes any format (the decoder tells them apart by version).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; init; } = [];

    /// <summary>
    /// Receive loops per address, each with its own socket (SO_REUSEPORT) and decoder; the kernel keeps each
    /// exporter on one socket, so template state never has to be shared.
    /// </summary>
    public int LoopsPerEndpoint { get; init; } = 2;

    /// <summary>The socket receive buffer asked for; bursts beyond it are lost in the kernel (the OS may cap it).</summary>
    public int ReceiveBufferBytes { get; init; } = 32 << 20;

    /// <summary>The decoder settings of every loop.</summary>
    public TelemetryDecoderOptions Decoder { get; init; } = new();
}
