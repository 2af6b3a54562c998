namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.PolyCrossEntropy: ε = 0 is CrossEntropy bit for bit (every output, every width, short and long rows), the
/// definition and finite differences in double, hand-computed values, ±1e4 logits, fused == separate, widths, checks.
/// </summary>
public class PolyCrossEntropyTests
{
    private static readonly int[] Widths = [512, 256, 128, 1];

    /// <summary>CE_i + ε·w_y·(1 − p_y) from the definition, in double; the mean is Σ / Σ w_y.</summary>
    private static double Reference(double[] x, int[] t, int c, double epsilon, double[]? w, double smoothing, bool mean, double[]? perSample = null)
    {
        double sum = 0, weightTotal = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] == -100)
            {
                continue;
            }

            double[] row = x.Skip(i * c).Take(c).ToArray();
            double max = row.Max();
            double lse = max + Math.Log(row.Sum(v => Math.Exp(v - max)));
            double W(int k) => w is null ? 1 : w[k];
            double ce = (1 - smoothing) * W(t[i]) * (lse - row[t[i]]);
            for (int k = 0; k < c; k++)
            {
                ce += smoothing / c * W(k) * (lse - row[k]);
            }

            double loss = ce + (epsilon * W(t[i]) * (1 - Math.Exp(row[t[i]] - lse)));
            if (perSample is not null)
            {
                perSample[i] = loss;
            }

            sum += loss;
            weightTotal += W(t[i]);
        }

        return mean ? sum / weightTotal : sum;
    }

    [Theory]
    [InlineData(1.0, false, 0.0)]
    [InlineData(2.5, true, 0.0)]
    [InlineData(-1.0, false, 0.1)]
    [InlineData(1.0, true, 0.2)]
    public void Matches_the_definition_and_finite_differences(double epsilon, bool weighted, double smoothing)
    {
        const int N = 6, C = 7;
        var random = new Random(21);
        double[] x = Enumerable.Range(0, N * C).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        int[] t = [0, 3, -100, 6, 2, 2];
        double[]? w = weighted ? Enumerable.Range(0, C).Select(_ => random.NextDouble() + 0.2).ToArray() : null;
        double[] expectedLosses = new double[N];
        Assert.Equal(Reference(x, t, C, epsilon, w, smoothing, true, expectedLosses), Loss.PolyCrossEntropy(x, t, C, epsilon, w, labelSmoothing: smoothing), 12);
        Assert.Equal(Reference(x, t, C, epsilon, w, smoothing, false), Loss.PolyCrossEntropy(x, t, C, epsilon, w, labelSmoothing: smoothing, reduction: Reduction.Sum), 11);
        double[] losses = new double[N];
        Loss.PolyCrossEntropy(x, t, C, losses, epsilon, w, labelSmoothing: smoothing);
        for (int i = 0; i < N; i++)
        {
            Assert.Equal(expectedLosses[i], losses[i], 12);
        }

        double[] g = new double[x.Length];
        Loss.PolyCrossEntropyGradient(x, t, C, g, epsilon, w, labelSmoothing: smoothing);
        for (int i = 0; i < x.Length; i++)
        {
            const double H = 1e-5;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (Reference(plus, t, C, epsilon, w, smoothing, true) - Reference(minus, t, C, epsilon, w, smoothing, true)) / (2 * H);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"element {i}: analytic {g[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Hand_computed_values()
    {
        // C = 2, logits (0, ln 3): p_0 = 1/4, p_1 = 3/4.
        double[] x = [0, Math.Log(3)];
        Assert.Equal(Math.Log(4) + (2 * 0.75), Loss.PolyCrossEntropy(x, [0], 2, 2.0), 15);
        Assert.Equal(Math.Log(4.0 / 3) + (2 * 0.25), Loss.PolyCrossEntropy(x, [1], 2, 2.0), 15);

        // Logits of ±1e4: p = 1 gives exactly 0, p ≈ 0 gives 2e4 + ε; the gradient is finite.
        float[] big = [1e4f, -1e4f, 0f, -1e4f, 1e4f, 0f];
        float[] g = new float[6];
        float[] losses = new float[2];
        Loss.PolyCrossEntropy(big, [0, 0], 3, losses, 1f);
        Assert.Equal(0f, losses[0]);
        Assert.Equal(2e4f + 1f, losses[1]);
        float mean = Loss.PolyCrossEntropyWithGradient(big, [0, 0], 3, g, 1f);
        Assert.Equal((2e4f + 1f) / 2, mean);
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(-0.5f, g[3]);
    }

    public static TheoryData<int, int, bool, float> Shapes => new()
    {
        // rows, classes, weighted, label smoothing: C ≤ 16 takes CrossEntropy's short-row path, C > 1024 its long pass.
        { 5, 3, false, 0f },
        { 9, 10, true, 0.2f },
        { 4, 16, true, 0f },
        { 6, 17, false, 0.1f },
        { 33, 45, true, 0f },
        { 2, 1025, true, 0.1f },
        { 1, 1, false, 0f },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Epsilon_zero_is_cross_entropy_bit_for_bit(int rows, int classes, bool weighted, float smoothing)
    {
        var random = new Random((rows * 7) + classes);
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((random.NextDouble() * 12) - 6)).ToArray();
        int[] t = Enumerable.Range(0, rows).Select(i => i % 4 == 1 ? -100 : random.Next(classes)).ToArray();
        float[] w = weighted ? Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() + 0.1)).ToArray() : [];
        foreach (int width in Widths)
        {
            CrossEntropyTests.WithWidth(width, () =>
            {
                foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
                {
                    Assert.Equal(
                        CrossEntropyTests.Bits(Loss.CrossEntropy(x, t, classes, w, labelSmoothing: smoothing, reduction: reduction)),
                        CrossEntropyTests.Bits(Loss.PolyCrossEntropy(x, t, classes, 0f, w, labelSmoothing: smoothing, reduction: reduction)));
                    float[] gc = new float[x.Length], gp = new float[x.Length];
                    float vc = Loss.CrossEntropyWithGradient(x, t, classes, gc, w, labelSmoothing: smoothing, reduction: reduction);
                    float vp = Loss.PolyCrossEntropyWithGradient(x, t, classes, gp, 0f, w, labelSmoothing: smoothing, reduction: reduction);
                    Assert.Equal(CrossEntropyTests.Bits(vc), CrossEntropyTests.Bits(vp));
                    Assert.Equal(gc.Select(CrossEntropyTests.Bits), gp.Select(CrossEntropyTests.Bits));
                }

                float[] lc = new float[rows], lp = new float[rows];
                Loss.CrossEntropy(x, t, classes, lc, w, labelSmoothing: smoothing);
                Loss.PolyCrossEntropy(x, t, classes, lp, 0f, w, labelSmoothing: smoothing);
                Assert.Equal(lc.Select(CrossEntropyTests.Bits), lp.Select(CrossEntropyTests.Bits));
                return 0;
            });
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_equals_separate_and_widths_agree(int rows, int classes, bool weighted, float smoothing)
    {
        var random = new Random((rows * 13) + classes);
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((random.NextDouble() * 12) - 6)).ToArray();
        int[] t = Enumerable.Range(0, rows).Select(i => i % 5 == 2 ? -100 : random.Next(classes)).ToArray();
        float[] w = weighted ? Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() + 0.1)).ToArray() : [];
        (float Value, float[] Gradient, float[] Losses, float Sum) Run()
        {
            float[] g = new float[x.Length], gSeparate = new float[x.Length], losses = new float[rows];
            float value = Loss.PolyCrossEntropyWithGradient(x, t, classes, g, 1.5f, w, labelSmoothing: smoothing);
            Assert.Equal(CrossEntropyTests.Bits(value), CrossEntropyTests.Bits(Loss.PolyCrossEntropy(x, t, classes, 1.5f, w, labelSmoothing: smoothing)));
            Loss.PolyCrossEntropyGradient(x, t, classes, gSeparate, 1.5f, w, labelSmoothing: smoothing);
            Assert.Equal(g.Select(CrossEntropyTests.Bits), gSeparate.Select(CrossEntropyTests.Bits));
            Loss.PolyCrossEntropy(x, t, classes, losses, 1.5f, w, labelSmoothing: smoothing);
            return (value, g, losses, Loss.PolyCrossEntropy(x, t, classes, 1.5f, w, labelSmoothing: smoothing, reduction: Reduction.Sum));
        }

        var reference = CrossEntropyTests.WithWidth(1, Run);
        double perSampleTotal = reference.Losses.Sum(v => (double)v);
        Assert.True(Math.Abs(perSampleTotal - reference.Sum) <= 1e-5 * (Math.Abs(perSampleTotal) + 1), $"Σ per-sample {perSampleTotal}, sum {reference.Sum}");
        foreach (int width in Widths)
        {
            var actual = CrossEntropyTests.WithWidth(width, Run);
            Assert.Equal(CrossEntropyTests.Bits(reference.Value), CrossEntropyTests.Bits(actual.Value));
            Assert.Equal(reference.Gradient.Select(CrossEntropyTests.Bits), actual.Gradient.Select(CrossEntropyTests.Bits));
            Assert.Equal(reference.Losses.Select(CrossEntropyTests.Bits), actual.Losses.Select(CrossEntropyTests.Bits));
        }
    }

    [Fact]
    public void In_place_gradient_equals_out_of_place()
    {
        double[] x = Enumerable.Range(0, 5 * 20).Select(i => Math.Sin(i * 0.7) * 5).ToArray();
        int[] t = [3, 19, -100, 0, 7];
        double[] g = new double[x.Length];
        double v = Loss.PolyCrossEntropyWithGradient(x, t, 20, g, 1d, labelSmoothing: 0.1);
        double[] inPlace = (double[])x.Clone();
        Assert.Equal(v, Loss.PolyCrossEntropyWithGradient(inPlace, t, 20, inPlace, 1d, labelSmoothing: 0.1));
        Assert.Equal(g, inPlace);
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] x = new float[6];
        float[] g = Enumerable.Repeat(7f, 6).ToArray();
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 1], 3, g, float.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 1], 3, g, float.PositiveInfinity)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 3], 3, g)).ParamName);
        Assert.Equal("labelSmoothing", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 1], 3, g, labelSmoothing: 1.5f)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 1], 3, g, 1f, new float[2])).ParamName);
        Assert.Equal("classCount", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyWithGradient(x, [0, 1], 0, g)).ParamName);
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => Loss.PolyCrossEntropyGradient(x, [0, 1], 3, g.AsSpan(0, 5))).ParamName);
        Assert.All(g, v => Assert.Equal(7f, v));
    }
}
