namespace CMix.Mixing;

/// <summary>
/// The mixer's two hot loops, one implementation per instruction set. Every implementation
/// computes exactly what <see cref="ScalarMixerKernel"/> computes: the archive format depends
/// on it.
/// </summary>
/// <remarks>
/// Contract, for n a multiple of <see cref="Mixer.Align"/> (16), inputs x in [-2047, 2047]
/// and int16 weights w:
/// <code>
/// DotProduct: sum over pairs i = 0, 2, 4, ...: (x[i]*w[i] + x[i+1]*w[i+1]) &gt;&gt; 8   (int32, as pmaddwd then psrad 8)
/// Train:      w[i] = sat16(w[i] + ((sat16(((2*x[i]) * err) &gt;&gt; 16) + 1) &gt;&gt; 1)) (as paddsw/pmulhw/psraw)
/// </code>
/// with err in [-32767, 32767]. The sum over pairs is exact integer addition, so any grouping
/// of the pair terms gives the same int32.
/// </remarks>
public abstract unsafe class MixerKernel
{
    /// <summary>Short name shown by <c>cmix info</c>, e.g. "AVX2".</summary>
    public abstract string Name { get; }

    /// <summary>Fixed-point dot product of n inputs and weights (see the class contract).</summary>
    public abstract int DotProduct(short* x, short* w, int n);

    /// <summary>Moves n weights along err × input (see the class contract).</summary>
    public abstract void Train(short* x, short* w, int n, int err);

    /// <summary>
    /// results[k] = DotProduct(x, w[k], n) for k &lt; count: the mixer's selected weight sets share
    /// one input vector, so a kernel may load it once. Must equal the one-set calls exactly.
    /// </summary>
    public virtual void DotProducts(short* x, short** w, int count, int n, int* results)
    {
        for (int k = 0; k < count; k++)
        {
            results[k] = DotProduct(x, w[k], n);
        }
    }

    /// <summary>Train(x, w[k], n, err[k]) for k &lt; count (the weight sets must not overlap).</summary>
    public virtual void TrainMany(short* x, short** w, int* err, int count, int n)
    {
        for (int k = 0; k < count; k++)
        {
            Train(x, w[k], n, err[k]);
        }
    }
}
