using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>How <see cref="Compressor.ResolveBlockSize(CompressionOptions)"/> chooses blocks: memory stays bounded whatever the input size.</summary>
public sealed class BlockSizeTests
{
    private static long Resolve(long? length, int threads, long? block = null) =>
        Compressor.ResolveBlockSize(new CompressionOptions { Level = 1, Threads = threads, InputLength = length, BlockSize = block });

    [Fact]
    public void OneThreadCodesOneBlock() => Assert.Equal(0, Resolve(4_500_000_000, 1));

    [Fact]
    public void TwoThreadsSplitA100MbInputInTwo()
    {
        // After the automatic 8,257,536-byte shared prefix: 45.7 MB rounded up to whole 64 KiB.
        Assert.Equal(698L << 16, Resolve(99_671_322, 2));
        // Without a prefix: 49.8 MB rounded up to whole MiB.
        Assert.Equal(48L << 20, Compressor.ResolveBlockSize(new CompressionOptions { Threads = 2, InputLength = 99_671_322, PrimeLength = 0 }));
    }

    [Fact]
    public void LargeInputsAreCutIntoBoundedBlocks()
    {
        // 4.5 GB on 2 threads: not two 2.25 GB blocks (past the array limit and all of it in
        // memory), but 256 MiB blocks coded two at a time.
        Assert.Equal(Compressor.MaxAutoBlockSize, Resolve(4_500_000_000, 2));
        Assert.Equal(Compressor.MaxAutoBlockSize, Resolve(1L << 40, 16));
    }

    [Fact]
    public void SmallInputsGetAtLeastOneMebibyte() => Assert.Equal(1L << 20, Resolve(1000, 4));

    [Fact]
    public void UnknownLengthUsesTheStreamBlockSize() => Assert.Equal(Compressor.DefaultStreamBlockSize, Resolve(null, 2));

    [Theory]
    [InlineData(-1L)]
    [InlineData((1L << 30) + 1)]
    public void ExplicitBlocksOutsideZeroToOneGibibyteAreRejected(long block)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Resolve(1000, 2, block));
        Assert.Contains("1 GiB", ex.Message);
    }
}
