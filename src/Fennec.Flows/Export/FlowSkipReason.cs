namespace Fennec.Flows.Export;

/// <summary>Why a flow record cannot be exported in a given format.</summary>
public enum FlowSkipReason : byte
{
    /// <summary>The record can be exported.</summary>
    None,

    /// <summary>A MAC flow (non-IP traffic): the export formats carry IP flows only.</summary>
    NotIp,

    /// <summary>An IPv6 flow, which NetFlow v5 cannot carry.</summary>
    IPv6NotSupported,
}
