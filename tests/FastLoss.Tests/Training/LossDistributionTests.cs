using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LossDistributionTests
{
    [Fact]
    public void Summary_of_the_reference_data_matches_numpy()
    {
        double[] data = LossStatisticsTests.Data();
        int[] labels = Enumerable.Range(0, data.Length).Select(i => i % 3).ToArray();
        LossDistribution d = LossDistribution.Create<double>(data, labels, 3, binCount: 7, hardestCount: 4, probabilities: [0.5, 0.25]);

        Assert.Equal(257, d.Count);
        Assert.Equal(0, d.NaNCount);
        Assert.Equal(0, d.NonFiniteCount);
        Assert.Equal(2.4864931569184727, d.Mean, 1e-15);            // numpy mean
        Assert.Equal(1.4432136605090355, d.StandardDeviation, 1e-14); // numpy std (ddof=0)
        Assert.Equal(0.0, d.Min);
        Assert.Equal(4.9801783944499505, d.Max);
        Assert.Equal([new QuantileValue(0.5, 2.4826560951437067), new QuantileValue(0.25, 1.2338949454905848)], d.Quantiles);
        Assert.Equal([37L, 37, 36, 37, 37, 37, 36], d.Histogram.Counts);

        for (int c = 0; c < 3; c++)
        {
            double[] ofClass = data.Where((_, i) => i % 3 == c).ToArray();
            Assert.Equal(new ClassLoss(c, ofClass.Length, ofClass.Average()).Count, d.Classes[c].Count);
            Assert.Equal(ofClass.Average(), d.Classes[c].MeanLoss, 1e-14);
        }

        int[] hardest = Enumerable.Range(0, data.Length).OrderByDescending(i => data[i]).ThenBy(i => i).Take(4).ToArray();
        Assert.Equal(hardest.Select(i => new HardSample(i, data[i], i % 3)), d.Hardest);
    }

    [Fact]
    public void Defaults_without_labels()
    {
        float[] losses = [0.5f, 0.25f, 2f, 1f];
        LossDistribution d = LossDistribution.Create<float>(losses);
        Assert.Empty(d.Classes);
        Assert.Equal(50, d.Histogram.BinCount);
        Assert.Equal(LossDistribution.DefaultProbabilities, d.Quantiles.Select(q => q.Probability));
        Assert.Equal(0.9375, d.Mean);
        Assert.Equal([new HardSample(2, 2.0, null), new HardSample(3, 1.0, null), new HardSample(0, 0.5, null), new HardSample(1, 0.25, null)], d.Hardest);
        Assert.Equal(0.25, d.Quantiles[0].Value);
        Assert.Equal(2.0, d.Quantiles[^1].Value);
        Assert.Equal(0.75, d.Quantiles[3].Value); // median of 0.25, 0.5, 1, 2
    }

    [Fact]
    public void NaN_poisons_moments_and_quantiles_but_is_counted_and_ranked_first()
    {
        double[] losses = [1.0, double.NaN, 3.0, double.PositiveInfinity, 2.0];
        LossDistribution d = LossDistribution.Create<double>(losses, [0, 1, 0, 1, 1], 2, binCount: 2, hardestCount: 3);
        Assert.Equal(1, d.NaNCount);
        Assert.Equal(2, d.NonFiniteCount);
        Assert.True(double.IsNaN(d.Mean));
        Assert.True(double.IsNaN(d.StandardDeviation));
        Assert.True(double.IsNaN(d.Min));
        Assert.True(double.IsNaN(d.Max));
        Assert.All(d.Quantiles, q => Assert.True(double.IsNaN(q.Value)));
        Assert.Equal([1L, 2], d.Histogram.Counts); // finite 1, 2, 3 over [1, 3]
        Assert.Equal(2.0, d.Classes[0].MeanLoss);
        Assert.True(double.IsNaN(d.Classes[1].MeanLoss));
        Assert.Equal([1, 3, 2], d.Hardest.Select(h => h.Index));
    }

    [Fact]
    public void Infinity_without_nan_keeps_min_max_and_infinite_mean()
    {
        LossDistribution d = LossDistribution.Create<double>([1.0, double.PositiveInfinity], binCount: 1);
        Assert.Equal(0, d.NaNCount);
        Assert.Equal(1, d.NonFiniteCount);
        Assert.Equal(double.PositiveInfinity, d.Mean);
        Assert.Equal(double.PositiveInfinity, d.Max);
        Assert.Equal(1.0, d.Min);
        Assert.Equal([1L], d.Histogram.Counts);
    }

    [Fact]
    public void Validation()
    {
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => LossDistribution.Create(ReadOnlySpan<float>.Empty)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LossDistribution.Create<double>([1.0, 2.0], [0], 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LossDistribution.Create<double>([1.0], [5], 2)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => LossDistribution.Create<double>([1.0], [0], 0)).ParamName);
        Assert.Equal("binCount", Assert.Throws<ArgumentOutOfRangeException>(() => LossDistribution.Create<double>([1.0], binCount: 0)).ParamName);
        Assert.Equal("hardestCount", Assert.Throws<ArgumentOutOfRangeException>(() => LossDistribution.Create<double>([1.0], hardestCount: -1)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentOutOfRangeException>(() => LossDistribution.Create<double>([1.0], probabilities: [2.0])).ParamName);
    }
}
