using Fennec.Reporting;

namespace Fennec.Reporting.Tests;

/// <summary>Report models for the tests: a realistic three-day capture, an empty one, and a very large network map.</summary>
internal static class SampleReport
{
    public const long NsPerHour = 3_600_000_000_000;

    /// <summary>2024-03-04T00:00:00Z.</summary>
    public static readonly long StartNs = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    public const string DbIpAttribution = "IP geolocation by DB-IP (https://db-ip.com), licensed under CC BY 4.0.";

    /// <summary>A label no page may interpret: it tries to close the script element and open another.</summary>
    public const string HostileLabel = "</script><script>window.__pwned = 1</script><b>x & y</b>";

    // Singapore, Malta and Hong Kong have no outline at 1:110m; Kosovo's outline has no ISO numeric id.
    private static readonly string[] CountryCodes = ["US", "DE", "NL", "GB", "FR", "CN", "RU", "JP", "BR", "IN", "SG", "MT", "HK", "XK", "CA"];

    /// <summary>Three days of capture, 15 countries, 400 hosts (40 inside), 72 hours with a baseline from hour 24, 4 shown and 3 suppressed incidents.</summary>
    public static ReportModel Realistic()
    {
        var random = new Random(42);
        var countries = CountryCodes.Select((code, i) =>
        {
            var flows = (long)(20_000 / Math.Pow(1.7, i)) + random.Next(5);
            return new CountryActivity
            {
                CountryCode = code, Flows = flows, Bytes = flows * (2_000 + random.Next(50_000)), Packets = flows * (4 + random.Next(40)),
                InsideHosts = 1 + random.Next(40), InboundFlows = flows / 3, OutboundFlows = flows - flows / 3,
            };
        }).ToList();

        var nodes = new List<NetworkNode>();
        for (var i = 0; i < 40; i++)
        {
            nodes.Add(new NetworkNode
            {
                Id = $"10.1.{i / 10}.{i % 10 + 10}", Inside = true, Bytes = i == 2 ? 990_000_000 : 5_000_000 + random.NextInt64(900_000_000),
                Label = i switch { 0 => "gw.corp.example", 1 => "dns1.corp.example", 2 => HostileLabel, _ => null },
                IncidentSeverity = i switch { 3 => 9.5, 7 => 4.2, 11 => 2.0, _ => 0 },
            });
        }

        for (var i = 0; i < 360; i++)
        {
            nodes.Add(new NetworkNode
            {
                Id = $"{11 + i % 200}.{i * 7 % 250}.{i % 13}.{i % 251 + 1}", Inside = false, Country = CountryCodes[i % CountryCodes.Length],
                Bytes = 1_000 + random.NextInt64(200_000_000), IncidentSeverity = i == 5 ? 7.1 : 0,
            });
        }

        var edges = new List<NetworkEdge>();
        for (var i = 40; i < nodes.Count; i++)
        {
            for (var k = 0; k < 1 + i % 3; k++)
            {
                var inside = nodes[(i * 7 + k * 13) % 40];
                edges.Add(new NetworkEdge { Source = inside.Id, Target = nodes[i].Id, Bytes = 500 + random.NextInt64(50_000_000), Flows = 1 + random.Next(300) });
            }
        }

        for (var i = 1; i < 40; i += 3)
            edges.Add(new NetworkEdge { Source = nodes[0].Id, Target = nodes[i].Id, Bytes = 10_000_000 + random.NextInt64(100_000_000), Flows = 50 + random.Next(500) });

        var hourly = new List<TrafficPoint>();
        for (var h = 0; h < 72; h++)
        {
            var diurnal = 0.55 + 0.45 * Math.Sin((h % 24 - 6) / 24.0 * 2 * Math.PI);
            var expected = 2.0e9 * diurnal + 1.5e8;
            var bytes = (long)(expected * (0.9 + 0.2 * random.NextDouble()) * (h == 50 ? 3.2 : 1));
            var ready = h >= 24;
            hourly.Add(new TrafficPoint
            {
                BucketNs = StartNs + h * NsPerHour, Bytes = bytes, Packets = bytes / 700, Flows = bytes / 90_000,
                BaselineMean = ready ? expected : null, BaselineLow = ready ? expected * 0.75 : null, BaselineHigh = ready ? expected * 1.25 : null,
            });
        }

        var incidents = new List<ReportIncident>
        {
            Incident(1, 26.2, 9.5, "scan", "10.1.0.13", "203.0.113.9", "Port scan of 10.1.0.13", true,
                "203.0.113.9 opened connections to 1,024 ports of 10.1.0.13 in 40 s; this peer had never been seen before.", "kitsune", "port-window"),
            Incident(2, 50.1, 8.8, "volume", "10.1.0.10", null, "Traffic 3.2x above the hourly baseline", true,
                "10.1.0.10 sent 6.1 GB between 02:00 and 03:00, where the baseline expects at most 2.4 GB.", "seasonal-baseline"),
            Incident(3, 50.4, 7.1, "exfiltration", "10.1.0.17", "45.33.12.9", "Large upload to a new country", true,
                "10.1.0.17 uploaded 1.8 GB to 45.33.12.9 (RU), a country it had not talked to in the baseline period.", "geo-novelty", "ewma-3sigma"),
            Incident(4, 61.0, 4.2, "beacon", "10.1.0.17", "198.51.100.77", "Regular beaconing every 60 s", true,
                "Connections from 10.1.0.17 to 198.51.100.77 repeat every 60 s with 0.4 s jitter, like command and control traffic.", "kitsune"),
            Incident(5, 30.0, 2.0, "scan", "10.1.1.11", "192.0.2.44", "Slow ping sweep", false,
                "192.0.2.44 sent ICMP echo requests to 64 addresses of 10.1.1.0/24 over 20 minutes.", "port-window"),
            Incident(6, 44.5, 1.5, "volume", "10.1.2.15", null, "Slightly more DNS than usual", false,
                "DNS queries from 10.1.2.15 were 2.1 sigma above their baseline for one hour.", "ewma-3sigma"),
            Incident(7, 66.7, 1.2, "novelty", "10.1.3.12", "100.64.3.3", "New peer on tcp/8443", false,
                "10.1.3.12 talked to 100.64.3.3 on tcp/8443 for the first time.", "kitsune"),
        };

        return new ReportModel
        {
            Title = "branch-office-2024-03-04.pcapng",
            GeneratedAt = new DateTimeOffset(2024, 3, 7, 9, 30, 0, TimeSpan.Zero),
            CaptureFirstNs = StartNs,
            CaptureLastNs = StartNs + 72 * NsPerHour - 1_000_000_000,
            Inputs = ["captures/branch-office-2024-03-04.pcapng", "captures/branch-office-2024-03-05.pcapng"],
            Summary = new ReportSummary
            {
                Packets = hourly.Sum(p => p.Packets), Bytes = hourly.Sum(p => p.Bytes), Flows = hourly.Sum(p => p.Flows),
                InsideHosts = 40, OutsideHosts = 360, Countries = countries.Count, IncidentsShown = 4, IncidentsSuppressed = 3, AlertBudget = "10/day",
            },
            Countries = countries,
            Network = new NetworkMap { Nodes = nodes, Edges = edges },
            Hourly = hourly,
            Incidents = incidents,
            TopTalkers = [.. nodes.OrderByDescending(n => n.Bytes).Take(10).Select(n => new RankedItem
                { Key = n.Id, Label = n.Label, Bytes = n.Bytes, Packets = n.Bytes / 800, Flows = n.Bytes / 1_000_000 })],
            TopPorts = [.. new[] { "tcp/443", "udp/53", "tcp/80", "udp/443", "tcp/22", "tcp/8443", "udp/123", "tcp/25", "tcp/3389", "udp/161" }
                .Select((key, i) => new RankedItem { Key = key, Label = i == 0 ? "https" : null, Bytes = 9_000_000_000 >> i, Packets = 9_000_000 >> i, Flows = 90_000 >> i })],
            Protocols =
            [
                new RankedItem { Key = "TCP", Bytes = 41_000_000_000, Packets = 38_000_000, Flows = 600_000 },
                new RankedItem { Key = "UDP", Bytes = 6_200_000_000, Packets = 9_000_000, Flows = 1_100_000 },
                new RankedItem { Key = "ICMP", Bytes = 12_000_000, Packets = 140_000, Flows = 9_000 },
                new RankedItem { Key = "GRE", Bytes = 3_000_000, Packets = 4_000, Flows = 2 },
            ],
            Attributions = [DbIpAttribution],
        };
    }

    /// <summary>A capture with nothing in it.</summary>
    public static ReportModel Empty() => new()
    {
        Title = "empty.pcap", GeneratedAt = new DateTimeOffset(2024, 3, 7, 9, 30, 0, TimeSpan.Zero), CaptureFirstNs = StartNs, CaptureLastNs = StartNs,
        Inputs = ["empty.pcap"],
    };

    /// <summary>A network map of <paramref name="nodes"/> hosts and three conversations each.</summary>
    public static ReportModel LargeNetwork(int nodes)
    {
        var random = new Random(7);
        var list = new NetworkNode[nodes];
        for (var i = 0; i < nodes; i++)
            list[i] = new NetworkNode { Id = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", Inside = i % 10 == 0, Bytes = random.NextInt64(1, 1_000_000_000) };
        var edges = new NetworkEdge[nodes * 3];
        for (var i = 0; i < edges.Length; i++)
            edges[i] = new NetworkEdge { Source = list[i % nodes].Id, Target = list[random.Next(nodes)].Id, Bytes = random.NextInt64(1, 100_000_000), Flows = 1 };
        return Realistic() with { Network = new NetworkMap { Nodes = list, Edges = edges } };
    }

    private static ReportIncident Incident(long id, double hour, double severity, string kind, string host, string? peer, string title, bool shown,
        string explanation, params string[] detectors)
    {
        var first = StartNs + (long)(hour * NsPerHour);
        return new ReportIncident
        {
            Id = id, FirstNs = first, LastNs = first + 340_000_000_000, Severity = severity, Kind = kind, Host = host, Peer = peer,
            Title = title, Explanation = explanation, Detectors = detectors, Shown = shown,
        };
    }
}
