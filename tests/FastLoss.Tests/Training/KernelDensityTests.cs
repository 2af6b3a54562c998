using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class KernelDensityTests
{
    private static readonly double[] Small = [3, 1, 4, 1, 5, 9, 2, 6];

    [Fact]
    public void Gaussian_matches_scipy()
    {
        // scipy.stats.gaussian_kde(small, bw_method=0.5 / small.std(ddof=1)) is a Gaussian KDE with h = 0.5.
        double[] points = [-1.0, 0.0, 1.0, 2.5, 4.0, 9.0, 12.0];
        double[] expected =
        [
            6.691663185441821e-05, 0.027028942332007228, 0.21300234090442657, 0.12430962025068754,
            0.12679797150777605, 0.09973557161933015, 1.5189707124558215e-09,
        ];
        double[] density = new double[points.Length];
        KernelDensity.Gaussian<double>(Small, 0.5, points, density);
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(expected[i], density[i], expected[i] * 1e-12);
        }
    }

    [Fact]
    public void Gaussian_ignores_non_finite_samples_and_is_zero_without_samples()
    {
        double[] withNaN = [.. Small, double.NaN, double.PositiveInfinity];
        double[] a = new double[1];
        double[] b = new double[1];
        KernelDensity.Gaussian<double>(Small, 0.7, [2.0], a);
        KernelDensity.Gaussian<double>(withNaN, 0.7, [2.0], b);
        Assert.Equal(a, b);

        double[] none = [5.0];
        KernelDensity.Gaussian(ReadOnlySpan<double>.Empty, 1.0, [0.0], none);
        Assert.Equal(0.0, none[0]);
    }

    [Fact]
    public void Silverman_bandwidth_matches_the_rule()
    {
        // numpy: 0.9 * min(std(ddof=1), iqr / 1.34) * n ** -0.2.
        Assert.Equal(1.5509141488562004, KernelDensity.SilvermanBandwidth<double>(Small), 1e-14);
        Assert.Equal(0.42897609821736665, KernelDensity.SilvermanBandwidth<double>(LossStatisticsTests.Data()), 1e-14);
        Assert.Equal(0.0, KernelDensity.SilvermanBandwidth<double>([1.0]));
        Assert.Equal(0.0, KernelDensity.SilvermanBandwidth<float>([2f, 2f, 2f]));
        Assert.Equal(0.0, KernelDensity.SilvermanBandwidth(ReadOnlySpan<double>.Empty));

        // IQR 0 but σ > 0: σ alone. [0, 0, 0, 0, 0, 10]: σ = √(100·5/36 / 5 · 6/6)…, computed directly.
        double[] spiky = [0, 0, 0, 0, 0, 10];
        double sigma = Math.Sqrt(spiky.Sum(x => (x - spiky.Average()) * (x - spiky.Average())) / 5);
        Assert.Equal(0.9 * sigma * Math.Pow(6, -0.2), KernelDensity.SilvermanBandwidth<double>(spiky), 1e-14);
    }

    [Fact]
    public void Binned_estimate_is_close_to_the_exact_one()
    {
        double[] data = LossStatisticsTests.Data();
        Array.Sort(data);
        double h = KernelDensity.SilvermanBandwidth<double>(data);
        const int G = 512;
        double[] binned = new double[G];
        KernelDensity.GaussianBinned(data, h, data[0], data[^1], binned);
        double[] points = Enumerable.Range(0, G).Select(i => data[0] + (i * (data[^1] - data[0]) / (G - 1))).ToArray();
        double[] exact = new double[G];
        KernelDensity.Gaussian<double>(data, h, points, exact);
        double peak = exact.Max();
        for (int i = 0; i < G; i++)
        {
            Assert.True(Math.Abs(binned[i] - exact[i]) < 1e-4 * peak, $"grid point {i}: binned {binned[i]} exact {exact[i]}");
        }
    }

    [Fact]
    public void Density_integrates_to_about_one()
    {
        double[] points = Enumerable.Range(0, 4001).Select(i => -5 + (i * 0.005)).ToArray();
        double[] density = new double[points.Length];
        KernelDensity.Gaussian<double>(Small, 0.8, points, density);
        Assert.Equal(1.0, density.Sum() * 0.005, 1e-6);
    }

    [Fact]
    public void Validation()
    {
        Assert.Equal("bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Gaussian<double>(Small, 0, [0.0], new double[1])).ParamName);
        Assert.Equal("bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => KernelDensity.Gaussian<double>(Small, double.NaN, [0.0], new double[1])).ParamName);
        Assert.Equal("density", Assert.Throws<ArgumentException>(() => KernelDensity.Gaussian<double>(Small, 1, [0.0, 1.0], new double[1])).ParamName);
    }
}
