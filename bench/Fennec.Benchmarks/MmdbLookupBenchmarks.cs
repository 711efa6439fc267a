using BenchmarkDotNet.Attributes;
using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;

namespace Fennec.Benchmarks;

/// <summary>
/// Country code lookups on ip-location-db's country database (scripts/ensure-geoip.sh fetches it): 4,096 random
/// IPv4 or IPv6 (2000::/3) addresses, seeded; results are per lookup. The database is found as the tests find it:
/// $FENNEC_GEOIP_DIR, else ${XDG_CACHE_HOME:-$HOME/.cache}/fennec/geoip.
/// </summary>
[MemoryDiagnoser]
public class MmdbLookupBenchmarks
{
    private const int Addresses = 4096;
    private const string Database = "geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

    private GeoDatabase _geo = null!;
    private IpAddress[] _addresses = [];

    /// <summary>Which address family the lookups use.</summary>
    public enum Family
    {
        /// <summary>Uniformly random IPv4 addresses.</summary>
        IPv4,

        /// <summary>Random addresses in 2000::/3.</summary>
        IPv6,
    }

    [Params(Family.IPv4, Family.IPv6)]
    public Family Families { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable("FENNEC_GEOIP_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "fennec", "geoip");
        var path = Path.Combine(folder, Database);
        if (!File.Exists(path))
            throw new FileNotFoundException($"MmdbLookupBenchmarks needs {path}: run scripts/ensure-geoip.sh", path);
        _geo = GeoDatabase.Open(path);
        var random = new Random(42);
        _addresses = [.. Enumerable.Range(0, Addresses).Select(_ => Families == Family.IPv4
            ? IpAddress.FromIPv4((uint)random.NextInt64(1L << 32))
            : new IpAddress(0x2000_0000_0000_0000UL | ((ulong)random.NextInt64() & 0x1FFF_FFFF_FFFF_FFFFUL), (ulong)random.NextInt64()))];
    }

    [GlobalCleanup]
    public void Cleanup() => _geo.Dispose();

    [Benchmark(OperationsPerInvoke = Addresses)]
    public int CountryCode()
    {
        var sum = 0;
        foreach (var address in _addresses)
            sum += _geo.LookupCountry(address).Packed;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Addresses)]
    public int TreeOnly()
    {
        var sum = 0;
        foreach (var address in _addresses)
            sum += _geo.Reader.Lookup(address).PrefixLength;
        return sum;
    }
}
