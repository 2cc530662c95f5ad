using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>Kernel detection, forcing by name (CMIX_KERNEL) and clear failures for unsupported kernels.</summary>
public sealed class MixerKernelsTests
{
    [Fact]
    public void DetectionPrefersAvx2ThenAdvSimdThenVector128ThenScalar()
    {
        var (kernel, reason) = MixerKernels.Detect(forced: null);
        string expected = Avx2.IsSupported ? "AVX2"
            : AdvSimd.Arm64.IsSupported ? "AdvSimd"
            : Vector128.IsHardwareAccelerated ? "Vector128"
            : "Scalar";
        Assert.Equal(expected, kernel.Name);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.True(MixerKernels.IsSupported(kernel, out _));
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("")]
    [InlineData("  ")]
    public void AutoOrEmptyDetects(string value) =>
        Assert.Equal(MixerKernels.Detect(forced: null).Kernel, MixerKernels.Detect(value).Kernel);

    [Theory]
    [InlineData("scalar")]
    [InlineData("SCALAR")]
    [InlineData(" Scalar ")]
    public void ScalarCanAlwaysBeForced(string value)
    {
        var (kernel, reason) = MixerKernels.Detect(value);
        Assert.Same(ScalarMixerKernel.Instance, kernel);
        Assert.Contains("CMIX_KERNEL", reason);
    }

    [Theory]
    [InlineData("avx2")]
    [InlineData("advsimd")]
    [InlineData("vector128")]
    public void ForcingAKernelUsesItOrFailsWithTheReason(string value)
    {
        var kernel = MixerKernels.FromName(value)!;
        if (MixerKernels.IsSupported(kernel, out string why))
        {
            Assert.Same(kernel, MixerKernels.Detect(value).Kernel);
        }
        else
        {
            var ex = Assert.Throws<NotSupportedException>(() => MixerKernels.Detect(value));
            Assert.Contains(why, ex.Message);
            Assert.Throws<NotSupportedException>(() => MixerKernels.Override(kernel));
        }
    }

    [Fact]
    public void UnknownNameFailsListingTheChoices()
    {
        var ex = Assert.Throws<NotSupportedException>(() => MixerKernels.Detect("sse9"));
        Assert.Contains("sse9", ex.Message);
        Assert.Contains("avx2", ex.Message);
        Assert.Contains("scalar", ex.Message);
    }

    [Fact]
    public void EveryKernelIsListedOnceByItsName()
    {
        Assert.Equal(["AVX2", "AdvSimd", "Vector128", "Scalar"], MixerKernels.All.Select(k => k.Name));
        foreach (var k in MixerKernels.All)
        {
            Assert.Same(k, MixerKernels.FromName(k.Name.ToUpperInvariant()));
        }
    }
}
