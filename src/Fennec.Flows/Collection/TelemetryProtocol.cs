namespace Fennec.Flows.Collection;

/// <summary>The flow telemetry format a record arrived in.</summary>
public enum TelemetryProtocol : byte
{
    /// <summary>Cisco NetFlow version 5: fixed IPv4 records.</summary>
    NetFlowV5 = 5,

    /// <summary>NetFlow version 9 (RFC 3954).</summary>
    NetFlowV9 = 9,

    /// <summary>IPFIX (RFC 7011).</summary>
    Ipfix = 10,

    /// <summary>sFlow version 5: sampled packet headers and counters.</summary>
    SFlow = 50,
}
