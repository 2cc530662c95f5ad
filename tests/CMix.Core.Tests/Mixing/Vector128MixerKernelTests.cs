using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>Vector128 kernel equals the scalar reference bit for bit (skipped where Vector128 is unavailable).</summary>
public sealed class Vector128MixerKernelTests
{
    private static readonly MixerKernel Kernel = Vector128MixerKernel.Instance;

    [KernelTheory("Vector128")]
    [MemberData(nameof(KernelEquivalence.Lengths), MemberType = typeof(KernelEquivalence))]
    public void RandomVectorsGiveScalarDotProductsAndWeights(int n) => KernelEquivalence.RandomVectorsMatch(Kernel, n);

    [KernelFact("Vector128")]
    public void EveryEdgeCombinationMatchesScalar() => KernelEquivalence.EveryEdgeCombinationMatches(Kernel);

    [KernelFact("Vector128")]
    public void ZeroErrorMatchesScalar() => KernelEquivalence.ZeroErrorMatches(Kernel);

    [KernelFact("Vector128")]
    public void WrappingPairSumsMatchScalar() => KernelEquivalence.WrappingPairsMatch(Kernel);

    [KernelFact("Vector128")]
    public void SelfTestPasses() => Assert.Null(MixerKernelSelfTest.Run(Kernel, maxLength: 256, rounds: 4));
}
