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

    /// <summary>Writes the CSV header line (nothing for JSON Lines).</summary>
    public void WriteHeader()
    {
        if (format != OutputFormat.Csv)
            return;
        writer.WriteAscii(string.Join(',', Columns));
        writer.EndLine();
    }

    /// <summary>Writes one packet.</summary>
    public void Write(in DecodedPacket p)
    {
        var json = format == OutputFormat.Jsonl;
        var hasIp = p.IpVersion != 0 || p.EtherType == EtherTypes.Arp;
        var hasPorts = p.HasPorts;
        var isIcmp = p.HasIcmp;
        if (json)
            writer.Write('{');

        Field(json, 0);
        writer.WriteTimestamp(p.TimestampNs);
        Field(json, 1);
        writer.Write(p.CapturedLength);
        Field(json, 2);
        writer.Write(p.WireLength);
        Field(json, 3);
        Mac(json, p.SrcMac);
        Field(json, 4);
        Mac(json, p.DstMac);
        Field(json, 5);
        writer.Write(p.VlanId);
        Field(json, 6);
        writer.Write(p.EtherType);
        Field(json, 7);
        writer.Write(p.IpVersion);
        Field(json, 8);
        Ip(json, hasIp, p.SrcIp);
        Field(json, 9);
        Ip(json, hasIp, p.DstIp);
        Field(json, 10);
        writer.Write(p.Protocol);
        Field(json, 11);
        writer.Write(p.Ttl);
        Field(json, 12);
        Optional(json, hasPorts, p.SrcPort);
        Field(json, 13);
        Optional(json, hasPorts, p.DstPort);
        Field(json, 14);
        Optional(json, p.Protocol == IpProtocol.Tcp && hasPorts, (ushort)p.TcpFlags);
        Field(json, 15);
        Optional(json, isIcmp, p.IcmpType);
        Field(json, 16);
        Optional(json, isIcmp, p.IcmpCode);
        Field(json, 17);
        writer.Write(p.PayloadLength);
        Field(json, 18);
        if (json)
            writer.WriteJsonString(StatusText.Of(p));
        else
            writer.WriteAscii(StatusText.Of(p));
        if (json)
            writer.Write('}');
        writer.EndLine();
    }

    private void Field(bool json, int index)
    {
        if (json)
        {
            if (index > 0)
                writer.Write(',');
            writer.Write('"');
            writer.WriteAscii(Columns[index]);
            writer.WriteAscii("\":");
        }
        else if (index > 0)
        {
            writer.Write(',');
        }
    }

    private void Mac(bool json, in MacAddress mac)
    {
        if (Absent(json, !mac.IsZero))
            return;
        Quote(json);
        writer.Write(mac);
        Quote(json);
    }

    private void Ip(bool json, bool present, in IpAddress address)
    {
        if (Absent(json, present))
            return;
        Quote(json);
        writer.Write(address);
        Quote(json);
    }

    /// <summary>An absent value is an empty CSV cell or a JSON null.</summary>
    private bool Absent(bool json, bool present)
    {
        if (present)
            return false;
        if (json)
            writer.WriteAscii("null");
        return true;
    }

    private void Quote(bool json)
    {
        if (json)
            writer.Write('"');
    }

    private void Optional(bool json, bool present, long value)
    {
        if (!Absent(json, present))
            writer.Write(value);
    }
}
