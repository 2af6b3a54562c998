namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.PolyCrossEntropy for spatial input [N, C, S]: ε = 0 is the spatial CrossEntropy bit for bit, S = 1 is the
/// [N, C] overloads bit for bit, the spatial layout equals the transposed [N·S, C] rows, the definition and finite
/// differences in double, fused == separate, per-position losses sum to the reduced value, widths agree, checks.
/// </summary>
public class PolyCrossEntropySpatialTests
{
    private static readonly int[] Widths = [512, 256, 128, 1];

    /// <summary>Logits (two extreme), targets (every fifth ignored), optional weights.</summary>
    private static (float[] X, int[] T, float[] W) Make(int n, int c, int s, bool weighted, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, n * c * s).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray();
        if (x.Length > 3)
        {
            x[random.Next(x.Length)] = 60f;
            x[random.Next(x.Length)] = -90f;
        }

        int[] t = Enumerable.Range(0, n * s).Select(i => i % 5 == 3 ? -100 : random.Next(c)).ToArray();
        float[] w = weighted ? Enumerable.Range(0, c).Select(_ => (float)random.NextDouble() + 0.25f).ToArray() : [];
        return (x, t, w);
    }

    /// <summary>[N, C, S] → [N·S, C].</summary>
    private static T[] Transpose<T>(T[] values, int n, int c, int s)
    {
        var transposed = new T[values.Length];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < c; k++)
            {
                for (int j = 0; j < s; j++)
                {
                    transposed[(((i * s) + j) * c) + k] = values[(((i * c) + k) * s) + j];
                }
            }
        }

        return transposed;
    }

    /// <summary>Every output of one spatial call set: mean, sum, per-position, gradients (mean, fused sum).</summary>
    private sealed record Outputs(float Mean, float Sum, float FusedSum, float[] Losses, float[] GradientMean, float[] FusedGradientSum)
    {
        public static Outputs Poly(float[] x, int[] t, int c, int s, float epsilon, float[] w, float smoothing)
        {
            float[] losses = new float[t.Length], g = new float[x.Length], fused = new float[x.Length];
            Loss.PolyCrossEntropy(x, t, c, s, losses, epsilon, w, labelSmoothing: smoothing);
            Loss.PolyCrossEntropyGradient(x, t, c, s, g, epsilon, w, labelSmoothing: smoothing);
            float fusedSum = Loss.PolyCrossEntropyWithGradient(x, t, c, s, fused, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum);
            return new Outputs(
                Loss.PolyCrossEntropy(x, t, c, s, epsilon, w, labelSmoothing: smoothing),
                Loss.PolyCrossEntropy(x, t, c, s, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum),
                fusedSum, losses, g, fused);
        }

        public static Outputs CrossEntropy(float[] x, int[] t, int c, int s, float[] w, float smoothing)
        {
            float[] losses = new float[t.Length], g = new float[x.Length], fused = new float[x.Length];
            Loss.CrossEntropy(x, t, c, s, losses.AsSpan(), w, labelSmoothing: smoothing);
            Loss.CrossEntropyGradient(x, t, c, s, g, w, labelSmoothing: smoothing);
            float fusedSum = Loss.CrossEntropyWithGradient(x, t, c, s, fused, w, labelSmoothing: smoothing, reduction: Reduction.Sum);
            return new Outputs(
                Loss.CrossEntropy(x, t, c, s, weight: w, labelSmoothing: smoothing),
                Loss.CrossEntropy(x, t, c, s, weight: w, labelSmoothing: smoothing, reduction: Reduction.Sum),
                fusedSum, losses, g, fused);
        }

        /// <summary>The [N, C] overloads (no spatialSize argument).</summary>
        public static Outputs PolyRows(float[] x, int[] t, int c, float epsilon, float[] w, float smoothing)
        {
            float[] losses = new float[t.Length], g = new float[x.Length], fused = new float[x.Length];
            Loss.PolyCrossEntropy(x, t, c, losses, epsilon, w, labelSmoothing: smoothing);
            Loss.PolyCrossEntropyGradient(x, t, c, g, epsilon, w, labelSmoothing: smoothing);
            float fusedSum = Loss.PolyCrossEntropyWithGradient(x, t, c, fused, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum);
            return new Outputs(
                Loss.PolyCrossEntropy(x, t, c, epsilon, w, labelSmoothing: smoothing),
                Loss.PolyCrossEntropy(x, t, c, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum),
                fusedSum, losses, g, fused);
        }

        public void AssertSameBits(Outputs expected, Func<float[], float[]>? gradientOrder = null)
        {
            gradientOrder ??= g => g;
            Assert.Equal(CrossEntropyTests.Bits(expected.Mean), CrossEntropyTests.Bits(Mean));
            Assert.Equal(CrossEntropyTests.Bits(expected.Sum), CrossEntropyTests.Bits(Sum));
            Assert.Equal(CrossEntropyTests.Bits(expected.FusedSum), CrossEntropyTests.Bits(FusedSum));
            Assert.Equal(expected.Losses.Select(CrossEntropyTests.Bits), Losses.Select(CrossEntropyTests.Bits));
            Assert.Equal(expected.GradientMean.Select(CrossEntropyTests.Bits), gradientOrder(GradientMean).Select(CrossEntropyTests.Bits));
            Assert.Equal(expected.FusedGradientSum.Select(CrossEntropyTests.Bits), gradientOrder(FusedGradientSum).Select(CrossEntropyTests.Bits));
        }
    }

    public static TheoryData<int, int, int, bool, float> Shapes => new()
    {
        // samples, classes, spatial size, weighted, label smoothing
        { 3, 5, 7, true, 0.1f },
        { 2, 16, 4, false, 0f },
        { 3, 21, 5, true, 0f },
        { 2, 40, 3, false, 0.2f },
        { 4, 1, 6, false, 0f },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Epsilon_zero_is_spatial_cross_entropy_bit_for_bit_on_every_width(int n, int c, int s, bool weighted, float smoothing)
    {
        (float[] x, int[] t, float[] w) = Make(n, c, s, weighted, seed: (n * 31) + c + s);
        foreach (int width in Widths)
        {
            CrossEntropyTests.WithWidth(width, () =>
            {
                Outputs.Poly(x, t, c, s, 0f, w, smoothing).AssertSameBits(Outputs.CrossEntropy(x, t, c, s, w, smoothing));
                return 0;
            });
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Spatial_size_one_is_the_row_overloads_bit_for_bit(int n, int c, int s, bool weighted, float smoothing)
    {
        (float[] x, int[] t, float[] w) = Make(n * s, c, 1, weighted, seed: (n * 17) + c);
        foreach (int width in Widths)
        {
            CrossEntropyTests.WithWidth(width, () =>
            {
                Outputs.Poly(x, t, c, 1, 1.5f, w, smoothing).AssertSameBits(Outputs.PolyRows(x, t, c, 1.5f, w, smoothing));
                return 0;
            });
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Spatial_layout_equals_the_transposed_rows_and_widths_agree(int n, int c, int s, bool weighted, float smoothing)
    {
        (float[] x, int[] t, float[] w) = Make(n, c, s, weighted, seed: (n * 7) + (c * 3) + s);
        float[] rows = Transpose(x, n, c, s);
        Outputs expected = CrossEntropyTests.WithWidth(1, () => Outputs.PolyRows(rows, t, c, 2f, w, smoothing));
        foreach (int width in Widths)
        {
            Outputs actual = CrossEntropyTests.WithWidth(width, () => Outputs.Poly(x, t, c, s, 2f, w, smoothing));
            actual.AssertSameBits(expected, g => Transpose(g, n, c, s));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_equals_separate_and_per_position_losses_sum_to_the_reduced_value(int n, int c, int s, bool weighted, float smoothing)
    {
        (float[] x, int[] t, float[] w) = Make(n, c, s, weighted, seed: c + s);
        Outputs o = Outputs.Poly(x, t, c, s, 1f, w, smoothing);
        float[] fused = new float[x.Length];
        float mean = Loss.PolyCrossEntropyWithGradient(x, t, c, s, fused, 1f, w, labelSmoothing: smoothing);
        Assert.Equal(CrossEntropyTests.Bits(o.Mean), CrossEntropyTests.Bits(mean));
        Assert.Equal(o.GradientMean.Select(CrossEntropyTests.Bits), fused.Select(CrossEntropyTests.Bits));
        Assert.Equal(CrossEntropyTests.Bits(o.Sum), CrossEntropyTests.Bits(o.FusedSum));
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == -100)
            {
                Assert.Equal(0f, o.Losses[i]);
            }
        }

        double total = o.Losses.Sum(v => (double)v);
        Assert.True(Math.Abs(total - o.Sum) <= 1e-5 * (Math.Abs(total) + 1), $"Σ per-position {total}, sum {o.Sum}");
        double weightTotal = t.Where(y => y != -100).Sum(y => w.Length == 0 ? 1.0 : w[y]);
        Assert.True(Math.Abs((total / weightTotal) - o.Mean) <= 1e-5 * (Math.Abs(o.Mean) + 1), $"Σ / Σw {total / weightTotal}, mean {o.Mean}");
    }

    /// <summary>The definition on [N, C, S] in double: CE + ε·w_y·(1 − p_y) per position; the mean is Σ / Σ w_y.</summary>
    private static double Reference(double[] x, int[] t, int c, int s, double epsilon, double[]? w, double smoothing, bool mean)
    {
        double sum = 0, weightTotal = 0;
        for (int r = 0; r < t.Length; r++)
        {
            if (t[r] == -100)
            {
                continue;
            }

            int n = r / s, j = r % s;
            double[] row = Enumerable.Range(0, c).Select(k => x[(((n * c) + k) * s) + j]).ToArray();
            double max = row.Max();
            double lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            double W(int k) => w is null ? 1 : w[k];
            double loss = (1 - smoothing) * W(t[r]) * (lse - row[t[r]]);
            for (int k = 0; k < c; k++)
            {
                loss += smoothing / c * W(k) * (lse - row[k]);
            }

            sum += loss + (epsilon * W(t[r]) * (1 - Math.Exp(row[t[r]] - lse)));
            weightTotal += W(t[r]);
        }

        return mean ? sum / weightTotal : sum;
    }

    [Theory]
    [InlineData(1.0, false, 0.0)]
    [InlineData(2.5, true, 0.1)]
    [InlineData(-1.0, true, 0.0)]
    public void Matches_the_definition_and_finite_differences(double epsilon, bool weighted, double smoothing)
    {
        const int N = 2, C = 4, S = 5;
        var random = new Random(3);
        double[] x = Enumerable.Range(0, N * C * S).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        int[] t = [0, 3, -100, 2, 1, 1, -100, 3, 0, 2];
        double[]? w = weighted ? Enumerable.Range(0, C).Select(_ => random.NextDouble() + 0.2).ToArray() : null;
        Assert.Equal(Reference(x, t, C, S, epsilon, w, smoothing, true), Loss.PolyCrossEntropy(x, t, C, S, epsilon, w, labelSmoothing: smoothing), 12);
        Assert.Equal(Reference(x, t, C, S, epsilon, w, smoothing, false), Loss.PolyCrossEntropy(x, t, C, S, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum), 11);
        double[] g = new double[x.Length];
        Loss.PolyCrossEntropyGradient(x, t, C, S, g, epsilon, w, labelSmoothing: smoothing);
        for (int i = 0; i < x.Length; i++)
        {
            const double H = 1e-5;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (Reference(plus, t, C, S, epsilon, w, smoothing, true) - Reference(minus, t, C, S, epsilon, w, smoothing, true)) / (2 * H);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"element {i}: analytic {g[i]}, numeric {numeric}");
        }

        double[] inPlace = (double[])x.Clone();
        Loss.PolyCrossEntropyWithGradient(inPlace, t, C, S, inPlace, epsilon, w, labelSmoothing: smoothing);
        Assert.Equal(g, inPlace);
    }

    [Fact]
    public void Huge_logits_do_not_overflow()
    {
        // [N = 1, C = 3, S = 2]: position 0 is certain (loss 0), position 1 wrong by 2e4.
        float[] x = [1e4f, -1e4f, -1e4f, 1e4f, 0f, 0f];
        float[] losses = new float[2];
        Loss.PolyCrossEntropy(x, [0, 0], 3, 2, losses, 1f);
        Assert.Equal(0f, losses[0]);
        Assert.Equal(2e4f + 1f, losses[1]);
        float[] g = new float[6];
        Assert.Equal((2e4f + 1f) / 2, Loss.PolyCrossEntropyWithGradient(x, [0, 0], 3, 2, g, 1f));
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] x = new float[12];   // N = 2, C = 3, S = 2
        float[] g = Enumerable.Repeat(7f, 12).ToArray();
        float[] d = Enumerable.Repeat(7f, 4).ToArray();
        int[] t = [0, 1, 2, 0];
        Assert.Equal("spatialSize", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, t, 3, 0, g)).ParamName);
        Assert.Equal("spatialSize", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropy(x, t, 3, -1, d.AsSpan())).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyGradient(x, [0, 1, 3, 0], 3, 2, g)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropy(x, [0, 1, 2], 3, 2, d.AsSpan())).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropy(x, [0, 1, 2, 0, 1, 2], 3, 4, epsilon: 1f)).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyGradient(x, [0, 1], 3, 2, g)).ParamName);
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropy(x, t, 3, 2, d.AsSpan(0, 3))).ParamName);
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, t, 3, 2, g.AsSpan(0, 11))).ParamName);
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, t, 3, 2, g, float.NaN)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyGradient(x, t, 3, 2, g, 1f, new float[2])).ParamName);
        Assert.Equal("labelSmoothing", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyGradient(x, t, 3, 2, g, labelSmoothing: 2f)).ParamName);
        Assert.All(g, v => Assert.Equal(7f, v));
        Assert.All(d, v => Assert.Equal(7f, v));
    }
}
