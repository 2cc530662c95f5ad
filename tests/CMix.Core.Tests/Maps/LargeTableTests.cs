using CMix.Maps;
using Xunit;

namespace CMix.Core.Tests.Maps;

public sealed unsafe class LargeTableTests
{
    // Sizes below a huge page come from the heap, the rest are mapped (on Linux); odd sizes
    // check the rounding to whole pages that munmap needs.
    [Theory]
    [InlineData(64)]
    [InlineData(4097)]
    [InlineData(2 << 20)]
    [InlineData((2 << 20) + 100)]
    [InlineData(5 << 20)]
    public void GivesZeroedAlignedWritableMemory(int bytes)
    {
        for (int round = 0; round < 3; round++)
        {
            byte* p = LargeTable.Alloc((nuint)bytes);
            try
            {
                Assert.Equal(0u, (uint)((nuint)p % 64));
                var span = new Span<byte>(p, bytes);
                Assert.Equal(-1, span.IndexOfAnyExcept((byte)0));

                // Dirty it: a table freed and allocated again must still come back zeroed.
                span.Fill(0xA5);
                Assert.Equal(0xA5, p[bytes - 1]);
            }
            finally
            {
                LargeTable.Free(p, (nuint)bytes);
            }
        }
    }

    [Fact]
    public void MappedTablesStartOnAHugePage()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        byte* p = LargeTable.Alloc(3u << 20);
        try
        {
            Assert.Equal(0u, (uint)((nuint)p % (2u << 20)));
        }
        finally
        {
            LargeTable.Free(p, 3u << 20);
        }
    }
}
