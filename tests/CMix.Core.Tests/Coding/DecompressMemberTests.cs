using CMix.Coding;
using Xunit;

namespace CMix.Core.Tests.Coding;

/// <summary>
/// <see cref="Compressor.DecompressMember"/> (issue 22, concatenated archives): it decodes one
/// archive and stops right after the end frame, so the next archive can be decoded from the same
/// stream; <see cref="Compressor.Decompress"/> still refuses anything after the end frame.
/// </summary>
public sealed class DecompressMemberTests
{
    private static byte[] Archive(byte[] data)
    {
        using var archive = new MemoryStream();
        Compressor.Compress(new MemoryStream(data), archive, new CompressionOptions { Level = 1, InputLength = data.Length });
        return archive.ToArray();
    }

    [Fact]
    public void StopsAfterTheEndFrameSoTheNextArchiveFollows()
    {
        byte[] a = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 17))];
        byte[] b = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i % 5 + 60))];
        byte[] first = Archive(a);
        var joined = new MemoryStream([.. first, .. Archive(b)]);

        using var outA = new MemoryStream();
        Assert.Equal(a.Length, Compressor.DecompressMember(joined, outA));
        Assert.Equal(first.Length, joined.Position);
        Assert.Equal(a, outA.ToArray());

        using var outB = new MemoryStream();
        Assert.Equal(b.Length, Compressor.DecompressMember(joined, outB));
        Assert.Equal(b, outB.ToArray());
        Assert.Equal(-1, joined.ReadByte());

        var trailing = Assert.Throws<CmixFormatException>(() => Compressor.Decompress(new MemoryStream([.. first, .. first]), Stream.Null));
        Assert.Contains("after the end", trailing.Message);
    }
}
