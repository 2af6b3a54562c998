using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LossHistogramTests
{
    [Fact]
    public void Automatic_range_matches_numpy()
    {
        // numpy.histogram(data, bins=50) counts.
        long[] expected =
        [
            6, 5, 5, 5, 6, 5, 4, 5, 5, 6, 5, 5, 6, 4, 5, 5, 6, 5, 5, 5, 6, 4, 5, 5, 6, 5, 5, 5, 5, 5, 5, 6, 5, 5, 5, 5,
            5, 5, 5, 6, 5, 5, 5, 5, 5, 5, 5, 6, 4, 6,
        ];
        LossHistogram h = LossHistogram.Create<double>(LossStatisticsTests.Data(), 50);
        Assert.Equal(expected, h.Counts);
        Assert.Equal(0.0, h.Lower);
        Assert.Equal(4.9801783944499505, h.Upper);
        Assert.Equal(257, h.Total);
        Assert.Equal(50, h.BinCount);
        Assert.Equal(4.9801783944499505 / 50, h.BinWidth);

        LossHistogram seven = LossHistogram.Create<double>(LossStatisticsTests.Data(), 7);
        Assert.Equal([37L, 37, 36, 37, 37, 37, 36], seven.Counts);
        Assert.Equal(0.7114540563499929, seven.Edge(1));
        Assert.Equal(4.9801783944499505, seven.Edge(7));
    }

    [Fact]
    public void Equal_values_widen_the_range_by_half_as_numpy()
    {
        // numpy.histogram([2, 2, 2], bins=4) = [0, 0, 3, 0] over [1.5, 2.5].
        LossHistogram h = LossHistogram.Create<float>([2f, 2f, 2f], 4);
        Assert.Equal([0L, 0, 3, 0], h.Counts);
        Assert.Equal(1.5, h.Lower);
        Assert.Equal(2.5, h.Upper);
    }

    [Fact]
    public void Non_finite_values_are_ignored_and_no_finite_value_gives_zero_to_one()
    {
        LossHistogram h = LossHistogram.Create<double>([double.NaN, 1.0, double.PositiveInfinity, 3.0], 2);
        Assert.Equal(1.0, h.Lower);
        Assert.Equal(3.0, h.Upper);
        Assert.Equal([1L, 1], h.Counts);

        LossHistogram none = LossHistogram.Create<double>([double.NaN], 3);
        Assert.Equal((0.0, 1.0), (none.Lower, none.Upper));
        Assert.Equal(0, none.Total);
        Assert.Equal(0.0, none.Density(0));
    }

    [Fact]
    public void Density_integrates_to_one()
    {
        LossHistogram h = LossHistogram.Create<double>(LossStatisticsTests.Data(), 13);
        double area = Enumerable.Range(0, h.BinCount).Sum(i => h.Density(i) * h.BinWidth);
        Assert.Equal(1.0, area, 1e-12);
        Assert.Equal(h.Counts[3] / (257 * h.BinWidth), h.Density(3));
    }

    [Fact]
    public void Explicit_range_and_validation()
    {
        LossHistogram h = LossHistogram.Create<double>([-1.0, 0.25, 0.75, 1.0, 2.0], 2, 0.0, 1.0);
        Assert.Equal([1L, 2], h.Counts);
        Assert.Equal(3, h.Total);
        Assert.Throws<ArgumentOutOfRangeException>(() => LossHistogram.Create<double>([1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Edge(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Edge(-1));
    }
}
