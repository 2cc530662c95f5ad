using CMix.Coding;
using CMix.Core.Tests.Coding;
using CMix.Transforms;
using Xunit;

namespace CMix.Core.Tests.Transforms;

public sealed class X86CallTransformTests
{
    private static byte[] CallHeavy(int n, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[n];
        rng.NextBytes(data);
        for (int i = 0; i < n; i += rng.Next(1, 12))
        {
            data[i] = (byte)(rng.Next(2) == 0 ? 0xE8 : 0xE9);
        }

        return data;
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(4095L)]
    [InlineData((1L << 32) + 17)]
    public void DecodeInvertsEncodeAtAnyOffset(long offset)
    {
        byte[] original = CallHeavy(100_000, (int)(offset & 0xFFFF));
        byte[] data = (byte[])original.Clone();
        X86CallTransform.Encode(data, offset);
        Assert.NotEqual(original, data);
        X86CallTransform.Decode(data, offset);
        Assert.Equal(original, data);
    }

    [Fact]
    public void RepeatedCallsToOneTargetBecomeEqualBytes()
    {
        // Two CALLs at different places to the same absolute target 0x1000.
        byte[] code = new byte[64];
        code[3] = 0xE8;
        BitConverter.GetBytes(0x1000 - 3).CopyTo(code, 4);
        code[40] = 0xE8;
        BitConverter.GetBytes(0x1000 - 40).CopyTo(code, 41);
        X86CallTransform.Encode(code, 0);
        Assert.Equal(code.AsSpan(4, 4).ToArray(), code.AsSpan(41, 4).ToArray());
    }

    [Fact]
    public void ExecutablesAreDetectedAndRoundTripThroughTheArchive()
    {
        byte[] data = [0x7F, (byte)'E', (byte)'L', (byte)'F', .. CallHeavy(50_000, 3)];
        Assert.True(X86CallTransform.Detect(data));
        byte[] archive = CompressorRoundTripTests.Compress(data, 2);
        Assert.Equal(X86CallTransform.Id, Compressor.Inspect(new MemoryStream(archive), false).Header.Transform);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(archive));
        byte[] blocks = CompressorRoundTripTests.Compress(data, 2, threads: 2, block: 20_000);
        Assert.Equal(data, CompressorRoundTripTests.Decompress(blocks, threads: 2));
    }

    [Fact]
    public void TextIsNotTransformed()
    {
        Assert.False(X86CallTransform.Detect("plain text"u8));
        byte[] archive = CompressorRoundTripTests.Compress(CompressorRoundTripTests.Sample("text"), 1);
        Assert.Equal(0, Compressor.Inspect(new MemoryStream(archive), false).Header.Transform);
    }
}
