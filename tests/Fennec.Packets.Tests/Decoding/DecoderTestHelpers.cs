using Fennec.Packets.Capture;
using Fennec.Packets.Decoding;

namespace Fennec.Packets.Tests.Decoding;

internal static class DecoderTestHelpers
{
    public static DecodedPacket Decode(byte[] frame, LinkType link = LinkType.Ethernet)
    {
        PacketDecoder.Decode(frame, link, 1_000_000_000, frame.Length, 0, out var packet);
        return packet;
    }
}
