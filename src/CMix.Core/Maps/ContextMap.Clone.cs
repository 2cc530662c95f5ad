using System.Runtime.InteropServices;
using CMix.Memory;

namespace CMix.Maps;

/// <summary>Copies of a context map and the restart of its counts (the NCD matrix's tools; never used when coding).</summary>
public sealed unsafe partial class ContextMap
{
    private ContextMap(ContextMap source)
    {
        _table = source._table.Clone();
        _n = source._n;
        _slots = LargeTable.Copy(source._slots);
        _ctx = (Slot*)_slots.Pointer;
        _active = (int*)(_ctx + _n);
        _activeRun = _active + _n;
        for (int i = 0; i < _n; i++)
        {
            // The slot pointers point into the table: into the copy's now.
            _ctx[i].Current = source._table.SlotIn(_table, source._ctx[i].Current);
            _ctx[i].First = source._table.SlotIn(_table, source._ctx[i].First);
        }

        _activeCount = source._activeCount;
        _limit = source._limit;
        _inputs = source._inputs;
        _runs = source._runs;
        _linear = source._linear;
        _orders = source._orders;
        _knownOrders = source._knownOrders;
        _node = source._node;
        _c0 = source._c0;
        _bitPos = source._bitPos;
        _known = source._known;
        _block = LargeTable.Copy(source._block);
        _sm = (uint*)_block.Pointer;
        _runSm = _sm + (source._runSm - source._sm);
        _reciprocals = (int*)((byte*)_sm + ((byte*)source._reciprocals - (byte*)source._sm));
        _stretch = (short*)((byte*)_sm + ((byte*)source._stretch - (byte*)source._sm));
        _confidence = (short*)((byte*)_sm + ((byte*)source._confidence - (byte*)source._sm));
        _next = (byte*)_sm + (source._next - (byte*)source._sm);
    }

    /// <summary>
    /// Sets the count of every state map and run map entry back to 0, keeping its probability (as
    /// <see cref="StateMap.RestartCounts"/>); the bit histories in the table are what was learned
    /// and stay.
    /// </summary>
    internal void RestartCounts()
    {
        for (int i = 0; i < _n * 256; i++)
        {
            _sm[i] = StateMap.WithCount(_sm[i], 0);
        }

        for (int i = 0; i < _n * 64; i++)
        {
            _runSm[i] = StateMap.WithCount(_runSm[i], 0);
        }
    }

    /// <summary>A copy of this map and its table, in their own memory (<c>Predictor.Clone</c>).</summary>
    internal ContextMap Clone() => new(this);
}
