using Fennec.Enrichment.Asn;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;

namespace Fennec.Enrichment.Tests.Asn;

public sealed class AsnRangeTableTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fennec-asn-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void Ranges_from_both_families_are_found_by_binary_search()
    {
        var v4 = Write("asn-ipv4.csv", "1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd\n1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n2.26.200.0,2.26.215.255,201907,\"LLC \"\"SPUTNIK\"\"\"\n");
        var v6 = Write("asn-ipv6.csv", "2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC\n2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project\n");
        var table = AsnRangeTable.Load(v4, v6);

        Find(table, "1.0.0.0").Should().Be((13_335u, "Cloudflare, Inc."));
        Find(table, "1.0.7.255").Should().Be((38_803u, "Gtelecom Pty Ltd"));
        Find(table, "2.26.201.1").Should().Be((201_907u, "LLC \"SPUTNIK\""));
        Find(table, "2001:200:1b9::1").Should().Be((2500u, "WIDE Project"));
        Find(table, "1.0.1.0").Should().BeNull();
        Find(table, "0.0.0.1").Should().BeNull();
        Find(table, "2001:200:1ba::").Should().BeNull();
        (table.IPv4Count, table.IPv6Count).Should().Be((3, 2));

        var probe = IpAddress.Parse("1.0.5.5");
        Allocations.Measure(() =>
        {
            for (var i = 0; i < 1000; i++)
                table.TryLookup(probe, out _);
        }).Should().Be(0);
    }

    [Fact]
    public void A_bad_line_is_named()
    {
        var path = Write("bad.csv", "1.0.0.0,1.0.0.255,13335,ok\n1.0.1.0,nonsense,1,x\n");

        var act = () => AsnRangeTable.Load(path);

        act.Should().Throw<FormatException>().WithMessage("*bad.csv:2*nonsense*");
    }

    [GeoIpFact(GeoIpData.AsnIPv4Csv, GeoIpData.AsnIPv6Csv)]
    public void The_npm_asn_files_load()
    {
        var table = AsnRangeTable.Load(GeoIpData.Require(GeoIpData.AsnIPv4Csv), GeoIpData.Require(GeoIpData.AsnIPv6Csv));

        table.IPv4Count.Should().BeGreaterThan(100_000);
        Find(table, "1.1.1.1")!.Value.Asn.Should().Be(13_335u);
        Find(table, "2606:4700:4700::1111")!.Value.Asn.Should().Be(13_335u);
    }

    private static (uint Asn, string Organisation)? Find(AsnRangeTable table, string address) =>
        table.TryLookup(IpAddress.Parse(address), out var match) ? (match.Number, table.Organisation(match)) : null;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
