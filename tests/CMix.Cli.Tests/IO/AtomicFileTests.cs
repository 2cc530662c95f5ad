using CMix.Cli.IO;

namespace CMix.Cli.Tests.IO;

/// <summary>Issue 22, item 2: a full disk must not leave the hidden temporary file behind.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void DiskFullLeavesNoTemporaryFileEvenWhenDisposeThrows()
    {
        // A small output stays in the stream's buffer; the flush at Commit fails (ENOSPC), and so
        // does the flush inside Dispose. The temporary file must be deleted all the same.
        string target = _cli.PathOf("out.bin");
        var exception = Assert.ThrowsAny<IOException>(() =>
        {
            using var file = AtomicFile.Create(target, overwrite: false, ownerOnly: true, wrap: inner => new FullDiskStream(inner));
            file.Stream.Write(new byte[1000]);
            file.Commit((UnixFileMode?)null);
        });
        Assert.Contains("No space", exception.Message);
        Assert.Empty(_cli.Files());
    }

    [Fact]
    public void FailedCommitPreparationDeletesTheTemporaryFile()
    {
        string target = _cli.PathOf("out.bin");
        Assert.Throws<IOException>(() =>
        {
            using var file = AtomicFile.Create(target, overwrite: false);
            file.Stream.Write(new byte[10]);
            file.Commit(_ => throw new IOException("metadata failed"));
        });
        Assert.Empty(_cli.Files());
    }

    /// <summary>Accepts writes into a buffer, then fails every flush and its own disposal, as a full disk does.</summary>
    private sealed class FullDiskStream(FileStream inner) : MemoryStream
    {
        public override void Flush() => throw new IOException("No space left on device");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                throw new IOException("No space left on device (again, in Dispose)");
            }

            base.Dispose(disposing);
        }
    }
}
