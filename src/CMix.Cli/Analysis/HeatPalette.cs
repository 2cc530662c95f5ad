using System.Globalization;

namespace CMix.Cli.Analysis;

/// <summary>
/// The colours of cost, shared by the SVG strip and the HTML page: ColorBrewer's 9-class OrRd,
/// from cream (cheap) to dark red (expensive), so black text stays readable on all but the last
/// two, which get white text.
/// </summary>
internal static class HeatPalette
{
    /// <summary>The nine colours, cheap to expensive.</summary>
    public static readonly string[] Colors = ["#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"];

    /// <summary>Lower bounds, in bits per byte, of the HTML page's nine classes: fine where most bytes are (cheap), coarse above.</summary>
    public static readonly double[] HtmlBounds = [0, 0.25, 0.5, 1, 2, 3, 4, 6, 8];

    /// <summary>Whether class <paramref name="k"/> is dark enough to need white text.</summary>
    public static bool Dark(int k) => k >= 7;

    /// <summary>The HTML class of a byte that cost <paramref name="bits"/>.</summary>
    public static int HtmlClass(double bits)
    {
        int k = 0;
        while (k + 1 < HtmlBounds.Length && bits >= HtmlBounds[k + 1])
        {
            k++;
        }

        return k;
    }

    /// <summary>The colour at <paramref name="t"/> in [0, 1] along the palette, interpolated in RGB.</summary>
    public static string At(double t)
    {
        t = Math.Clamp(double.IsNaN(t) ? 0 : t, 0, 1) * (Colors.Length - 1);
        int i = Math.Min((int)t, Colors.Length - 2);
        double f = t - i;
        var (r0, g0, b0) = Rgb(Colors[i]);
        var (r1, g1, b1) = Rgb(Colors[i + 1]);
        int Mix(int a, int b) => (int)Math.Round(a + ((b - a) * f));
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(r0, r1):x2}{Mix(g0, g1):x2}{Mix(b0, b1):x2}");
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
