using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>AdvSimd kernel equals the scalar reference bit for bit (skipped where AdvSimd is unavailable).</summary>
public sealed class AdvSimdMixerKernelTests
{
    private static readonly MixerKernel Kernel = AdvSimdMixerKernel.Instance;

    [KernelTheory("AdvSimd")]
    [MemberData(nameof(KernelEquivalence.Lengths), MemberType = typeof(KernelEquivalence))]
    public void RandomVectorsGiveScalarDotProductsAndWeights(int n) => KernelEquivalence.RandomVectorsMatch(Kernel, n);

    [KernelFact("AdvSimd")]
    public void EveryEdgeCombinationMatchesScalar() => KernelEquivalence.EveryEdgeCombinationMatches(Kernel);

    [KernelFact("AdvSimd")]
    public void ZeroErrorMatchesScalar() => KernelEquivalence.ZeroErrorMatches(Kernel);

    [KernelFact("AdvSimd")]
    public void WrappingPairSumsMatchScalar() => KernelEquivalence.WrappingPairsMatch(Kernel);

    [KernelFact("AdvSimd")]
    public void SelfTestPasses() => Assert.Null(MixerKernelSelfTest.Run(Kernel, maxLength: 256, rounds: 4));
}
