using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace CMix.Mixing;

/// <summary>The reference kernel: plain C#, one lane at a time, defining the bits every other kernel must match.</summary>
public sealed unsafe class ScalarMixerKernel : MixerKernel
{
    /// <summary>The one instance.</summary>
    public static readonly ScalarMixerKernel Instance = new();

    private ScalarMixerKernel()
    {
    }

    /// <inheritdoc/>
    public override string Name => "Scalar";

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override int DotProduct(short* x, short* w, int n)
    {
        Debug.Assert((n & 1) == 0);
        int sum = 0;
        for (int i = 0; i < n; i += 2)
        {
            // pmaddwd: two products summed in int32, then psrad 8 on the pair.
            sum += (x[i] * w[i] + x[i + 1] * w[i + 1]) >> 8;
        }

        return sum;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Train(short* x, short* w, int n, int err)
    {
        for (int i = 0; i < n; i++)
        {
            // paddsw x,x; pmulhw by err; paddsw 1; psraw 1; paddsw into w.
            int x2 = Sat16(x[i] + x[i]);
            int d = Sat16(((x2 * err) >> 16) + 1) >> 1;
            w[i] = (short)Sat16(w[i] + d);
        }
    }

    // Branch-free: the truncated value equals v exactly when v fits; otherwise the sign picks the bound.
    private static int Sat16(int v)
    {
        int s = (short)v;
        return s == v ? v : 0x7FFF ^ (v >> 31);
    }
}
