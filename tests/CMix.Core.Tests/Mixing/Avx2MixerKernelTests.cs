using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>AVX2 kernel equals the scalar reference bit for bit (skipped where AVX2 is unavailable).</summary>
public sealed class Avx2MixerKernelTests
{
    private static readonly MixerKernel Kernel = Avx2MixerKernel.Instance;

    [KernelTheory("AVX2")]
    [MemberData(nameof(KernelEquivalence.Lengths), MemberType = typeof(KernelEquivalence))]
    public void RandomVectorsGiveScalarDotProductsAndWeights(int n) => KernelEquivalence.RandomVectorsMatch(Kernel, n);

    [KernelFact("AVX2")]
    public void EveryEdgeCombinationMatchesScalar() => KernelEquivalence.EveryEdgeCombinationMatches(Kernel);

    [KernelFact("AVX2")]
    public void ZeroErrorMatchesScalar() => KernelEquivalence.ZeroErrorMatches(Kernel);

    [KernelFact("AVX2")]
    public void WrappingPairSumsMatchScalar() => KernelEquivalence.WrappingPairsMatch(Kernel);

    [KernelFact("AVX2")]
    public void SelfTestPasses() => Assert.Null(MixerKernelSelfTest.Run(Kernel, maxLength: 256, rounds: 4));
}
