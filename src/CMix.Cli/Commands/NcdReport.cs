using System.Globalization;
using CMix.Similarity;

namespace CMix.Cli.Commands;

/// <summary>
/// The text forms of an NCD measurement: a table (rows and columns numbered, the nearest file of
/// each, and with --tree the clustering), CSV (the matrix only) and JSON (everything). Numbers are
/// invariant-culture; NCD with 4 decimals, costs in bytes (bits / 8) with 1.
/// </summary>
internal sealed class NcdReport(NcdMatrix matrix, IReadOnlyList<string> names, IReadOnlyList<long> lengths, ClusterNode tree, int level)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The table: the NCD matrix (and with <paramref name="conditional"/> the C(column | row) matrix), nearest files, the tree.</summary>
    public void WriteTable(TextWriter w, bool conditional, bool withTree)
    {
        int n = matrix.Count;
        w.WriteLine($"NCD(row, column) at level {level}, {n} file(s); C = the model's cost (sum of -log2 p), C(xy) = C(x) + C(y|x){(conditional ? "" : ", each pair measured once (earlier file first)")}");
        WriteMatrix(w, (i, j) => matrix.Ncd(i, j).ToString("0.0000", C));
        if (conditional)
        {
            w.WriteLine();
            w.WriteLine("C(column | row) in bytes: the cost of the column's file after the model learned the row's; C(x) alone on the right");
            WriteMatrix(w, (i, j) => (matrix.Conditional(i, j) / 8).ToString("0.0", C), i => (matrix.Cost(i) / 8).ToString("0.0", C));
        }

        w.WriteLine();
        w.WriteLine("nearest:");
        int width = names.Max(s => s.Length);
        for (int i = 0; i < n; i++)
        {
            int j = matrix.Nearest(i);
            w.WriteLine(j < 0 ? $"  {names[i]}" : $"  {names[i].PadRight(width)}  {names[j]} ({matrix.Ncd(i, j).ToString("0.0000", C)})");
        }

        if (withTree)
        {
            w.WriteLine();
            w.WriteLine("tree (average linkage; + height = half the mean NCD across the branch):");
            w.Write(tree.ToText(names));
            w.WriteLine();
            w.WriteLine("newick:");
            w.WriteLine(tree.ToNewick(names));
        }
    }

    private void WriteMatrix(TextWriter w, Func<int, int, string> cell, Func<int, string>? last = null)
    {
        int n = matrix.Count;
        int nameWidth = names.Max(s => s.Length);
        var cells = new string[n, n];
        int cellWidth = n.ToString(C).Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                cells[i, j] = cell(i, j);
                cellWidth = Math.Max(cellWidth, cells[i, j].Length);
            }
        }

        int indexWidth = n.ToString(C).Length;
        var line = new System.Text.StringBuilder();
        line.Append(' ', indexWidth + 2 + nameWidth);
        for (int j = 0; j < n; j++)
        {
            line.Append("  ").Append((j + 1).ToString(C).PadLeft(cellWidth));
        }

        w.WriteLine(line.ToString().TrimEnd());
        for (int i = 0; i < n; i++)
        {
            line.Clear().Append((i + 1).ToString(C).PadLeft(indexWidth)).Append(' ').Append(' ').Append(names[i].PadRight(nameWidth));
            for (int j = 0; j < n; j++)
            {
                line.Append("  ").Append(cells[i, j].PadLeft(cellWidth));
            }

            if (last is not null)
            {
                line.Append("  | ").Append(last(i));
            }

            w.WriteLine(line.ToString());
        }
    }

    /// <summary>CSV: "file" and the names, then a row per file; NCD values, or with <paramref name="conditional"/> C(column | row) in bytes.</summary>
    public void WriteCsv(TextWriter w, bool conditional)
    {
        int n = matrix.Count;
        w.WriteLine("file," + string.Join(",", names.Select(Quote)));
        for (int i = 0; i < n; i++)
        {
            var row = Enumerable.Range(0, n).Select(j => conditional
                ? (matrix.Conditional(i, j) / 8).ToString("0.0", C)
                : matrix.Ncd(i, j).ToString("0.000000", C));
            w.WriteLine(Quote(names[i]) + "," + string.Join(",", row));
        }
    }

    /// <summary>JSON: level, files (name, bytes, cost), the NCD and conditional matrices (row = first/given file), nearest, the tree.</summary>
    public void WriteJson(TextWriter w)
    {
        int n = matrix.Count;
        var json = new JsonText(w);
        json.Begin();
        json.Field("level", level);
        json.Field("both_orders", matrix.BothOrders);
        json.BeginArray("files");
        for (int i = 0; i < n; i++)
        {
            json.BeginObject();
            json.Field("name", names[i]);
            json.Field("bytes", lengths[i]);
            json.Number("cost_bits", matrix.Cost(i));
            int nearest = matrix.Nearest(i);
            json.Field("nearest", nearest < 0 ? null : names[nearest]);
            json.EndObject();
        }

        json.EndArray();
        WriteRows(json, "ncd", matrix.Ncd);
        WriteRows(json, "conditional_bits", matrix.Conditional);
        json.Field("newick", tree.ToNewick(names));
        json.BeginArray("cluster_order");
        foreach (int leaf in tree.Leaves())
        {
            json.Value(names[leaf]);
        }

        json.EndArray();
        json.End();
    }

    private void WriteRows(JsonText json, string name, Func<int, int, double> value)
    {
        json.BeginArray(name);
        for (int i = 0; i < matrix.Count; i++)
        {
            json.BeginArray();
            for (int j = 0; j < matrix.Count; j++)
            {
                json.Value(value(i, j));
            }

            json.EndArray();
        }

        json.EndArray();
    }

    /// <summary>A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
