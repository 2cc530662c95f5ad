using System.Runtime.InteropServices;
using CMix.Numerics;
using K4os.Hash.xxHash;
using Xunit;

namespace CMix.Core.Tests.Numerics;

public sealed class IlogTests
{
    [Fact]
    public void Log2IsExactOnPowersOfTwo()
    {
        for (int n = 0; n < 31; n++)
        {
            Assert.Equal(n << Ilog.FractionBits, Ilog.Log2(1 << n));
        }
    }

    [Fact]
    public void CostsAreWithinOneUnitOfTheRealLogarithm()
    {
        // The double log2 is the reference here only; the table is integer-built.
        for (int q = 1; q < 65536; q++)
        {
            double exact = -Math.Log2(q / 65536.0) * Ilog.One;
            Assert.True(Math.Abs(Ilog.Cost(q) - exact) <= 1.0, $"cost({q}) = {Ilog.Cost(q)}, exact {exact}");
        }
    }

    /// <summary>The table is built by integer code; the checksum proves every machine builds the same one.</summary>
    [Fact]
    public void CostTableIsPinned() => Assert.Equal(11611922769151968376UL, XXH64.DigestOf(MemoryMarshal.AsBytes(Ilog.Costs)));

    [Fact]
    public void Log2RefusesNonPositive() => Assert.Throws<ArgumentOutOfRangeException>(() => Ilog.Log2(0));
}
