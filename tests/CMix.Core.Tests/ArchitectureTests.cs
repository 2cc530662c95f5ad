using System.Text.RegularExpressions;
using Xunit;

namespace CMix.Core.Tests;

/// <summary>
/// The folders of CMix.Core are layers (docs/ARCHITECTURE.md): a file may name only the folders
/// below its own. A scan of every source file's <c>using</c> directives and qualified names
/// (code and doc comments alike) fails on any name that points up or sideways.
/// </summary>
public sealed partial class ArchitectureTests
{
    // What each folder may reference. A folder absent from a list is off limits to it.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Numerics"] = [],
        ["Memory"] = [],
        ["Maps"] = ["Numerics", "Memory"],
        ["Mixing"] = ["Numerics", "Memory"],
        ["Apm"] = ["Numerics", "Memory", "Maps"],
        ["Models"] = ["Numerics", "Memory", "Maps", "Mixing"],
        ["Prediction"] = ["Numerics", "Memory", "Maps", "Mixing", "Apm", "Models"],
        ["Transforms"] = ["Numerics"],
        ["Coding"] = ["Numerics", "Memory", "Maps", "Mixing", "Apm", "Models", "Prediction", "Transforms"],
        ["Analysis"] = ["Numerics", "Memory", "Maps", "Mixing", "Apm", "Models", "Prediction", "Transforms", "Coding"],
        ["Similarity"] = ["Numerics", "Memory", "Maps", "Mixing", "Apm", "Models", "Prediction", "Transforms", "Coding"],
    };

    [GeneratedRegex(@"\b(?:using\s+CMix\.|CMix\.|(?<![\w.]))(Numerics|Memory|Maps|Mixing|Apm|Models|Prediction|Transforms|Coding|Analysis|Similarity)(?:\.[A-Z]|\s*;)")]
    private static partial Regex FolderReference();

    private static string CoreSource()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "CMix.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        Assert.NotNull(dir);
        return Path.Combine(dir, "src", "CMix.Core");
    }

    [Fact]
    public void EveryFolderOfCoreIsALayerTheTestKnows()
    {
        string[] folders = [.. Directory.GetDirectories(CoreSource()).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Cast<string>()];
        Assert.Equal(Allowed.Keys.Order(), folders.Order());
    }

    [Fact]
    public void NoFileReferencesAFolderAboveItsOwn()
    {
        string root = CoreSource();
        var violations = new List<string>();
        foreach (string folder in Allowed.Keys)
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                violations.AddRange(Violations(folder, File.ReadAllLines(file)).Select(v => $"{Path.GetRelativePath(root, file)}: {v}"));
            }
        }

        Assert.True(violations.Count == 0, "references against the layer order:\n" + string.Join("\n", violations));
    }

    /// <summary>
    /// Files stay small enough to read whole (issue 21): none in Core over 500 lines, and the
    /// predictor, which only iterates a level's table, at most 300. A class that outgrows that is
    /// split by concept into partial files (Mixer.Selection.cs, Compressor.Decode.cs...).
    /// </summary>
    [Fact]
    public void NoCoreFileIsOverItsLineBudget()
    {
        string root = CoreSource();
        var over = new List<string>();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            int budget = Path.GetFileName(file) == "Predictor.cs" ? 300 : 500;
            int lines = File.ReadAllLines(file).Length;
            if (lines > budget)
            {
                over.Add($"{relative}: {lines} lines (at most {budget})");
            }
        }

        Assert.True(over.Count == 0, "files over their line budget:\n" + string.Join("\n", over));
    }

    [Fact]
    public void TheScanCatchesUsingsQualifiedNamesAndCrefs()
    {
        // Proves the scan can fail: each line below points from Maps up to Mixing or Prediction.
        string[] bad =
        [
            "using CMix.Mixing;",
            "    public void Mix(Mixing.Mixer m) { }",
            "/// <see cref=\"CMix.Prediction.Predictor\"/>",
        ];
        Assert.Equal(3, Violations("Maps", bad).Count());
        Assert.Empty(Violations("Maps", ["using CMix.Numerics;", "namespace CMix.Maps;", "var x = Memory.LargeTable.Alloc(64);"]));
    }

    private static IEnumerable<string> Violations(string folder, IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            if (line.TrimStart().StartsWith("namespace ", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match m in FolderReference().Matches(line))
            {
                string target = m.Groups[1].Value;
                if (target != folder && !Allowed[folder].Contains(target))
                {
                    yield return $"{folder} → {target}: {line.Trim()}";
                }
            }
        }
    }
}
