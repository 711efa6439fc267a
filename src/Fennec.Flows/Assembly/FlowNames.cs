namespace Fennec.Flows.Assembly;

/// <summary>The names that flow rows and the store use for connection states and end reasons.</summary>
public static class FlowNames
{
    private static readonly string[] States = Enum.GetNames<ConnectionState>().Select(s => s == "None" ? "" : s).ToArray();
    private static readonly string[] EndReasons = ["idle", "active", "fin", "rst", "end", "evicted"];

    /// <summary>Zeek's <c>conn_state</c> name (<c>SF</c>, <c>S0</c>, ...), empty for none.</summary>
    public static string State(ConnectionState state) => States[(int)state];

    /// <summary>Why a record ended: <c>idle</c>, <c>active</c>, <c>fin</c>, <c>rst</c>, <c>end</c> or <c>evicted</c>.</summary>
    public static string EndReason(FlowEndReason reason) => EndReasons[(int)reason];
}
