using Fennec.Features.AfterImage;

namespace Fennec.Features.Tests;

public class StreamTableIndexTests
{
    [Fact]
    public void Under_a_hard_bound_every_slot_points_at_one_live_stream_while_the_table_grows_and_evicts()
    {
        // A stream created at the moment the index grows used to be indexed twice; once evicted, its second slot
        // pointed at a freed stream and the next lookup probing it failed.
        var table = new StreamTable(interArrival: false);
        table.SetMaxStreams(300);
        for (var i = 0; i < 10_000; i++)
        {
            var key = $"10.{i / 65536}.{i / 256 % 256}.{i % 256}";
            table.GetOrCreate(key, i * 0.001, out var created);
            created.Should().BeTrue();
            table.OccupiedSlots.Should().Be(table.StreamCount);
            table.Find(key).Should().BeGreaterThanOrEqualTo(0);
        }
        table.StreamCount.Should().Be(300);
        table.Evicted.Should().Be(10_000 - 300);
    }

    [Fact]
    public void Without_a_bound_the_index_holds_each_stream_once()
    {
        var table = new StreamTable(interArrival: true);
        for (var i = 0; i < 5_000; i++)
            table.GetOrCreate($"host-{i}", i, out _);
        table.OccupiedSlots.Should().Be(5_000);
        for (var i = 0; i < 5_000; i += 97)
            table.Find($"host-{i}").Should().BeGreaterThanOrEqualTo(0);
    }
}
