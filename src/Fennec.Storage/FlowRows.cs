using System.Text;
using Fennec.Enrichment.Geo;
using Fennec.Flows.Assembly;
using Fennec.Packets.Decoding;

namespace Fennec.Storage;

/// <summary>
/// Reads the current row of a flow SELECT (the columns of <c>FennecStore.FlowSelect</c>, in order) from a raw
/// statement: integers as they are, addresses and country codes parsed from SQLite's UTF-8 buffers, and the few
/// names (states, end reasons) mapped to shared strings, so an IPv4 row allocates nothing.
/// </summary>
internal static class FlowRows
{
    private static readonly string[] Names = [.. Enum.GetValues<ConnectionState>().Select(FlowNames.State),
        .. Enum.GetValues<FlowEndReason>().Select(FlowNames.EndReason)];

    public static StoredFlow Read(IntPtr s, string path) => new()
    {
        FirstNs = SqliteNative.ColumnInt64(s, 0),
        LastNs = SqliteNative.ColumnInt64(s, 1),
        SrcIp = Address(s, 2, path),
        DstIp = Address(s, 3, path),
        SrcPort = (ushort)SqliteNative.ColumnInt64(s, 4),
        DstPort = (ushort)SqliteNative.ColumnInt64(s, 5),
        Protocol = (byte)SqliteNative.ColumnInt64(s, 6),
        Vlan = (ushort)SqliteNative.ColumnInt64(s, 7),
        PacketsFwd = SqliteNative.ColumnInt64(s, 8),
        BytesFwd = SqliteNative.ColumnInt64(s, 9),
        PacketsRev = SqliteNative.ColumnInt64(s, 10),
        BytesRev = SqliteNative.ColumnInt64(s, 11),
        TcpFlagsFwd = (byte)SqliteNative.ColumnInt64(s, 12),
        TcpFlagsRev = (byte)SqliteNative.ColumnInt64(s, 13),
        State = Name(s, 14),
        EndReason = Name(s, 15),
        SamplingRate = (uint)SqliteNative.ColumnInt64(s, 16),
        SrcCountry = Country(s, 17),
        DstCountry = Country(s, 18),
        SrcAsn = (uint)SqliteNative.ColumnInt64(s, 19),
        DstAsn = (uint)SqliteNative.ColumnInt64(s, 20),
        SrcInside = SqliteNative.ColumnInt64(s, 21) != 0,
        DstInside = SqliteNative.ColumnInt64(s, 22) != 0,
        Exporter = SqliteNative.ColumnIsNull(s, 23) ? IpAddress.None : Address(s, 23, path),
    };

    private static IpAddress Address(IntPtr s, int column, string path) =>
        IpAddress.TryParseUtf8(SqliteNative.ColumnText(s, column), out var address)
            ? address
            : throw new StoreException($"{path}: the flows table holds '{Encoding.UTF8.GetString(SqliteNative.ColumnText(s, column))}' " +
                                       "where an IP address belongs");

    private static CountryCode Country(IntPtr s, int column) =>
        CountryCode.TryFromUtf8(SqliteNative.ColumnText(s, column), out var code) ? code : CountryCode.None;

    private static string? Name(IntPtr s, int column)
    {
        if (SqliteNative.ColumnIsNull(s, column))
            return null;
        var text = SqliteNative.ColumnText(s, column);
        foreach (var name in Names)
        {
            if (Ascii.Equals(text, name))
                return name;
        }

        return Encoding.UTF8.GetString(text);
    }
}
