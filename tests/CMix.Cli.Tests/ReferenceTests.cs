using System.Text;

namespace CMix.Cli.Tests;

/// <summary><c>--reference FILE</c> on compress, decompress and test.</summary>
public sealed class ReferenceTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private static readonly byte[] Old = Page("old", 120);
    private static readonly byte[] New = Page("new", 100);

    public void Dispose() => _cli.Dispose();

    private static byte[] Page(string seed, int lines) => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i =>
        $"<page><title>Item {i}</title><text>{seed} revision of item {i}: the words stay the same</text></page>\n")));

    [Fact]
    public void FilesRoundTripWithTheReference()
    {
        string reference = _cli.Write("old.xml", Old);
        string input = _cli.Write("new.xml", New);
        var r = _cli.Run(["-2", "--reference", reference, input]);
        Assert.True(r.Code == 0, r.ToString());
        File.Delete(input);
        r = _cli.Run(["-d", "--reference", reference, input + ".cmix"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Equal(New, File.ReadAllBytes(input));
        Assert.Equal(0, _cli.Run(["test", "--reference", reference, input + ".cmix"]).Code);
    }

    [Fact]
    public void StdinRoundTripsWithTheReferenceAndIsSmaller()
    {
        string reference = _cli.Write("old.xml", Old);
        var plain = _cli.Run(["-2"], stdin: New);
        var conditional = _cli.Run(["-2", "--reference", reference], stdin: New);
        Assert.True(conditional.Code == 0, conditional.ToString());
        Assert.True(conditional.Stdout.Length < plain.Stdout.Length * 0.8, $"{conditional.Stdout.Length} vs {plain.Stdout.Length}");
        var back = _cli.Run(["-d", "--reference", reference], stdin: conditional.Stdout);
        Assert.True(back.Code == 0, back.ToString());
        Assert.Equal(New, back.Stdout);
    }

    [Fact]
    public void ThreadsAndBlocksRoundTrip()
    {
        string reference = _cli.Write("old.xml", Old);
        var packed = _cli.Run(["-1", "-T", "2", "--block", "4K", "--reference", reference], stdin: New);
        Assert.True(packed.Code == 0, packed.ToString());
        var back = _cli.Run(["-d", "-T", "2", "--reference", reference], stdin: packed.Stdout);
        Assert.Equal(New, back.Stdout);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AMissingOrWrongReferenceLeavesNoOutput(bool wrong)
    {
        string reference = _cli.Write("old.xml", Old);
        string input = _cli.Write("new.xml", New);
        Assert.Equal(0, _cli.Run(["-1", "--rm", "--reference", reference, input]).Code);
        string[] args = wrong ? ["-d", "--reference", _cli.Write("other", New), input + ".cmix"] : ["-d", input + ".cmix"];
        var r = _cli.Run(args);
        Assert.Equal(1, r.Code);
        Assert.Contains(wrong ? "wrong reference" : "compressed against a reference", r.Error);
        Assert.DoesNotContain("new.xml", _cli.Files());  // no output, no temporary
        Assert.Equal(wrong ? ["new.xml.cmix", "old.xml", "other"] : ["new.xml.cmix", "old.xml"], _cli.Files());
    }

    [Fact]
    public void ToStdoutAWrongReferenceWritesNothing()
    {
        string reference = _cli.Write("old.xml", Old);
        var packed = _cli.Run(["-1", "--reference", reference], stdin: New);
        var r = _cli.Run(["-d", "--reference", _cli.Write("other", New)], stdin: packed.Stdout);
        Assert.Equal(1, r.Code);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void AReferenceThatDoesNotExistIsAnError()
    {
        var r = _cli.Run(["-1", "--reference", _cli.PathOf("nope")], stdin: New);
        Assert.Equal(1, r.Code);
        Assert.Contains("no such file", r.Error);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void StandardInputIsNotAReference()
    {
        var r = _cli.Run(["-1", "--reference", "-", _cli.Write("new.xml", New)]);
        Assert.Equal(2, r.Code);
        Assert.Contains("--reference", r.Error);
    }

    [Fact]
    public void InfoShowsTheReference()
    {
        string reference = _cli.Write("old.xml", Old);
        string input = _cli.Write("new.xml", New);
        Assert.Equal(0, _cli.Run(["-1", "--reference", reference, input]).Code);
        var r = _cli.Run(["info", input + ".cmix"]);
        Assert.Contains($"reference      {Old.Length} bytes, xxHash64 ", r.Text);
        Assert.Contains("version 2", r.Text);
    }

    [Fact]
    public void ASelfExtractingArchiveCannotCarryAReference()
    {
        string reference = _cli.Write("old.xml", Old);
        string input = _cli.Write("new.xml", New);
        Assert.Equal(0, _cli.Run(["-1", "--reference", reference, input]).Code);
        string stub = _cli.Write("stub.bin", new byte[64]);
        var r = _cli.Run(["sfx", "--archive", input + ".cmix", "-o", _cli.PathOf("a.sfx"), "--stub", stub]);
        Assert.Equal(1, r.Code);
        Assert.Contains("self-extracting archive cannot carry", r.Error);
        Assert.False(File.Exists(_cli.PathOf("a.sfx")));
    }
}
