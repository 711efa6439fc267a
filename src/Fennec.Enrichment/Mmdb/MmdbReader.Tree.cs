using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fennec.Packets.Decoding;

namespace Fennec.Enrichment.Mmdb;

public sealed partial class MmdbReader
{
    // IPv4 addresses live at ::a.b.c.d in an IPv6 tree, under 96 zero bits.
    private const int IPv4Depth = 96;

    /// <summary>
    /// Finds the record for <paramref name="address"/>: IPv4 addresses (held mapped, see <see cref="IpAddress"/>)
    /// are looked up under ::/96 in an IPv6 tree; IPv6 addresses in an IPv4 tree are not found. No allocation.
    /// </summary>
    public MmdbLookup Lookup(IpAddress address)
    {
        var tree = _memory.Span;
        if (address.IsIPv4)
        {
            var (node, depth) = Walk(tree, _ipv4Start, _ipv4StartDepth, (ulong)address.IPv4Value << 32, 32);
            return Result(node, Math.Max(0, depth - IPv4Depth));
        }

        if (Metadata.IpVersion == 4)
            return new MmdbLookup(MmdbLookup.NotFound, 0);
        var (high, highDepth) = Walk(tree, 0, 0, address.High, 64);
        var (low, lowDepth) = Walk(tree, high, highDepth, address.Low, 64);
        return Result(low, lowDepth);
    }

    /// <summary>
    /// The data offset of some record (the first in tree order), or <see cref="MmdbLookup.NotFound"/> for an empty
    /// database; used to look at a database's field names.
    /// </summary>
    public int FindAnyRecord()
    {
        var tree = _memory.Span;
        var stack = new Stack<(uint Node, int Depth)>();
        stack.Push((0, 0));
        for (var steps = 0; stack.Count > 0 && steps < 2 * _nodeCount + 2; steps++)
        {
            var (node, depth) = stack.Pop();
            for (var bit = 1; bit >= 0; bit--)
            {
                var next = ReadRecord(tree, node, bit);
                if (next > _nodeCount)
                    return Result(next, depth + 1).DataOffset;
                if (next < _nodeCount && depth + 1 < 128)
                    stack.Push((next, depth + 1));
            }
        }

        return MmdbLookup.NotFound;
    }

    private (uint Node, int Depth) FindIPv4Start(ReadOnlySpan<byte> tree)
    {
        if (Metadata.IpVersion == 4)
            return (0, IPv4Depth);
        var node = 0u;
        var depth = 0;
        for (; depth < IPv4Depth && node < _nodeCount; depth++)
            node = ReadRecord(tree, node, 0);
        return (node, depth);
    }

    /// <summary>
    /// Follows up to <paramref name="bits"/> bits of <paramref name="key"/> (from its top) from <paramref name="node"/>,
    /// stopping at the first record that is not a node. <paramref name="depth"/> counts the bits consumed so far.
    /// </summary>
    private (uint Node, int Depth) Walk(ReadOnlySpan<byte> tree, uint node, int depth, ulong key, int bits)
    {
        for (var i = 0; i < bits && node < _nodeCount; i++, depth++)
            node = ReadRecord(tree, node, (int)(key >> (63 - i)) & 1);
        return (node, depth);
    }

    private MmdbLookup Result(uint record, int prefixLength)
    {
        if (record == _nodeCount)
            return new MmdbLookup(MmdbLookup.NotFound, prefixLength);
        if (record < _nodeCount)
            throw Corrupt(0, $"the search tree is deeper than 128 bits at node {record} (a cycle in the tree?)");
        var offset = (long)record - _nodeCount - DataSectionSeparator;
        if (offset < 0 || offset >= _data.End - _data.Start)
            throw Corrupt(_data.Start + offset,
                $"a search tree record ({record}) points outside the data section of {_data.End - _data.Start} bytes");
        return new MmdbLookup((int)offset, prefixLength);
    }

    /// <summary>One record of node <paramref name="node"/> (which the caller has checked is below the node count).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint ReadRecord(ReadOnlySpan<byte> tree, uint node, int bit)
    {
        // The constructor checked that node_count nodes fit in the file, so these reads stay inside it.
        ref var start = ref MemoryMarshal.GetReference(tree);
        switch (_recordSize)
        {
            case 24:
            {
                ref var r = ref Unsafe.Add(ref start, (nint)node * 6 + bit * 3);
                return (uint)((r << 16) | (Unsafe.Add(ref r, 1) << 8) | Unsafe.Add(ref r, 2));
            }

            case 28:
            {
                ref var r = ref Unsafe.Add(ref start, (nint)node * 7);
                var middle = Unsafe.Add(ref r, 3);
                return (uint)(bit == 0
                    ? ((middle & 0xF0) << 20) | (r << 16) | (Unsafe.Add(ref r, 1) << 8) | Unsafe.Add(ref r, 2)
                    : ((middle & 0x0F) << 24) | (Unsafe.Add(ref r, 4) << 16) | (Unsafe.Add(ref r, 5) << 8) | Unsafe.Add(ref r, 6));
            }

            default:
                return BinaryPrimitives.ReadUInt32BigEndian(
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref start, (nint)node * 8 + bit * 4), 4));
        }
    }
}
