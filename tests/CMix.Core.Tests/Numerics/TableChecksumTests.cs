using System.Runtime.InteropServices;
using CMix.Maps;
using CMix.Numerics;
using K4os.Hash.xxHash;
using Xunit;

namespace CMix.Core.Tests.Numerics;

/// <summary>
/// Pins every constant table on the prediction path. A change here changes every archive: bump
/// the model version and regenerate the ledger and golden archives instead of editing a checksum.
/// </summary>
public sealed class TableChecksumTests
{
    private static ulong Checksum<T>(ReadOnlySpan<T> table)
        where T : unmanaged => XXH64.DigestOf(MemoryMarshal.AsBytes(table));

    [Fact]
    public void SquashTableIsPinned() => Assert.Equal(17030555382987800648UL, Checksum(Squash.Table));

    [Fact]
    public void StretchTableIsPinned() => Assert.Equal(2425179914669580171UL, Checksum(Stretch.Table));

    [Fact]
    public void StateTableIsPinned()
    {
        Assert.Equal(255, StateTable.Count);
        Assert.Equal(15928584788923580786UL, Checksum(StateTable.NextTable));
    }

    [Fact]
    public void SquashIsMonotoneAndBounded()
    {
        int prev = 0;
        for (int d = -2047; d <= 2047; d++)
        {
            int p = Squash.P(d);
            Assert.InRange(p, 1, 4095);
            Assert.True(p >= prev, $"squash not monotone at {d}");
            prev = p;
        }

        Assert.Equal(Squash.P(2047), Squash.P(100000));
        Assert.Equal(Squash.P(-2047), Squash.P(-100000));
        Assert.InRange(Squash.P(0), 2047, 2049);
    }

    [Fact]
    public void StretchInvertsSquash()
    {
        for (int p = 1; p < 4096; p++)
        {
            int back = Squash.P(Stretch.D(p));
            Assert.True(Math.Abs(back - p) <= Math.Max(2, p / 40), $"squash(stretch({p})) = {back}");
        }
    }
}
