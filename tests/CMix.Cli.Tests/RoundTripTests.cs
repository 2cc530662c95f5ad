namespace CMix.Cli.Tests;

public sealed class RoundTripTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string, byte[]> Inputs() => new()
    {
        { "empty", [] },
        { "one", [0x41] },
        { "all256", Enumerable.Range(0, 256).Select(i => (byte)i).ToArray() },
        { "text", System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("the quick brown fox jumps over the lazy dog. ", 200))) },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void FileRoundTripKeepsInputAndRestoresBytes(string name, byte[] data)
    {
        string input = _cli.Write(name, data);
        var c = _cli.Run(["-1", input]);
        Assert.True(c.Code == 0, c.ToString());
        Assert.True(File.Exists(input), "the input is kept by default");
        Assert.True(File.Exists(input + ".cmix"));

        File.Delete(input);
        var d = _cli.Run(["-d", input + ".cmix"]);
        Assert.True(d.Code == 0, d.ToString());
        Assert.Equal(data, File.ReadAllBytes(input));
        Assert.True(File.Exists(input + ".cmix"), "the archive is kept by default");
        Assert.Equal([name, name + ".cmix"], _cli.Files());
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void StdinToStdoutRoundTrip(string name, byte[] data)
    {
        _ = name;
        var c = _cli.Run(["-1"], stdin: data);
        Assert.True(c.Code == 0, c.ToString());
        Assert.Equal("CMIX"u8.ToArray(), c.Stdout.Take(4).ToArray());

        var d = _cli.Run(["-d"], stdin: c.Stdout);
        Assert.True(d.Code == 0, d.ToString());
        Assert.Equal(data, d.Stdout);
        Assert.Empty(_cli.Files());
    }

    [Fact]
    public void DashMeansStdin()
    {
        byte[] data = [1, 2, 3, 4, 5];
        var c = _cli.Run(["compress", "-1", "-"], stdin: data);
        Assert.Equal(0, c.Code);
        var d = _cli.Run(["decompress", "-c", "-"], stdin: c.Stdout);
        Assert.Equal(0, d.Code);
        Assert.Equal(data, d.Stdout);
    }

    [Fact]
    public void StdoutFlagWritesArchiveToStdoutAndNoFile()
    {
        byte[] data = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];
        string input = _cli.Write("x.bin", data);
        var c = _cli.Run(["-1c", input]);
        Assert.True(c.Code == 0, c.ToString());
        Assert.Equal(["x.bin"], _cli.Files());

        string archive = _cli.Write("copy.cmix", c.Stdout);
        var d = _cli.Run(["-dc", archive]);
        Assert.Equal(0, d.Code);
        Assert.Equal(data, d.Stdout);
    }

    [Fact]
    public void OutputOptionNamesTheFile()
    {
        string input = _cli.Write("in.dat", [9, 8, 7]);
        Assert.Equal(0, _cli.Run(["-1", "-o", _cli.PathOf("packed.bin"), input]).Code);
        Assert.Equal(0, _cli.Run(["-d", "-o", _cli.PathOf("back.dat"), _cli.PathOf("packed.bin")]).Code);
        Assert.Equal(new byte[] { 9, 8, 7 }, File.ReadAllBytes(_cli.PathOf("back.dat")));
    }

    [Fact]
    public void RmDeletesInputOnlyAfterSuccess()
    {
        string input = _cli.Write("gone.txt", [1, 2, 3]);
        Assert.Equal(0, _cli.Run(["-1", "--rm", input]).Code);
        Assert.False(File.Exists(input));
        Assert.Equal(0, _cli.Run(["-d", "--rm", input + ".cmix"]).Code);
        Assert.Equal(["gone.txt"], _cli.Files());
    }

    [Fact]
    public void KeepFlagIsAcceptedAndKeeps()
    {
        string input = _cli.Write("k.txt", [1]);
        Assert.Equal(0, _cli.Run(["-1k", input]).Code);
        Assert.True(File.Exists(input));
    }

    [Fact]
    public void SeveralFilesInOneCall()
    {
        string a = _cli.Write("a", [1]);
        string b = _cli.Write("b", [2, 2]);
        Assert.Equal(0, _cli.Run(["-1", a, b]).Code);
        Assert.Equal(["a", "a.cmix", "b", "b.cmix"], _cli.Files());
    }

    [Fact]
    public void DecompressSeveralArchivesToStdoutConcatenates()
    {
        string a = _cli.Write("a", [1, 2]);
        string b = _cli.Write("b", [3]);
        Assert.Equal(0, _cli.Run(["-1", a, b]).Code);
        var d = _cli.Run(["-dc", a + ".cmix", b + ".cmix"]);
        Assert.Equal(0, d.Code);
        Assert.Equal(new byte[] { 1, 2, 3 }, d.Stdout);
    }

    [Fact]
    public void ThreadsAndBlocksRoundTrip()
    {
        byte[] data = new byte[300_000];
        new Random(5).NextBytes(data.AsSpan(0, 100_000));
        string input = _cli.Write("big", data);
        var c = _cli.Run(["-1", "-T2", "--block", "128K", input]);
        Assert.True(c.Code == 0, c.ToString());
        var info = _cli.Run(["info", input + ".cmix"]);
        Assert.Contains("131072", info.Text);
        File.Delete(input);
        Assert.Equal(0, _cli.Run(["-d", "-T", "2", input + ".cmix"]).Code);
        Assert.Equal(data, File.ReadAllBytes(input));
    }

    [Fact]
    public void ThreadsWithASharedPrefixRoundTrip()
    {
        byte[] data = [.. Enumerable.Range(0, 400_000).Select(i => (byte)"the shared prefix teaches every block "[i * 7 % 38 % 38])];
        string input = _cli.Write("primed", data);
        var c = _cli.Run(["-1", "-T2", "--block", "128K", "--prime", "64K", input]);
        Assert.True(c.Code == 0, c.ToString());
        var info = _cli.Run(["info", input + ".cmix"]);
        Assert.Contains("format         version 3", info.Text);
        Assert.Contains("shared prefix  65536 bytes", info.Text);
        File.Delete(input);
        Assert.Equal(0, _cli.Run(["-d", "-T", "2", input + ".cmix"]).Code);
        Assert.Equal(data, File.ReadAllBytes(input));
    }

    [Fact]
    public void TestVerbAcceptsGoodArchive()
    {
        string input = _cli.Write("t", [5, 6, 7]);
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        var t = _cli.Run(["test", "-v", input + ".cmix"]);
        Assert.True(t.Code == 0, t.ToString());
        Assert.Contains("OK", t.Error);
        Assert.Equal(0, _cli.Run(["-t", input + ".cmix"]).Code);
        Assert.Equal(["t", "t.cmix"], _cli.Files());
    }
}
