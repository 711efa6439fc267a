namespace Fennec.Flows.Export;

/// <summary>How flows are packed into datagrams and sent. Times that stamp the datagrams are capture time.</summary>
public sealed record ExportOptions
{
    /// <summary>The smallest MTU accepted: room for a header, both templates and one IPv6 record with MACs.</summary>
    public const int MinimumMtu = 512;

    /// <summary>The largest UDP payload over IPv4.</summary>
    public const int MaximumMtu = 65_507;

    /// <summary>The largest datagram (UDP payload) in bytes (default 1400, safe under a 1500-byte MTU with tunnels).</summary>
    public int Mtu { get; init; } = 1400;

    /// <summary>
    /// The most datagrams sent per second of wall-clock time (default 10,000), so a fast input does not overflow the
    /// collector's socket buffer.
    /// </summary>
    public int MaxDatagramsPerSecond { get; init; } = 10_000;

    /// <summary>NetFlow v9 and IPFIX: templates are sent again after this many datagrams (default 20).</summary>
    public int TemplateRefreshDatagrams { get; init; } = 20;

    /// <summary>
    /// NetFlow v9 and IPFIX: templates are sent again after this much capture time, whichever of this and
    /// <see cref="TemplateRefreshDatagrams"/> comes first (default 600 s, RFC 7011's templateRefreshTimeout for UDP).
    /// </summary>
    public TimeSpan TemplateRefreshInterval { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>
    /// The IPFIX observation domain id and the NetFlow v9 source id (default 0). NetFlow v5 carries its low 16 bits
    /// as engine type (high byte) and engine id (low byte).
    /// </summary>
    public uint ObservationDomainId { get; init; }

    /// <summary>NetFlow v9 and IPFIX: also export the source and destination MAC addresses (elements 56 and 80).</summary>
    public bool IncludeMacAddresses { get; init; }

    /// <summary>
    /// NetFlow v5 and v9: the exporter's notional boot time, from which sysUptime and the first/last switched times are
    /// counted, rounded down to a whole second. When null it is set one hour before the end of the first exported
    /// flow, so that flows which started before it (up to the flow table's active timeout) still get a positive uptime.
    /// </summary>
    public DateTimeOffset? UptimeOrigin { get; init; }

    /// <summary>Checks the options; throws with the name of the bad one.</summary>
    public void Validate()
    {
        if (Mtu is < MinimumMtu or > MaximumMtu)
            throw new ArgumentOutOfRangeException(nameof(Mtu), Mtu, $"the MTU must be between {MinimumMtu} and {MaximumMtu} bytes");
        if (MaxDatagramsPerSecond <= 0)
            throw new ArgumentOutOfRangeException(nameof(MaxDatagramsPerSecond), MaxDatagramsPerSecond, "the datagram rate must be positive");
        if (TemplateRefreshDatagrams <= 0)
            throw new ArgumentOutOfRangeException(nameof(TemplateRefreshDatagrams), TemplateRefreshDatagrams, "the template refresh count must be positive");
        if (TemplateRefreshInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TemplateRefreshInterval), TemplateRefreshInterval, "the template refresh interval must be positive");
    }
}
