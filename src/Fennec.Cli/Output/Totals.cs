using Fennec.Packets.Decoding;
using Fennec.Packets.Text;

namespace Fennec.Cli.Output;

/// <summary>The totals that <c>decode --count</c> prints: one <c>name value</c> pair a line.</summary>
internal static class Totals
{
    public static void Write(Utf8LineWriter output, DecodeStatistics s)
    {
        Line(output, "packets", s.Packets);
        Line(output, "captured_bytes", s.CapturedBytes);
        Line(output, "wire_bytes", s.WireBytes);
        Line(output, "ipv4", s.IPv4Packets);
        Line(output, "ipv6", s.IPv6Packets);
        Line(output, "tunnelled", s.TunnelledPackets);
        Line(output, "complete", s.Count(DecodeStatus.Complete));
        Line(output, "truncated", s.Count(DecodeStatus.Truncated));
        Line(output, "malformed", s.Count(DecodeStatus.Malformed));
        Line(output, "unsupported", s.Count(DecodeStatus.UnsupportedLinkType));
    }

    private static void Line(Utf8LineWriter output, string name, long value)
    {
        output.WriteAscii(name);
        output.Write(' ');
        output.Write(value);
        output.EndLine();
    }
}
