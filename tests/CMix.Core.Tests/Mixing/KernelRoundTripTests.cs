using CMix.Coding;
using CMix.Mixing;
using Xunit;

namespace CMix.Core.Tests.Mixing;

/// <summary>Archives made with one kernel are byte-identical to scalar's and decode with every other kernel.</summary>
public sealed class KernelRoundTripTests
{
    /// <summary>Every (compress, decompress) pair of kernels this process supports.</summary>
    public static TheoryData<string, string> SupportedPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in Supported())
        {
            foreach (var b in Supported())
            {
                data.Add(a.Name, b.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SupportedPairs))]
    public void CompressWithOneKernelDecompressWithAnother(string compressWith, string decompressWith)
    {
        byte[] input = MixedInput();
        byte[] reference = Compress(input, 2, ScalarMixerKernel.Instance);
        byte[] archive = Compress(input, 2, MixerKernels.FromName(compressWith)!);
        Assert.Equal(reference, archive);
        Assert.Equal(input, Decompress(archive, MixerKernels.FromName(decompressWith)!));
    }

    [Fact]
    public void DetectedKernelMakesTheScalarArchiveAtTheDefaultLevel()
    {
        byte[] input = MixedInput();
        var detected = MixerKernels.Detect(forced: null).Kernel;
        byte[] archive = Compress(input, 6, detected);
        Assert.Equal(Compress(input, 6, ScalarMixerKernel.Instance), archive);
        Assert.Equal(input, Decompress(archive, ScalarMixerKernel.Instance));
    }

    private static IEnumerable<MixerKernel> Supported() => MixerKernels.All.Where(k => MixerKernels.IsSupported(k, out _));

    /// <summary>Text, then runs, then noise: drives the weights into large values and the errors to both signs.</summary>
    private static byte[] MixedInput()
    {
        var bytes = new List<byte>();
        for (int i = 0; i < 200; i++)
        {
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes($"line {i}: the quick brown fox {i * 7919 % 1000} jumps; "));
        }

        bytes.AddRange(Enumerable.Repeat((byte)0, 3000));
        uint s = 12345;
        for (int i = 0; i < 4000; i++)
        {
            s = s * 1664525 + 1013904223;
            bytes.Add((byte)(s >> 24));
        }

        return [.. bytes];
    }

    private static byte[] Compress(byte[] input, int level, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Compress(new MemoryStream(input), output, new CompressionOptions { Level = level, InputLength = input.Length }, null, kernel);
        return output.ToArray();
    }

    private static byte[] Decompress(byte[] archive, MixerKernel kernel)
    {
        using var output = new MemoryStream();
        Compressor.Decompress(new MemoryStream(archive), output, 1, null, kernel);
        return output.ToArray();
    }
}
