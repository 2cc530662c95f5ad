namespace CMix.Similarity;

/// <summary>Hierarchical clustering of inputs from a distance matrix.</summary>
public static class Clustering
{
    /// <summary>
    /// Average linkage (UPGMA): start with every input alone; repeatedly merge the two clusters
    /// with the smallest mean distance between their members (ties: the pair with the lowest
    /// indices), at height half that distance. <paramref name="distances"/> is read as symmetric
    /// (the mean of [i, j] and [j, i]); its diagonal is ignored. O(n³), fine for hundreds of inputs.
    /// </summary>
    public static ClusterNode AverageLinkage(double[,] distances)
    {
        ArgumentNullException.ThrowIfNull(distances);
        int n = distances.GetLength(0);
        if (n == 0 || distances.GetLength(1) != n)
        {
            throw new ArgumentException("a non-empty square matrix is needed", nameof(distances));
        }

        // d[a, b] between live clusters a, b (slots reused: the merge lives in the lower slot).
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = (distances[i, j] + distances[j, i]) / 2;
            }
        }

        var nodes = new ClusterNode?[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = ClusterNode.ForLeaf(i);
        }

        for (int left = n; left > 1; left--)
        {
            int ba = -1, bb = -1;
            for (int a = 0; a < n; a++)
            {
                for (int b = a + 1; b < n && nodes[a] is not null; b++)
                {
                    if (nodes[b] is not null && (ba < 0 || d[a, b] < d[ba, bb]))
                    {
                        (ba, bb) = (a, b);
                    }
                }
            }

            ClusterNode x = nodes[ba]!, y = nodes[bb]!;
            for (int c = 0; c < n; c++)
            {
                if (nodes[c] is not null && c != ba && c != bb)
                {
                    // The mean over all member pairs, kept exact by weighting with the sizes.
                    double m = (d[ba, c] * x.Size + d[bb, c] * y.Size) / (x.Size + y.Size);
                    d[ba, c] = d[c, ba] = m;
                }
            }

            nodes[ba] = ClusterNode.Merge(x, y, d[ba, bb] / 2);
            nodes[bb] = null;
        }

        return nodes[0]!;
    }
}
