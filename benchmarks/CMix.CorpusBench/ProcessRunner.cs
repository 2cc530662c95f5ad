using System.Diagnostics;
using System.Globalization;

namespace CMix.CorpusBench;

/// <summary>
/// Starts a program, waits for it, and reports its exit code, output, wall time and — when
/// <c>/usr/bin/time</c> (GNU time) is installed — its peak resident set size, read from
/// <c>time -v</c>'s "Maximum resident set size" line.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>GNU time, whose <c>-v</c> report gives the peak RSS of the program it runs.</summary>
    public const string GnuTime = "/usr/bin/time";

    private const string MaxRssLabel = "Maximum resident set size (kbytes):";

    /// <summary>Whether <see cref="GnuTime"/> exists, so peak memory can be measured.</summary>
    public static bool HasGnuTime { get; } = File.Exists(GnuTime);

    /// <summary>What a finished process did.</summary>
    /// <param name="ExitCode">The program's exit code.</param>
    /// <param name="Stdout">Standard output as text, when captured as text; else empty.</param>
    /// <param name="Stderr">Standard error, without GNU time's report.</param>
    /// <param name="WallSeconds">Wall time from start to exit, including the output copy.</param>
    /// <param name="MaxRssBytes">Peak RSS, or null without GNU time.</param>
    internal sealed record Result(int ExitCode, string Stdout, string Stderr, double WallSeconds, long? MaxRssBytes);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/>. Standard output goes to
    /// the file <paramref name="stdoutPath"/> when given (binary-safe), else is captured as text
    /// when <paramref name="captureStdout"/>, else is discarded.
    /// </summary>
    public static Result Run(string program, IReadOnlyList<string> arguments, string? stdoutPath, bool captureStdout = false)
    {
        var info = new ProcessStartInfo
        {
            FileName = HasGnuTime ? GnuTime : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        if (HasGnuTime)
        {
            info.ArgumentList.Add("-v");
            info.ArgumentList.Add(program);
        }

        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
        var stderrTask = process.StandardError.ReadToEndAsync();
        string stdout = "";
        if (stdoutPath is not null)
        {
            using var file = File.Create(stdoutPath);
            process.StandardOutput.BaseStream.CopyTo(file);
        }
        else if (captureStdout)
        {
            stdout = process.StandardOutput.ReadToEnd();
        }
        else
        {
            process.StandardOutput.BaseStream.CopyTo(Stream.Null);
        }

        process.WaitForExit();
        double seconds = watch.Elapsed.TotalSeconds;
        string stderr = stderrTask.GetAwaiter().GetResult();
        return new Result(process.ExitCode, stdout, StripTimeReport(stderr, out long? rss), seconds, rss);
    }

    /// <summary>Whether <paramref name="program"/> can be found on PATH (or is an existing path).</summary>
    public static bool Exists(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program);
        }

        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, program)));
    }

    /// <summary>Removes GNU time's report (it starts at "Command being timed") and reads the peak RSS from it.</summary>
    private static string StripTimeReport(string stderr, out long? maxRssBytes)
    {
        maxRssBytes = null;
        if (!HasGnuTime)
        {
            return stderr;
        }

        int report = stderr.LastIndexOf("\tCommand being timed:", StringComparison.Ordinal);
        if (report < 0)
        {
            return stderr;
        }

        foreach (string line in stderr[report..].Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith(MaxRssLabel, StringComparison.Ordinal)
                && long.TryParse(trimmed[MaxRssLabel.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long kb))
            {
                maxRssBytes = kb * 1024;
            }
        }

        // GNU time prints "Command exited with non-zero status N" just before the report.
        string rest = stderr[..report];
        int exited = rest.LastIndexOf("Command exited with non-zero status", StringComparison.Ordinal);
        return exited >= 0 ? rest[..exited] : rest;
    }
}
