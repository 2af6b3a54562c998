namespace FastLoss.Tests.Losses;

/// <summary>
/// What <c>[Operand]</c> and <c>[Differentiable]</c> add to the built-ins: element range checks with the first bad
/// element in the message (before anything is written), and the all-gradients overloads (one pass, same bits as the
/// input-only overloads, in place, distinct outputs).
/// </summary>
public class OperandFeaturesTests
{
    public static TheoryData<int> BadIndices => new() { 0, 5, 16, 40, 99 };

    [Theory]
    [MemberData(nameof(BadIndices))]
    public void Bce_names_the_first_input_outside_0_1_and_writes_nothing(int bad)
    {
        float[] x = Enumerable.Range(0, 100).Select(i => 0.01f * (i % 97)).ToArray();
        float[] t = Enumerable.Repeat(1f, 100).ToArray();
        x[bad] = 1.5f;
        if (bad + 3 < x.Length)
        {
            x[bad + 3] = float.NaN;
        }

        float[] destination = Enumerable.Repeat(-7f, 100).ToArray();

        ArgumentException e = Assert.Throws<ArgumentException>(() => Loss.BinaryCrossEntropy(x, t, destination));

        Assert.Equal("input", e.ParamName);
        Assert.Contains($"input[{bad}] is 1.5", e.Message, StringComparison.Ordinal);
        Assert.Contains("all elements of input should be between 0 and 1", e.Message, StringComparison.Ordinal);
        Assert.All(destination, v => Assert.Equal(-7f, v));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1e-300)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1.0000000000000002)]
    public void Bce_rejects_a_target_outside_0_1_including_nan(double value)
    {
        double[] x = Enumerable.Repeat(0.5, 33).ToArray();
        double[] t = Enumerable.Repeat(0.25, 33).ToArray();
        t[32] = value;
        double[] gradient = new double[33];

        ArgumentException e = Assert.Throws<ArgumentException>(() => Loss.BinaryCrossEntropyWithGradient(x, t, gradient));

        Assert.Equal("target", e.ParamName);
        Assert.Contains("target[32]", e.Message, StringComparison.Ordinal);
        Assert.All(gradient, v => Assert.Equal(0.0, v));
        t[32] = 1;
        x[0] = 0;
        Assert.True(double.IsFinite(Loss.BinaryCrossEntropy(x, t)));
    }

    [Fact]
    public void Gaussian_nll_rejects_negative_variance_but_not_minus_zero_or_nan()
    {
        float[] x = [1, 2, 3, 4, 5];
        float[] t = [0, 0, 0, 0, 0];
        Assert.True(float.IsFinite(Loss.GaussianNll(x, t, [1, -0f, 0, 2, 3])));
        Assert.True(float.IsNaN(Loss.GaussianNll(x, t, [1, float.NaN, 0, 2, 3])));

        ArgumentException e = Assert.Throws<ArgumentException>(() => Loss.GaussianNll(x, t, [1, 1, 1, -1e-30f, 1]));
        Assert.Equal("variance", e.ParamName);
        Assert.Contains("variance[3]", e.Message, StringComparison.Ordinal);
        Assert.Contains("var has negative entry", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    public void All_gradients_match_the_input_only_overload_and_fused_equals_separate(Reduction reduction)
    {
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 131).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        float[] t = Enumerable.Range(0, 131).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        float[] v = Enumerable.Range(0, 131).Select(_ => (float)(random.NextDouble() * 2)).ToArray();
        float[] inputOnly = new float[131], input = new float[131], target = new float[131], variance = new float[131];
        float[] fusedInput = new float[131], fusedTarget = new float[131], fusedVariance = new float[131];

        Loss.GaussianNllGradient(x, t, v, inputOnly, reduction);
        Loss.GaussianNllGradients(x, t, v, input, target, variance, reduction);
        float loss = Loss.GaussianNllWithGradients(x, t, v, fusedInput, fusedTarget, fusedVariance, reduction);

        Assert.Equal(inputOnly, input);
        Assert.Equal(input, fusedInput);
        Assert.Equal(target, fusedTarget);
        Assert.Equal(variance, fusedVariance);
        Assert.Equal(Loss.GaussianNll(x, t, v, reduction: reduction), loss);
        float scale = reduction == Reduction.Mean ? 1f / 131 : 1f;
        for (int i = 0; i < 131; i++)
        {
            // d/dtarget = −d/dinput; d/dvar = ½(1/v − d²/v²) with v = max(var, eps).
            Assert.Equal(-input[i], target[i]);
            double w = Math.Max(v[i], 1e-6), d = x[i] - t[i];
            Assert.Equal(scale * 0.5 * ((1 / w) - (d * d / (w * w))), variance[i], 1e-4 * Math.Max(1, Math.Abs(variance[i])));
        }
    }

    [Fact]
    public void Target_gradient_in_place_over_the_target_and_overlapping_gradients_rejected()
    {
        double[] x = Enumerable.Range(0, 70).Select(i => (i * 0.37) - 10).ToArray();
        double[] t = Enumerable.Range(0, 70).Select(i => (i * 0.11) - 3).ToArray();
        double[] expectedInput = new double[70], expectedTarget = new double[70];
        double expected = Loss.HuberWithGradients(x, t, 1.5, expectedInput, expectedTarget, Reduction.Sum);

        double[] inPlace = (double[])t.Clone(), input = new double[70];
        double loss = Loss.HuberWithGradients(x, inPlace, 1.5, input, inPlace, Reduction.Sum);
        Assert.Equal(expected, loss);
        Assert.Equal(expectedInput, input);
        Assert.Equal(expectedTarget, inPlace);

        double[] shared = new double[80];
        ArgumentException e = Assert.Throws<ArgumentException>(() => Loss.HuberGradients(x, t, 1.5, shared.AsSpan(0, 70), shared.AsSpan(10, 70), Reduction.Sum));
        Assert.Equal("targetGradient", e.ParamName);
        Assert.All(shared, s => Assert.Equal(0.0, s));
    }

    [Fact]
    public void L1_target_gradient_is_minus_the_sign_and_zero_at_ties()
    {
        float[] x = [1, 2, 3, float.NaN];
        float[] t = [2, 2, 1, 0];
        float[] input = new float[4], target = new float[4];
        Loss.L1Gradients(x, t, input, target, Reduction.Sum);
        Assert.Equal([-1f, 0f, 1f, 0f], input);
        Assert.Equal([1f, 0f, -1f, 0f], target);
    }
}
