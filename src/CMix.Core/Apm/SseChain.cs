using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Apm;

/// <summary>
/// The SSE stages of a level and their blend: refines the mixer's 12-bit probability into the
/// coder's 16-bit one. Stages are named by role; their contexts come from the caller, which
/// knows what each role means.
/// </summary>
/// <remarks>
/// A context is a row and the partial byte c0 in its low 8 bits. The row of every stage but the
/// <see cref="SseRole.MatchState"/> one changes only at byte boundaries: the caller sets it by
/// <see cref="SetRow"/> once a byte, and <see cref="NextBit"/> forms each coming bit's context
/// from it (a mask and an or, not the role's computation, on the per-bit path). The match stage's
/// whole context is set by <see cref="SetContext"/> every bit. Each call starts loading the row
/// it names (the tables are far past the caches). Call order per bit: the contexts,
/// <see cref="Refine"/>, the bit is coded, <see cref="Update"/>. Stages with a fixed rate (<see cref="Apm"/>) come before adaptive ones; the
/// <see cref="SseBlend.Chain"/> blend takes fixed-rate stages only. Memory: the stages' bins
/// (<see cref="Bytes"/>), from native tables released by <see cref="Dispose"/> or their finalisers.
/// </remarks>
public sealed class SseChain : IDisposable
{
    private readonly SseBlend _blend;
    private readonly Apm[] _fixed;
    private readonly AdaptiveApm[] _adaptive;
    private readonly SseStage[] _stages;
    private readonly int[] _contexts;
    private readonly int[] _rows;          // each stage's row (low 8 bits zero), but the match stage's
    private readonly int[] _fixedRowed;    // fixed-rate stages keyed by a row, by index
    private readonly int[] _adaptiveRowed; // adaptive ones
    private readonly int[] _outputs;
    private readonly int _weights;
    private readonly SseMixer? _mixer;
    // The chain of levels 2–8 has at most two stages, both keyed by rows: on the per-bit path they
    // are fields, not loops over the arrays above (null where the chain is shorter or not a chain).
    private readonly Apm? _first;
    private readonly Apm? _second;

    /// <param name="spec">the stages, fixed-rate ones first, and their blend</param>
    public SseChain(SseSpec spec)
    {
        SseBlend blend = spec.Blend;
        SseStage[] stages = spec.Stages;
        int fixedCount = 0;
        while (fixedCount < stages.Length && !stages[fixedCount].Adaptive)
        {
            fixedCount++;
        }

        bool mixed = false;
        for (int k = fixedCount; k < stages.Length; k++)
        {
            mixed |= !stages[k].Adaptive;
        }

        if (mixed || (blend == SseBlend.Chain && fixedCount < stages.Length))
        {
            throw new ArgumentException("fixed-rate SSE stages come first, and a chain has no adaptive stages", nameof(spec));
        }

        if (blend != SseBlend.Chain && (stages.Length == 0 || stages[0].Role != SseRole.Order1 || stages[0].Adaptive))
        {
            throw new ArgumentException("an averaged SSE blend starts with a fixed-rate stage", nameof(spec));
        }

        _blend = blend;
        _stages = stages;
        _fixed = new Apm[fixedCount];
        _adaptive = new AdaptiveApm[stages.Length - fixedCount];
        for (int k = 0; k < stages.Length; k++)
        {
            if (k < fixedCount)
            {
                _fixed[k] = new Apm(stages[k].Contexts);
            }
            else
            {
                _adaptive[k - fixedCount] = new AdaptiveApm(stages[k].Contexts);
            }

            _weights += stages[k].Weight;
        }

        _contexts = new int[stages.Length];
        _rows = new int[stages.Length];
        _fixedRowed = Rowed(stages, 0, fixedCount);
        _adaptiveRowed = Rowed(stages, fixedCount, stages.Length);
        _outputs = new int[stages.Length];
        _mixer = blend == SseBlend.LearnedAverage ? new SseMixer(stages.Length + 2, stages.Length + 1) : null;
        if (IsShortChain(blend, stages))
        {
            _first = fixedCount > 0 ? _fixed[0] : null;
            _second = fixedCount > 1 ? _fixed[1] : null;
        }
    }

    /// <summary>Whether the stages are a chain of at most two row-keyed stages (the fast path of every level but 9).</summary>
    private static bool IsShortChain(SseBlend blend, SseStage[] stages)
    {
        if (blend != SseBlend.Chain || stages.Length > 2)
        {
            return false;
        }

        foreach (SseStage stage in stages)
        {
            if (stage.Role == SseRole.MatchState)
            {
                return false;
            }
        }

        return true;
    }

    private SseChain(SseChain source)
    {
        _blend = source._blend;
        _stages = source._stages;
        _fixed = new Apm[source._fixed.Length];
        for (int k = 0; k < _fixed.Length; k++)
        {
            _fixed[k] = source._fixed[k].Clone();
        }

        _adaptive = new AdaptiveApm[source._adaptive.Length];
        for (int k = 0; k < _adaptive.Length; k++)
        {
            _adaptive[k] = source._adaptive[k].Clone();
        }

        _contexts = (int[])source._contexts.Clone();
        _rows = (int[])source._rows.Clone();
        _fixedRowed = source._fixedRowed;  // never written after construction: shared
        _adaptiveRowed = source._adaptiveRowed;
        _outputs = (int[])source._outputs.Clone();
        _weights = source._weights;
        _mixer = source._mixer?.Clone();
        if (source._first is not null)
        {
            _first = _fixed[0];
            _second = source._second is null ? null : _fixed[1];
        }
    }

    /// <summary>Restarts the adaptive stages' counts (<see cref="AdaptiveApm.RestartCounts"/>); the fixed-rate stages and the learned blend have none.</summary>
    internal void RestartRates()
    {
        foreach (AdaptiveApm a in _adaptive)
        {
            a.RestartCounts();
        }
    }

    /// <summary>A copy of this chain, every stage's bins in their own memory (<c>Predictor.Clone</c>).</summary>
    internal SseChain Clone() => new(this);

    /// <summary>The stages in [<paramref name="from"/>, <paramref name="to"/>) keyed by a row (all but the match stage), by index.</summary>
    /// <remarks>A plain loop, not LINQ: the SFX stub builds this chain, and System.Linq would add its iterators to it.</remarks>
    private static int[] Rowed(SseStage[] stages, int from, int to)
    {
        var rowed = new List<int>(to - from);
        for (int k = from; k < to; k++)
        {
            if (stages[k].Role != SseRole.MatchState)
            {
                rowed.Add(k);
            }
        }

        return rowed.ToArray();
    }

    /// <summary>The stages, in order.</summary>
    public IReadOnlyList<SseStage> Stages => _stages;

    /// <summary>Bytes of all stages' bins.</summary>
    public long Bytes => new SseSpec(_blend, _stages).Bytes;

    /// <summary>
    /// Sets stage <paramref name="stage"/>'s row for the coming byte (its low 8 bits zero; the
    /// context in [0, the stage's contexts) with any c0) and the byte's first context, row | 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetRow(int stage, int row)
    {
        Debug.Assert((row & 0xFF) == 0 && _stages[stage].Role != SseRole.MatchState && (row | 0xFF) < _stages[stage].Contexts);
        _rows[stage] = row;
        _contexts[stage] = row | 1;
        Prefetch(stage, row | 1);
    }

    /// <summary>Sets every row-keyed stage's context for partial byte <paramref name="c0"/> (2..255) within the byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NextBit(int c0)
    {
        Debug.Assert(c0 > 1 && c0 < 256);
        int[] rows = _rows, contexts = _contexts;
        if (_first is { } first)
        {
            int cx0 = rows[0] | c0;
            contexts[0] = cx0;
            first.Prefetch(cx0);
            if (_second is { } second)
            {
                int cx1 = rows[1] | c0;
                contexts[1] = cx1;
                second.Prefetch(cx1);
            }

            return;
        }

        foreach (int k in _fixedRowed)
        {
            int cx = rows[k] | c0;
            contexts[k] = cx;
            _fixed[k].Prefetch(cx);
        }

        foreach (int k in _adaptiveRowed)
        {
            int cx = rows[k] | c0;
            contexts[k] = cx;
            _adaptive[k - _fixed.Length].Prefetch(cx);
        }
    }

    /// <summary>Sets stage <paramref name="stage"/>'s whole context <paramref name="cx"/> for the coming bit (the match stage, whose context is not a row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetContext(int stage, int cx)
    {
        Debug.Assert(cx >= 0 && cx < _stages[stage].Contexts);
        _contexts[stage] = cx;
    }

    /// <summary>Starts loading stage <paramref name="stage"/>'s row for context <paramref name="cx"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Prefetch(int stage, int cx)
    {
        if (stage < _fixed.Length)
        {
            _fixed[stage].Prefetch(cx);
        }
        else
        {
            _adaptive[stage - _fixed.Length].Prefetch(cx);
        }
    }

    /// <summary>The coder's probability that the bit is 1, 16-bit in [1, 65535], from the mixer's 12-bit <paramref name="pr"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // the short chain into the predictor; the rest out of line
    public int Refine(int pr)
    {
        Debug.Assert(pr > 0 && pr < 4096);
        if (_first is { } first)
        {
            int[] contexts = _contexts;
            int p1 = (pr + first.Refine(pr, contexts[0]) * 3 + 2) >> 2;
            if (_second is { } second)
            {
                p1 = (p1 + second.Refine(p1, contexts[1]) + 1) >> 1;
            }

            return p1 << 4;
        }

        return RefineOther(pr);
    }

    /// <summary><see cref="Refine"/> for every set of stages but a short chain.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefineOther(int pr)
    {
        if (_stages.Length == 0)
        {
            return pr << 4;
        }

        if (_blend == SseBlend.Chain)
        {
            int p = (pr + _fixed[0].Refine(pr, _contexts[0]) * 3 + 2) >> 2;
            for (int k = 1; k < _fixed.Length; k++)
            {
                p = (p + _fixed[k].Refine(p, _contexts[k]) + 1) >> 1;
            }

            return p << 4;
        }

        return RefineAverage(pr);
    }

    /// <summary>
    /// The <see cref="SseBlend.Average"/> and <see cref="SseBlend.LearnedAverage"/> blends, at 16
    /// bits throughout. Out of line: the self-extracting stub pays for every inlined copy of the
    /// stages' Refine.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RefineAverage(int pr)
    {
        int[] outputs = _outputs;
        int p2 = _fixed[0].Refine16(pr, _contexts[0]);
        outputs[0] = p2;
        // The 12-bit input of the stages that refine the first stage's blend (as the chain's).
        int first12 = (pr + Math.Clamp(p2 >> 4, 1, 4095) * 3 + 2) >> 2;
        int sum = ((pr * 16 + p2 * 3 + 2) >> 2) * _stages[0].Weight;
        for (int k = 1; k < _stages.Length; k++)
        {
            int input = _stages[k].RefinesFirst ? first12 : pr;
            int pk = k < _fixed.Length ? _fixed[k].Refine16(input, _contexts[k]) : _adaptive[k - _fixed.Length].Refine16(input, _contexts[k]);
            outputs[k] = pk;
            sum += pk * _stages[k].Weight;
        }

        int average = Math.Clamp((sum + _weights / 2) / _weights, 2, 65534);
        if (_mixer is not { } m)
        {
            return average;
        }

        m.Add(pr * 16 + 8);
        foreach (int pk in outputs)
        {
            m.Add(pk);
        }

        m.Add(average);
        return Math.Clamp(m.P(), 2, 65534);
    }

    /// <summary>Trains every stage (and the learned blend) with the coded bit <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]  // as Refine
    public void Update(int y)
    {
        if (_first is { } first)
        {
            first.Update(y);
            _second?.Update(y);
            return;
        }

        UpdateOther(y);
    }

    /// <summary><see cref="Update"/> for every set of stages but a short chain.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void UpdateOther(int y)
    {
        foreach (Apm a in _fixed)
        {
            a.Update(y);
        }

        foreach (AdaptiveApm a in _adaptive)
        {
            a.Update(y);
        }

        _mixer?.Update(y);
    }

    /// <summary>Frees the stages' bins; the chain must not be used after.</summary>
    public void Dispose()
    {
        foreach (Apm a in _fixed)
        {
            a.Dispose();
        }

        foreach (AdaptiveApm a in _adaptive)
        {
            a.Dispose();
        }
    }
}
