using Fennec.Flows.Assembly;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>Writes flow records as CSV or JSON Lines rows; it is also the flow table's sink.</summary>
public sealed class FlowRowWriter(Utf8LineWriter writer, OutputFormat format) : IFlowSink
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "first_ts", "last_ts", "src_ip", "src_port", "dst_ip", "dst_port", "protocol", "vlan", "packets_fwd", "bytes_fwd",
        "packets_rev", "bytes_rev", "tcp_flags_fwd", "tcp_flags_rev", "state", "end_reason", "payload_fwd", "payload_rev",
        "history", "src_mac", "dst_mac", "ethertype", "ip_version", "ip_bytes_fwd", "ip_bytes_rev",
    ];

    private readonly RowFormatter _row = new(writer, format, Columns);

    /// <summary>Writes the CSV header line (nothing for JSON Lines).</summary>
    public void WriteHeader() => _row.WriteHeader();

    /// <inheritdoc />
    public void OnFlow(in FlowRecord r)
    {
        var ip = !r.IsMacFlow;
        _row.Begin();
        _row.Timestamp(r.FirstNs);
        _row.Timestamp(r.LastNs);
        _row.Address(ip, r.SrcIp);
        _row.Number(ip, r.SrcPort);
        _row.Address(ip, r.DstIp);
        _row.Number(ip, r.DstPort);
        _row.Number(r.Protocol);
        _row.Number(r.Vlan);
        _row.Number(r.Forward.Packets);
        _row.Number(r.Forward.Bytes);
        _row.Number(r.Reverse.Packets);
        _row.Number(r.Reverse.Bytes);
        _row.Number((int)r.Forward.TcpFlags);
        _row.Number((int)r.Reverse.TcpFlags);
        _row.Text(FlowNames.State(r.State));
        _row.Text(FlowNames.EndReason(r.EndReason));
        _row.Number(r.Forward.PayloadBytes);
        _row.Number(r.Reverse.PayloadBytes);
        Span<char> history = stackalloc char[16];
        _row.Text(history[..r.History.CopyTo(history)]);
        _row.Address(r.SrcMac);
        _row.Address(r.DstMac);
        _row.Number(r.EtherType);
        _row.Number(r.IpVersion);
        _row.Number(r.Forward.IpBytes);
        _row.Number(r.Reverse.IpBytes);
        _row.End();
    }
}
