using System.Globalization;
using System.Runtime.InteropServices;
using CMix.Prediction;

namespace CMix.CorpusBench;

/// <summary>
/// Where and on what a run happened: commit, CMix's model version, time, machine. Printed into
/// every report. <see cref="ModelVersion"/> is the version of the CMix.Core this tool is built
/// with, which is the CMix it measures (in process or in its own <c>--measure-one</c> children).
/// </summary>
internal sealed record RunInfo(string Commit, int ModelVersion, DateTimeOffset Date, string Machine, string Command)
{
    /// <summary>Describes the current checkout and machine; <paramref name="args"/> is the tool's command line.</summary>
    public static RunInfo Capture(string[] args) =>
        new(Git.Commit(), ModelSettings.ModelVersion, DateTimeOffset.UtcNow, DescribeMachine(), "cmix-corpus-bench " + string.Join(' ', args.Select(Quote)));

    /// <summary>The date as ISO 8601 UTC to the second.</summary>
    public string DateText => Date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string a) => a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./,=:".Contains(c)) ? a : $"'{a}'";

    private static string DescribeMachine()
    {
        string cpu = RuntimeInformation.ProcessArchitecture.ToString();
        const string CpuInfo = "/proc/cpuinfo";
        if (File.Exists(CpuInfo))
        {
            string? model = File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
            {
                cpu = model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return $"{Environment.ProcessorCount} cores, {cpu}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}

/// <summary>Reads the commit of the repository the tool runs in.</summary>
internal static class Git
{
    /// <summary>Short hash of HEAD, with <c>+dirty</c> when tracked files have uncommitted changes; "unknown" outside git.</summary>
    public static string Commit()
    {
        try
        {
            var head = ProcessRunnerQuiet("rev-parse", "--short=10", "HEAD");
            if (head is null)
            {
                return "unknown";
            }

            var status = ProcessRunnerQuiet("status", "--porcelain", "--untracked-files=no");
            return status is { Length: > 0 } ? head + "+dirty" : head;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private static string? ProcessRunnerQuiet(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = System.Diagnostics.Process.Start(info);
        if (p is null)
        {
            return null;
        }

        string output = p.StandardOutput.ReadToEnd().Trim();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : null;
    }
}
