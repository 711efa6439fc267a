namespace Fennec.Flows.Assembly;

/// <summary>Why a flow record was emitted.</summary>
public enum FlowEndReason : byte
{
    /// <summary>No packet for the idle timeout.</summary>
    Idle,

    /// <summary>The flow lasted the active timeout; the flow goes on in a new record.</summary>
    ActiveTimeout,

    /// <summary>Both sides sent FIN (after the linger).</summary>
    Fin,

    /// <summary>A side sent RST (after the linger).</summary>
    Rst,

    /// <summary>The input ended.</summary>
    EndOfInput,

    /// <summary>The table was full and this was the least recently seen flow.</summary>
    Evicted,
}
