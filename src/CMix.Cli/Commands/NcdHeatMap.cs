using System.Globalization;
using System.Security;
using CMix.Similarity;

namespace CMix.Cli.Commands;

/// <summary>
/// The NCD matrix as a self-contained SVG (no scripts, fonts or links): the clustering's
/// dendrogram on the left, the files in its leaf order as rows and columns, each cell coloured by
/// the rank of its NCD among the off-diagonal ones on the viridis ramp (bright = similar), its value printed
/// inside while the cells are large enough, and a legend.
/// </summary>
internal static class NcdHeatMap
{
    private const int Cell = 30;
    private const int TreeWidth = 140;
    private const int CharWidth = 7;  // a generous estimate for 11 px sans-serif
    private const int Gap = 8;

    /// <summary>The viridis ramp at five stops, low to high (reversed when drawn: low NCD is bright).</summary>
    private static readonly (int R, int G, int B)[] Ramp =
    [
        (0x44, 0x01, 0x54), (0x3b, 0x52, 0x8b), (0x21, 0x91, 0x8c), (0x5e, 0xc9, 0x62), (0xfd, 0xe7, 0x25),
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Write(TextWriter w, NcdMatrix matrix, IReadOnlyList<string> names, ClusterNode tree, int level)
    {
        int n = matrix.Count;
        var order = tree.Leaves();
        var row = new int[n];  // file → its row in the picture
        for (int k = 0; k < n; k++)
        {
            row[order[k]] = k;
        }

        // Colour by rank among the off-diagonal values: NCDs crowd near 1 with a few far below, and
        // a linear scale would paint everything but those few the same colour.
        var values = new List<double>();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i != j || n == 1)
                {
                    values.Add(matrix.Ncd(i, j));
                }
            }
        }

        values.Sort();
        double Rank(double d)
        {
            int at = values.BinarySearch(d);
            at = at < 0 ? ~at : at;
            return values.Count > 1 ? Math.Clamp((double)at / (values.Count - 1), 0, 1) : 0;
        }

        double Quantile(double q) => values[(int)Math.Round(q * (values.Count - 1))];

        int labelWidth = names.Max(s => s.Length) * CharWidth + Gap;
        int top = 40 + labelWidth;  // title, then the column labels written upwards
        int left = TreeWidth + Gap;  // the matrix, between the dendrogram and the row labels
        int width = Math.Max(left + n * Cell + labelWidth + 10, 560);
        int height = top + n * Cell + 90;
        w.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        w.WriteLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        w.WriteLine($"<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>");
        w.WriteLine($"<text x=\"10\" y=\"20\" font-size=\"14\">{Esc($"Normalized compression distance, cmix level {level} ({n} files, ordered by average-linkage clustering)")}</text>");

        // Dendrogram: leaves at the rows' centres, a merge at x by its height (the root's at the left edge).
        double scale = tree.Height > 0 ? (TreeWidth - 20) / tree.Height : 0;
        double Y(ClusterNode node) => node.IsLeaf ? top + (row[node.Leaf] + 0.5) * Cell : (Y(node.Left!) + Y(node.Right!)) / 2;
        double X(ClusterNode node) => TreeWidth - node.Height * scale;
        void Branches(ClusterNode node)
        {
            if (node.IsLeaf)
            {
                return;
            }

            double x = X(node), y1 = Y(node.Left!), y2 = Y(node.Right!);
            w.WriteLine($"<path d=\"M{F(X(node.Left!))},{F(y1)}H{F(x)}V{F(y2)}H{F(X(node.Right!))}\" fill=\"none\" stroke=\"#444444\"/>");
            Branches(node.Left!);
            Branches(node.Right!);
        }

        Branches(tree);
        for (int k = 0; k < n; k++)
        {
            string name = Esc(names[order[k]]);
            double y = top + (k + 0.5) * Cell + 4;
            w.WriteLine($"<text x=\"{left + n * Cell + Gap}\" y=\"{F(y)}\">{name}</text>");
            double x = left + (k + 0.5) * Cell + 4;
            w.WriteLine($"<text transform=\"translate({F(x)},{top - Gap}) rotate(-90)\">{name}</text>");
        }

        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < n; c++)
            {
                double d = matrix.Ncd(order[r], order[c]);
                double t = order[r] == order[c] ? 0 : Rank(d);
                var (cr, cg, cb) = Colour(1 - t);
                w.Write($"<rect x=\"{left + c * Cell}\" y=\"{top + r * Cell}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"#{cr:x2}{cg:x2}{cb:x2}\">");
                w.Write($"<title>{Esc(names[order[r]])} / {Esc(names[order[c]])}: {d.ToString("0.0000", C)}</title></rect>");
                w.WriteLine(n <= 40
                    ? $"<text x=\"{F(left + (c + 0.5) * Cell)}\" y=\"{F(top + (r + 0.5) * Cell + 3)}\" font-size=\"8\" text-anchor=\"middle\" fill=\"{(1 - t > 0.6 ? "#000000" : "#ffffff")}\">{d.ToString("0.00", C)}</text>"
                    : "");
            }
        }

        // Legend: the ramp by rank, with the NCD at each quarter of the ranks.
        int ly = top + n * Cell + 25;
        const int Steps = 50, LegendWidth = 250;
        for (int s = 0; s < Steps; s++)
        {
            var (cr, cg, cb) = Colour(1 - (s + 0.5) / Steps);
            w.WriteLine($"<rect x=\"{left + s * LegendWidth / Steps}\" y=\"{ly}\" width=\"{LegendWidth / Steps + 1}\" height=\"12\" fill=\"#{cr:x2}{cg:x2}{cb:x2}\"/>");
        }

        for (int q = 0; q <= 4; q++)
        {
            string anchor = q == 0 ? "start" : q == 4 ? "end" : "middle";
            w.WriteLine($"<text x=\"{left + q * LegendWidth / 4}\" y=\"{ly + 26}\" text-anchor=\"{anchor}\">{Quantile(q / 4.0).ToString("0.000", C)}</text>");
        }

        w.WriteLine($"<text x=\"{left}\" y=\"{ly + 44}\">NCD, coloured by rank (bright = similar); the diagonal is NCD(x, x)</text>");
        w.WriteLine("</svg>");
    }

    /// <summary>The ramp at <paramref name="t"/> in [0, 1], linear between the stops.</summary>
    private static (int R, int G, int B) Colour(double t)
    {
        double p = Math.Clamp(t, 0, 1) * (Ramp.Length - 1);
        int k = Math.Min((int)p, Ramp.Length - 2);
        double f = p - k;
        var (a, b) = (Ramp[k], Ramp[k + 1]);
        return ((int)Math.Round(a.R + (b.R - a.R) * f), (int)Math.Round(a.G + (b.G - a.G) * f), (int)Math.Round(a.B + (b.B - a.B) * f));
    }

    private static string F(double x) => x.ToString("0.#", C);

    private static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
