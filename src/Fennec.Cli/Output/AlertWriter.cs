using Fennec.Detection.Kitsune;
using Fennec.Features.Kitsune;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>Writes a flagged packet as one JSON object: where, how anomalous, how likely, and why.</summary>
internal static class AlertWriter
{
    public static void Write(Utf8LineWriter w, KitsuneResult result, PacketFields packet, AlertExplanation why, double cut)
    {
        w.WriteAscii("{\"packet\":");
        w.Write(result.Index + 1);
        w.WriteAscii(",\"time\":");
        w.Write(packet.Timestamp);
        w.WriteAscii(",\"score\":");
        w.Write(result.Score);
        w.WriteAscii(",\"probability\":");
        w.Write(result.Probability);
        w.WriteAscii(",\"threshold\":");
        w.Write(cut);
        Field(w, "src_mac", packet.SrcMac.Value);
        Field(w, "dst_mac", packet.DstMac.Value);
        Field(w, "src_ip", packet.SrcIp.Value);
        Field(w, "src_port", packet.SrcProto.Value);
        Field(w, "dst_ip", packet.DstIp.Value);
        Field(w, "dst_port", packet.DstProto.Value);
        w.WriteAscii(",\"length\":");
        w.Write(packet.FrameLength);
        w.WriteAscii(",\"streams\":{");
        Pair(w, "source", why.SourceKey, first: true);
        Pair(w, "channel", why.ChannelKey, first: false);
        Pair(w, "socket", why.SocketKey, first: false);
        w.WriteAscii("},\"members\":[");
        for (var i = 0; i < why.Members.Count; i++)
        {
            var m = why.Members[i];
            w.WriteAscii(i == 0 ? "{\"member\":" : ",{\"member\":");
            w.Write(m.Member);
            w.WriteAscii(",\"share\":");
            w.Write(m.Share);
            w.WriteAscii(",\"rmse\":");
            w.Write(m.MemberScore);
            w.WriteAscii(",\"groups\":[");
            for (var g = 0; g < m.Groups.Count; g++)
            {
                if (g > 0)
                    w.Write(',');
                w.WriteJsonString(m.Groups[g]);
            }

            w.WriteAscii("]}");
        }

        w.WriteAscii("]}");
        w.EndLine();
    }

    private static void Field(Utf8LineWriter w, string name, ReadOnlySpan<char> value)
    {
        w.WriteAscii(",\"");
        w.WriteAscii(name);
        w.WriteAscii("\":");
        w.WriteJsonString(value);
    }

    private static void Pair(Utf8LineWriter w, string name, string value, bool first)
    {
        w.WriteAscii(first ? "\"" : ",\"");
        w.WriteAscii(name);
        w.WriteAscii("\":");
        w.WriteJsonString(value);
    }
}
