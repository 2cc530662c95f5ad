using System.Globalization;
using System.Text;

namespace CMix.Similarity;

/// <summary>
/// A node of the tree <see cref="Clustering.AverageLinkage"/> builds: a leaf (one input, by
/// index) or the merge of two subtrees at <see cref="Height"/> (half the average distance between
/// their leaves, so leaves sit at 0 and a branch's length is the difference of the heights).
/// </summary>
public sealed class ClusterNode
{
    private ClusterNode(int leaf, ClusterNode? left, ClusterNode? right, double height, int size)
    {
        Leaf = leaf;
        Left = left;
        Right = right;
        Height = height;
        Size = size;
    }

    /// <summary>The input's index for a leaf, else -1.</summary>
    public int Leaf { get; }

    /// <summary>The first subtree of a merge (the one holding the lower input index), else null.</summary>
    public ClusterNode? Left { get; }

    /// <summary>The second subtree of a merge, else null.</summary>
    public ClusterNode? Right { get; }

    /// <summary>0 for a leaf; half the average distance between the two subtrees' leaves for a merge.</summary>
    public double Height { get; }

    /// <summary>Leaves below (1 for a leaf).</summary>
    public int Size { get; }

    /// <summary>Whether this is a leaf.</summary>
    public bool IsLeaf => Leaf >= 0;

    internal static ClusterNode ForLeaf(int index) => new(index, null, null, 0, 1);

    internal static ClusterNode Merge(ClusterNode a, ClusterNode b, double height) =>
        a.FirstLeaf() <= b.FirstLeaf() ? new(-1, a, b, height, a.Size + b.Size) : new(-1, b, a, height, a.Size + b.Size);

    /// <summary>The leaves' indices from left to right (the order a heat map shows the inputs in).</summary>
    public IReadOnlyList<int> Leaves()
    {
        var order = new List<int>();
        void Walk(ClusterNode node)
        {
            if (node.IsLeaf)
            {
                order.Add(node.Leaf);
                return;
            }

            Walk(node.Left!);
            Walk(node.Right!);
        }

        Walk(this);
        return order;
    }

    /// <summary>The tree in Newick format, "((a:0.1,b:0.1):0.3,c:0.4);", names quoted where Newick needs it.</summary>
    public string ToNewick(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var s = new StringBuilder();
        void Write(ClusterNode node, double parentHeight)
        {
            if (node.IsLeaf)
            {
                s.Append(NewickName(names[node.Leaf]));
            }
            else
            {
                s.Append('(');
                Write(node.Left!, node.Height);
                s.Append(',');
                Write(node.Right!, node.Height);
                s.Append(')');
            }

            if (!double.IsNaN(parentHeight))
            {
                s.Append(':').Append(Format(parentHeight - node.Height));
            }
        }

        Write(this, double.NaN);
        return s.Append(';').ToString();
    }

    /// <summary>
    /// The tree as indented text, one line a node: a merge shows its height (half the average
    /// distance across it), a leaf its name.
    /// </summary>
    public string ToText(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var s = new StringBuilder();
        void Write(ClusterNode node, string lead, string rest)
        {
            s.Append(lead).Append(node.IsLeaf ? names[node.Leaf] : "+ " + Format(node.Height)).Append('\n');
            if (!node.IsLeaf)
            {
                Write(node.Left!, rest + "|-- ", rest + "|   ");
                Write(node.Right!, rest + "`-- ", rest + "    ");
            }
        }

        Write(this, "", "");
        return s.ToString();
    }

    private int FirstLeaf() => IsLeaf ? Leaf : Math.Min(Left!.FirstLeaf(), Right!.FirstLeaf());

    private static string Format(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A Newick label: as is when it has none of Newick's punctuation or blanks, else in single quotes (a quote doubled).</summary>
    private static string NewickName(string name) =>
        name.Length > 0 && name.IndexOfAny([' ', '\t', '(', ')', '[', ']', '\'', ':', ';', ',']) < 0
            ? name
            : "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
}
