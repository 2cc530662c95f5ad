using System.Reflection;

namespace CMix.CorpusBench;

/// <summary>How to start this tool again as a child process (apphost, or <c>dotnet tool.dll</c>).</summary>
internal static class SelfCommand
{
    /// <summary>The program to start.</summary>
    public static string Executable { get; } = Environment.ProcessPath ?? "dotnet";

    /// <summary>Arguments that come before the tool's own (the assembly path when the host is <c>dotnet</c>).</summary>
    public static IReadOnlyList<string> Arguments { get; } =
        Path.GetFileNameWithoutExtension(Executable).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [Assembly.GetEntryAssembly()!.Location]
            : [];
}
