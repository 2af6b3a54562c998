using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LossStatisticsTests
{
    /// <summary>257 values ((i · 7919) mod 1009) / 1009 · 5: exact in double, so numpy sees the same numbers.</summary>
    internal static double[] Data() => Enumerable.Range(0, 257).Select(i => (i * 7919 % 1009) / 1009.0 * 5.0).ToArray();

    [Fact]
    public void Mean_is_compensated_and_nan_for_empty()
    {
        Assert.Equal(2.4864931569184727, LossStatistics.Mean<double>(Data()), 1e-15);
        Assert.True(double.IsNaN(LossStatistics.Mean(ReadOnlySpan<float>.Empty)));

        // 1 + 1e-16 · 10 000 lost by naive summation: the compensated sum keeps it.
        double[] values = [1.0, .. Enumerable.Repeat(1e-16, 10_000)];
        Assert.Equal((1.0 + 1e-12) / values.Length, LossStatistics.Mean<double>(values), 1e-28);
        Assert.True(double.IsNaN(LossStatistics.Mean<double>([1.0, double.NaN])));
        Assert.Equal(double.PositiveInfinity, LossStatistics.Mean<double>([1.0, double.PositiveInfinity]));
    }

    [Fact]
    public void Quantiles_match_numpy_linear()
    {
        // numpy.quantile(data, qs) (default method 'linear'), numpy 1.24.
        double[] qs = [0, 0.01, 0.05, 0.1, 0.25, 0.3333, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
        double[] expected =
        [
            0.0, 0.03587710604558969, 0.24380574826560952, 0.48761149653121905, 1.2338949454905848, 1.661668979187314,
            2.4826560951437067, 3.7314172447968286, 4.477700693756194, 4.721506442021804, 4.929435084241824, 4.9801783944499505,
        ];
        double[] actual = new double[qs.Length];
        LossStatistics.Quantiles<double>(Data(), qs, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Quantiles_of_a_small_float_span_match_numpy_bit_for_bit()
    {
        // numpy.quantile([3,1,4,1,5,9,2,6], ...): note 4.8999999999999995 from numpy's two-sided lerp.
        float[] small = [3, 1, 4, 1, 5, 9, 2, 6];
        double[] qs = [0, 0.1, 0.25, 0.5, 0.7, 0.75, 0.9, 1];
        double[] expected = [1.0, 1.0, 1.75, 3.5, 4.8999999999999995, 5.25, 6.8999999999999995, 9.0];
        double[] actual = new double[qs.Length];
        LossStatistics.Quantiles<float>(small, qs, actual);
        Assert.Equal(expected, actual);
        Assert.Equal(3.5, LossStatistics.Quantile<float>(small, 0.5));
        Assert.Equal([3f, 1f, 4f, 1f, 5f, 9f, 2f, 6f], small);
    }

    [Fact]
    public void Quantile_uses_numpys_two_sided_lerp()
    {
        // numpy 1.24 gives 9.480320293976055 here; the one-sided a + (b − a)t gives 9.480320293976057.
        double[] x = [4.252286248490755, 4.40377154715784, 4.99895813687647, 6.202134520153778, 9.545904936907373];
        Assert.Equal(9.480320293976055, LossStatistics.Quantile<double>(x, 0.9950965052353241));
    }

    [Fact]
    public void Quantile_edge_cases()
    {
        Assert.Equal(7.0, LossStatistics.Quantile<double>([7.0], 0.3));
        Assert.True(double.IsNaN(LossStatistics.Quantile<double>([1.0, double.NaN, 3.0], 0.0)));
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => LossStatistics.Quantile(ReadOnlySpan<double>.Empty, 0.5)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => LossStatistics.Quantile<double>([1.0], 1.01)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => LossStatistics.Quantile<double>([1.0], double.NaN)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => LossStatistics.Quantiles<double>([1.0], [0.1, 0.2], new double[1])).ParamName);
    }

    [Fact]
    public void Histogram_matches_numpy_including_values_on_edges()
    {
        // numpy.histogram([0.0, 0.1, ..., 1.0], bins=10) = [1,1,2,0,1,2,1,0,1,2]: 0.3 falls below the edge
        // 0.30000000000000004 and 0.7 below 0.7000000000000001; numpy's one-ulp corrections decide.
        double[] edges = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        long[] counts = new long[10];
        Assert.Equal(11, LossStatistics.Histogram<double>(edges, 0.0, 1.0, counts));
        Assert.Equal([1L, 1, 2, 0, 1, 2, 1, 0, 1, 2], counts);

        // numpy.histogram([0.1 * i for i in range(31)], bins=3, range=(0, 3)) = [10, 10, 11].
        double[] tenths = Enumerable.Range(0, 31).Select(i => 0.1 * i).ToArray();
        long[] three = new long[3];
        LossStatistics.Histogram<double>(tenths, 0.0, 3.0, three);
        Assert.Equal([10L, 10, 11], three);

        // Outside the range and non-finite values are not counted: numpy gives [1, 2] for range (0, 1).
        long[] two = new long[2];
        Assert.Equal(3, LossStatistics.Histogram<double>([-1.0, 0.0, 0.5, 1.0, 1.5, 2.0, double.NaN, double.PositiveInfinity], 0.0, 1.0, two));
        Assert.Equal([1L, 2], two);
    }

    [Fact]
    public void Histogram_validation()
    {
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => LossStatistics.Histogram<double>([1.0], 0, 1, Span<long>.Empty)).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => LossStatistics.Histogram<double>([1.0], 1, 1, new long[2])).ParamName);
        Assert.Equal("lower", Assert.Throws<ArgumentOutOfRangeException>(() => LossStatistics.Histogram<double>([1.0], double.NaN, 1, new long[2])).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => LossStatistics.Histogram<double>([1.0], 0, double.PositiveInfinity, new long[2])).ParamName);
    }

    [Fact]
    public void Edges_follow_numpy_linspace()
    {
        // numpy.histogram(data, bins=7) edges.
        double[] expected =
        [
            0.0, 0.7114540563499929, 1.4229081126999858, 2.1343621690499788, 2.8458162253999717, 3.5572702817499646,
            4.2687243380999575, 4.9801783944499505,
        ];
        Assert.Equal(expected, Enumerable.Range(0, 8).Select(i => LossStatistics.Edge(0.0, 4.9801783944499505, 7, i)).ToArray());
    }

    [Fact]
    public void Per_class_mean_and_count()
    {
        float[] losses = [1, 2, 3, 4, 5, 6];
        int[] labels = [0, 2, 0, 2, 2, 0];
        double[] means = new double[4];
        int[] counts = new int[4];
        LossStatistics.PerClassMean<float>(losses, labels, means, counts);
        Assert.Equal([3, 0, 3, 0], counts);
        Assert.Equal((1 + 3 + 6) / 3.0, means[0]);
        Assert.True(double.IsNaN(means[1]));
        Assert.Equal((2 + 4 + 5) / 3.0, means[2]);
        Assert.True(double.IsNaN(means[3]));
    }

    [Fact]
    public void Per_class_mean_validation()
    {
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LossStatistics.PerClassMean<double>([1.0, 2.0], [0], new double[2], new int[2])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LossStatistics.PerClassMean<double>([1.0], [-1], new double[2], new int[2])).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => LossStatistics.PerClassMean<double>([1.0], [2], new double[2], new int[2])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => LossStatistics.PerClassMean<double>([1.0], [0], [], [])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => LossStatistics.PerClassMean<double>([1.0], [0], new double[2], new int[3])).ParamName);
    }

    [Fact]
    public void Span_statistics_allocate_nothing_once_the_pool_is_warm()
    {
        float[] losses = Data().Select(x => (float)x).ToArray();
        int[] labels = Enumerable.Range(0, losses.Length).Select(i => i % 4).ToArray();
        double[] quantiles = new double[3];
        long[] counts = new long[10];
        double[] means = new double[4];
        int[] classCounts = new int[4];
        int[] hardest = new int[8];
        LossStatistics.Quantiles<float>(losses, [0.1, 0.5, 0.9], quantiles);
        long before = GC.GetAllocatedBytesForCurrentThread();
        LossStatistics.Mean<float>(losses);
        LossStatistics.Quantiles<float>(losses, [0.1, 0.5, 0.9], quantiles);
        LossStatistics.Histogram<float>(losses, 0, 5, counts);
        LossStatistics.PerClassMean<float>(losses, labels, means, classCounts);
        LossStatistics.Hardest<float>(losses, hardest);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Hardest_are_the_largest_losses_largest_first()
    {
        double[] data = Data();
        int[] top = new int[5];
        Assert.Equal(5, LossStatistics.Hardest<double>(data, top));
        int[] expected = Enumerable.Range(0, data.Length).OrderByDescending(i => data[i]).ThenBy(i => i).Take(5).ToArray();
        Assert.Equal(expected, top);
        Assert.Equal(4.9801783944499505, data[top[0]]);

        int[] more = new int[4];
        Assert.Equal(2, LossStatistics.Hardest<float>([1f, 3f], more));
        Assert.Equal([1, 0], more[..2]);
    }
}
