using Fennec.Enrichment.Geo;
using Fennec.Packets.Decoding;
using Fennec.Simulation.Attacks;
using Fennec.Simulation.Network;
using Fennec.TestSupport;

namespace Fennec.Simulation.Tests;

public class CountryTableTests
{
    [Fact]
    public void Normal_and_rare_countries_do_not_mix_and_every_weighted_country_has_networks()
    {
        var normal = CountryPrefixes.Normal.Select(p => p.Country).ToHashSet();
        CountryPrefixes.RareCountries.Should().NotIntersectWith(normal);
        CountryPrefixes.PeerWeights.Select(w => w.Country).Should().OnlyContain(c => normal.Contains(c));
        normal.Should().Contain(["US", "DE", "GB", "FR", "NL", "JP", "IE", "SE", "CA", "SG"]);
        var all = CountryPrefixes.Normal.Concat(CountryPrefixes.Rare).ToList();
        foreach (var a in all)
        {
            a.Network.Should().Be(a.Network & ~(uint)(a.Size - 1), $"{a} has no host bits");
            all.Where(b => b != a).Should().NotContain(b => b.Contains(a.Network) || a.Contains(b.Network), $"{a} overlaps another network");
        }
    }

    [GeoIpFact(GeoIpData.CountryMmdb)]
    public void GeoIp_places_every_network_of_the_table_in_its_country()
    {
        using var geo = GeoDatabase.Open(GeoIpData.Require(GeoIpData.CountryMmdb));
        var random = new SimulationRandom(3);
        foreach (var prefix in CountryPrefixes.Normal.Concat(CountryPrefixes.Rare))
        {
            var offsets = new List<long> { 1, prefix.Size - 2, prefix.Size / 2 };
            for (var i = 0; i < 13; i++)
                offsets.Add((long)(random.NextUInt64() >> 1) & (prefix.Size - 1));
            foreach (var offset in offsets)
            {
                var address = prefix.At(offset);
                geo.LookupCountry(IpAddress.FromIPv4(address)).ToString().Should().Be(prefix.Country, $"{SimulatedNetwork.Format(address)} in {prefix}");
            }
        }
    }

    [GeoIpFact(GeoIpData.CountryMmdb)]
    public void GeoIp_gives_the_simulated_peers_their_countries_and_the_new_country_is_new()
    {
        using var geo = GeoDatabase.Open(GeoIpData.Require(GeoIpData.CountryMmdb));
        var network = new SimulatedNetwork(20, 1);
        var normal = CountryPrefixes.Normal.Select(p => p.Country).ToHashSet();
        foreach (var peer in network.Services.Concat(network.WebClients).Concat(network.Admins).Concat(network.Upstreams).Concat(network.NtpServers))
        {
            var country = geo.LookupCountry(IpAddress.FromIPv4(peer.Address)).ToString();
            country.Should().Be(peer.Country, SimulatedNetwork.Format(peer.Address));
            normal.Should().Contain(country);
        }

        using var capture = new SimulatedCapture(new SimulationOptions { Hours = 30, Hosts = 8, Intensity = 0.05, Attacks = [AttackKind.NewCountry] });
        var label = capture.Result.Labels.Single();
        foreach (var peer in label.Victim.Split(';'))
        {
            var country = geo.LookupCountry(IpAddress.Parse(peer)).ToString();
            CountryPrefixes.RareCountries.Should().Contain(country);
            label.Description.Should().Contain(country);
        }

        var seen = capture.Packets.Where(p => p.Time < label.StartNs)
            .Select(p => SimulatedNetwork.IsInside(p.Src) ? p.Dst : p.Src)
            .Where(a => !SimulatedNetwork.IsInside(a)).Distinct()
            .Select(a => geo.LookupCountry(IpAddress.FromIPv4(a)).ToString()).ToHashSet();
        seen.Should().BeSubsetOf(normal).And.Contain(["US", "DE"]);
    }
}
