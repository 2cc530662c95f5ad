using System.Buffers.Binary;
using System.Text.Json;
using CMix.Cli.Commands;
using K4os.Hash.xxHash;

namespace CMix.Cli.Tests;

/// <summary>Issue 22 in-process: the outer handler, the memory limit and the xz/zstd habits (items 6, 7, 9-15).</summary>
[Collection(CurrentDirectoryCollection.Name)]
public sealed class HabitsTests : IDisposable
{
    private readonly CliHarness _cli = new();
    private readonly byte[] _a = [.. Enumerable.Range(0, 4000).Select(i => (byte)("alpha beta "[i % 11]))];
    private readonly byte[] _b = [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7 % 251))];

    public void Dispose() => _cli.Dispose();

    private string Archive(string name, byte[] data)
    {
        string input = _cli.Write(name, data);
        var r = _cli.Run(["-1", "-f", input]);
        Assert.True(r.Code == 0, r.ToString());
        File.Delete(input);
        return input + ".cmix";
    }

    /// <summary>Item 6: any exception a command does not expect is one line and exit 1, not a crash.</summary>
    [Fact]
    public void UnexpectedExceptionIsOneLineExitOne()
    {
        var error = new StringWriter();
        var console = new CliConsole
        {
            Input = new ThrowingInput(),
            Output = new MemoryStream(),
            Out = new StringWriter(),
            Error = error,
        };
        int code = CliApp.Run(["-1", "-c"], console);
        Assert.Equal(1, code);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("cmix: ", lines[0]);
        Assert.Contains("simulated", lines[0]);
    }

    /// <summary>Item 6: a failed large allocation is the same one line, exit 1, and no temporary file.</summary>
    [Fact]
    public void OutOfMemoryIsOneLineExitOne()
    {
        var error = new StringWriter();
        var console = new CliConsole
        {
            Input = new ThrowingInput(new OutOfMemoryException("Array dimensions exceeded supported range.")),
            Output = new MemoryStream(),
            Out = new StringWriter(),
            Error = error,
        };
        int code = CliApp.Run(["-1", "-o", _cli.PathOf("out.cmix")], console);
        Assert.Equal(1, code);
        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("cmix: out of memory", lines[0]);
        Assert.Empty(_cli.Files());
    }

    /// <summary>Item 7: -M/--memory refuses, from the header and before any work, an archive that needs more; the message speaks of decompression.</summary>
    [Fact]
    public void MemoryLimitIsCheckedFromTheHeaderBeforeDecoding()
    {
        string archive = Archive("a.txt", _a);
        var refused = _cli.Run(["-d", "-M", "1M", "-c", archive]);
        Assert.True(refused.Code == 1, refused.ToString());
        Assert.Contains("decompression needs about", refused.Error);
        Assert.Empty(refused.Stdout);

        // A 2 KB archive whose (valid-checksum) header claims level 9 and 6 blocks of 1 MiB:
        // refused at once, from a file, from stdin and by test, instead of building six level-9 models.
        byte[] forged = Forge(File.ReadAllBytes(archive), level: 9, blockSize: 1 << 20, length: 6 << 20);
        string forgedPath = _cli.Write("forged.cmix", forged);
        var started = DateTime.UtcNow;
        foreach (var (args, stdin) in new (string[], byte[]?)[]
        {
            (["-d", "-T", "6", "-M", "2G", "-o", _cli.PathOf("forged.out"), forgedPath], null),
            (["-d", "-T", "6", "--memory=2G", "-c"], forged),
            (["test", "-T", "6", "-M", "2G"], forged),
        })
        {
            var r = _cli.Run(args, stdin);
            Assert.True(r.Code == 1, r.ToString());
            Assert.Contains("decompression needs about", r.Error);
            Assert.Contains("level 9, 6 thread(s)", r.Error);
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(_cli.Files(), f => f.EndsWith(".tmp", StringComparison.Ordinal) || f == "forged.out");
    }

    /// <summary>Item 8: options of another verb are ignored (cmix -d -9).</summary>
    [Fact]
    public void DecompressIgnoresTheLevel()
    {
        string archive = Archive("a.txt", _a);
        var r = _cli.Run(["-d", "-9", "--block", "1M", "-c", archive]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Equal(_a, r.Stdout);
        var t = _cli.Run(["-t", "-9", "-k", archive]);
        Assert.True(t.Code == 0, t.ToString());
    }

    /// <summary>Item 9: the last repeated flag wins; -vv is more verbose; --fast.</summary>
    [Fact]
    public void LastFlagWinsAndVerboseCounts()
    {
        string input = _cli.Write("a.txt", _a);
        var r = _cli.Run(["-9", "-1", "-vv", "-c", input]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Equal(1, r.Stdout[5]);  // header byte 5: the level
        Assert.Contains("level 1", r.Error);
        Assert.Contains("kernel", r.Error);
        Assert.Contains("original 4000 bytes", r.Error);

        var fast = _cli.Run(["--best", "--fast", "-c", input]);
        Assert.True(fast.Code == 0, fast.ToString());
        Assert.Equal(1, fast.Stdout[5]);
    }

    /// <summary>Item 11: concatenated archives decode to the concatenation; -c with several inputs writes them one after another.</summary>
    [Fact]
    public void ConcatenatedArchivesDecodeToTheConcatenation()
    {
        string a = _cli.Write("a.txt", _a);
        string b = _cli.Write("b.txt", _b);
        var both = _cli.Run(["-1", "-c", a, b]);
        Assert.True(both.Code == 0, both.ToString());
        var decoded = _cli.Run(["-dc"], both.Stdout);
        Assert.True(decoded.Code == 0, decoded.ToString());
        Assert.Equal([.. _a, .. _b], decoded.Stdout);

        string joined = _cli.Write("joined.cmix", both.Stdout);
        Assert.Equal(0, _cli.Run(["test", joined]).Code);
        var d = _cli.Run(["-d", joined]);
        Assert.True(d.Code == 0, d.ToString());
        Assert.Equal([.. _a, .. _b], File.ReadAllBytes(_cli.PathOf("joined")));

        // Garbage after an archive is still an error, with nothing written.
        var bad = _cli.Run(["-dc"], [.. both.Stdout, 1, 2, 3]);
        Assert.Equal(1, bad.Code);
        Assert.Contains("unexpected data after the end", bad.Error);
    }

    /// <summary>Item 12: info on several files, list with totals, JSON for list, info and bench.</summary>
    [Fact]
    public void InfoListAndJsonDescribeEveryFile()
    {
        string a = Archive("a.txt", _a);
        string b = Archive("b.txt", _b);
        var info = _cli.Run(["info", a, b]);
        Assert.True(info.Code == 0, info.ToString());
        Assert.Contains("original       4000 bytes", info.Text);
        Assert.Contains("original       3000 bytes", info.Text);

        var list = _cli.Run(["-l", a, b]);
        Assert.True(list.Code == 0, list.ToString());
        Assert.Contains("7000", list.Text);
        Assert.Contains("total, 2 files", list.Text);

        var json = _cli.Run(["--list", "--json", a, b]);
        Assert.True(json.Code == 0, json.ToString());
        using (var doc = JsonDocument.Parse(json.Text))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("files").GetArrayLength());
            Assert.Equal(7000, doc.RootElement.GetProperty("totals").GetProperty("original_bytes").GetInt64());
        }

        var infoJson = _cli.Run(["info", "--json", a]);
        using (var doc = JsonDocument.Parse(infoJson.Text))
        {
            Assert.Equal(1, doc.RootElement.GetProperty("files")[0].GetProperty("level").GetInt32());
        }

        using (var doc = JsonDocument.Parse(_cli.Run(["info", "--json"]).Text))
        {
            Assert.Equal(9, doc.RootElement.GetProperty("levels").GetArrayLength());
        }

        string input = _cli.Write("bench.txt", _a);
        var bench = _cli.Run(["bench", "--hutter", input, "-1", "--json"]);
        Assert.True(bench.Code == 0, bench.ToString());
        using (var doc = JsonDocument.Parse(bench.Text))
        {
            Assert.Equal(4000, doc.RootElement.GetProperty("original_bytes").GetInt64());
        }

        var missing = _cli.Run(["info", a, _cli.PathOf("nope.cmix")]);
        Assert.Equal(1, missing.Code);
        Assert.Contains("original       4000 bytes", missing.Text);
    }

    /// <summary>Item 13: -t and -d accept a self-extracting archive.</summary>
    [Fact]
    public void TestAndDecompressAcceptAnSfx()
    {
        string stub = _cli.Write("stub.bin", [.. Enumerable.Range(0, 2000).Select(i => (byte)(i * 13))]);
        string input = _cli.Write("p.txt", _a);
        string sfx = _cli.PathOf("p.sfx");
        Assert.Equal(0, _cli.Run(["sfx", "-1", input, "-o", sfx, "--stub", stub]).Code);
        File.Delete(input);

        var t = _cli.Run(["-t", sfx]);
        Assert.True(t.Code == 0, t.ToString());
        var d = _cli.Run(["-dc", sfx]);
        Assert.True(d.Code == 0, d.ToString());
        Assert.Equal(_a, d.Stdout);
        Assert.Equal(0, _cli.Run(["-d", sfx]).Code);
        Assert.Equal(_a, File.ReadAllBytes(_cli.PathOf("p")));
    }

    /// <summary>Item 14: `cmix version` works; the CUDA section keeps the loader's message to one short line.</summary>
    [Fact]
    public void VersionVerbAndOneLineCudaReasons()
    {
        var r = _cli.Run(["version"]);
        Assert.True(r.Code == 0, r.ToString());
        Assert.StartsWith("cmix ", r.Text);

        string loader = "tried libcmixcuda.so: load failed: Unable to load shared library 'libcmixcuda.so' or one of its dependencies. "
            + "In order to help diagnose loading problems, consider using a tool like strace. If you're using glibc, consider setting the LD_DEBUG environment variable: \n"
            + "libcmixcuda.so: cannot open shared object file: No such file or directory";
        Assert.Equal("tried libcmixcuda.so: load failed: libcmixcuda.so: cannot open shared object file: No such file or directory", InfoCommand.OneLine(loader));
        foreach (string line in InfoCommand.CudaLines())
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain("strace", line);
        }
    }

    /// <summary>Item 15: the docs promise damage detection only for the payload and trailer of an SFX.</summary>
    [Fact]
    public void DocsDoNotOverPromiseSfxDamageTolerance()
    {
        string cli = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "CLI.md"));
        Assert.Contains("damage to the stub's own code is not detected", cli);
        Assert.DoesNotContain("a truncated or\naltered SFX exits 1 with a clear message and writes nothing", cli);
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CMix.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("CMix.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Rewrites header fields of <paramref name="archive"/> and recomputes the header's xxHash32, so only the values are wrong.</summary>
    internal static byte[] Forge(byte[] archive, int level, long blockSize, long length)
    {
        byte[] b = (byte[])archive.Clone();
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(10));
        b[5] = (byte)level;
        b[8] = 1;
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(12), blockSize);
        BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(20), length);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(28 + nameLength), XXH32.DigestOf(b, 0, 28 + nameLength));
        return b;
    }

    private sealed class ThrowingInput(Exception? failure = null) : MemoryStream
    {
        private readonly Exception _failure = failure ?? new InvalidOperationException("simulated failure inside a stream");

        public override int Read(Span<byte> buffer) => throw _failure;

        public override int Read(byte[] buffer, int offset, int count) => throw _failure;
    }
}
