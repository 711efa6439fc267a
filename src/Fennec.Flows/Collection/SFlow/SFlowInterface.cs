namespace Fennec.Flows.Collection.SFlow;

/// <summary>
/// The input and output interface words of a flow sample. A format (the top two bits of a compact word, a word of its
/// own in expanded samples) says what the value means: 0 an ifIndex, 1 (output only) a discard and its reason, 2
/// (output only) several interfaces and how many. The ifIndex 0x3FFFFFFF is the agent itself.
/// </summary>
internal static class SFlowInterface
{
    /// <summary>The ifIndex that stands for the device itself: traffic it originated or that was addressed to it.</summary>
    public const uint Local = 0x3FFF_FFFF;

    private const uint Discarded = 1;

    /// <summary>RFC 7270 forwarding status "Consumed: terminate for us", for packets the device itself received.</summary>
    private const byte ConsumedForUs = 0xC3;

    /// <summary>Splits a compact interface word into its format and value.</summary>
    public static (uint Format, uint Value) Split(uint word) => (word >> 30, word & 0x3FFF_FFFF);

    /// <summary>The ifIndex the record carries: the value of format 0, else 0 (none, several, or the device itself).</summary>
    public static uint Index(uint format, uint value) => format == 0 && value != Local ? value : 0;

    /// <summary>
    /// The forwarding status an output interface implies: dropped with the reason mapped to RFC 7270, consumed by the
    /// device, or 0 (unknown) when the packet left by one or several interfaces.
    /// </summary>
    public static byte ForwardingStatus(uint format, uint value) => format switch
    {
        Discarded => DropStatus(value),
        0 when value == Local => ConsumedForUs,
        _ => 0,
    };

    /// <summary>Maps an sFlow discard reason (ICMP unreachable codes, then 256 and up) to an RFC 7270 "dropped" status.</summary>
    private static byte DropStatus(uint reason) => reason switch
    {
        4 or 262 => 133, // fragmentation needed and DF set; too big for a protocol that cannot fragment
        9 or 10 or 13 => 129, // administratively prohibited: ACL deny
        <= 15 => 131, // the other unreachable codes: unroutable
        257 => 137, // TTL exceeded: bad TTL
        258 => 130, // ACL: ACL drop
        260 => 139, // RED: WRED
        261 => 138, // traffic shaping or rate limiting: policer
        _ => 128, // unknown, or no buffer space (RFC 7270 has no code for it)
    };
}
