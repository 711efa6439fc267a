using Fennec.Packets.Memory;

namespace Fennec.Flows.Assembly;

public sealed partial class FlowTable
{
    private static int[] NewSlots(int entries, out int mask)
    {
        // At most half full, so linear probes stay short.
        var size = 1;
        while (size < entries * 2)
            size <<= 1;
        mask = size - 1;
        var slots = new int[size];
        Array.Fill(slots, Empty);
        return slots;
    }

    private int Find(in FlowKey key)
    {
        for (var slot = key.Hash & _slotMask; ; slot = (slot + 1) & _slotMask)
        {
            var index = _slots[slot];
            if (index == Empty)
                return Empty;
            if (_entries[index].Key.Equals(key))
                return index;
        }
    }

    private int Create(in FlowKey key, in Packets.Decoding.DecodedPacket p, bool sourceIsA)
    {
        if (_count >= _maxFlows)
        {
            // At the bound: the least recently seen flow makes room (lingering flows first, they are done anyway).
            Statistics.Evicted++;
            Remove(_closingOldest != Empty ? _closingOldest : _openOldest, FlowEndReason.Evicted);
        }

        int index;
        if (_freeHead != Empty)
        {
            index = _freeHead;
            _freeHead = _entries[index].Newer;
        }
        else
        {
            if (_used == _entries.Length)
                Grow();
            index = _used++;
        }

        ref var entry = ref _entries[index];
        entry = default;
        entry.InUse = true;
        entry.Key = key;
        entry.Newer = entry.Older = Empty;
        // The first packet's source initiates, unless it is a SYN-ACK: then the other side did.
        var synAck = p.Protocol == Packets.Decoding.IpProtocol.Tcp &&
                     (p.TcpFlags & (Packets.Decoding.TcpFlags.Syn | Packets.Decoding.TcpFlags.Ack)) == (Packets.Decoding.TcpFlags.Syn | Packets.Decoding.TcpFlags.Ack);
        entry.AIsInitiator = sourceIsA != synAck;
        InitialiseRecord(ref entry, p, synAck);
        entry.Record.Id = Statistics.FlowsCreated;
        Insert(key.Hash, index);
        _count++;
        Statistics.FlowsCreated++;
        if (_count > Statistics.PeakFlows)
            Statistics.PeakFlows = _count;
        return index;
    }

    private void Insert(int hash, int index)
    {
        var slot = hash & _slotMask;
        while (_slots[slot] != Empty)
            slot = (slot + 1) & _slotMask;
        _slots[slot] = index;
    }

    private void Grow()
    {
        var size = Math.Min(_entries.Length * 2, _maxFlows);
        var larger = new FlowEntry[size];
        Prefault.Pages(larger);
        _entries.CopyTo(larger, 0);
        _entries = larger;
        _slots = NewSlots(size, out _slotMask);
        for (var i = 0; i < _used; i++)
        {
            if (_entries[i].InUse)
                Insert(_entries[i].Key.Hash, i);
        }
    }

    /// <summary>Emits the flow, unlinks it, frees its entry and closes the gap in its probe run.</summary>
    private void Remove(int index, FlowEndReason reason)
    {
        ref var entry = ref _entries[index];
        Emit(ref entry, reason);
        Unlink(index, ref entry);

        var slot = entry.Key.Hash & _slotMask;
        while (_slots[slot] != index)
            slot = (slot + 1) & _slotMask;
        // Backward-shift deletion: move later members of the run up so lookups never meet a hole.
        var hole = slot;
        for (var next = (hole + 1) & _slotMask; _slots[next] != Empty; next = (next + 1) & _slotMask)
        {
            var home = _entries[_slots[next]].Key.Hash & _slotMask;
            var distanceNext = (next - home) & _slotMask;
            var distanceHole = (next - hole) & _slotMask;
            if (distanceNext >= distanceHole)
            {
                _slots[hole] = _slots[next];
                hole = next;
            }
        }

        _slots[hole] = Empty;
        entry.InUse = false;
        entry.Newer = _freeHead;
        _freeHead = index;
        _count--;
    }

    /// <summary>Makes the flow the newest of its list (moving it to the closing list once it has closed).</summary>
    private void Touch(int index, ref FlowEntry entry)
    {
        // Already the newest of its list, as for every packet after the first of a burst: nothing moves.
        if (entry.ListIsClosing == entry.Closing && (entry.Closing ? _closingNewest : _openNewest) == index)
            return;
        Unlink(index, ref entry);
        ref var newest = ref entry.Closing ? ref _closingNewest : ref _openNewest;
        ref var oldest = ref entry.Closing ? ref _closingOldest : ref _openOldest;
        entry.Older = newest;
        entry.Newer = Empty;
        if (newest != Empty)
            _entries[newest].Newer = index;
        newest = index;
        if (oldest == Empty)
            oldest = index;
    }

    private void Unlink(int index, ref FlowEntry entry)
    {
        ref var newest = ref entry.ListIsClosing ? ref _closingNewest : ref _openNewest;
        ref var oldest = ref entry.ListIsClosing ? ref _closingOldest : ref _openOldest;
        if (entry.Newer != Empty)
            _entries[entry.Newer].Older = entry.Older;
        else if (newest == index)
            newest = entry.Older;
        if (entry.Older != Empty)
            _entries[entry.Older].Newer = entry.Newer;
        else if (oldest == index)
            oldest = entry.Newer;
        entry.Newer = entry.Older = Empty;
        entry.ListIsClosing = entry.Closing;
    }
}
