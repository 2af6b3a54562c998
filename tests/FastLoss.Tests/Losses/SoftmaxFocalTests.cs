namespace FastLoss.Tests.Losses;

/// <summary>Loss.SoftmaxFocal: the definition, γ = 0 is α·cross-entropy, the analytic gradient, γ &lt; 1 stability, widths.</summary>
public class SoftmaxFocalTests
{
    private static double Reference(double[] x, int[] t, int c, double[] alpha, double gamma, bool mean)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == -100)
            {
                continue;
            }

            double max = x.Skip(i * c).Take(c).Max();
            double z = x.Skip(i * c).Take(c).Sum(v => Math.Exp(v - max));
            double logP = x[(i * c) + t[i]] - max - Math.Log(z);
            double p = Math.Exp(logP);
            sum += -alpha[t[i]] * Math.Pow(1 - p, gamma) * logP;
            count++;
        }

        return mean ? sum / count : sum;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(3.7)]
    public void Matches_the_definition_and_finite_differences(double gamma)
    {
        const int N = 6, C = 7;
        var random = new Random(11);
        double[] x = Enumerable.Range(0, N * C).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        int[] t = [0, 3, -100, 6, 2, 2];
        double[] alpha = Enumerable.Range(0, C).Select(_ => random.NextDouble() + 0.1).ToArray();
        Assert.Equal(Reference(x, t, C, alpha, gamma, true), Loss.SoftmaxFocal(x, t, C, alpha: alpha, gamma: gamma), 12);
        Assert.Equal(Reference(x, t, C, alpha, gamma, false), Loss.SoftmaxFocal(x, t, C, alpha, gamma, reduction: Reduction.Sum), 11);
        double[] g = new double[x.Length];
        double fused = Loss.SoftmaxFocalWithGradient(x, t, C, g, alpha, gamma);
        Assert.Equal(Loss.SoftmaxFocal(x, t, C, alpha: alpha, gamma: gamma), fused);
        for (int i = 0; i < x.Length; i++)
        {
            const double H = 1e-5;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (Reference(plus, t, C, alpha, gamma, true) - Reference(minus, t, C, alpha, gamma, true)) / (2 * H);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"element {i}: analytic {g[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Gamma_zero_is_alpha_times_cross_entropy()
    {
        float[] x = Enumerable.Range(0, 40).Select(i => MathF.Sin(i) * 4).ToArray();
        int[] t = [1, 3, 0, 2, 4, 4, -100, 0];
        Assert.Equal(0.5f * Loss.CrossEntropy(x, t, 5), Loss.SoftmaxFocal(x, t, 5, 0.5f, 0f), 5);
        float[] gf = new float[40], gc = new float[40];
        Loss.SoftmaxFocalGradient(x, t, 5, gf, 1f, 0f);
        Loss.CrossEntropyGradient(x, t, 5, gc);
        Assert.Equal(gc, gf);
    }

    [Theory]
    [InlineData(0.25f)]
    [InlineData(0.5f)]
    [InlineData(2f)]
    public void Saturated_rows_stay_finite_for_every_gamma(float gamma)
    {
        // p rounds to 1 (1 − p = 0 by subtraction) and p ≈ 0: the gradient must stay finite, also for γ < 1.
        float[] x = [60f, 0f, -10f, 0f, 60f, -10f, -80f, 20f, 0f];
        int[] t = [0, 1, 0];
        float[] g = new float[9];
        float loss = Loss.SoftmaxFocalWithGradient(x, t, 3, g, 1f, gamma);
        Assert.True(float.IsFinite(loss));
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
        Assert.True(g[0] <= 0f && g[4] <= 0f && g[6] < 0f);
    }

    [Fact]
    public void Is_bit_identical_on_every_width()
    {
        var random = new Random(4);
        float[] x = Enumerable.Range(0, 23 * 45).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray();
        int[] t = Enumerable.Range(0, 23).Select(i => i == 5 ? -100 : random.Next(45)).ToArray();
        float[] g1 = new float[x.Length];
        float v1 = CrossEntropyTests.WithWidth(1, () => Loss.SoftmaxFocalWithGradient(x, t, 45, g1, 0.25f, 1.5f));
        foreach (int width in new[] { 512, 256, 128 })
        {
            float[] g = new float[x.Length];
            float v = CrossEntropyTests.WithWidth(width, () => Loss.SoftmaxFocalWithGradient(x, t, 45, g, 0.25f, 1.5f));
            Assert.Equal(CrossEntropyTests.Bits(v1), CrossEntropyTests.Bits(v));
            Assert.Equal(g1.Select(CrossEntropyTests.Bits), g.Select(CrossEntropyTests.Bits));
        }
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        float[] x = new float[6];
        Assert.Equal("gamma", Assert.ThrowsAny<ArgumentException>(() => Loss.SoftmaxFocal(x, [0, 1], 3, 1f, -1f)).ParamName);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => Loss.SoftmaxFocal(x, [0, 1], 3, float.NaN)).ParamName);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => Loss.SoftmaxFocal(x, [0, 1], 3, alpha: new float[2])).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.SoftmaxFocal(x, [0, 3], 3)).ParamName);
    }
}
