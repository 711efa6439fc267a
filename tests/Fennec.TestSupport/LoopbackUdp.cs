using System.Net;
using System.Net.Sockets;

namespace Fennec.TestSupport;

/// <summary>
/// A UDP receiver on a free high port of 127.0.0.1 that the system picks at random, and a sender aimed at it, for
/// live-capture tests. Holding the port open keeps other tests off it and stops the kernel from answering the
/// datagrams with ICMP port-unreachable messages.
/// </summary>
public sealed class LoopbackUdp : IDisposable
{
    private readonly Socket _receiver = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Socket _sender = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    /// <summary>Binds both sockets to ports the system picks.</summary>
    public LoopbackUdp()
    {
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender.Connect(_receiver.LocalEndPoint!);
        Port = ((IPEndPoint)_receiver.LocalEndPoint!).Port;
        SenderPort = ((IPEndPoint)_sender.LocalEndPoint!).Port;
    }

    /// <summary>The destination port.</summary>
    public int Port { get; }

    /// <summary>The source port of every datagram sent.</summary>
    public int SenderPort { get; }

    /// <summary>A BPF filter that matches these datagrams and nothing else.</summary>
    public string Filter => $"udp and dst host 127.0.0.1 and dst port {Port} and src port {SenderPort}";

    /// <summary>Sends one datagram to the receiver.</summary>
    public void Send(byte[] payload) => _sender.Send(payload);

    /// <inheritdoc />
    public void Dispose()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }
}
