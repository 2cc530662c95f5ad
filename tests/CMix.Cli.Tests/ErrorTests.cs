namespace CMix.Cli.Tests;

public sealed class ErrorTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string MakeArchive(string name, int size = 5000)
    {
        byte[] data = [.. Enumerable.Range(0, size).Select(i => (byte)(i % 251 ^ i / 7))];
        string input = _cli.Write(name, data);
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        File.Delete(input);
        return input + ".cmix";
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--no-such-option")]
    [InlineData("--level", "10")]
    [InlineData("-0")]
    [InlineData("--block", "lots")]
    [InlineData("-T", "2", "--block", "2G", "-c")]
    [InlineData("--prime", "4M", "-c")]
    [InlineData("-T", "2", "--block", "0", "--prime", "64K", "-c")]
    [InlineData("-T", "2", "--prime", "300M", "-c")]
    [InlineData("-T", "2", "--block", "1G", "--prime", "1M", "-c")]
    [InlineData("compress", "-d")]
    [InlineData("-d", "-t")]
    [InlineData("-T", "-3")]
    [InlineData("sfx", "input-without-output")]
    [InlineData("bench")]
    [InlineData("-c", "--rm", "f")]
    [InlineData("-1", "b.txt", "-o")]
    [InlineData("-c", "a", "-T")]
    [InlineData("-o")]
    [InlineData("-d", "-M")]
    public void UsageErrorsExitTwo(params string[] args)
    {
        var r = _cli.Run(args, stdin: [1, 2, 3]);
        Assert.True(r.Code == 2, r.ToString());
        Assert.NotEmpty(r.Error);
        Assert.Empty(r.Stdout);
        Assert.Empty(_cli.Files());
    }

    [Fact]
    public void OutputOptionWithTwoInputsIsUsageError()
    {
        string a = _cli.Write("a", [1]);
        string b = _cli.Write("b", [2]);
        var r = _cli.Run(["-o", _cli.PathOf("out"), a, b]);
        Assert.Equal(2, r.Code);
        Assert.Equal(["a", "b"], _cli.Files());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("help", "compress")]
    [InlineData("sfx", "--help")]
    [InlineData("--version")]
    public void HelpAndVersionExitZeroOnStdout(params string[] args)
    {
        var r = _cli.Run(args);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("cmix", r.Text);
    }

    [Fact]
    public void VerbHelpListsItsOptions()
    {
        var r = _cli.Run(["compress", "--help"]);
        Assert.Equal(0, r.Code);
        Assert.Contains("--level", r.Text);
        Assert.Contains("--force-memory", r.Text);
    }

    [Fact]
    public void RefusesToOverwriteWithoutForce()
    {
        string input = _cli.Write("in.txt", [1, 2, 3]);
        string existing = _cli.Write("in.txt.cmix", [42]);
        var r = _cli.Run(["-1", input]);
        Assert.Equal(1, r.Code);
        Assert.Contains("-f", r.Error);
        Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(existing));
        Assert.Equal(["in.txt", "in.txt.cmix"], _cli.Files());

        var forced = _cli.Run(["-1", "-f", input]);
        Assert.True(forced.Code == 0, forced.ToString());
        Assert.NotEqual(new byte[] { 42 }, File.ReadAllBytes(existing));
    }

    [Fact]
    public void DecompressRefusesToOverwriteWithoutForce()
    {
        string archive = MakeArchive("d.txt");
        _cli.Write("d.txt", [7]);
        Assert.Equal(1, _cli.Run(["-d", archive]).Code);
        Assert.Equal(new byte[] { 7 }, File.ReadAllBytes(_cli.PathOf("d.txt")));
        Assert.Equal(0, _cli.Run(["-df", archive]).Code);
        Assert.Equal(5000, new FileInfo(_cli.PathOf("d.txt")).Length);
    }

    [Fact]
    public void CorruptedByteFailsAndLeavesNoOutput()
    {
        string archive = MakeArchive("c.bin");
        byte[] bytes = File.ReadAllBytes(archive);
        for (int offset = 0; offset < bytes.Length; offset += Math.Max(1, bytes.Length / 23))
        {
            byte[] damaged = (byte[])bytes.Clone();
            damaged[offset] ^= 0x10;
            File.WriteAllBytes(archive, damaged);
            var r = _cli.Run(["-d", archive]);
            Assert.True(r.Code == 1, $"offset {offset}: {r}");
            Assert.Contains("cmix:", r.Error);
            Assert.Equal(["c.bin.cmix"], _cli.Files());
            Assert.Equal(1, _cli.Run(["test", archive]).Code);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(30)]
    [InlineData(200)]
    public void TruncatedArchiveFailsAndLeavesNoOutput(int cut)
    {
        string archive = MakeArchive("t.bin");
        byte[] bytes = File.ReadAllBytes(archive);
        File.WriteAllBytes(archive, bytes[..^Math.Min(cut, bytes.Length - 1)]);
        var r = _cli.Run(["-d", archive]);
        Assert.True(r.Code == 1, r.ToString());
        Assert.Contains("truncated", r.Error + "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["t.bin.cmix"], _cli.Files());
    }

    [Fact]
    public void ForeignFileFailsClearly()
    {
        string foreign = _cli.Write("notes.txt.cmix", "just some text, not an archive"u8.ToArray());
        var r = _cli.Run(["-d", foreign]);
        Assert.Equal(1, r.Code);
        Assert.Contains("not a CMix archive", r.Error);
        Assert.Equal(["notes.txt.cmix"], _cli.Files());
        Assert.Equal(1, _cli.Run(["info", foreign]).Code);
        Assert.Equal(1, _cli.Run(["test", foreign]).Code);
    }

    [Fact]
    public void ForeignStdinFailsClearly()
    {
        var r = _cli.Run(["-d"], stdin: "hello"u8.ToArray());
        Assert.Equal(1, r.Code);
        Assert.Contains("not a CMix archive", r.Error);
    }

    [Fact]
    public void MissingInputIsAnErrorButOtherFilesProceed()
    {
        string good = _cli.Write("good", [1, 2]);
        var r = _cli.Run(["-1", _cli.PathOf("missing"), good]);
        Assert.Equal(1, r.Code);
        Assert.Contains("missing", r.Error);
        Assert.True(File.Exists(good + ".cmix"));
    }

    [Fact]
    public void UnknownSuffixOnDecompressSaysWhatToDo()
    {
        string archive = MakeArchive("s.bin");
        string renamed = _cli.PathOf("s.packed");
        File.Move(archive, renamed);
        var r = _cli.Run(["-d", renamed]);
        Assert.Equal(1, r.Code);
        Assert.Contains("-o", r.Error);
    }

    [Fact]
    public void CompressedDataIsNotWrittenToATerminal()
    {
        var r = _cli.Run(["-1"], stdin: [1, 2, 3], outputIsTerminal: true);
        Assert.Equal(1, r.Code);
        Assert.Contains("terminal", r.Error);
        Assert.Empty(r.Stdout);
        Assert.Equal(0, _cli.Run(["-1", "-f"], stdin: [1, 2, 3], outputIsTerminal: true).Code);
    }

    [Fact]
    public void CompressedDataIsNotReadFromATerminal()
    {
        var r = _cli.Run(["-d"], inputIsTerminal: true);
        Assert.Equal(1, r.Code);
        Assert.Contains("terminal", r.Error);
    }

    [Fact]
    public void AlreadyCompressedSuffixIsRefused()
    {
        string archive = MakeArchive("twice");
        var r = _cli.Run(["-1", archive]);
        Assert.Equal(1, r.Code);
        Assert.Contains("-o", r.Error);
    }

    [Fact]
    public void MemoryGuardRefusesWhatDoesNotFitUnlessForced()
    {
        // 4096 threads at level 9 is far beyond any machine's memory; the guard must refuse
        // before anything is allocated or written.
        string input = _cli.Write("m", [1]);
        var r = _cli.Run(["-9", "-T", "4096", "--block", "1M", input]);
        Assert.Equal(1, r.Code);
        Assert.Contains("--force-memory", r.Error);
        Assert.Equal(["m"], _cli.Files());
    }
}
