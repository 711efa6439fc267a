namespace Fennec.Features.Kitsune;

/// <summary>
/// The nine values Kitsune's feature extractor takes from a packet, as text, exactly as its tshark path builds them:
/// addresses as tshark prints them, the TCP and UDP ports concatenated, "arp" or "icmp" as the protocol word of
/// ARP and ICMPv4, and the MACs standing in for the addresses of frames without IP.
/// </summary>
public sealed class PacketFields
{
    /// <summary>The protocol word of ARP frames.</summary>
    public const string Arp = "arp";

    /// <summary>The protocol word of ICMPv4 packets without TCP or UDP ports.</summary>
    public const string Icmp = "icmp";

    /// <summary>Seconds since the epoch, as tshark's frame.time_epoch parsed into a double.</summary>
    public double Timestamp { get; set; }

    /// <summary>The frame's length on the wire (not the captured length).</summary>
    public int FrameLength { get; set; }

    /// <summary>eth.src, empty when the frame has no Ethernet header.</summary>
    public TextField SrcMac { get; } = new();

    /// <summary>eth.dst, empty when the frame has no Ethernet header.</summary>
    public TextField DstMac { get; } = new();

    /// <summary>The source address (IPv4, else IPv6, else ARP's sender, else the source MAC).</summary>
    public TextField SrcIp { get; } = new();

    /// <summary>The source TCP and UDP ports concatenated, or "arp" or "icmp".</summary>
    public TextField SrcProto { get; } = new();

    /// <summary>The destination address, chosen as for the source.</summary>
    public TextField DstIp { get; } = new();

    /// <summary>The destination TCP and UDP ports concatenated, or "arp" or "icmp".</summary>
    public TextField DstProto { get; } = new();

    /// <summary>True for ARP frames, whose socket statistics are keyed by MAC.</summary>
    public bool IsArp => SrcProto.Value.SequenceEqual(Arp);

    /// <summary>Empties every field.</summary>
    public void Clear()
    {
        Timestamp = 0;
        FrameLength = 0;
        SrcMac.Clear();
        DstMac.Clear();
        SrcIp.Clear();
        SrcProto.Clear();
        DstIp.Clear();
        DstProto.Clear();
    }

    /// <summary>
    /// Applies the reference's rules for packets without TCP or UDP ports: ARP takes its protocol addresses and the
    /// word "arp", ICMPv4 the word "icmp", and a frame with no address at all uses its MACs as addresses.
    /// </summary>
    public void ApplyFallbacks(bool isArp, ReadOnlySpan<char> arpSenderIp, ReadOnlySpan<char> arpTargetIp, bool isIcmpV4)
    {
        if (!SrcProto.IsEmpty)
            return;
        if (isArp)
        {
            SrcProto.TrySet(Arp);
            DstProto.TrySet(Arp);
            SrcIp.TrySet(arpSenderIp);
            DstIp.TrySet(arpTargetIp);
        }
        else if (isIcmpV4)
        {
            SrcProto.TrySet(Icmp);
            DstProto.TrySet(Icmp);
        }
        else if (SrcIp.IsEmpty && DstIp.IsEmpty && DstProto.IsEmpty)
        {
            SrcIp.CopyFrom(SrcMac);
            DstIp.CopyFrom(DstMac);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Timestamp} {FrameLength} {SrcMac} {DstMac} {SrcIp}:{SrcProto} -> {DstIp}:{DstProto}";
}
