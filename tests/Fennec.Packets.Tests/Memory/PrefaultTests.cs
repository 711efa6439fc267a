using Fennec.Packets.Memory;

namespace Fennec.Packets.Tests.Memory;

public sealed class PrefaultTests
{
    private readonly record struct Holder(long Number, string Text);

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(100_000)]
    [InlineData(4 << 20)]
    public void Populating_a_new_array_leaves_it_zero_and_usable(int length)
    {
        var array = new byte[length];
        Prefault.Pages(array);
        array.Should().OnlyContain(b => b == 0);
        array[0] = 9;
        array[^1] = 7;
        array[0].Should().Be(length == 1 ? (byte)7 : (byte)9);
        array[^1].Should().Be(7);
    }

    [Fact]
    public void Populating_an_array_already_written_keeps_every_value()
    {
        var numbers = new long[300_000];
        for (var i = 0; i < numbers.Length; i++)
            numbers[i] = (i * 2_654_435_761L) ^ 0x5555;
        Prefault.Pages(numbers);
        for (var i = 0; i < numbers.Length; i++)
            numbers[i].Should().Be((i * 2_654_435_761L) ^ 0x5555);
    }

    [Fact]
    public void Populating_an_array_of_structs_with_references_keeps_them_and_the_collector_still_sees_them()
    {
        var holders = new Holder[20_000];
        for (var i = 0; i < holders.Length; i++)
            holders[i] = new Holder(i, $"text {i}");
        Prefault.Pages(holders);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        for (var i = 0; i < holders.Length; i++)
            holders[i].Should().Be(new Holder(i, $"text {i}"));
    }

    [Fact]
    public void An_empty_array_is_nothing_to_do() => FluentActions.Invoking(() => Prefault.Pages(Array.Empty<int>())).Should().NotThrow();
}
