using Fennec.Packets.Decoding;

namespace Fennec.Flows.Collection.Templates;

/// <summary>Turns a data record's raw times and sampling fields into absolute times and a rate.</summary>
internal static class RecordCompletion
{
    public static void Complete(ref TelemetryRecord record, in RecordExtras extras, DomainState domain, in MessageHeader header)
    {
        var first = TimeOf(extras, domain, header, start: true);
        var last = TimeOf(extras, domain, header, start: false);
        record.FirstNs = first ?? last ?? header.ExportNs;
        record.LastNs = last ?? record.FirstNs;
        record.SamplingRate = domain.RateFor(extras);
        // NetFlow v9 and some IPFIX exporters carry ICMP type and code in the destination port.
        if (record.IcmpTypeCode == 0 && record.IpProtocol is IpProtocol.Icmp or IpProtocol.Icmpv6)
            record.IcmpTypeCode = record.DstPort;
    }

    private static long? TimeOf(in RecordExtras x, DomainState domain, in MessageHeader header, bool start)
    {
        var absolute = start ? RecordExtras.Flags.Start : RecordExtras.Flags.End;
        if ((x.Has & absolute) != 0)
            return start ? x.StartNs : x.EndNs;
        var delta = start ? RecordExtras.Flags.StartDelta : RecordExtras.Flags.EndDelta;
        if ((x.Has & delta) != 0)
            return header.ExportNs - (start ? x.StartDeltaUs : x.EndDeltaUs) * 1000;
        var uptime = start ? RecordExtras.Flags.StartUptime : RecordExtras.Flags.EndUptime;
        if ((x.Has & uptime) == 0)
            return null;
        var ms = start ? x.StartUptimeMs : x.EndUptimeMs;
        if (header.Protocol == TelemetryProtocol.NetFlowV9)
            return UptimeToUnixNs(header.ExportNs, header.SysUptimeMs, ms);
        var init = (x.Has & RecordExtras.Flags.SystemInit) != 0 ? x.SystemInitMs : domain.SystemInitMs;
        return init >= 0 ? (init + ms) * 1_000_000 : null;
    }

    /// <summary>
    /// A time in exporter uptime (ms since boot) as Unix ns, given the export time and the uptime at export. The
    /// difference is taken modulo 2^32 so that an uptime counter that wrapped between the two still gives the time.
    /// </summary>
    public static long UptimeToUnixNs(long exportNs, uint sysUptimeMs, uint timeMs) =>
        exportNs + (long)unchecked((int)(timeMs - sysUptimeMs)) * 1_000_000;
}
