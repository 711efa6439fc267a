namespace Fennec.Flows.Export;

/// <summary>The wire format flows are exported in.</summary>
public enum ExportProtocol : byte
{
    /// <summary>Cisco NetFlow version 5: fixed 48-byte IPv4 records, no templates.</summary>
    NetFlowV5,

    /// <summary>NetFlow version 9 (RFC 3954): template-based.</summary>
    NetFlowV9,

    /// <summary>IPFIX (RFC 7011, information elements of RFC 7012).</summary>
    Ipfix,
}
