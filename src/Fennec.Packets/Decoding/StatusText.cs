namespace Fennec.Packets.Decoding;

/// <summary>Short stable names for decode outcomes, as written in outputs ("complete", "truncated:tcp").</summary>
public static class StatusText
{
    /// <summary>The text of a status and the layer it refers to.</summary>
    public static string Of(DecodeStatus status, DecodeLayer layer) => status switch
    {
        DecodeStatus.Complete => "complete",
        DecodeStatus.Truncated => "truncated:" + LayerName(layer),
        DecodeStatus.Malformed => "malformed:" + LayerName(layer),
        DecodeStatus.UnsupportedLinkType => "unsupported:linktype",
        _ => "unknown",
    };

    /// <summary>The lower-case name of a layer.</summary>
    public static string LayerName(DecodeLayer layer) => layer switch
    {
        DecodeLayer.IPv4 => "ipv4",
        DecodeLayer.IPv6 => "ipv6",
        DecodeLayer.IPv6Extension => "ipv6-ext",
        DecodeLayer.Icmpv6 => "icmpv6",
        _ => layer.ToString().ToLowerInvariant(),
    };

    private static readonly string[,] Cache = Build();

    private static string[,] Build()
    {
        var statuses = Enum.GetValues<DecodeStatus>();
        var layers = Enum.GetValues<DecodeLayer>();
        var table = new string[statuses.Length, layers.Length];
        foreach (var s in statuses)
        {
            foreach (var l in layers)
                table[(int)s, (int)l] = Of(s, l);
        }

        return table;
    }

    /// <summary>The cached text of a packet's outcome (no allocation).</summary>
    public static string Of(in DecodedPacket packet) => Cache[(int)packet.Status, (int)packet.StatusLayer];
}
