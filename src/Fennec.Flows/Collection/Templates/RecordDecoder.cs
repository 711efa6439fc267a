using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.Templates;

/// <summary>Reads one data record laid out by a <see cref="Template"/> into a <see cref="TelemetryRecord"/>.</summary>
internal static class RecordDecoder
{
    /// <summary>
    /// Reads the record at the start of <paramref name="data"/>; returns the bytes it took, or -1 when the data ends
    /// inside it. Fields the record does not carry keep the values the caller set.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> data, Template template, ref TelemetryRecord record, ref RecordExtras extras)
    {
        var offset = 0;
        foreach (var field in template.Fields)
        {
            int length = field.Length;
            if (field.IsVariable)
            {
                if (offset >= data.Length)
                    return -1;
                length = data[offset++];
                if (length == 255)
                {
                    if (offset + 2 > data.Length)
                        return -1;
                    length = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
                    offset += 2;
                }

                if (offset + length > data.Length)
                    return -1;
                // Variable-length fields Fennec keeps are numbers, or packet sections; a length outside 1..8 cannot be a number.
                if (field.Action is FieldAction.DataLinkFrameSection or FieldAction.IpHeaderPacketSection)
                    Section(field.Action, offset, length, ref extras);
                else if (field.Action is not (FieldAction.Skip or FieldAction.SkipEnterprise) && length is >= 1 and <= 8)
                    Apply(field.Action, data.Slice(offset, length), ref record, ref extras);
                offset += length;
                continue;
            }

            if (offset + length > data.Length)
                return -1;
            if (field.Action is FieldAction.DataLinkFrameSection or FieldAction.IpHeaderPacketSection)
                Section(field.Action, offset, length, ref extras);
            else if (field.Action > FieldAction.SkipEnterprise)
                Apply(field.Action, data.Slice(offset, length), ref record, ref extras);
            offset += length;
        }

        return offset;
    }

    /// <summary>Notes where a packet section lies; it is decoded once the record's own fields are read, which win.</summary>
    private static void Section(FieldAction action, int offset, int length, ref RecordExtras extras)
    {
        if (length == 0)
            return;
        extras.SectionOffset = offset;
        extras.SectionLength = length;
        extras.SectionIsIp = action == FieldAction.IpHeaderPacketSection;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Number(ReadOnlySpan<byte> value) => value.Length switch
    {
        1 => value[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(value),
        4 => BinaryPrimitives.ReadUInt32BigEndian(value),
        8 => BinaryPrimitives.ReadUInt64BigEndian(value),
        _ => Odd(value),
    };

    private static ulong Odd(ReadOnlySpan<byte> value)
    {
        ulong result = 0;
        foreach (var b in value)
            result = (result << 8) | b;
        return result;
    }

    private static void Apply(FieldAction action, ReadOnlySpan<byte> value, ref TelemetryRecord r, ref RecordExtras x)
    {
        switch (action)
        {
            case FieldAction.Bytes: r.Bytes = Number(value); break;
            case FieldAction.Packets: r.Packets = Number(value); break;
            case FieldAction.ReverseBytes: r.ReverseBytes = Number(value); break;
            case FieldAction.ReversePackets: r.ReversePackets = Number(value); break;
            case FieldAction.IpProtocol: r.IpProtocol = (byte)Number(value); break;
            case FieldAction.Tos: r.Tos = (byte)Number(value); break;
            case FieldAction.TcpFlags: r.TcpFlags = (byte)Number(value); break;
            case FieldAction.SrcPort: r.SrcPort = (ushort)Number(value); break;
            case FieldAction.DstPort: r.DstPort = (ushort)Number(value); break;
            case FieldAction.SrcPortIfNonZero: r.SrcPort = Number(value) is not 0 and var src ? (ushort)src : r.SrcPort; break;
            case FieldAction.DstPortIfNonZero: r.DstPort = Number(value) is not 0 and var dst ? (ushort)dst : r.DstPort; break;
            case FieldAction.SrcIPv4: Address(ref r.SrcIp, ref r.IpVersion, value); break;
            case FieldAction.DstIPv4: Address(ref r.DstIp, ref r.IpVersion, value); break;
            case FieldAction.SrcIPv6: Address(ref r.SrcIp, ref r.IpVersion, value); break;
            case FieldAction.DstIPv6: Address(ref r.DstIp, ref r.IpVersion, value); break;
            case FieldAction.SrcMask: r.SrcMask = (byte)Number(value); break;
            case FieldAction.DstMask: r.DstMask = (byte)Number(value); break;
            case FieldAction.InputInterface: r.InputInterface = (uint)Number(value); break;
            case FieldAction.OutputInterface: r.OutputInterface = (uint)Number(value); break;
            case FieldAction.InputPhysicalInterfaceIfZero: r.InputInterface = r.InputInterface == 0 ? (uint)Number(value) : r.InputInterface; break;
            case FieldAction.OutputPhysicalInterfaceIfZero: r.OutputInterface = r.OutputInterface == 0 ? (uint)Number(value) : r.OutputInterface; break;
            case FieldAction.IpNextHopIPv4: r.NextHop = IpAddress.FromIPv4(value); x.Has |= RecordExtras.Flags.IpNextHop; break;
            case FieldAction.IpNextHopIPv6: r.NextHop = IpAddress.FromIPv6(value); x.Has |= RecordExtras.Flags.IpNextHop; break;
            case FieldAction.BgpNextHopIPv4: BgpNextHop(IpAddress.FromIPv4(value), ref r, ref x); break;
            case FieldAction.BgpNextHopIPv6: BgpNextHop(IpAddress.FromIPv6(value), ref r, ref x); break;
            case FieldAction.SrcAs: r.SrcAs = (uint)Number(value); break;
            case FieldAction.DstAs: r.DstAs = (uint)Number(value); break;
            case FieldAction.StartUptimeMs: x.StartUptimeMs = (uint)Number(value); x.Has |= RecordExtras.Flags.StartUptime; break;
            case FieldAction.EndUptimeMs: x.EndUptimeMs = (uint)Number(value); x.Has |= RecordExtras.Flags.EndUptime; break;
            case FieldAction.StartSeconds: Start(ref x, (long)Number(value) * 1_000_000_000); break;
            case FieldAction.EndSeconds: End(ref x, (long)Number(value) * 1_000_000_000); break;
            case FieldAction.StartMilliseconds: Start(ref x, (long)Number(value) * 1_000_000); break;
            case FieldAction.EndMilliseconds: End(ref x, (long)Number(value) * 1_000_000); break;
            case FieldAction.StartMicroseconds: Start(ref x, NtpTime.ToUnixNs(Number(value), microseconds: true)); break;
            case FieldAction.EndMicroseconds: End(ref x, NtpTime.ToUnixNs(Number(value), microseconds: true)); break;
            case FieldAction.StartNanoseconds: Start(ref x, NtpTime.ToUnixNs(Number(value), microseconds: false)); break;
            case FieldAction.EndNanoseconds: End(ref x, NtpTime.ToUnixNs(Number(value), microseconds: false)); break;
            case FieldAction.StartDeltaMicroseconds: x.StartDeltaUs = (long)Number(value); x.Has |= RecordExtras.Flags.StartDelta; break;
            case FieldAction.EndDeltaMicroseconds: x.EndDeltaUs = (long)Number(value); x.Has |= RecordExtras.Flags.EndDelta; break;
            case FieldAction.SystemInitMilliseconds: x.SystemInitMs = (long)Number(value); x.Has |= RecordExtras.Flags.SystemInit; break;
            case FieldAction.IcmpTypeCode: r.IcmpTypeCode = (ushort)Number(value); break;
            case FieldAction.IcmpType: r.IcmpTypeCode = (ushort)((r.IcmpTypeCode & 0xFF) | ((int)Number(value) << 8)); break;
            case FieldAction.IcmpCode: r.IcmpTypeCode = (ushort)((r.IcmpTypeCode & 0xFF00) | (byte)Number(value)); break;
            case FieldAction.SrcMac: r.SrcMac = MacAddress.Read(value); break;
            case FieldAction.DstMac: r.DstMac = MacAddress.Read(value); break;
            // The post (egress) MACs stand in only when the record has no pre-forwarding ones.
            case FieldAction.PostSrcMac: if (r.SrcMac.IsZero) r.SrcMac = MacAddress.Read(value); break;
            case FieldAction.PostDstMac: if (r.DstMac.IsZero) r.DstMac = MacAddress.Read(value); break;
            case FieldAction.Vlan: r.Vlan = (ushort)(Number(value) & 0xFFF); break;
            case FieldAction.Dot1qVlanIfZero: r.Vlan = r.Vlan == 0 ? (ushort)(Number(value) & 0xFFF) : r.Vlan; break;
            case FieldAction.IpVersion: r.IpVersion = (byte)Number(value); break;
            case FieldAction.Direction: r.Direction = (byte)Number(value); break;
            case FieldAction.ForwardingStatus: r.ForwardingStatus = (byte)Number(value); break;
            case FieldAction.SamplingInterval: x.SamplingInterval = Number(value); x.Has |= RecordExtras.Flags.SamplingInterval; break;
            case FieldAction.SamplerId: x.SamplerId = Number(value); x.Has |= RecordExtras.Flags.SamplerId; break;
            case FieldAction.SamplingPacketInterval: x.PacketInterval = Number(value); x.Has |= RecordExtras.Flags.PacketInterval; break;
            case FieldAction.SamplingPacketSpace: x.PacketSpace = Number(value); x.Has |= RecordExtras.Flags.PacketSpace; break;
            case FieldAction.SamplingSize: x.SamplingSize = Number(value); x.Has |= RecordExtras.Flags.SamplingSize; break;
            case FieldAction.SamplingPopulation: x.SamplingPopulation = Number(value); x.Has |= RecordExtras.Flags.SamplingPopulation; break;
        }
    }

    /// <summary>
    /// Sets an address and the IP version it implies. Templates that carry both IPv4 and IPv6 address fields fill
    /// the unused family with zeros; zeros never replace an address already read.
    /// </summary>
    private static void Address(ref IpAddress address, ref byte version, ReadOnlySpan<byte> value)
    {
        if (address != IpAddress.None && !value.ContainsAnyExcept((byte)0))
            return;
        address = value.Length == 4 ? IpAddress.FromIPv4(value) : IpAddress.FromIPv6(value);
        version = value.Length == 4 ? (byte)4 : (byte)6;
    }

    private static void BgpNextHop(IpAddress hop, ref TelemetryRecord r, ref RecordExtras x)
    {
        if ((x.Has & RecordExtras.Flags.IpNextHop) == 0)
            r.NextHop = hop;
    }

    private static void Start(ref RecordExtras x, long ns)
    {
        x.StartNs = ns;
        x.Has |= RecordExtras.Flags.Start;
    }

    private static void End(ref RecordExtras x, long ns)
    {
        x.EndNs = ns;
        x.Has |= RecordExtras.Flags.End;
    }
}
