using Fennec.Packets.Decoding;

namespace Fennec.Flows.Assembly;

/// <summary>A flow held by the table: its key, its record so far, and its place in the recency lists.</summary>
internal struct FlowEntry
{
    public FlowKey Key;
    public FlowRecord Record;

    /// <summary>True when the key's endpoint A is the initiator.</summary>
    public bool AIsInitiator;

    /// <summary>True once the flow has seen FIN from both sides or a RST: it lingers, then ends.</summary>
    public bool Closing;

    /// <summary>Which recency list the entry is linked into now (it moves when it starts closing).</summary>
    public bool ListIsClosing;

    /// <summary>Neighbours in the recency list (-1 at the ends); the list is the closing one when <see cref="Closing"/>.</summary>
    public int Newer;
    public int Older;

    /// <summary>The last packet of each direction, to recognise duplicates.</summary>
    public int LastWireForward;
    public int LastWireReverse;
    public uint LastSeqForward;
    public uint LastSeqReverse;

    /// <summary>True when the slot holds a live flow.</summary>
    public bool InUse;

    public readonly IpAddress InitiatorAddress => AIsInitiator ? Key.AddressA : Key.AddressB;
}
