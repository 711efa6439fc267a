using System.Net;
using System.Net.Sockets;
using Fennec.Flows.Assembly;

namespace Fennec.Flows.Export;

/// <summary>
/// Sends flow records to a collector over UDP as NetFlow v5, NetFlow v9 or IPFIX. Each record becomes one or two
/// unidirectional records (<see cref="FlowDatagramEncoder.HasSide"/>) packed into datagrams up to the MTU; datagrams
/// are paced to <see cref="ExportOptions.MaxDatagramsPerSecond"/> so a fast input does not overflow the collector's
/// socket buffer. The constructor is inert; <see cref="Start"/> resolves the collector and opens the socket;
/// <see cref="Flush"/> and <see cref="Dispose"/> send the partial datagram. One datagram buffer is reused, so nothing
/// is allocated per record. Not thread-safe: feed it from one thread.
/// </summary>
public sealed class FlowExporter : IFlowSink, IDisposable
{
    private readonly FlowDatagramEncoder _encoder;
    private readonly byte[] _datagram;
    private readonly TokenBucket _pacer;
    private Socket? _socket;
    private long _nowNs;
    private bool _disposed;

    /// <summary>Creates an exporter; nothing is resolved or opened until <see cref="Start"/>.</summary>
    public FlowExporter(ExportTarget target, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        Options = options ?? new ExportOptions();
        _encoder = FlowDatagramEncoder.Create(target.Protocol, Options);
        _datagram = new byte[Options.Mtu];
        // A burst of 10 ms worth of datagrams: short enough for a collector's default socket buffer.
        _pacer = new TokenBucket(Options.MaxDatagramsPerSecond, Math.Max(1, Options.MaxDatagramsPerSecond / 100.0));
    }

    /// <summary>The collector and format.</summary>
    public ExportTarget Target { get; }

    /// <summary>The options in force.</summary>
    public ExportOptions Options { get; }

    /// <summary>The collector's resolved endpoint once started.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    /// <summary>Datagrams sent.</summary>
    public long DatagramsSent { get; private set; }

    /// <summary>Unidirectional flow records in the datagrams sent.</summary>
    public long RecordsSent { get; private set; }

    /// <summary>Bytes of the datagrams sent (UDP payload).</summary>
    public long BytesSent { get; private set; }

    /// <summary>MAC flows (non-IP traffic), which no export format carries.</summary>
    public long SkippedNonIpFlows { get; private set; }

    /// <summary>IPv6 flows not exported because NetFlow v5 cannot carry them.</summary>
    public long SkippedIPv6Flows { get; private set; }

    /// <summary>Datagrams the socket refused (their records are lost and not counted as sent).</summary>
    public long SendErrors { get; private set; }

    /// <summary>Times sending waited for the rate limit.</summary>
    public long PacingWaits => _pacer.Waits;

    /// <summary>Resolves the collector (an address literal, or the first IPv4 address of a name) and opens the socket.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_socket is not null)
            throw new InvalidOperationException("the exporter is already started");
        var address = Resolve(Target.Host);
        RemoteEndPoint = new IPEndPoint(address, Target.Port);
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Connect(RemoteEndPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
    }

    /// <inheritdoc />
    public void OnFlow(in FlowRecord record)
    {
        if (_socket is null)
            throw new InvalidOperationException(_disposed ? "the exporter is disposed" : "the exporter is not started");
        switch (_encoder.Check(record))
        {
            case FlowSkipReason.NotIp:
                SkippedNonIpFlows++;
                return;
            case FlowSkipReason.IPv6NotSupported:
                SkippedIPv6Flows++;
                return;
        }

        if (record.LastNs > _nowNs)
            _nowNs = record.LastNs;
        Append(record, FlowSide.Forward);
        if (FlowDatagramEncoder.HasSide(record, FlowSide.Reverse))
            Append(record, FlowSide.Reverse);
    }

    /// <summary>Sends the partial datagram, if any.</summary>
    public void Flush()
    {
        if (_socket is not null && _encoder.IsOpen)
            Send();
    }

    /// <summary>Sends the partial datagram and closes the socket.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            _socket?.Dispose();
            _socket = null;
        }
    }

    private void Append(in FlowRecord record, FlowSide side)
    {
        if (!_encoder.IsOpen)
            _encoder.Begin(_datagram, _nowNs);
        if (_encoder.TryAppend(_datagram, record, side) > 0)
            return;
        Send();
        _encoder.Begin(_datagram, _nowNs);
        if (_encoder.TryAppend(_datagram, record, side) == 0)
            throw new InvalidOperationException("a record does not fit in an empty datagram; raise the MTU");
    }

    private void Send()
    {
        var records = _encoder.RecordCount;
        var length = _encoder.Finish(_datagram, _nowNs);
        _pacer.Take();
        try
        {
            _socket!.Send(_datagram.AsSpan(0, length), SocketFlags.None);
        }
        catch (SocketException)
        {
            // A collector that is down answers with ICMP unreachable, reported on a later send; keep exporting.
            SendErrors++;
            return;
        }

        DatagramsSent++;
        RecordsSent += records;
        BytesSent += length;
    }

    private static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var literal))
            return literal;
        var addresses = Dns.GetHostAddresses(host);
        foreach (var address in addresses)
        {
            if (address.AddressFamily == AddressFamily.InterNetwork)
                return address;
        }

        return addresses.Length > 0 ? addresses[0] : throw new SocketException((int)SocketError.HostNotFound);
    }
}
