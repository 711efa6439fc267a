using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;

namespace Fennec.Storage.Tests;

/// <summary>A fresh folder for store files, removed (with the stores' WAL files) when the test ends.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"fennec-store-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string File(string name = "fennec.db") => Path.Combine(Folder, name);

    public static RunInfo Run(string command = "analyze", params string[] inputs) =>
        new(command, inputs, new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero), "0.1.0-test", """{"idle_timeout":120}""");

    /// <summary>A flow with every field set from <paramref name="i"/>, IPv6 for odd numbers, unknowns for multiples of 3.</summary>
    public static StoredFlow Flow(int i) => new()
    {
        FirstNs = 1_715_000_000_000_000_000L + i * 1_000_000L,
        LastNs = 1_715_000_000_000_000_000L + i * 1_000_000L + 123_456_789,
        SrcIp = i % 2 == 0 ? IpAddress.FromIPv4(0x0A000000u + (uint)i) : IpAddress.Parse($"2001:db8::{i % 0xFFFF:x}"),
        DstIp = i % 2 == 0 ? IpAddress.FromIPv4(0x08080808u) : IpAddress.Parse("2606:4700::1111"),
        SrcPort = (ushort)(40000 + i % 20000),
        DstPort = 443,
        Protocol = (byte)(i % 5 == 0 ? 17 : 6),
        Vlan = (ushort)(i % 7),
        PacketsFwd = i + 1,
        BytesFwd = (i + 1) * 100L,
        PacketsRev = i,
        BytesRev = i * 1400L + 5_000_000_000L,
        TcpFlagsFwd = 0x1B,
        TcpFlagsRev = 0x12,
        State = i % 3 == 0 ? null : "SF",
        EndReason = i % 3 == 0 ? null : "fin",
        SamplingRate = (uint)(i % 3),
        SrcCountry = i % 3 == 0 ? CountryCode.None : CountryCode.Parse("DE"),
        DstCountry = CountryCode.Parse("US"),
        SrcAsn = i % 3 == 0 ? 0u : 3320u,
        DstAsn = 15169,
        SrcInside = true,
        DstInside = i % 4 == 0,
        Exporter = i % 3 == 0 ? IpAddress.None : IpAddress.Parse("192.0.2.1"),
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
