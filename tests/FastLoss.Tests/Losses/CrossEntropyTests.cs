using FastLoss.Kernels;

namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.CrossEntropy (class indices, probabilities, spatial): the same bits on every block width, fused == separate,
/// the reduction is the driver's layout, agreement with a double-precision reference and with finite differences,
/// in place, no allocation, no stray writes, argument checks before any write.
/// </summary>
public partial class CrossEntropyTests
{
    private static readonly int[] Widths = [512, 256, 128, 1];

    public static TheoryData<int, int, bool, float, int> Shapes => new()
    {
        // rows, classes, weighted, label smoothing, spatial size
        { 1, 1, false, 0f, 1 },
        { 7, 1, true, 0.1f, 1 },
        { 5, 3, false, 0f, 1 },
        { 9, 10, true, 0f, 1 },
        { 9, 10, true, 0.2f, 1 },
        { 4, 15, false, 0.1f, 1 },
        { 4, 16, true, 0f, 1 },
        { 6, 17, false, 0f, 1 },
        { 3, 33, true, 0.1f, 1 },
        { 40, 64, false, 0f, 1 },
        { 2500, 3, false, 0f, 1 },
        { 700, 20, false, 0f, 1 },
        { 5, 100, true, 0.05f, 1 },
        { 3, 1000, false, 0f, 1 },
        { 2, 1025, true, 0.1f, 1 },
        { 2, 3000, false, 0.3f, 1 },
        { 2, 4, true, 0.1f, 6 },
        { 3, 19, false, 0f, 5 },
        { 2, 70, true, 0f, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Class_indices_are_bit_identical_on_every_width(int rows, int classes, bool weighted, float smoothing, int spatial)
    {
        CeCase p = CeCase.Make(rows, classes, weighted, smoothing, spatial, seed: (rows * 31) + classes);
        Results reference = WithWidth(1, () => Results.Of(p));
        foreach (int width in Widths)
        {
            Results actual = WithWidth(width, () => Results.Of(p));
            actual.AssertSameBits(reference, $"width {width}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Probabilities_are_bit_identical_on_every_width(int rows, int classes, bool weighted, float smoothing, int spatial)
    {
        CeCase p = CeCase.Make(rows, classes, weighted, smoothing, spatial, seed: (rows * 17) + classes, probabilities: true);
        Results reference = WithWidth(1, () => Results.Of(p));
        foreach (int width in Widths)
        {
            Results actual = WithWidth(width, () => Results.Of(p));
            actual.AssertSameBits(reference, $"width {width}");
        }
    }

    [Theory]
    [InlineData(9, 10, 0.0)]
    [InlineData(5, 513, 0.1)]
    [InlineData(3, 1100, 0.0)]
    public void Double_is_bit_identical_on_every_width(int rows, int classes, double smoothing)
    {
        var random = new Random(classes);
        double[] x = Enumerable.Range(0, rows * classes).Select(_ => (random.NextDouble() * 8) - 4).ToArray();
        int[] t = Enumerable.Range(0, rows).Select(i => i == 1 ? -100 : random.Next(classes)).ToArray();
        double[] w = Enumerable.Range(0, classes).Select(_ => random.NextDouble() + 0.1).ToArray();
        double Run(double[] g) => Loss.CrossEntropyWithGradient(x, t, classes, g, weight: w, labelSmoothing: smoothing);
        double[] g1 = new double[x.Length];
        double v1 = WithWidth(1, () => Run(g1));
        foreach (int width in Widths)
        {
            double[] g = new double[x.Length];
            double v = WithWidth(width, () => Run(g));
            Assert.Equal(BitConverter.DoubleToInt64Bits(v1), BitConverter.DoubleToInt64Bits(v));
            Assert.Equal(g1.Select(BitConverter.DoubleToInt64Bits), g.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_equals_separate_and_sum_is_the_driver_sum_of_the_per_sample_losses(int rows, int classes, bool weighted, float smoothing, int spatial)
    {
        CeCase p = CeCase.Make(rows, classes, weighted, smoothing, spatial, seed: classes);
        Results r = Results.Of(p);
        Assert.Equal(Bits(r.Mean), Bits(r.FusedMean));
        Assert.Equal(r.GradientMean.Select(Bits), r.FusedGradientMean.Select(Bits));
        Assert.Equal(r.GradientSum.Select(Bits), r.FusedGradientSum.Select(Bits));
        Assert.Equal(Bits(r.Sum), Bits(r.FusedSum));
        if (smoothing == 0f && !weighted)
        {
            // Σ of the per-sample losses (all ≥ 0) through the element-wise driver: the same layout, so the same bits.
            float driverSum = Loss.L1(r.PerSample, new float[r.PerSample.Length], Reduction.Sum);
            Assert.Equal(Bits(driverSum), Bits(r.Sum == 0f ? 0f : r.Sum)); // |−0| is +0
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_agrees_with_a_double_reference(int rows, int classes, bool weighted, float smoothing, int spatial)
    {
        foreach (bool probabilities in new[] { false, true })
        {
            CeCase p = CeCase.Make(rows, classes, weighted, smoothing, spatial, seed: rows + classes, probabilities: probabilities);
            Results r = Results.Of(p);
            Reference reference = Reference.Of(p);
            double scale = reference.PerSample.Select(Math.Abs).DefaultIfEmpty(0).Max() + 1;
            for (int i = 0; i < reference.PerSample.Length; i++)
            {
                Assert.True(Math.Abs(r.PerSample[i] - reference.PerSample[i]) <= 2e-6 * scale * Math.Sqrt(classes), $"per-sample {i}: {r.PerSample[i]} vs {reference.PerSample[i]}");
            }

            Assert.True(Math.Abs(r.Mean - reference.Mean) <= 4e-6 * scale, $"mean {r.Mean} vs {reference.Mean}");
            double gradientScale = reference.GradientMean.Select(Math.Abs).Max();
            for (int i = 0; i < reference.GradientMean.Length; i++)
            {
                Assert.True(Math.Abs(r.GradientMean[i] - reference.GradientMean[i]) <= 1e-6 * gradientScale, $"gradient {i}: {r.GradientMean[i]} vs {reference.GradientMean[i]}");
            }
        }
    }

    [Theory]
    [InlineData(false, 0.0, false)]
    [InlineData(true, 0.15, false)]
    [InlineData(true, 0.0, true)]
    [InlineData(false, 0.2, true)]
    public void Double_gradient_matches_central_differences(bool weighted, double smoothing, bool probabilities)
    {
        const int Rows = 4, Classes = 5;
        var random = new Random(3);
        double[] x = Enumerable.Range(0, Rows * Classes).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        int[] t = [1, -100, 4, 0];
        double[] soft = Enumerable.Range(0, Rows * Classes).Select(_ => random.NextDouble()).ToArray();
        double[]? w = weighted ? Enumerable.Range(0, Classes).Select(_ => random.NextDouble() + 0.2).ToArray() : null;
        double F(double[] v) => probabilities
            ? Loss.CrossEntropy(v, soft, Classes, weight: w, labelSmoothing: smoothing)
            : Loss.CrossEntropy(v, t, Classes, weight: w, labelSmoothing: smoothing);
        double[] g = new double[x.Length];
        if (probabilities)
        {
            Loss.CrossEntropyGradient(x, soft, Classes, g, weight: w, labelSmoothing: smoothing);
        }
        else
        {
            Loss.CrossEntropyGradient(x, t, Classes, g, weight: w, labelSmoothing: smoothing);
        }

        for (int i = 0; i < x.Length; i++)
        {
            double h = 1e-5;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (F(plus) - F(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"element {i}: analytic {g[i]}, numeric {numeric}");
        }
    }

    [Theory]
    [InlineData(5, 0.1f, true, false)]
    [InlineData(16, 0f, false, false)]
    [InlineData(21, 0.1f, true, false)]
    [InlineData(21, 0f, false, false)]
    [InlineData(5, 0.1f, true, true)]
    [InlineData(16, 0f, false, true)]
    [InlineData(21, 0.1f, true, true)]
    public void Spatial_layout_equals_the_transposed_rows_bit_for_bit(int C, float smoothing, bool weighted, bool probabilities)
    {
        // The strided rows always take the general path; contiguous rows of at most one block take the short one.
        const int N = 3, S = 7;
        CeCase spatial = CeCase.Make(N, C, weighted: weighted, smoothing: smoothing, spatial: S, seed: 5, probabilities: probabilities);
        float[] Transpose(float[] values)
        {
            float[] transposed = new float[values.Length];
            for (int n = 0; n < N; n++)
            {
                for (int c = 0; c < C; c++)
                {
                    for (int s = 0; s < S; s++)
                    {
                        transposed[(((n * S) + s) * C) + c] = values[(((n * C) + c) * S) + s];
                    }
                }
            }

            return transposed;
        }

        Results a = Results.Of(spatial);
        Results b = Results.Of(spatial with { X = Transpose(spatial.X), Soft = spatial.Soft is null ? null : Transpose(spatial.Soft), Spatial = 1 });
        Assert.Equal(Bits(b.Mean), Bits(a.Mean));
        Assert.Equal(Bits(b.FusedSum), Bits(a.FusedSum));
        Assert.Equal(b.PerSample.Select(Bits), a.PerSample.Select(Bits));
        Assert.Equal(Transpose(a.GradientMean).Select(Bits), b.GradientMean.Select(Bits));
        Assert.Equal(Transpose(a.FusedGradientSum).Select(Bits), b.FusedGradientSum.Select(Bits));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Gradient_in_place_equals_out_of_place(bool probabilities)
    {
        CeCase p = CeCase.Make(13, 37, weighted: true, smoothing: 0.1f, spatial: 1, seed: 9, probabilities: probabilities);
        float[] expected = new float[p.X.Length];
        float value = p.Fused(p.X, expected, Reduction.Mean);
        float[] inPlace = (float[])p.X.Clone();
        float inPlaceValue = p.Fused(inPlace, inPlace, Reduction.Mean);
        Assert.Equal(Bits(value), Bits(inPlaceValue));
        Assert.Equal(expected.Select(Bits), inPlace.Select(Bits));
    }

    [Fact]
    public void Writes_nothing_past_the_outputs()
    {
        CeCase p = CeCase.Make(11, 23, weighted: true, smoothing: 0.1f, spatial: 1, seed: 4);
        float[] gradient = Enumerable.Repeat(123f, p.X.Length + 40).ToArray();
        p.Fused(p.X, gradient, Reduction.Sum);
        Assert.All(gradient[p.X.Length..], v => Assert.Equal(123f, v));
        float[] losses = Enumerable.Repeat(123f, p.T.Length + 9).ToArray();
        Loss.CrossEntropy(p.X, p.T, p.Classes, losses.AsSpan(), p.W, p.Ignore, p.Smoothing);
        Assert.All(losses[p.T.Length..], v => Assert.Equal(123f, v));
    }

    [Fact]
    public void Does_not_allocate()
    {
        CeCase p = CeCase.Make(64, 100, weighted: true, smoothing: 0.1f, spatial: 1, seed: 2);
        CeCase q = CeCase.Make(64, 100, weighted: true, smoothing: 0.1f, spatial: 1, seed: 2, probabilities: true);
        float[] gradient = new float[p.X.Length];
        float[] losses = new float[p.T.Length];
        int[] spatialTarget = Enumerable.Range(0, 640).Select(i => i % 10).ToArray();
        void Run()
        {
            Loss.CrossEntropy(p.X, p.T, p.Classes, weight: p.W, ignoreIndex: p.Ignore, labelSmoothing: p.Smoothing);
            Loss.CrossEntropy(p.X, p.T, p.Classes, losses.AsSpan(), p.W, p.Ignore, p.Smoothing);
            Loss.CrossEntropyGradient(p.X, p.T, p.Classes, gradient, p.W, p.Ignore, p.Smoothing);
            Loss.CrossEntropyWithGradient(p.X, p.T, p.Classes, gradient, p.W, p.Ignore, p.Smoothing, Reduction.Sum);
            Loss.CrossEntropyWithGradient(q.X, q.Soft!, q.Classes, gradient, q.W, q.Smoothing);
            Loss.CrossEntropyWithGradient(p.X, spatialTarget, 10, 10, gradient, ignoreIndex: p.Ignore);
            Loss.NllWithGradient(p.X, p.T, p.Classes, gradient, p.W, p.Ignore);
            Loss.SoftmaxFocalWithGradient(p.X, p.T, p.Classes, gradient, 0.5f, 1.5f, p.Ignore);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Torch_edge_cases()
    {
        // Extreme logits (±1e4, ties) are fine; every target ignored → NaN mean, zero gradient; sum 0.
        float[] x = [1e4f, -1e4f, 0f, 1e4f, 88f, 89f, 90f, 710f];
        Assert.Equal(MathF.Log(2f), Loss.CrossEntropy(x.AsSpan(0, 4), [3], 4), 6);
        Assert.Equal(620f, Loss.CrossEntropy(x.AsSpan(4, 4), [2], 4));
        float[] g = new float[8];
        Assert.True(float.IsNaN(Loss.CrossEntropyWithGradient(x, [-100, -100], 4, g)));
        Assert.All(g, v => Assert.Equal(0f, v));
        Assert.Equal(0f, Loss.CrossEntropy(x, [-100, -100], 4, reduction: Reduction.Sum));

        // A target equal to ignoreIndex is not range-checked; negative label smoothing means none (torch).
        Assert.Equal(Loss.CrossEntropy(x, [3, 1], 4), Loss.CrossEntropy(x, [3, 1], 4, labelSmoothing: -0.5f));
        Assert.Equal(Loss.CrossEntropy(x.AsSpan(0, 4), [3], 4), Loss.CrossEntropy(x, [3, 7], 4, ignoreIndex: 7));

        // An ignored row's gradient is NaN where its softmax is (torch's 0 − p·0), else 0.
        float[] nan = [float.NaN, 0f, 1f, 2f, 3f, 4f];
        float[] gn = new float[6];
        Loss.CrossEntropyGradient(nan, [-100, 0], 3, gn);
        Assert.All(gn[..3], v => Assert.True(float.IsNaN(v)));
        Assert.All(gn[3..], v => Assert.False(float.IsNaN(v)));
    }

    [Fact]
    public void One_hot_probabilities_equal_class_indices()
    {
        CeCase p = CeCase.Make(20, 12, weighted: false, smoothing: 0.1f, spatial: 1, seed: 8);
        float[] oneHot = new float[p.X.Length];
        int[] t = p.T.Select(v => v < 0 ? 0 : v).ToArray();
        for (int i = 0; i < t.Length; i++)
        {
            oneHot[(i * p.Classes) + t[i]] = 1f;
        }

        float a = Loss.CrossEntropy(p.X, t, p.Classes, labelSmoothing: 0.1f);
        float b = Loss.CrossEntropy(p.X, oneHot, p.Classes, labelSmoothing: 0.1f);
        Assert.Equal(a, b, 5);
        float[] ga = new float[p.X.Length], gb = new float[p.X.Length];
        Loss.CrossEntropyGradient(p.X, t, p.Classes, ga, labelSmoothing: 0.1f);
        Loss.CrossEntropyGradient(p.X, oneHot, p.Classes, gb, labelSmoothing: 0.1f);
        for (int i = 0; i < ga.Length; i++)
        {
            Assert.Equal(ga[i], gb[i], 6);
        }
    }

    public static TheoryData<string, string> Rejections => new()
    {
        { "input length", "input" },
        { "class out of range", "target" },
        { "negative class", "target" },
        { "weight length", "weight" },
        { "smoothing above 1", "labelSmoothing" },
        { "smoothing NaN", "labelSmoothing" },
        { "class count 0", "classCount" },
        { "spatial 0", "spatialSize" },
        { "spatial not dividing", "target" },
        { "destination short", "destination" },
        { "gradient short", "inputGradient" },
        { "gradient partial overlap", "inputGradient" },
        { "gradient overlaps weight", "inputGradient" },
        { "reduction", "reduction" },
        { "probability target length", "target" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Rejects_bad_arguments_before_writing(string what, string parameter)
    {
        float[] x = Enumerable.Range(0, 12).Select(i => i * 0.1f).ToArray();
        int[] t = [0, 1, 2, 3];
        float[] buffer = Enumerable.Repeat(7f, 40).ToArray();
        Action call = what switch
        {
            "input length" => () => Loss.CrossEntropy(x.AsSpan(1), t, 3),
            "class out of range" => () => Loss.CrossEntropyGradient(x, [0, 1, 2, 3], 3, buffer),
            "negative class" => () => Loss.CrossEntropyWithGradient(x, [0, 1, -1, 2], 3, buffer),
            "weight length" => () => Loss.CrossEntropyGradient(x, [0, 1, 2, 0], 3, buffer, weight: new float[2]),
            "smoothing above 1" => () => Loss.CrossEntropyGradient(x, [0, 1, 2, 0], 3, buffer, labelSmoothing: 1.5f),
            "smoothing NaN" => () => Loss.CrossEntropy(x, [0, 1, 2, 0], 3, labelSmoothing: float.NaN),
            "class count 0" => () => Loss.CrossEntropy(x, [0, 1, 2, 0], 0),
            "spatial 0" => () => Loss.CrossEntropy(x, [0, 1, 2, 0], 3, 0),
            "spatial not dividing" => () => Loss.CrossEntropy(x, [0, 1, 2, 0], 3, 3),
            "destination short" => () => Loss.CrossEntropy(x, [0, 1, 2, 0], 3, buffer.AsSpan(0, 3)),
            "gradient short" => () => Loss.CrossEntropyGradient(x, [0, 1, 2, 0], 3, buffer.AsSpan(0, 11)),
            "gradient partial overlap" => () => Loss.CrossEntropyGradient(buffer.AsSpan(0, 12), [0, 1, 2, 0], 3, buffer.AsSpan(1, 12)),
            "gradient overlaps weight" => () => Loss.CrossEntropyGradient(x, [0, 1, 2, 0], 3, buffer.AsSpan(0, 12), weight: buffer.AsSpan(10, 3)),
            "reduction" => () => Loss.CrossEntropyWithGradient(x, [0, 1, 2, 0], 3, buffer, reduction: (Reduction)7),
            "probability target length" => () => Loss.CrossEntropyGradient(x, new float[11], 3, buffer),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, ex.ParamName);
        if (what != "gradient partial overlap")
        {
            Assert.All(buffer, v => Assert.Equal(7f, v));
        }
    }

    internal static int Bits(float value) => float.IsNaN(value) ? int.MinValue : BitConverter.SingleToInt32Bits(value);

    internal static T WithWidth<T>(int width, Func<T> run)
    {
        RowwiseDriver.ForcedWidth = width;
        try
        {
            return run();
        }
        finally
        {
            RowwiseDriver.ForcedWidth = 0;
        }
    }
}
