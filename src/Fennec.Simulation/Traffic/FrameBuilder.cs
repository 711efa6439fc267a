using System.Buffers.Binary;
using Fennec.Simulation.Network;

namespace Fennec.Simulation.Traffic;

/// <summary>
/// Turns a <see cref="PacketEvent"/> into an Ethernet/IPv4/TCP-or-UDP frame in one reused buffer, with correct IPv4,
/// TCP and UDP checksums. Filler payloads are slices of one fixed block whose 16-bit word sums are precomputed, so
/// a full-size segment's checksum costs a subtraction instead of a pass over its bytes.
/// </summary>
internal sealed class FrameBuilder
{
    private const int EthernetLength = 14, IpLength = 20, TcpLength = 20, UdpLength = 8, MssOptionLength = 4;
    private const int MinFrame = 60; // Ethernet's minimum without the FCS: shorter frames are padded
    private const int FillerLength = 4096;
    private const long NtpEpochOffset = 2_208_988_800;

    private static readonly byte[] Filler = CreateFiller();

    // WordSums[k] = sum of the first k big-endian 16-bit words of Filler.
    private static readonly ulong[] WordSums = CreateWordSums();

    private readonly byte[] _frame = new byte[2048];

    /// <summary>Builds the frame of <paramref name="e"/>; the span is valid until the next call.</summary>
    public ReadOnlySpan<byte> Build(in PacketEvent e)
    {
        var frame = _frame.AsSpan();
        var srcInside = SimulatedNetwork.IsInside(e.Src);
        var dstInside = SimulatedNetwork.IsInside(e.Dst);
        WriteMac(frame, dstInside ? e.Dst : SimulatedNetwork.Gateway);
        WriteMac(frame[6..], srcInside ? e.Src : SimulatedNetwork.Gateway);
        BinaryPrimitives.WriteUInt16BigEndian(frame[12..], 0x0800);

        var tcp = e.Protocol == 6;
        var options = tcp && (e.Flags & Tcp.Syn) != 0 ? MssOptionLength : 0;
        var transportLength = (tcp ? TcpLength + options : UdpLength) + e.PayloadLength;
        var ip = frame.Slice(EthernetLength, IpLength);
        ip[0] = 0x45;
        ip[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(IpLength + transportLength));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(e.Seq ^ (e.Ack >> 7) ^ e.Time));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], tcp ? (ushort)0x4000 : (ushort)0); // DF on TCP
        ip[8] = Ttl(e.Src);
        ip[9] = e.Protocol;
        ip[10] = ip[11] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], e.Src);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], e.Dst);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Fold(Sum(ip)));

        var transport = frame[(EthernetLength + IpLength)..];
        int headerLength;
        if (tcp)
        {
            headerLength = TcpLength + options;
            BinaryPrimitives.WriteUInt16BigEndian(transport, e.SrcPort);
            BinaryPrimitives.WriteUInt16BigEndian(transport[2..], e.DstPort);
            BinaryPrimitives.WriteUInt32BigEndian(transport[4..], e.Seq);
            BinaryPrimitives.WriteUInt32BigEndian(transport[8..], e.Ack);
            transport[12] = (byte)((headerLength / 4) << 4);
            transport[13] = e.Flags;
            BinaryPrimitives.WriteUInt16BigEndian(transport[14..], Window(e.Src, e.Flags));
            BinaryPrimitives.WriteUInt32BigEndian(transport[16..], 0); // checksum, urgent pointer
            if (options != 0)
                BinaryPrimitives.WriteUInt32BigEndian(transport[20..], 0x0204_05B4); // MSS 1460
        }
        else
        {
            headerLength = UdpLength;
            BinaryPrimitives.WriteUInt16BigEndian(transport, e.SrcPort);
            BinaryPrimitives.WriteUInt16BigEndian(transport[2..], e.DstPort);
            BinaryPrimitives.WriteUInt16BigEndian(transport[4..], (ushort)transportLength);
            BinaryPrimitives.WriteUInt32BigEndian(transport[6..], 0);
        }

        var payload = transport.Slice(headerLength, e.PayloadLength);
        var sum = (ulong)(e.Src >> 16) + (e.Src & 0xFFFF) + (e.Dst >> 16) + (e.Dst & 0xFFFF) + e.Protocol + (uint)transportLength;
        sum += Sum(transport[..headerLength]);
        sum += WritePayload(e, payload);
        var checksum = Fold(sum);
        if (tcp)
            BinaryPrimitives.WriteUInt16BigEndian(transport[16..], checksum);
        else
            BinaryPrimitives.WriteUInt16BigEndian(transport[6..], checksum == 0 ? (ushort)0xFFFF : checksum);

        var length = EthernetLength + IpLength + transportLength;
        if (length < MinFrame)
        {
            frame[length..MinFrame].Clear();
            length = MinFrame;
        }

        return frame[..length];
    }

    /// <summary>Writes the payload and returns the sum of its 16-bit words (odd lengths padded with a zero byte).</summary>
    private static ulong WritePayload(in PacketEvent e, Span<byte> payload)
    {
        switch (e.Kind)
        {
            case PayloadKind.DnsQuery:
                DnsMessage.WriteQuery(payload, (ushort)e.Seq, e.Aux);
                return Sum(payload);
            case PayloadKind.DnsAnswer:
                DnsMessage.WriteAnswer(payload, (ushort)e.Seq, e.Aux, e.Ack);
                return Sum(payload);
            case PayloadKind.NtpRequest or PayloadKind.NtpReply:
                WriteNtp(payload, e.Kind == PayloadKind.NtpReply, e.Time);
                return Sum(payload);
            default:
                // An even offset keeps the slice's words aligned with the precomputed sums.
                var offset = (int)((e.Seq * 2_654_435_761u) >> 22) & ~1;
                Filler.AsSpan(offset, payload.Length).CopyTo(payload);
                var words = payload.Length >> 1;
                var sum = WordSums[(offset >> 1) + words] - WordSums[offset >> 1];
                if ((payload.Length & 1) != 0)
                    sum += (ulong)payload[^1] << 8;
                return sum;
        }
    }

    /// <summary>An NTPv4 client request (mode 3) or server reply (mode 4) stamped with the packet's time.</summary>
    private static void WriteNtp(Span<byte> payload, bool reply, long timeNs)
    {
        payload.Clear();
        payload[0] = reply ? (byte)0x24 : (byte)0x23;
        payload[1] = reply ? (byte)2 : (byte)0; // stratum
        payload[2] = 10; // poll 2^10 s
        payload[3] = 0xEC; // precision 2^-20 s
        var seconds = (uint)((timeNs / 1_000_000_000) + NtpEpochOffset);
        var fraction = (uint)(((ulong)(timeNs % 1_000_000_000) << 32) / 1_000_000_000);
        if (reply)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload[12..], 0xD8EF_2300); // reference id: an upstream address
            BinaryPrimitives.WriteUInt32BigEndian(payload[16..], seconds - 64);
            BinaryPrimitives.WriteUInt32BigEndian(payload[32..], seconds);
            BinaryPrimitives.WriteUInt32BigEndian(payload[36..], fraction);
        }

        BinaryPrimitives.WriteUInt32BigEndian(payload[40..], seconds);
        BinaryPrimitives.WriteUInt32BigEndian(payload[44..], fraction);
    }

    private static void WriteMac(Span<byte> destination, uint address)
    {
        // Locally administered MACs that carry the inside address: 02:00:0a:00:xx:yy for 10.0.xx.yy.
        destination[0] = 0x02;
        destination[1] = 0x00;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], address);
    }

    /// <summary>The TTL a packet from <paramref name="source"/> arrives with: 64 or 128 less the hops from outside.</summary>
    private static byte Ttl(uint source)
    {
        if (SimulatedNetwork.IsInside(source))
            return SimulatedNetwork.IsWorkstation(source) ? (byte)128 : (byte)64;
        var hash = source * 0x9E37_79B1u;
        return (byte)(((hash >> 31) != 0 ? 128 : 64) - 6 - (int)((hash >> 20) & 15));
    }

    private static ushort Window(uint source, byte flags)
    {
        if ((flags & Tcp.Syn) != 0)
            return 64240;
        var hash = source * 0x85EB_CA6Bu;
        return (ushort)(0x2000 + ((hash >> 16) & 0xDFFF));
    }

    private static ulong Sum(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (ulong)data[i] << 8;
        return sum;
    }

    private static ushort Fold(ulong sum)
    {
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    private static byte[] CreateFiller()
    {
        var filler = new byte[FillerLength];
        var random = new SimulationRandom(0x46_454E_4E45_43UL);
        for (var i = 0; i < filler.Length; i += 8)
            BinaryPrimitives.WriteUInt64LittleEndian(filler.AsSpan(i), random.NextUInt64());
        return filler;
    }

    private static ulong[] CreateWordSums()
    {
        var sums = new ulong[(FillerLength / 2) + 1];
        for (var k = 0; k < FillerLength / 2; k++)
            sums[k + 1] = sums[k] + BinaryPrimitives.ReadUInt16BigEndian(Filler.AsSpan(2 * k));
        return sums;
    }
}
