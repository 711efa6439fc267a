namespace Fennec.Flows.Export;

/// <summary>Which direction of a bidirectional flow record an exported (unidirectional) record describes.</summary>
public enum FlowSide : byte
{
    /// <summary>Initiator to responder.</summary>
    Forward,

    /// <summary>Responder to initiator: addresses, ports and MACs swapped.</summary>
    Reverse,
}
