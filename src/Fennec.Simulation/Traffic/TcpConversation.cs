namespace Fennec.Simulation.Traffic;

/// <summary>
/// Writes one TCP connection as the capture point (the site's gateway) sees it: a handshake, data both ways with
/// delayed acknowledgements, and a FIN or RST close, with consistent sequence numbers. A side's delay is the time
/// between a packet passing the capture point and that side's answer passing it: the round-trip time for an
/// outside host, a fraction of a millisecond for an inside one.
/// </summary>
internal struct TcpConversation
{
    private readonly EventBuffer _events;
    private readonly uint _client, _server;
    private readonly ushort _clientPort, _serverPort;
    private readonly long _clientDelay, _serverDelay;
    private readonly byte _label;
    private uint _clientSeq, _serverSeq;

    /// <summary>Starts a conversation at <paramref name="start"/>; nothing is written until <see cref="Open"/>.</summary>
    public TcpConversation(EventBuffer events, ref SimulationRandom random, uint client, ushort clientPort, uint server, ushort serverPort,
        long start, long clientDelay, long serverDelay, byte label = 0)
    {
        _events = events;
        _client = client;
        _server = server;
        _clientPort = clientPort;
        _serverPort = serverPort;
        _clientDelay = clientDelay;
        _serverDelay = serverDelay;
        _label = label;
        _clientSeq = random.NextUInt32();
        _serverSeq = random.NextUInt32();
        Now = start;
    }

    /// <summary>The time the next packet of the conversation will carry.</summary>
    public long Now { get; set; }

    /// <summary>Packets written so far.</summary>
    public int Packets { get; private set; }

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public void Open()
    {
        Emit(fromClient: true, Tcp.Syn, 0);
        _clientSeq++;
        Now += _serverDelay;
        Emit(fromClient: false, Tcp.Syn | Tcp.Ack, 0);
        _serverSeq++;
        Now += _clientDelay;
        Emit(fromClient: true, Tcp.Ack, 0);
    }

    /// <summary>
    /// One side sends <paramref name="bytes"/> in full segments at <paramref name="bytesPerSecond"/>; the other
    /// acknowledges every second segment and the last. <see cref="Now"/> ends at the last acknowledgement.
    /// </summary>
    public void Send(bool fromClient, long bytes, double bytesPerSecond)
    {
        if (bytes <= 0)
            return;
        var receiverDelay = fromClient ? _serverDelay : _clientDelay;
        var gapNs = Tcp.Mss / bytesPerSecond * 1e9;
        var start = Now;
        var segment = 0L;
        var lastAck = Now;
        while (bytes > 0)
        {
            var length = (int)Math.Min(bytes, Tcp.Mss);
            bytes -= length;
            Now = start + (long)(segment * gapNs);
            Emit(fromClient, bytes == 0 ? (byte)(Tcp.Psh | Tcp.Ack) : Tcp.Ack, length);
            if (fromClient)
                _clientSeq += (uint)length;
            else
                _serverSeq += (uint)length;
            segment++;
            if ((segment & 1) == 0 || bytes == 0)
            {
                var sent = Now;
                Now = sent + receiverDelay;
                Emit(!fromClient, Tcp.Ack, 0);
                lastAck = Now;
                Now = sent;
            }
        }

        Now = lastAck;
    }

    /// <summary>A request and its response, each side answering after its own delay.</summary>
    public void Exchange(long request, long response, double bytesPerSecond)
    {
        Send(fromClient: true, request, bytesPerSecond);
        Send(fromClient: false, response, bytesPerSecond);
    }

    /// <summary>Waits <paramref name="ns"/> (a pause between requests).</summary>
    public void Wait(long ns) => Now += ns;

    /// <summary>FIN from one side, FIN from the other, the last ACK.</summary>
    public void Close(bool clientFirst)
    {
        Emit(clientFirst, Tcp.Fin | Tcp.Ack, 0);
        Advance(clientFirst, 1);
        Now += clientFirst ? _serverDelay : _clientDelay;
        Emit(!clientFirst, Tcp.Fin | Tcp.Ack, 0);
        Advance(!clientFirst, 1);
        Now += clientFirst ? _clientDelay : _serverDelay;
        Emit(clientFirst, Tcp.Ack, 0);
    }

    /// <summary>An abort: one RST-ACK from one side.</summary>
    public void Reset(bool fromClient) => Emit(fromClient, Tcp.Rst | Tcp.Ack, 0);

    /// <summary>A SYN that the server refuses with a RST-ACK (a closed port).</summary>
    public void Refused()
    {
        Emit(fromClient: true, Tcp.Syn, 0);
        _clientSeq++;
        Now += _serverDelay;
        Emit(fromClient: false, Tcp.Rst | Tcp.Ack, 0, seq: 0);
    }

    /// <summary>A SYN answered by a SYN-ACK that the client resets (a half-open scan of an open port).</summary>
    public void HalfOpen()
    {
        Emit(fromClient: true, Tcp.Syn, 0);
        _clientSeq++;
        Now += _serverDelay;
        Emit(fromClient: false, Tcp.Syn | Tcp.Ack, 0);
        Now += _clientDelay;
        Emit(fromClient: true, Tcp.Rst, 0);
    }

    /// <summary>A SYN alone, answered by a SYN-ACK or not (a flood from a spoofed source).</summary>
    public void SynOnly(bool answered)
    {
        Emit(fromClient: true, Tcp.Syn, 0);
        _clientSeq++;
        if (!answered)
            return;
        Now += _serverDelay;
        Emit(fromClient: false, Tcp.Syn | Tcp.Ack, 0);
    }

    private void Advance(bool client, uint by)
    {
        if (client)
            _clientSeq += by;
        else
            _serverSeq += by;
    }

    private void Emit(bool fromClient, byte flags, int payload, uint? seq = null)
    {
        ref var e = ref _events.Add();
        e.Time = Now;
        e.Protocol = 6;
        e.Flags = flags;
        e.PayloadLength = (ushort)payload;
        e.Label = _label;
        if (fromClient)
        {
            e.Src = _client;
            e.Dst = _server;
            e.SrcPort = _clientPort;
            e.DstPort = _serverPort;
            e.Seq = seq ?? _clientSeq;
            e.Ack = (flags & Tcp.Ack) != 0 ? _serverSeq : 0;
        }
        else
        {
            e.Src = _server;
            e.Dst = _client;
            e.SrcPort = _serverPort;
            e.DstPort = _clientPort;
            e.Seq = seq ?? _serverSeq;
            e.Ack = (flags & Tcp.Ack) != 0 ? _clientSeq : 0;
        }

        Packets++;
    }
}
