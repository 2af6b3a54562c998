using FastLoss.Kernels;

namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.CosineEmbedding and Loss.TripletMargin (row-wise, [N, D]): hand-computed values, every gradient against central
/// finite differences in double, fused == separate bit for bit, per-row losses against the reductions, non-negativity,
/// zero at a perfect prediction, in place, and argument checks before any write.
/// </summary>
public class EmbeddingLossTests
{
    private delegate double Scalar(double[][] operands);

    private static double[] Normal(Random random, int n) => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4) - 2).ToArray();

    private static double[] Labels(Random random, int n) => Enumerable.Range(0, n).Select(_ => random.Next(2) == 0 ? 1.0 : -1.0).ToArray();

    /// <summary>Central differences of a scalar function of several operands, with respect to operand <paramref name="which"/>.</summary>
    private static double[] FiniteDifference(Scalar f, double[][] operands, int which, double h = 1e-6)
    {
        double[] x = operands[which];
        var result = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            double saved = x[j];
            x[j] = saved + h;
            double up = f(operands);
            x[j] = saved - h;
            double down = f(operands);
            x[j] = saved;
            result[j] = (up - down) / (2 * h);
        }

        return result;
    }

    private static void Close(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.True(Math.Abs(expected[j] - actual[j]) <= tolerance * (1 + Math.Abs(expected[j])), $"[{j}]: expected {expected[j]}, actual {actual[j]}");
        }
    }

    [Fact]
    public void Cosine_hand_computed_values()
    {
        // Row 0: x1 = (1, 0), x2 = (1, 1): cos = 1/√2 (up to ε), y = 1 → 1 − 1/√2. Row 1: x1 = (1, 0), x2 = (−1, 0), y = −1 → max(0, −1 − 0) = 0.
        double[] x1 = [1, 0, 1, 0], x2 = [1, 1, -1, 0], y = [1, -1];
        double[] losses = new double[2];
        Loss.CosineEmbedding(x1, x2, y, 2, losses);
        Assert.Equal(1 - (1 / Math.Sqrt(2)), losses[0], 11);
        Assert.Equal(0, losses[1]);

        // y = −1 with margin −0.5 and cos = −1: max(0, −1 + 0.5) = 0; cos = 1/√2: 1/√2 + 0.5.
        Assert.Equal((1 / Math.Sqrt(2)) + 0.5, Loss.CosineEmbedding(x1.AsSpan(0, 2), x2.AsSpan(0, 2), [-1.0], 2, -0.5), 11);

        // A zero vector: cos = 0, loss 1 for y = 1; a target that is neither ±1 contributes 0.
        Assert.Equal(1, Loss.CosineEmbedding([0.0, 0], [3.0, 4], [1.0], 2));
        Assert.Equal(0, Loss.CosineEmbedding([1.0, 2], [3.0, 4], [0.0], 2));
    }

    [Fact]
    public void Triplet_hand_computed_values()
    {
        // a = (0, 0), p = (3, 4), n = (6, 8), eps = 0: d(a, p) = 5, d(a, n) = 10, d(p, n) = 5.
        double[] a = [0, 0], p = [3, 4], n = [6, 8];
        Assert.Equal(0, Loss.TripletMargin(a, p, n, 2, margin: 1, eps: 0));
        Assert.Equal(1, Loss.TripletMargin(a, p, n, 2, margin: 1, eps: 0, swap: true), 14);           // min(10, 5) = 5: 1 + 5 − 5
        Assert.Equal(9 + 7 - 14, Loss.TripletMargin(a, p, n, 2, margin: 9, p: 1, eps: 0), 14);       // L1: 7 and 14
        Assert.Equal(4 - 8 + 5, Loss.TripletMargin(a, p, n, 2, margin: 5, p: double.PositiveInfinity, eps: 0), 14);

        // eps is added to the difference: identical rows are ‖(eps, eps)‖ = eps·√2 apart.
        double[] losses = new double[1];
        Loss.TripletMargin(a, a, p, 2, losses, margin: 10, eps: 1e-3);
        Assert.Equal(10 + (1e-3 * Math.Sqrt(2)) - Math.Sqrt(Math.Pow(-3 + 1e-3, 2) + Math.Pow(-4 + 1e-3, 2)), losses[0], 12);
    }

    public static TheoryData<double, double, bool> TripletOptions => new()
    {
        { 1, 2, false }, { 0.5, 2, true }, { 2, 1, false }, { 3, 3, true }, { 2, 1.5, false }, { 2, 0.7, true }, { 4, double.PositiveInfinity, false },
    };

    [Theory]
    [MemberData(nameof(TripletOptions))]
    public void Triplet_gradients_match_finite_differences(double margin, double p, bool swap)
    {
        var random = new Random(17);
        const int N = 5, D = 7;
        double[][] x = [Normal(random, N * D), Normal(random, N * D), Normal(random, N * D)];
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            double[][] g = [new double[N * D], new double[N * D], new double[N * D]];
            Loss.TripletMarginGradients(x[0], x[1], x[2], D, g[0], g[1], g[2], margin, p, 1e-6, swap, reduction);
            for (int k = 0; k < 3; k++)
            {
                Close(FiniteDifference(o => Loss.TripletMargin(o[0], o[1], o[2], D, margin, p, 1e-6, swap, reduction), x, k), g[k], 1e-6);
            }
        }
    }

    [Fact]
    public void Cosine_gradients_match_finite_differences()
    {
        var random = new Random(5);
        const int N = 6, D = 9;
        double[][] x = [Normal(random, N * D), Normal(random, N * D)];
        double[] y = Labels(random, N);
        foreach (double margin in new[] { -0.3, 0, 0.4 })
        {
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                double[][] g = [new double[N * D], new double[N * D]];
                Loss.CosineEmbeddingGradients(x[0], x[1], y, D, g[0], g[1], margin, reduction);
                for (int k = 0; k < 2; k++)
                {
                    Close(FiniteDifference(o => Loss.CosineEmbedding(o[0], o[1], y, D, margin, reduction), x, k), g[k], 1e-6);
                }
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(3, 33)]
    [InlineData(4, 1000)]
    public void Fused_equals_separate_and_rows_sum_to_the_reduction(int n, int d)
    {
        var random = new Random((n * 1000) + d);
        float[] a = Normal(random, n * d).Select(v => (float)v).ToArray(), b = Normal(random, n * d).Select(v => (float)v).ToArray();
        float[] c = Normal(random, n * d).Select(v => (float)v).ToArray(), y = Labels(random, n).Select(v => (float)v).ToArray();
        float[] rows = new float[n];

        Loss.CosineEmbedding(a, b, y, d, rows, 0.2f);
        Assert.All(rows, r => Assert.True(r >= 0));
        float[] g1 = new float[n * d], g2 = new float[n * d], f1 = new float[n * d], f2 = new float[n * d];
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            float value = Loss.CosineEmbedding(a, b, y, d, 0.2f, reduction);
            Assert.Equal(rows.Select(r => (double)r).Sum() / (reduction == Reduction.Mean ? n : 1), value, 5);
            Loss.CosineEmbeddingGradients(a, b, y, d, g1, g2, 0.2f, reduction);
            Assert.Equal(value, Loss.CosineEmbeddingWithGradients(a, b, y, d, f1, f2, 0.2f, reduction));
            Assert.Equal(g1, f1);
            Assert.Equal(g2, f2);
        }

        Loss.TripletMargin(a, b, c, d, rows, 0.5f, 2f, 1e-6f, true);
        Assert.All(rows, r => Assert.True(r >= 0));
        float[] g3 = new float[n * d], f3 = new float[n * d];
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            float value = Loss.TripletMargin(a, b, c, d, 0.5f, 2f, 1e-6f, true, reduction);
            Assert.Equal(rows.Select(r => (double)r).Sum() / (reduction == Reduction.Mean ? n : 1), value, 5);
            Loss.TripletMarginGradients(a, b, c, d, g1, g2, g3, 0.5f, 2f, 1e-6f, true, reduction);
            Assert.Equal(value, Loss.TripletMarginWithGradients(a, b, c, d, f1, f2, f3, 0.5f, 2f, 1e-6f, true, reduction));
            Assert.Equal(g1, f1);
            Assert.Equal(g2, f2);
            Assert.Equal(g3, f3);
        }
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(2, 40)]
    [InlineData(2, 1500)]
    public void Cosine_is_bit_identical_on_every_width_and_sums_rows_in_the_cascade_layout(int n, int d)
    {
        var random = new Random(d);
        float[] a = Normal(random, n * d).Select(v => (float)v).ToArray(), b = Normal(random, n * d).Select(v => (float)v).ToArray();
        float[] y = Labels(random, n).Select(v => (float)v).ToArray();

        // The reference: the three row sums streamed through RowCascade (the element-wise driver's layout), then torch's ops.
        float[] expected = new float[n];
        for (int i = 0; i < n; i++)
        {
            RowCascade<float>.Initialize(out RowCascade<float> dot);
            RowCascade<float>.Initialize(out RowCascade<float> s1);
            RowCascade<float>.Initialize(out RowCascade<float> s2);
            for (int j = i * d; j < (i + 1) * d; j++)
            {
                dot.Add(a[j] * b[j]);
                s1.Add(a[j] * a[j]);
                s2.Add(b[j] * b[j]);
            }

            float cos = dot.Total() / MathF.Sqrt((s1.Total() + 1e-12f) * (s2.Total() + 1e-12f));
            expected[i] = y[i] == 1 ? 1 - cos : MathF.Max(cos, 0);
        }

        foreach (int width in new[] { 512, 256, 128, 1 })
        {
            RowwiseDriver.ForcedWidth = width;
            try
            {
                float[] rows = new float[n], g1 = new float[n * d], g2 = new float[n * d];
                Loss.CosineEmbedding(a, b, y, d, rows);
                Assert.Equal(expected, rows);
                Loss.CosineEmbeddingGradients(a, b, y, d, g1, g2);
                float[] r1 = new float[n * d], r2 = new float[n * d];
                RowwiseDriver.ForcedWidth = 1;
                Loss.CosineEmbeddingGradients(a, b, y, d, r1, r2);
                Assert.Equal(r1, g1);
                Assert.Equal(r2, g2);
            }
            finally
            {
                RowwiseDriver.ForcedWidth = 0;
            }
        }
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(2, 40)]
    [InlineData(2, 1500)]
    public void Triplet_is_bit_identical_on_every_width_and_sums_rows_in_the_cascade_layout(int n, int d)
    {
        var random = new Random(d + 1);
        float[] a = Normal(random, n * d).Select(v => (float)v).ToArray(), b = Normal(random, n * d).Select(v => (float)v).ToArray();
        float[] c = Normal(random, n * d).Select(v => (float)v).ToArray();
        const float Eps = 1e-6f, Margin = 3;

        float Distance(float[] x, float[] y, int row)
        {
            RowCascade<float>.Initialize(out RowCascade<float> squares);
            for (int j = row * d; j < (row + 1) * d; j++)
            {
                float u = x[j] - y[j] + Eps;
                squares.Add(u * u);
            }

            return MathF.Sqrt(squares.Total());
        }

        float[] expected = [.. Enumerable.Range(0, n).Select(i => MathF.Max(Margin + Distance(a, b, i) - MathF.Min(Distance(a, c, i), Distance(b, c, i)), 0))];
        float[][] reference = [new float[n * d], new float[n * d], new float[n * d]];
        RowwiseDriver.ForcedWidth = 1;
        try
        {
            Loss.TripletMarginGradients(a, b, c, d, reference[0], reference[1], reference[2], Margin, 2, Eps, true);
        }
        finally
        {
            RowwiseDriver.ForcedWidth = 0;
        }

        foreach (int width in new[] { 512, 256, 128, 1 })
        {
            RowwiseDriver.ForcedWidth = width;
            try
            {
                float[] rows = new float[n];
                float[][] g = [new float[n * d], new float[n * d], new float[n * d]];
                Loss.TripletMargin(a, b, c, d, rows, Margin, 2, Eps, true);
                Assert.Equal(expected, rows);
                Loss.TripletMarginGradients(a, b, c, d, g[0], g[1], g[2], Margin, 2, Eps, true);
                Assert.Equal(reference, g);
            }
            finally
            {
                RowwiseDriver.ForcedWidth = 0;
            }
        }
    }

    [Fact]
    public void Zero_at_a_perfect_prediction()
    {
        var random = new Random(3);
        double[] x = Normal(random, 12);
        double[] scaled = x.Select(v => 2.5 * v).ToArray();

        // Same direction, y = 1: cos = 1 (up to ε). Opposite directions, y = −1, margin 0: max(0, −1) = 0.
        Assert.Equal(0, Loss.CosineEmbedding(x, scaled, [1.0, 1, 1], 4), 12);
        Assert.Equal(0, Loss.CosineEmbedding(x, scaled.Select(v => -v).ToArray(), [-1.0, -1, -1], 4));

        // The positive on the anchor and the negative far away: max(0, margin + ‖eps‖ − d_neg) = 0.
        double[] far = x.Select(v => v + 100).ToArray();
        Assert.Equal(0, Loss.TripletMargin(x, x, far, 4, swap: true));
        double[] g = new double[12], gp = new double[12], gn = new double[12];
        Loss.TripletMarginGradients(x, x, far, 4, g, gp, gn);
        Assert.All(g.Concat(gp).Concat(gn), v => Assert.Equal(0, v));
    }

    [Fact]
    public void Gradients_in_place_equal_separate_buffers()
    {
        var random = new Random(11);
        double[] a = Normal(random, 20), b = Normal(random, 20), c = Normal(random, 20), y = Labels(random, 4);
        double[] g1 = new double[20], g2 = new double[20], g3 = new double[20];
        Loss.TripletMarginGradients(a, b, c, 5, g1, g2, g3, swap: true);
        double[] a2 = (double[])a.Clone(), b2 = (double[])b.Clone(), c2 = (double[])c.Clone();
        Loss.TripletMarginGradients(a2, b2, c2, 5, a2, b2, c2, swap: true);
        Assert.Equal(g1, a2);
        Assert.Equal(g2, b2);
        Assert.Equal(g3, c2);

        Loss.CosineEmbeddingGradients(a, b, y, 5, g1, g2);
        a2 = (double[])a.Clone();
        b2 = (double[])b.Clone();
        Loss.CosineEmbeddingGradients(a2, b2, y, 5, a2, b2);
        Assert.Equal(g1, a2);
        Assert.Equal(g2, b2);
    }

    [Fact]
    public void Bad_arguments_throw_before_anything_is_written()
    {
        double[] a = [1, 2, 3, 4, 5, 6], b = [6, 5, 4, 3, 2, 1], c = [0, 1, 0, 1, 0, 1];
        double[] g1 = [7, 7, 7, 7, 7, 7], g2 = [7, 7, 7, 7, 7, 7], g3 = [7, 7, 7, 7, 7, 7], rows = [7, 7];

        void Untouched()
        {
            Assert.All(g1.Concat(g2).Concat(g3).Concat(rows), v => Assert.Equal(7, v));
        }

        Assert.Throws<ArgumentOutOfRangeException>("dimension", () => Loss.TripletMargin(a, b, c, 0));
        Assert.Throws<ArgumentException>("anchor", () => Loss.TripletMargin(a, b, c, 4));
        Assert.Throws<ArgumentException>("positive", () => Loss.TripletMargin(a, b.AsSpan(1), c, 3));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g2, g3, margin: 0));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g2, g3, margin: -1));
        Assert.Throws<ArgumentOutOfRangeException>("p", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g2, g3, p: 0));
        Assert.Throws<ArgumentOutOfRangeException>("eps", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g2, g3, eps: double.NaN));
        Assert.Throws<ArgumentException>("negativeGradient", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g2, g3.AsSpan(1)));
        Assert.Throws<ArgumentException>("anchorGradient", () => Loss.TripletMarginGradients(a, b, c, 3, g1, g1, g3));
        Assert.Throws<ArgumentException>("anchorGradient", () => Loss.TripletMarginGradients(a, b, c, 3, b, g2, g3));
        Assert.Throws<ArgumentException>("destination", () => Loss.TripletMargin(a, b, c, 3, rows.AsSpan(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Loss.TripletMarginWithGradients(a, b, c, 3, g1, g2, g3, reduction: (Reduction)42));

        Assert.Throws<ArgumentException>("target", () => Loss.CosineEmbedding(a, b, [1.0], 3));
        Assert.Throws<ArgumentException>("input2", () => Loss.CosineEmbedding(a, b.AsSpan(1), [1.0, 1], 3));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => Loss.CosineEmbeddingGradients(a, b, [1.0, 1], 3, g1, g2, double.NaN));
        Assert.Throws<ArgumentException>("input1Gradient", () => Loss.CosineEmbeddingGradients(a, b, [1.0, 1], 3, g1, g1));
        Assert.Throws<ArgumentException>("input1Gradient", () => Loss.CosineEmbeddingGradients(a, b, [1.0, 1], 3, b, g2));
        Assert.Throws<ArgumentException>("destination", () => Loss.CosineEmbedding(a, b, [1.0, 1], 3, rows.AsSpan(1)));
        Untouched();
    }
}
