using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>Writes decoded packets as CSV or JSON Lines rows, one per packet, without allocating.</summary>
public sealed class PacketRowWriter(Utf8LineWriter writer, OutputFormat format)
{
    /// <summary>The column names, in order.</summary>
    public static readonly string[] Columns =
    [
        "ts", "caplen", "wirelen", "src_mac", "dst_mac", "vlan", "ethertype", "ip_version", "src_ip", "dst_ip",
        "protocol", "ttl", "src_port", "dst_port", "tcp_flags", "icmp_type", "icmp_code", "payload_len", "status",
    ];

    private readonly RowFormatter _row = new(writer, format, Columns);

    /// <summary>Writes the CSV header line (nothing for JSON Lines).</summary>
    public void WriteHeader() => _row.WriteHeader();

    /// <summary>Writes one packet.</summary>
    public void Write(in DecodedPacket p)
    {
        var hasIp = p.IpVersion != 0 || p.EtherType == EtherTypes.Arp;
        _row.Begin();
        _row.Timestamp(p.TimestampNs);
        _row.Number(p.CapturedLength);
        _row.Number(p.WireLength);
        _row.Address(p.SrcMac);
        _row.Address(p.DstMac);
        _row.Number(p.VlanId);
        _row.Number(p.EtherType);
        _row.Number(p.IpVersion);
        _row.Address(hasIp, p.SrcIp);
        _row.Address(hasIp, p.DstIp);
        _row.Number(p.Protocol);
        _row.Number(p.Ttl);
        _row.Number(p.HasPorts, p.SrcPort);
        _row.Number(p.HasPorts, p.DstPort);
        _row.Number(p.Protocol == IpProtocol.Tcp && p.HasPorts, (ushort)p.TcpFlags);
        _row.Number(p.HasIcmp, p.IcmpType);
        _row.Number(p.HasIcmp, p.IcmpCode);
        _row.Number(p.PayloadLength);
        _row.Text(StatusText.Of(p));
        _row.End();
    }
}
