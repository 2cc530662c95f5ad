using System.Diagnostics;

namespace CMix.Cli.Tests.IO;

/// <summary>Issue 22, item 4: mode and times (and, as root, owner) go from input to output; never wider.</summary>
public sealed class FileMetadataTests : IDisposable
{
    private static readonly DateTime Past = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void CompressAndDecompressKeepModeAndModificationTime()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string input = _cli.Write("secret.txt", [.. Enumerable.Range(0, 3000).Select(i => (byte)(i % 97))]);
        File.SetUnixFileMode(input, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetLastWriteTimeUtc(input, Past);
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        string archive = input + ".cmix";
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        Assert.Equal(Past, File.GetLastWriteTimeUtc(archive));

        File.Delete(input);
        Assert.Equal(0, _cli.Run(["-d", archive]).Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(input));
        Assert.Equal(Past, File.GetLastWriteTimeUtc(input));
    }

    [Fact]
    public void SetIdBitsAreNotCarried()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string input = _cli.Write("tool", [1, 2, 3]);
        var mode = UnixFileMode.SetUser | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead;
        File.SetUnixFileMode(input, mode);
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        Assert.Equal(mode & ~UnixFileMode.SetUser, File.GetUnixFileMode(input + ".cmix"));
    }

    [Fact]
    public void RootCopiesOwnerAndGroup()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/stat"))
        {
            return;  // only root can give a file away; as a user the group is kept or its bits dropped
        }

        string input = _cli.Write("owned.txt", [1, 2, 3, 4]);
        Run("chown", "4321:4322", input);
        Assert.Equal(0, _cli.Run(["-1", input]).Code);
        Assert.Equal("4321:4322", Run("stat", "-c", "%u:%g", input + ".cmix").Trim());
    }

    private static string Run(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
