using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Fennec.Packets.Decoding;

public static partial class PacketDecoder
{
    /// <summary>
    /// The shape of most traffic, untagged Ethernet carrying a whole, unfragmented IPv4 packet without options and a
    /// TCP or UDP header, checked once up front and read without per-field bounds checks. Anything else (and UDP on a
    /// tunnel port) returns false before writing, and the general chain decodes it with identical results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDecodeCommonEthernet(ReadOnlySpan<byte> f, ref DecodedPacket p)
    {
        const int Ip = 14, Transport = 34;
        if (f.Length < Transport + 8)
            return false;
        ref var b = ref MemoryMarshal.GetReference(f);
        if (Read16(ref b, 12) != EtherTypes.IPv4 || Unsafe.Add(ref b, Ip) != 0x45)
            return false;
        int totalLength = Read16(ref b, Ip + 2);
        var protocol = Unsafe.Add(ref b, Ip + 9);
        if ((Read16(ref b, Ip + 6) & 0x3FFF) != 0 || Ip + totalLength > f.Length)
            return false;

        int headerLength;
        if (protocol == IpProtocol.Tcp)
        {
            headerLength = (Unsafe.Add(ref b, Transport + 12) >> 4) * 4;
            if (totalLength < 40 || headerLength < 20 || headerLength > totalLength - 20)
                return false;
        }
        else if (protocol == IpProtocol.Udp)
        {
            headerLength = 8;
            if (totalLength < 28 || IsTunnelPort(Read16(ref b, Transport)) || IsTunnelPort(Read16(ref b, Transport + 2)))
                return false;
        }
        else
        {
            return false;
        }

        p.DstMac = MacAddress.Read(f);
        p.SrcMac = MacAddress.Read(f[6..]);
        p.EtherType = EtherTypes.IPv4;
        p.IpVersion = 4;
        p.IpLength = totalLength;
        p.Tos = Unsafe.Add(ref b, Ip + 1);
        p.Ttl = Unsafe.Add(ref b, Ip + 8);
        p.Protocol = protocol;
        p.SrcIp = IpAddress.FromIPv4(Read32(ref b, Ip + 12));
        p.DstIp = IpAddress.FromIPv4(Read32(ref b, Ip + 16));
        p.SrcPort = Read16(ref b, Transport);
        p.DstPort = Read16(ref b, Transport + 2);
        p.HasPorts = true;
        if (protocol == IpProtocol.Tcp)
        {
            p.TcpSeq = Read32(ref b, Transport + 4);
            p.TcpAck = Read32(ref b, Transport + 8);
            p.TcpFlags = (TcpFlags)(Unsafe.Add(ref b, Transport + 13) | ((Unsafe.Add(ref b, Transport + 12) & 1) << 8));
            p.TcpWindow = Read16(ref b, Transport + 14);
        }

        p.PayloadOffset = Transport + headerLength;
        p.PayloadLength = totalLength - 20 - headerLength;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Read16(ref byte b, int at) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, at)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Read32(ref byte b, int at) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, at)));
}
