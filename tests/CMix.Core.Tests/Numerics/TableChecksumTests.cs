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
    public void Squash16PointsArePinned() => Assert.Equal(5315504558063189199UL, Checksum(Squash16.Points));

    [Fact]
    public void Stretch16TableIsPinned() => Assert.Equal(16768880519717630037UL, Checksum(Stretch16.Table));

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

    [Fact]
    public void Squash16IsMonotoneBoundedAndMatchesSquash()
    {
        int prev = 0;
        for (int d = -Squash16.Limit; d <= Squash16.Limit; d++)
        {
            int p = Squash16.P(d);
            Assert.InRange(p, 1, 65535);
            Assert.True(p >= prev, $"squash16 not monotone at {d}");
            prev = p;
            if (d >= -2047 && d <= 2047)
            {
                // The same curve as the 12-bit squash, to within the 12-bit one's rounding.
                Assert.InRange(p - Squash.P(d) * 16, -40, 40);
            }
        }

        Assert.Equal(32768, Squash16.P(0));
        Assert.Equal(Squash16.P(Squash16.Limit), Squash16.P(100000));
        Assert.Equal(Squash16.P(-Squash16.Limit), Squash16.P(-100000));
        Assert.True(Squash16.P(Squash16.Limit) > 65530 && Squash16.P(-Squash16.Limit) < 4, "reaches past 1/4096");
    }

    [Fact]
    public void Stretch16InvertsSquash16()
    {
        for (int p = 1; p < 65536; p++)
        {
            int d = Stretch16.D(p);
            Assert.InRange(d, -Squash16.Limit, Squash16.Limit);
            Assert.True(Squash16.P(d) >= p || d == Squash16.Limit, $"squash16(stretch16({p})) < {p}");
            Assert.True(d == -Squash16.Limit || Squash16.P(d - 1) < p, $"stretch16({p}) = {d} is not the smallest");
        }
    }
}
