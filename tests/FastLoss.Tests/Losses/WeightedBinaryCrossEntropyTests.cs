namespace FastLoss.Tests.Losses;

/// <summary>
/// torch's <c>weight</c> and <c>pos_weight</c> of the binary cross-entropies: broadcast over the rows (classCount =
/// the last dimension) exactly like the same weights expanded per element, the unweighted loss for unit weights,
/// gradients against finite differences, and the argument checks.
/// </summary>
public class WeightedBinaryCrossEntropyTests
{
    public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 7, 3 }, { 40, 17 }, { 9, 100 }, { 300, 5 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Per_class_weights_equal_the_expanded_weights_bit_for_bit(int rows, int classes)
    {
        (float[] x, float[] t, float[] w, float[] p) = Data(rows, classes, 1);
        float[] wFull = Expand(w, rows), pFull = Expand(p, rows);
        int n = rows * classes;
        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Assert.Equal(Loss.BinaryCrossEntropyWithLogits(x, t, classes, wFull, pFull, r), Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, r));
            float[] g1 = new float[n], g2 = new float[n];
            float l1 = Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, classes, wFull, pFull, g1, r);
            float l2 = Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, classes, w, p, g2, r);
            Assert.Equal(l1, l2);
            Assert.Equal(g1, g2);
            Loss.BinaryCrossEntropyWithLogitsGradient(x, t, classes, w, p, g1, r);
            Assert.Equal(g1, g2);

            float[] probabilities = Array.ConvertAll(x, v => 1f / (1f + MathF.Exp(-v)));
            Assert.Equal(Loss.BinaryCrossEntropy(probabilities, t, classes, wFull, r), Loss.BinaryCrossEntropy(probabilities, t, classes, w, r));
            Assert.Equal(
                Loss.BinaryCrossEntropyWithGradient(probabilities, t, classes, wFull, g1, r),
                Loss.BinaryCrossEntropyWithGradient(probabilities, t, classes, w, g2, r));
            Assert.Equal(g1, g2);
        }

        float[] d1 = new float[n], d2 = new float[n];
        Loss.BinaryCrossEntropyWithLogits(x, t, classes, wFull, pFull, d1);
        Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, d2);
        Assert.Equal(d1, d2);
        Loss.BinaryCrossEntropyWithLogitsHessian(x, t, classes, wFull, pFull, d1, Reduction.Sum);
        Loss.BinaryCrossEntropyWithLogitsHessian(x, t, classes, w, p, d2, Reduction.Sum);
        Assert.Equal(d1, d2);

        // A single weight is every element's weight.
        Assert.Equal(
            Loss.BinaryCrossEntropyWithLogits(x, t, classes, Enumerable.Repeat(w[0], n).ToArray(), [], Reduction.Sum),
            Loss.BinaryCrossEntropyWithLogits(x, t, classes, [w[0]], [], Reduction.Sum));
    }

    [Fact]
    public void Unit_or_no_weights_give_the_unweighted_loss_bit_for_bit()
    {
        (float[] x, float[] t, _, _) = Data(31, 9, 2);
        float[] ones = Enumerable.Repeat(1f, 9).ToArray();
        float[] probabilities = Array.ConvertAll(x, v => 1f / (1f + MathF.Exp(-v)));
        foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
        {
            Assert.Equal(Loss.BinaryCrossEntropyWithLogits(x, t, r), Loss.BinaryCrossEntropyWithLogits(x, t, 9, ones, ones, r));
            Assert.Equal(Loss.BinaryCrossEntropyWithLogits(x, t, r), Loss.BinaryCrossEntropyWithLogits(x, t, 9, [], [], r));
            Assert.Equal(Loss.BinaryCrossEntropy(probabilities, t, r), Loss.BinaryCrossEntropy(probabilities, t, 9, ones, r));
            float[] g1 = new float[x.Length], g2 = new float[x.Length];
            Loss.BinaryCrossEntropyWithLogitsGradient(x, t, g1, r);
            Loss.BinaryCrossEntropyWithLogitsGradient(x, t, 9, [], ones, g2, r);
            Assert.Equal(g1, g2);
            Loss.BinaryCrossEntropyGradient(probabilities, t, g1, r);
            Loss.BinaryCrossEntropyGradient(probabilities, t, 9, [1f], g2, r);
            Assert.Equal(g1, g2);
        }
    }

    [Fact]
    public void Matches_torchs_formula_and_finite_differences_in_double()
    {
        const int Rows = 6, Classes = 4;
        var random = new Random(3);
        double[] x = Enumerable.Range(0, Rows * Classes).Select(_ => (random.NextDouble() * 8) - 4).ToArray();
        double[] t = Enumerable.Range(0, Rows * Classes).Select(_ => random.NextDouble()).ToArray();
        double[] w = [0.5, 2, -1, 0];
        double[] p = [3, 0.25, 1, 0];
        double[] losses = new double[x.Length];
        Loss.BinaryCrossEntropyWithLogits(x, t, Classes, w, p, losses);
        for (int i = 0; i < x.Length; i++)
        {
            double logSigmoid = -Math.Log(1 + Math.Exp(-x[i]));
            double expected = w[i % Classes] * (((1 - t[i]) * x[i]) - ((1 + ((p[i % Classes] - 1) * t[i])) * logSigmoid));
            Assert.Equal(expected, losses[i], 1e-12);
        }

        Assert.Equal(losses.Sum() / x.Length, Loss.BinaryCrossEntropyWithLogits(x, t, Classes, w, p), 1e-13);
        double[] gradient = new double[x.Length];
        Loss.BinaryCrossEntropyWithLogitsGradient(x, t, Classes, w, p, gradient);
        double[] probabilities = Array.ConvertAll(x, v => 1 / (1 + Math.Exp(-v)));
        double[] bceGradient = new double[x.Length];
        Loss.BinaryCrossEntropyGradient(probabilities, t, Classes, w, bceGradient, Reduction.Sum);
        const double h = 1e-6;
        for (int i = 0; i < x.Length; i++)
        {
            double[] up = (double[])x.Clone(), down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (Loss.BinaryCrossEntropyWithLogits(up, t, Classes, w, p) - Loss.BinaryCrossEntropyWithLogits(down, t, Classes, w, p)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-8, $"[{i}]: {gradient[i]} vs {numeric}");

            // BCE on probabilities: torch's gradient w·(x − t)/((1 − x)x), away from the clamps.
            double pi = probabilities[i];
            Assert.Equal(w[i % Classes] * (pi - t[i]) / ((1 - pi) * pi), bceGradient[i], 1e-9 * Math.Max(1, Math.Abs(bceGradient[i])));
        }
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] x = [0.5f, 0.25f, 0.75f, 0.5f, 0.1f, 0.9f], t = [1, 0, 1, 0, 1, 0], g = [7, 7, 7, 7, 7, 7];
        void Unchanged() => Assert.All(g, v => Assert.Equal(7f, v));
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyWithLogits(x, t, 3, [1f, 2f], [])).ParamName);
        Assert.Equal("posWeight", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, 3, [], [1f, 2f, 3f, 4f], g)).ParamName);
        Assert.Equal("classCount", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, 4, [], [], g)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropy(x, t, 0, [], g)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyGradient(x, [1f, 0f], 3, [], g)).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyGradient([0.5f, 0.5f, float.NaN], [1f, 0f, 1f], 3, [2f], g)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropy([0.5f, 0.5f, 0.5f], [1f, 0f, 1.0000001f], 3, [2f])).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, 3, [], [], g, Reduction.BatchMean)).ParamName);
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => Loss.BinaryCrossEntropyWithLogits(x, t, 3, [], [], g.AsSpan(0, 5))).ParamName);
        Unchanged();

        // Zero, negative and NaN weights are used as given; an empty input is fine with per-class weights.
        Assert.True(float.IsNaN(Loss.BinaryCrossEntropyWithLogits(x, t, 3, [1f, float.NaN, 1f], [])));
        Assert.True(float.IsNaN(Loss.BinaryCrossEntropyWithLogits(Array.Empty<float>(), [], 3, [1f, 2f, 3f], [4f, 5f, 6f])));
        Assert.Equal(0f, Loss.BinaryCrossEntropy(Array.Empty<float>(), [], 3, [1f, 2f, 3f], Reduction.Sum));
    }

    private static (float[] X, float[] T, float[] W, float[] P) Data(int rows, int classes, int seed)
    {
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((random.NextDouble() * 10) - 5)).ToArray();
        float[] t = Enumerable.Range(0, rows * classes).Select(_ => random.Next(3) / 2f).ToArray();
        float[] w = Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
        float[] p = Enumerable.Range(0, classes).Select(_ => (float)(random.NextDouble() * 4)).ToArray();
        return (x, t, w, p);
    }

    private static float[] Expand(float[] perClass, int rows) => Enumerable.Range(0, rows).SelectMany(_ => perClass).ToArray();
}
