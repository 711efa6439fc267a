using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;
using Fennec.Storage;

namespace Fennec.Pipeline.Analysis;

/// <summary>
/// Feeds the flows that <c>fennec collect</c> stored (NetFlow, IPFIX or sFlow, one row per direction unless the
/// exporter sent biflows) to a <see cref="FlowAnalyzer"/>: run by run, in order of first packet, each direction
/// paired with its opposite by a <see cref="FlowStitcher"/> so the profile sees one flow per connection, as it does
/// for captures. Counters are the exporters' already scaled by their sampling rates.
/// </summary>
public static class CollectedFlows
{
    /// <summary>
    /// Reads every flow of <paramref name="runIds"/> (in that order) into <paramref name="analyzer"/>;
    /// <paramref name="progress"/> is called now and then with the rows read so far.
    /// </summary>
    /// <exception cref="StoreException">The store could not be read; the rows before the failure were analysed.</exception>
    public static CollectedFlowCounts Feed(FennecStore store, IReadOnlyList<long> runIds, FlowAnalyzer analyzer,
        TimeSpan? hold = null, Action<long>? progress = null)
    {
        var stitcher = new FlowStitcher(analyzer, hold);
        long rows = 0;
        long firstNs = long.MaxValue;
        long lastNs = long.MinValue;
        try
        {
            foreach (var runId in runIds)
            {
                store.ReadFlowsByTime(runId, (in StoredFlow flow) =>
                {
                    var record = ToRecord(flow);
                    firstNs = Math.Min(firstNs, record.FirstNs);
                    lastNs = Math.Max(lastNs, record.LastNs);
                    stitcher.Add(record);
                    if ((++rows & 0xFFFF) == 0)
                        progress?.Invoke(rows);
                });
            }
        }
        finally
        {
            stitcher.Flush();
        }

        return new CollectedFlowCounts(rows, stitcher.Paired, stitcher.Unpaired, stitcher.Bidirectional, stitcher.Evicted,
            stitcher.OutOfOrder, firstNs, lastNs);
    }

    /// <summary>
    /// A flow record from a stored row: a one-way record (its reverse empty) unless the row carries both directions.
    /// Telemetry keeps no per-direction times, so both directions span the row's; the TCP outcome is unknown.
    /// </summary>
    public static FlowRecord ToRecord(in StoredFlow flow)
    {
        var record = new FlowRecord
        {
            SrcIp = flow.SrcIp,
            DstIp = flow.DstIp,
            SrcPort = flow.SrcPort,
            DstPort = flow.DstPort,
            Protocol = flow.Protocol,
            IpVersion = flow.SrcIp.IsIPv4 ? (byte)4 : (byte)6,
            Vlan = flow.Vlan,
            FirstNs = flow.FirstNs,
            LastNs = Math.Max(flow.LastNs, flow.FirstNs),
            State = ConnectionState.None,
            EndReason = FlowEndReason.EndOfInput,
        };
        record.Forward = Direction(flow.PacketsFwd, flow.BytesFwd, flow.TcpFlagsFwd, record.FirstNs, record.LastNs);
        if (flow.PacketsRev > 0)
            record.Reverse = Direction(flow.PacketsRev, flow.BytesRev, flow.TcpFlagsRev, record.FirstNs, record.LastNs);
        return record;
    }

    private static FlowDirection Direction(long packets, long bytes, byte tcpFlags, long firstNs, long lastNs) => new()
    {
        Packets = packets,
        Bytes = bytes,
        FirstNs = firstNs,
        LastNs = lastNs,
        TcpFlags = (TcpFlags)tcpFlags,
    };
}

/// <summary>
/// What reading collected flows found: rows read, how their directions were paired (see <see cref="FlowStitcher"/>),
/// and the time they span (Unix ns; <c>long.MaxValue</c>/<c>long.MinValue</c> when there were none).
/// </summary>
public sealed record CollectedFlowCounts(long Rows, long Paired, long Unpaired, long Bidirectional, long Evicted, long OutOfOrder,
    long FirstNs, long LastNs);
