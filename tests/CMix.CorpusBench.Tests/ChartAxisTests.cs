using CMix.CorpusBench;

namespace CMix.CorpusBench.Tests;

public sealed class ChartAxisTests
{
    private static bool IsOneTwoFive(double v)
    {
        double m = v / Math.Pow(10, Math.Floor(Math.Log10(v) + 1e-9));
        return new[] { 1.0, 2, 5 }.Any(x => Math.Abs(m - x) < 1e-6);
    }

    [Theory]
    [InlineData(1.6108, 2.3508)]
    [InlineData(0.0, 1.0)]
    [InlineData(2.0, 2.0)]
    [InlineData(113.0, 9_871.0)]
    public void LinearTicksStepByOneTwoOrFiveAndCoverTheData(double min, double max)
    {
        var axis = ChartAxis.Linear(min, max, bottom: 200, height: 200);

        Assert.True(axis.Lo <= min && axis.Hi >= max);
        Assert.InRange(axis.Ticks.Count, 3, 12);
        double step = axis.Ticks[1].Value - axis.Ticks[0].Value;
        Assert.True(IsOneTwoFive(step), $"step {step}");
        Assert.All(axis.Ticks, t => Assert.Equal(Math.Round(t.Value / step), t.Value / step, 6));
        Assert.All(axis.Ticks, t => Assert.Equal(t.Value, double.Parse(t.Label!, System.Globalization.CultureInfo.InvariantCulture), 9));
        Assert.Equal(200, axis.Y(axis.Lo)!.Value, 6);
        Assert.Equal(0, axis.Y(axis.Hi)!.Value, 6);
    }

    [Theory]
    [InlineData(0.0258, 2.896)]
    [InlineData(0.035, 146.7)]
    [InlineData(22, 5452)]
    [InlineData(57, 57)]
    public void LogTicksAreOneTwoFiveWithMajorsAtTheDecades(double min, double max)
    {
        var axis = ChartAxis.Log(min, max, bottom: 190, height: 190);

        Assert.True(axis.Lo <= min && axis.Hi >= max);
        Assert.All(axis.Ticks, t => Assert.True(IsOneTwoFive(t.Value), $"tick {t.Value}"));
        Assert.All(axis.Ticks, t => Assert.Equal(Math.Abs(Math.Log10(t.Value) - Math.Round(Math.Log10(t.Value))) < 1e-9, t.Major));
        Assert.All(axis.Ticks.Where(t => t.Major), t => Assert.NotNull(t.Label));
        Assert.True(axis.Ticks.Count(t => t.Label is not null) >= 2);
        Assert.Equal(axis.Lo, axis.Ticks[0].Value);
        Assert.Equal(axis.Hi, axis.Ticks[^1].Value);
        Assert.Equal(190, axis.Y(axis.Lo)!.Value, 6);
        Assert.Equal(0, axis.Y(axis.Hi)!.Value, 6);
        Assert.Null(axis.Y(0));
    }

    [Fact]
    public void LogAxisLabelsTheTwoAndFiveTicksOnlyWhenADecadeIsTallEnough()
    {
        var tall = ChartAxis.Log(0.1, 10, bottom: 190, height: 190);
        var short5 = ChartAxis.Log(0.01, 1000, bottom: 190, height: 190);

        Assert.Contains(tall.Ticks, t => !t.Major && t.Label is not null);
        Assert.DoesNotContain(short5.Ticks.Skip(1).SkipLast(1), t => !t.Major && t.Label is not null);
        Assert.Equal(["1", "10", "100", "1,000"], short5.Ticks.Where(t => t.Major && t.Value >= 1).Select(t => t.Label));
    }
}
