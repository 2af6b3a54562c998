namespace FastLoss.Tests.Losses;

/// <summary>
/// The hand-written gradients of Huber and SmoothL1 at the points where torch's backward is not the derivative of the
/// formula as written: β = 0 (L1's sgn, 0 for NaN), the kinks |d| = δ and |d| = β (torch's double backward is 0 there),
/// and the target gradient as torch's −grad. Each case is repeated along an array of 67 elements so that the vector
/// kernels (all widths) and the scalar tail both see it.
/// </summary>
public class HuberSmoothL1Tests
{
    private const int N = 67;

    [Fact]
    public void SmoothL1_with_beta_zero_has_L1s_gradient_and_0_where_the_difference_is_NaN()
    {
        (double[] x, double[] t) = Repeat(new[] { double.NaN, 0, 2, -2, 0.5, -1e-300 });
        double[] expected = Repeat(new[] { 0.0, 0, 1, -1, 1, -1 }).Input;

        foreach (bool fused in new[] { false, true })
        {
            double[] gradient = new double[N];
            if (fused)
            {
                Assert.True(double.IsNaN(Loss.SmoothL1WithGradient(x, t, 0.0, gradient, Reduction.Sum)));
            }
            else
            {
                Loss.SmoothL1Gradient(x, t, 0.0, gradient, Reduction.Sum);
            }

            Assert.Equal(expected, gradient);
        }

        double[] inputGradient = new double[N], targetGradient = new double[N];
        Loss.SmoothL1Gradients(x, t, 0.0, inputGradient, targetGradient, Reduction.Sum);
        Assert.Equal(expected, inputGradient);
        Assert.Equal(expected.Select(g => g == 0 ? 0 : -g), targetGradient);
    }

    [Fact]
    public void SmoothL1_with_beta_zero_is_L1_forward_including_NaN()
    {
        (double[] x, double[] t) = Repeat(new[] { 0.0, 2, -2, 0.5, double.PositiveInfinity, double.NaN });
        double[] losses = new double[N], l1 = new double[N];
        Loss.SmoothL1(x, t, 0.0, losses);
        Loss.L1(x, t, destination: l1);
        Assert.Equal(l1, losses);
    }

    [Fact]
    public void SmoothL1_gradient_is_d_over_beta_clamped_and_NaN_for_a_NaN_difference()
    {
        (double[] x, double[] t) = Repeat(new[] { 2, -2, 1, 3, -0.5, double.NaN });
        double[] gradient = new double[N];
        Loss.SmoothL1Gradient(x, t, 2.0, gradient, Reduction.Sum);
        Assert.Equal(Repeat(new[] { 1, -1, 0.5, 1, -0.25, double.NaN }).Input, gradient);
    }

    [Fact]
    public void SmoothL1_Hessian_is_one_over_beta_strictly_inside_and_0_at_the_kink_as_torchs_double_backward()
    {
        (double[] x, double[] t) = Repeat(new[] { 2.0, -2, 1, 3, 0 });
        double[] hessian = new double[N];
        Loss.SmoothL1Hessian(x, t, 2.0, hessian, Reduction.Sum);
        Assert.Equal(Repeat(new[] { 0, 0, 0.5, 0, 0.5 }).Input, hessian);

        Loss.SmoothL1Hessian(x, t, 0.0, hessian, Reduction.Sum);
        Assert.All(hessian, h => Assert.Equal(0.0, h));
    }

    [Fact]
    public void Huber_gradient_is_d_clamped_to_delta_and_exactly_d_inside()
    {
        // 2^-1074 is the smallest subnormal: ½d + ½d (the symbolic derivative of ½d²) would give 0 for it.
        (double[] x, double[] t) = Repeat(new[] { 1.5, -1.5, 3, -3, double.Epsilon, 1, double.NaN });
        double[] gradient = new double[N];
        Loss.HuberGradient(x, t, 1.5, gradient, Reduction.Sum);
        Assert.Equal(Repeat(new[] { 1.5, -1.5, 1.5, -1.5, double.Epsilon, 1, double.NaN }).Input, gradient);

        float[] xf = x.Select(v => (float)v).ToArray(), tf = t.Select(v => (float)v).ToArray(), gf = new float[N];
        xf[4] = float.Epsilon;
        Loss.HuberGradient(xf, tf, 1.5f, gf, Reduction.Sum);
        Assert.Equal(float.Epsilon, gf[4]);
    }

    [Fact]
    public void Huber_Hessian_is_1_strictly_inside_and_0_at_the_kink_as_torchs_double_backward()
    {
        (double[] x, double[] t) = Repeat(new[] { 1.5, -1.5, 1, 3, 0 });
        double[] hessian = new double[N];
        Loss.HuberHessian(x, t, 1.5, hessian, Reduction.Sum);
        Assert.Equal(Repeat(new[] { 0.0, 0, 1, 0, 1 }).Input, hessian);
    }

    [Fact]
    public void Target_gradients_are_the_input_gradients_negated_with_negative_zero_where_d_is_zero()
    {
        (double[] x, double[] t) = Repeat(new[] { 0, 0.5, -4, 4, double.NaN });
        double[] inputGradient = new double[N], targetGradient = new double[N];

        Loss.HuberGradients(x, t, 1.0, inputGradient, targetGradient, Reduction.Sum);
        AssertNegated(inputGradient, targetGradient);

        Loss.SmoothL1Gradients(x, t, 2.0, inputGradient, targetGradient, Reduction.Sum);
        AssertNegated(inputGradient, targetGradient);

        static void AssertNegated(double[] input, double[] target)
        {
            for (int i = 0; i < N; i++)
            {
                // Bits, not values: −0 against +0 and NaN against NaN.
                Assert.Equal(BitConverter.DoubleToInt64Bits(-input[i]) & ~(double.IsNaN(input[i]) ? long.MinValue : 0), BitConverter.DoubleToInt64Bits(target[i]) & ~(double.IsNaN(input[i]) ? long.MinValue : 0));
            }
        }
    }

    /// <summary>Inputs whose differences from a zero target repeat <paramref name="differences"/> along N elements.</summary>
    private static (double[] Input, double[] Target) Repeat(double[] differences)
        => (Enumerable.Range(0, N).Select(i => differences[i % differences.Length]).ToArray(), new double[N]);
}
