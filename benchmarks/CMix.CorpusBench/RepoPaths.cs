namespace CMix.CorpusBench;

/// <summary>
/// Locates the repository root (the folder holding <c>CMix.sln</c>) and the shared corpus beside
/// it. Every relative path the tool accepts is resolved against the repository root, so the tool
/// behaves the same from any working directory.
/// </summary>
internal static class RepoPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "CMix.sln";

    /// <summary>Environment variable that overrides the corpus folder.</summary>
    public const string CorpusVariable = "CMIX_CORPUS";

    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root; falls back to the current directory when no solution is found above it.</summary>
    public static string Root => s_root.Value;

    /// <summary>The default corpus folder: <c>$CMIX_CORPUS</c>, else <c>../shared/corpus/dev</c> beside the repository.</summary>
    public static string DefaultCorpus =>
        Environment.GetEnvironmentVariable(CorpusVariable) is { Length: > 0 } fromEnv
            ? Path.GetFullPath(fromEnv)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "dev"));

    /// <summary>Resolves <paramref name="path"/> against the repository root unless it is absolute.</summary>
    public static string Resolve(string path) => Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Root, path));

    /// <summary>Shows <paramref name="path"/> relative to the repository root when it lies inside it.</summary>
    public static string Show(string path)
    {
        string relative = Path.GetRelativePath(Root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
