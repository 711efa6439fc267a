using System.Diagnostics;
using Fennec.Enrichment.Mmdb;
using Fennec.Packets.Decoding;
using Fennec.TestSupport;
using Xunit.Abstractions;

namespace Fennec.Enrichment.Tests.Peer;

/// <summary>
/// The reader against libmaxminddb on the downloaded databases: 10,000 random IPv4 and 10,000 random IPv6
/// addresses (drawn from 2000::/3, where the data is) per database, compared on found/not found, prefix length and
/// every field with its type. libmaxminddb is called in process (a process per address costs about 4 ms here,
/// 80 s per 20,000); the mmdblookup binary itself answers a sample of 400 addresses, to show both print the same.
/// </summary>
public class MmdblookupComparisonTests(ITestOutputHelper output)
{
    private const int Draws = 10_000;
    private const int BinarySample = 400;

    [GeoIpFact(GeoIpData.CountryMmdb, Tools = ["mmdblookup"])]
    public void The_country_database_matches_libmaxminddb() => Compare(GeoIpData.CountryMmdb, ipv4: true, ipv6: true);

    [GeoIpFact(GeoIpData.CityIPv4Mmdb, Tools = ["mmdblookup"])]
    public void The_ipv4_city_database_matches_libmaxminddb() => Compare(GeoIpData.CityIPv4Mmdb, ipv4: true, ipv6: false);

    [GeoIpFact(GeoIpData.CityIPv6Mmdb, Tools = ["mmdblookup"])]
    public void The_ipv6_city_database_matches_libmaxminddb() => Compare(GeoIpData.CityIPv6Mmdb, ipv4: true, ipv6: true);

    private void Compare(string file, bool ipv4, bool ipv6)
    {
        var path = GeoIpData.Require(file);
        ExternalTools.Require("mmdblookup", "mmdb-bin");
        var random = new Random(1_714_564_800);
        var addresses = new List<IpAddress>();
        for (var i = 0; ipv4 && i < Draws; i++)
            addresses.Add(IpAddress.FromIPv4((uint)random.NextInt64(1L << 32)));
        for (var i = 0; ipv6 && i < Draws; i++)
            addresses.Add(new IpAddress(0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() & 0x1FFF_FFFF_FFFF_FFFFUL), (ulong)random.NextInt64()));
        var texts = addresses.Select(a => a.ToString()).ToList();
        using var reader = MmdbReader.Open(path);

        var clock = Stopwatch.StartNew();
        var library = MmdbDump.ParseLibraryOutput(LibMaxMindDb.Dump(path, texts));
        var libraryTime = clock.Elapsed;
        clock.Restart();
        var sample = Enumerable.Range(0, BinarySample).Select(i => i * addresses.Count / BinarySample).ToList();
        var binary = RunMmdblookup(path, [.. sample.Select(i => texts[i])]);
        output.WriteLine($"{file}: libmaxminddb {addresses.Count} lookups in {libraryTime.TotalSeconds:F2} s; mmdblookup {BinarySample} runs in {clock.Elapsed.TotalSeconds:F2} s; {library.Count(a => a.Found)} found");

        library.Should().HaveCount(addresses.Count);
        binary.Should().HaveCount(BinarySample);
        for (var i = 0; i < BinarySample; i++)
            binary[i].Should().BeEquivalentTo(library[sample[i]], o => o.WithStrictOrdering(), texts[sample[i]]);

        var mismatches = new List<string>();
        for (var i = 0; i < addresses.Count && mismatches.Count < 10; i++)
        {
            var lookup = reader.Lookup(addresses[i]);
            var ours = new PeerAnswer(lookup.Found, lookup.PrefixLength, lookup.Found ? MmdbDump.Tokens(reader.Decode(lookup.DataOffset)) : []);
            var theirs = library[i] with { Netmask = PrefixLength(reader, addresses[i], library[i].Netmask) };
            if (ours.Found != theirs.Found || ours.Netmask != theirs.Netmask || !ours.Tokens.SequenceEqual(theirs.Tokens))
                mismatches.Add($"{texts[i]}: ours {ours.Found} /{ours.Netmask} {MmdbDump.Show(ours.Tokens)}; libmaxminddb {theirs.Found} /{theirs.Netmask} {MmdbDump.Show(theirs.Tokens)}");
        }

        mismatches.Should().BeEmpty();
        library.Count(a => a.Found).Should().BeGreaterThan(Draws / 4, "draws are aimed where the data is");
    }

    /// <summary>
    /// libmaxminddb's netmask in our terms: for an IPv4 address in an IPv6 tree it counts the 96 bits above the
    /// IPv4 subtree (and is below 96 when the tree has no IPv4 subtree), where we count IPv4 bits only.
    /// </summary>
    private static int PrefixLength(MmdbReader reader, IpAddress address, int netmask) =>
        address.IsIPv4 && reader.Metadata.IpVersion == 6 ? Math.Max(0, netmask - 96) : netmask;

    /// <summary>mmdblookup once per address, all from one xargs (it takes a single --ip), its output in one file.</summary>
    private static List<PeerAnswer> RunMmdblookup(string database, IReadOnlyList<string> addresses)
    {
        var input = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(input, addresses);
            var start = new ProcessStartInfo("xargs", ["-n1", "-a", input, "mmdblookup", "--file", database, "--verbose", "--ip"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = stderr.Result;
            return MmdbDump.ParseMmdblookupOutput(text);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
