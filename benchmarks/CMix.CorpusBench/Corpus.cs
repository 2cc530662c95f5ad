namespace CMix.CorpusBench;

/// <summary>Enumerates the corpus files a run uses.</summary>
internal static class Corpus
{
    /// <summary>Files in a corpus folder that are metadata, not data to compress.</summary>
    private static readonly HashSet<string> s_ignored = new(StringComparer.Ordinal) { "MANIFEST.tsv", "README.md", "README" };

    /// <summary>
    /// The data files of <paramref name="folder"/> in ordinal name order (stable across machines),
    /// without metadata files; empty when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<string> List(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.GetFiles(folder)
            .Where(f => !s_ignored.Contains(Path.GetFileName(f)) && !Path.GetFileName(f).StartsWith('.'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// Resolves a selection: each entry is a path (absolute or relative to the repository root) or
    /// the name of a file in <paramref name="folder"/>. An empty selection means every file of the folder.
    /// </summary>
    public static IReadOnlyList<string> Select(string folder, IReadOnlyList<string> selection)
    {
        if (selection.Count == 0)
        {
            return List(folder);
        }

        var result = new List<string>(selection.Count);
        foreach (string entry in selection)
        {
            string inFolder = Path.Combine(folder, entry);
            string path = File.Exists(inFolder) ? inFolder : RepoPaths.Resolve(entry);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"no such file: {entry} (looked in {folder} and {RepoPaths.Root})");
            }

            result.Add(Path.GetFullPath(path));
        }

        return result;
    }
}
