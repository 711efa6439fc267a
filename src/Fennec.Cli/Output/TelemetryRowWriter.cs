using Fennec.Flows.Collection;
using Fennec.Flows.Collection.Listening;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>Writes collected flow records as CSV or JSON Lines rows; safe to call from several receive loops.</summary>
public sealed class TelemetryRowWriter(Utf8LineWriter writer, OutputFormat format) : ITelemetryBatchSink
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "exporter", "format", "domain", "first_ts", "last_ts", "src_ip", "src_port", "dst_ip", "dst_port", "protocol",
        "tcp_flags", "tos", "packets", "bytes", "sampling_rate", "scaled_packets", "scaled_bytes", "in_if", "out_if",
        "src_as", "dst_as", "next_hop", "vlan", "icmp_type_code", "ip_version",
    ];

    private readonly RowFormatter _row = new(writer, format, Columns);
    private readonly Lock _lock = new();

    /// <summary>Writes the CSV header line (nothing for JSON Lines).</summary>
    public void WriteHeader() => _row.WriteHeader();

    /// <summary>Rows written.</summary>
    public long Rows { get; private set; }

    /// <inheritdoc />
    public void OnRecords(ReadOnlySpan<TelemetryRecord> records)
    {
        lock (_lock)
        {
            foreach (ref readonly var r in records)
                Write(r);
            Rows += records.Length;
        }
    }

    /// <summary>Pushes buffered rows to the output.</summary>
    public void Flush()
    {
        lock (_lock)
            writer.Flush();
    }

    private void Write(in TelemetryRecord r)
    {
        var ip = r.IpVersion != 0;
        _row.Begin();
        _row.Address(true, r.Exporter);
        _row.Text(FormatName(r.Protocol));
        _row.Number(r.ObservationDomain);
        _row.Timestamp(r.FirstNs);
        _row.Timestamp(r.LastNs);
        _row.Address(ip, r.SrcIp);
        _row.Number(r.SrcPort);
        _row.Address(ip, r.DstIp);
        _row.Number(r.DstPort);
        _row.Number(r.IpProtocol);
        _row.Number(r.TcpFlags);
        _row.Number(r.Tos);
        _row.Number((long)r.Packets);
        _row.Number((long)r.Bytes);
        _row.Number(r.SamplingRate != 0, r.SamplingRate);
        _row.Number((long)r.ScaledPackets);
        _row.Number((long)r.ScaledBytes);
        _row.Number(r.InputInterface);
        _row.Number(r.OutputInterface);
        _row.Number(r.SrcAs);
        _row.Number(r.DstAs);
        _row.Address(ip, r.NextHop);
        _row.Number(r.Vlan);
        _row.Number(r.IcmpTypeCode);
        _row.Number(r.IpVersion);
        _row.End();
    }

    private static string FormatName(TelemetryProtocol protocol) => protocol switch
    {
        TelemetryProtocol.NetFlowV5 => "netflow5",
        TelemetryProtocol.NetFlowV9 => "netflow9",
        TelemetryProtocol.Ipfix => "ipfix",
        _ => "sflow",
    };
}
