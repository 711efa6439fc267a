using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.Listening;

/// <summary>
/// Receives NetFlow, IPFIX and sFlow datagrams on UDP and hands the decoded records to a sink. Each receive loop owns
/// a socket and a <see cref="TelemetryDecoder"/>; nothing is shared between loops but the sink and two totals.
/// Create, <see cref="Start"/>, then <see cref="Stop"/> (or dispose): stopping decodes everything already received
/// and gives up, counted, on data sets still waiting for templates.
/// </summary>
public sealed class UdpCollector : IDisposable
{
    // Linux's SOL_SOCKET, SO_REUSEPORT and SO_RCVBUFFORCE, which .NET does not name.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;
    private const int SoRcvBufForce = 33;
    private const int MaxDatagram = 65535;

    private readonly UdpCollectorOptions _options;
    private readonly ITelemetryBatchSink _sink;
    private readonly List<(Socket Socket, TelemetryDecoder Decoder, Thread Thread)> _loops = [];
    private volatile bool _stopping;
    private long _datagrams;
    private long _records;

    /// <summary>Creates a collector; nothing is bound until <see cref="Start"/>.</summary>
    public UdpCollector(UdpCollectorOptions options, ITelemetryBatchSink sink)
    {
        _options = options;
        _sink = sink;
    }

    /// <summary>Datagrams received so far, by all loops.</summary>
    public long Datagrams => Interlocked.Read(ref _datagrams);

    /// <summary>Flow records handed to the sink so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>The receive buffer the OS granted (it may cap what was asked for), per socket.</summary>
    public int ReceiveBufferBytes { get; private set; }

    /// <summary>
    /// The OS granted less than <see cref="UdpCollectorOptions.ReceiveBufferBytes"/> (on Linux: net.core.rmem_max caps
    /// it, unless the process may override the cap, as root may).
    /// </summary>
    public bool ReceiveBufferCapped { get; private set; }

    /// <summary>Binds every socket and starts the loops; throws <see cref="SocketException"/> naming nothing bound on failure.</summary>
    public void Start()
    {
        try
        {
            foreach (var endpoint in _options.Endpoints)
            {
                for (var i = 0; i < Math.Max(1, _options.LoopsPerEndpoint); i++)
                {
                    var socket = Bind(endpoint);
                    var decoder = new TelemetryDecoder(_options.Decoder);
                    var thread = new Thread(() => Receive(socket, decoder)) { IsBackground = true, Name = $"collect {endpoint} #{i}" };
                    _loops.Add((socket, decoder, thread));
                }
            }
        }
        catch
        {
            foreach (var (socket, _, _) in _loops)
                socket.Dispose();
            _loops.Clear();
            throw;
        }

        foreach (var (_, _, thread) in _loops)
            thread.Start();
    }

    /// <summary>Stops the loops after they decode what they hold, then drops (and counts) sets still waiting for templates.</summary>
    public void Stop()
    {
        if (_stopping)
            return;
        _stopping = true;
        foreach (var (_, decoder, thread) in _loops)
        {
            if (thread.IsAlive)
                thread.Join();
            decoder.Flush();
        }
    }

    /// <summary>Counters per exporter, summed over the loops. Call after <see cref="Stop"/> for exact figures.</summary>
    public IReadOnlyDictionary<IpAddress, IReadOnlyDictionary<string, long>> ExporterCounters()
    {
        var merged = new Dictionary<IpAddress, Dictionary<string, long>>();
        foreach (var (_, decoder, _) in _loops)
        {
            foreach (var counters in decoder.Exporters.Append(decoder.Overflow).Where(c => c.Datagrams > 0))
            {
                if (!merged.TryGetValue(counters.Exporter, out var sums))
                    merged[counters.Exporter] = sums = [];
                foreach (var (name, value) in counters.Snapshot())
                    sums[name] = sums.GetValueOrDefault(name) + value;
            }
        }

        return merged.ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, long>)e.Value);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        foreach (var (socket, _, _) in _loops)
            socket.Dispose();
    }

    private Socket Bind(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (OperatingSystem.IsLinux())
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.ReceiveBufferSize = _options.ReceiveBufferBytes;
            if (OperatingSystem.IsLinux() && socket.ReceiveBufferSize < _options.ReceiveBufferBytes)
                ForceReceiveBuffer(socket, _options.ReceiveBufferBytes);
            // A short timeout lets a loop notice Stop without closing the socket under it.
            socket.ReceiveTimeout = 200;
            socket.Bind(endpoint);
            ReceiveBufferBytes = socket.ReceiveBufferSize;
            // Linux reports twice the size set (half is its bookkeeping), other systems the size itself.
            ReceiveBufferCapped = ReceiveBufferBytes < _options.ReceiveBufferBytes;
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Asks past net.core.rmem_max (SO_RCVBUFFORCE), which needs CAP_NET_ADMIN; without it the cap stays.</summary>
    private static void ForceReceiveBuffer(Socket socket, int bytes)
    {
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            // Not permitted: the capped size stands, and the collector reports it.
        }
    }

    private void Receive(Socket socket, TelemetryDecoder decoder)
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxDatagram, pinned: true);
        var address = new SocketAddress(socket.AddressFamily);
        var batch = new RecordBuffer();
        while (true)
        {
            int length;
            try
            {
                length = socket.ReceiveFrom(buffer, SocketFlags.None, address);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                // Stop only once the socket has nothing left: what was received is decoded.
                if (_stopping)
                    return;
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _datagrams);
            batch.Clear();
            decoder.Decode(buffer.AsSpan(0, length), SourceOf(address), UnixNowNs(), ref batch);
            if (batch.Count == 0)
                continue;
            _sink.OnRecords(batch.Records);
            Interlocked.Add(ref _records, batch.Count);
        }
    }

    /// <summary>The sender's address from a raw sockaddr (Linux layout), without allocating an IPEndPoint.</summary>
    private static IpAddress SourceOf(SocketAddress address)
    {
        var bytes = address.Buffer.Span;
        return address.Family == AddressFamily.InterNetworkV6
            ? IpAddress.FromIPv6(bytes.Slice(8, 16))
            : IpAddress.FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(4, 4)));
    }

    private static long UnixNowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
