namespace FastLoss.Tests.Losses;

/// <summary>Loss.Nll: torch's formulas, consistency with cross-entropy, in place, argument checks.</summary>
public class NllTests
{
    [Fact]
    public void Cross_entropy_is_nll_of_log_softmax()
    {
        const int N = 37, C = 13;
        var random = new Random(1);
        double[] x = Enumerable.Range(0, N * C).Select(_ => (random.NextDouble() * 6) - 3).ToArray();
        int[] t = Enumerable.Range(0, N).Select(i => i % 7 == 0 ? -100 : random.Next(C)).ToArray();
        double[] w = Enumerable.Range(0, C).Select(_ => random.NextDouble() + 0.5).ToArray();
        double[] logSoftmax = new double[x.Length];
        for (int i = 0; i < N; i++)
        {
            double max = x.Skip(i * C).Take(C).Max();
            double lse = Math.Log(x.Skip(i * C).Take(C).Sum(v => Math.Exp(v - max)));
            for (int c = 0; c < C; c++)
            {
                logSoftmax[(i * C) + c] = x[(i * C) + c] - max - lse;
            }
        }

        Assert.Equal(Loss.CrossEntropy(x, t, C, weight: w), Loss.Nll(logSoftmax, t, C, weight: w), 12);
        Assert.Equal(Loss.CrossEntropy(x, t, C, w, reduction: Reduction.Sum), Loss.Nll(logSoftmax, t, C, w, reduction: Reduction.Sum), 11);
    }

    [Fact]
    public void Gradient_is_minus_weight_over_total_at_the_target_only_and_in_place_works()
    {
        float[] x = [float.NaN, -1f, -2f, -1f, float.PositiveInfinity, -2f, -0.5f, -0.25f, -3f];
        int[] t = [1, 2, -100];
        float[] w = [1f, 2f, 4f];
        float[] g = new float[9];
        float loss = Loss.NllWithGradient(x, t, 3, g, w);
        Assert.Equal(((2f * 1f) + (4f * 2f)) / 6f, loss);
        Assert.Equal([0f, -2f / 6f, 0f, 0f, 0f, -4f / 6f, 0f, 0f, 0f], g);
        float[] inPlace = (float[])x.Clone();
        Loss.NllGradient(inPlace, t, 3, inPlace, w);
        Assert.Equal(g, inPlace);
        Assert.True(float.IsNaN(Loss.Nll(x, [-100, -100, -100], 3)));
        Assert.Equal(0f, Loss.Nll(x, [-100, -100, -100], 3, reduction: Reduction.Sum));
    }

    [Fact]
    public void Spatial_reads_classes_a_spatial_size_apart()
    {
        // input [1, 2, 3]: class 0 = {-1, -2, -3}, class 1 = {-4, -5, -6}; targets per position {1, 0, 1}.
        float[] x = [-1f, -2f, -3f, -4f, -5f, -6f];
        float[] d = new float[3];
        Loss.Nll(x, [1, 0, 1], 2, 3, d.AsSpan());
        Assert.Equal([4f, 2f, 6f], d);
        float[] g = new float[6];
        Loss.NllGradient(x, [1, 0, 1], 2, 3, g, reduction: Reduction.Sum);
        Assert.Equal([0f, -1f, 0f, -1f, 0f, -1f], g);
    }

    [Fact]
    public void Rejects_bad_arguments()
    {
        float[] x = new float[6];
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.Nll(x, [0, 3], 3)).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => Loss.Nll(x, [0, 1, 2], 3)).ParamName);
        Assert.Equal("weight", Assert.ThrowsAny<ArgumentException>(() => Loss.Nll(x, [0, 1], 3, weight: new float[2])).ParamName);
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => Loss.NllGradient(x, [0, 1], 3, new float[5])).ParamName);
        Assert.Equal("reduction", Assert.ThrowsAny<ArgumentException>(() => Loss.Nll(x, [0, 1], 3, reduction: (Reduction)9)).ParamName);
    }
}
