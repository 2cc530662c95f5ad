using System.Diagnostics;

namespace CMix.Cli.Tests;

/// <summary>
/// Runs bash scripts against the real cmix executable (the apphost built beside these tests), in
/// a private directory: what a shell does with descriptors, pipes, FIFOs and terminals cannot be
/// seen in-process. <c>$CMIX</c> is the CLI, <c>$STUB_DIR</c> a folder where an apphost-based SFX
/// stub runs (<see cref="StubApphost"/>). Needs bash (every Debian machine has it); tests skip elsewhere.
/// </summary>
public sealed class ShellHarness : IDisposable
{
    public ShellHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "cmix-shell-tests-" + Path.GetRandomFileName());
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The scratch directory (the scripts' working directory); deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The cmix apphost built with the tests, or <c>$CMIX_TEST_BINARY</c> (to show a test failing on an older build).</summary>
    public static string Cmix =>
        Environment.GetEnvironmentVariable("CMIX_TEST_BINARY") is { Length: > 0 } other ? other
        : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "cmix.exe" : "cmix");

    /// <summary>Where cmix and the stub's files are: beside the tests, or beside <c>$CMIX_TEST_BINARY</c>.</summary>
    private static string BinaryDirectory => Path.GetDirectoryName(Cmix)!;

    /// <summary>Absolute path of <paramref name="name"/> in the scratch directory.</summary>
    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>
    /// A directory holding the stub's managed files, and the path of its apphost there: an SFX
    /// written into that directory with this stub runs the stub's code with itself as the
    /// process path, as the published single-file stub does.
    /// </summary>
    public string StubApphost()
    {
        string dir = PathOf("stubdir");
        System.IO.Directory.CreateDirectory(dir);
        foreach (string file in (string[])["cmix-sfx", "cmix-sfx.dll", "cmix-sfx.runtimeconfig.json", "cmix-sfx.deps.json", "CMix.Core.dll", "K4os.Hash.xxHash.dll"])
        {
            File.Copy(Path.Combine(BinaryDirectory, file), Path.Combine(dir, file), overwrite: true);
        }

        return Path.Combine(dir, "cmix-sfx");
    }

    /// <summary>Runs <paramref name="script"/> with bash -c; returns exit code, stdout and stderr (killed after <paramref name="timeoutSeconds"/>).</summary>
    public (int Code, string Stdout, string Stderr) Bash(string script, int timeoutSeconds = 60)
    {
        var start = new ProcessStartInfo("bash", ["-c", "set -u; " + script])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CMIX"] = Cmix;
        start.Environment.Remove("CMIX_KERNEL");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"script did not finish in {timeoutSeconds} s (a hang): {script}");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A fact that needs bash and a Unix system (descriptors, FIFOs); skipped with a message elsewhere.</summary>
public sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            Skip = "needs bash on a Unix system";
        }
    }
}
