using CMix.Memory;
using Xunit;

namespace CMix.Core.Tests.Memory;

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
            using NativeBlock block = LargeTable.Alloc((nuint)bytes);
            byte* p = block.Pointer;
            Assert.Equal((nuint)bytes, block.Bytes);
            Assert.Equal(bytes >= 2 << 20 && OperatingSystem.IsLinux(), block.IsMapped);
            Assert.Equal(0u, (uint)((nuint)p % 64));
            var span = new Span<byte>(p, bytes);
            Assert.Equal(-1, span.IndexOfAnyExcept((byte)0));

            // Dirty it: a table freed and allocated again must still come back zeroed.
            span.Fill(0xA5);
            Assert.Equal(0xA5, p[bytes - 1]);
        }
    }

    [Fact]
    public void MappedTablesStartOnAHugePage()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using NativeBlock block = LargeTable.Alloc(3u << 20);
        Assert.Equal(0u, (uint)((nuint)block.Pointer % (2u << 20)));
    }

    [Fact]
    public void ADisposedBlockHasNoPointerAndDisposesTwiceSafely()
    {
        NativeBlock block = LargeTable.Alloc(4096);
        Assert.True(block.Pointer != null);
        block.Dispose();
        Assert.True(block.IsClosed);
        Assert.True(block.Pointer == null);
        block.Dispose();
    }

    [Fact]
    public void AForgottenBlockIsReleasedByTheFinaliser()
    {
        // 64 MB blocks dropped without Dispose, 64 times (4 GB in all): without the finaliser
        // the mappings would stay, and the process's mapped memory would grow by gigabytes.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        long before = MappedBytes();
        for (int i = 0; i < 64; i++)
        {
            Drop();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(MappedBytes() - before < 512L << 20, $"mapped memory grew by {(MappedBytes() - before) >> 20} MB");
    }

    private static void Drop()
    {
        NativeBlock block = LargeTable.Alloc(64u << 20);
        block.Pointer[0] = 1;  // touch a page, as a model would
    }

    // VmSize of this process (address space, counts untouched mappings too).
    private static long MappedBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmSize:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(7).Trim().TrimEnd("kB").Trim()) * 1024;
            }
        }

        return 0;
    }
}
