using System.Security.Cryptography;
using Fennec.Packets.Capture;
using Fennec.Simulation.Attacks;

namespace Fennec.Simulation.Tests;

public class DeterminismTests
{
    private static readonly SimulationOptions Small = new()
    {
        Hours = 30,
        Hosts = 10,
        Intensity = 0.1,
        Attacks = [AttackKind.PortScan, AttackKind.BruteForce, AttackKind.NewCountry],
    };

    private static (string Hash, SimulationResult Result) Simulate(SimulationOptions options)
    {
        var stream = new MemoryStream();
        SimulationResult result;
        using (var writer = new PcapWriter(stream, leaveOpen: true))
            result = new TrafficSimulator(options).Run(writer);
        return (Convert.ToHexString(SHA256.HashData(stream.ToArray())), result);
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_labels()
    {
        var first = Simulate(Small with { Seed = 11 });
        var second = Simulate(Small with { Seed = 11 });
        second.Hash.Should().Be(first.Hash);
        second.Result.Labels.Should().Equal(first.Result.Labels);
        first.Result.Packets.Should().BeGreaterThan(10_000);
    }

    [Fact]
    public void Another_seed_gives_another_capture_and_other_attack_times()
    {
        var first = Simulate(Small with { Seed = 11 });
        var second = Simulate(Small with { Seed = 12 });
        second.Hash.Should().NotBe(first.Hash);
        second.Result.Labels.Select(l => l.StartNs).Should().NotEqual(first.Result.Labels.Select(l => l.StartNs));
    }

    [Fact]
    public void Attacks_are_added_to_the_same_normal_traffic()
    {
        // Normal traffic draws from its own streams, so injecting attacks leaves it unchanged: the attacked capture
        // holds exactly the clean capture's packets plus the labelled ones.
        var clean = Simulate(Small with { Seed = 5, Attacks = [] });
        var attacked = Simulate(Small with { Seed = 5 });
        clean.Result.Labels.Should().BeEmpty();
        attacked.Result.Packets.Should().Be(clean.Result.Packets + attacked.Result.Labels.Sum(l => l.Packets));
    }

    [Fact]
    public void The_writer_buffer_size_does_not_change_the_bytes()
    {
        var options = Small with { Hours = 2, Attacks = [] };
        var big = new MemoryStream();
        var small = new MemoryStream();
        using (var writer = new PcapWriter(big, leaveOpen: true))
            new TrafficSimulator(options).Run(writer);
        using (var writer = new PcapWriter(small, leaveOpen: true, bufferSize: 4096))
            new TrafficSimulator(options).Run(writer);
        small.ToArray().Should().Equal(big.ToArray());
    }
}
