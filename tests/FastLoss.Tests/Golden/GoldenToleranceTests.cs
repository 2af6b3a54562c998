using FastLoss.Tests.Golden.Adapters;

namespace FastLoss.Tests.Golden;

/// <summary>
/// The comparison itself: the norm-wise bound and the allowance for cancelling gradients must let torch's rounding
/// through and still reject a wrong value.
/// </summary>
public class GoldenToleranceTests
{
    private const string CancellingCase = "cosine_embedding_loss/0018";

    [Fact]
    public void Norm_wise_bound_is_relative_to_the_largest_element()
    {
        Assert.True(GoldenTolerance.Matches(1.0, 1.0 + 5e-13, 1e-12, 1.0));
        Assert.False(GoldenTolerance.Matches(1.0, 1.0 + 3e-12, 1e-12, 1.0));
        Assert.True(GoldenTolerance.Matches(1e-20, 1e-13, 1e-12, 1.0));
        Assert.False(GoldenTolerance.Matches(double.NaN, 0, 1e-12, 1.0));
        Assert.False(GoldenTolerance.Matches(double.PositiveInfinity, double.MaxValue, 1e-12, 1.0));
        Assert.True(GoldenTolerance.Matches(-0.0, 0.0, 1e-12, 0));
    }

    [Fact]
    public void Cancelling_cosine_gradient_needs_the_term_allowance_and_gets_no_more()
    {
        GoldenCase c = GoldenFile.Load("cosine_embedding_loss").Cases.Single(x => x.Id == CancellingCase);
        double[] x1 = c.Inputs["input1"].Data, x2 = c.Inputs["input2"].Data, target = c.Inputs["target"].Data;
        double margin = c.Number("margin", 0.0);
        double[] expected = c.Results["sum"].Gradients["input1"]!;
        var actual = new double[x1.Length];
        var unused = new double[x1.Length];
        Loss.CosineEmbeddingGradients(x1, x2, target, 1, actual, unused, margin, Reduction.Sum);

        double rtol = GoldenTolerance.Float64;
        double scale = GoldenTolerance.NormScale(expected);
        double[] allowance = GoldenTolerance.TermAllowance(new CosineEmbeddingAdapter().GradientTerms(c, "input1", Reduction.Sum), "float64")!;

        // Row 1 (cos = 1 − 4e-13): terms ≈ 0.99 cancel to −1.2e-13; torch's den is one ulp higher (MKL's sqrt), so the
        // values differ by ~1.5 unit roundoffs of the terms: far outside the norm-wise bound (5e-22) ...
        Assert.False(GoldenTolerance.Matches(expected[1], actual[1], rtol, scale));
        Assert.True(GoldenTolerance.Matches(expected[1], actual[1], rtol, scale, allowance[1]));

        // ... and the allowance is 16 u of the terms (~1.7e-15), 1 % of the value: no formula mistake fits in it.
        Assert.InRange(allowance[1], 1e-15, 3e-15);
        Assert.False(GoldenTolerance.Matches(expected[1], 0.0, rtol, scale, allowance[1]));                 // ε ignored: exactly 0
        Assert.False(GoldenTolerance.Matches(expected[1], -expected[1], rtol, scale, allowance[1]));        // wrong sign
        Assert.False(GoldenTolerance.Matches(expected[1], expected[1] * 1.05, rtol, scale, allowance[1]));  // 5 % off
        Assert.False(GoldenTolerance.Matches(expected[1], 2 * actual[1], rtol, scale, allowance[1]));       // a factor 2

        // Rows where nothing cancels gain nothing measurable: the allowance stays below the norm-wise bound's own scale.
        Assert.Equal(0, allowance[2]);   // y = −1 below the margin: no term
        Assert.True(allowance[4] < 1e-4 * Math.Abs(expected[4]));
    }

    [Fact]
    public void Non_finite_terms_add_no_allowance()
    {
        double[] allowance = GoldenTolerance.TermAllowance([double.NaN, double.PositiveInfinity, 1.0], "float64")!;
        Assert.Equal([0, 0, 16 * Math.ScaleB(1, -53)], allowance);
        Assert.Null(GoldenTolerance.TermAllowance(null, "float32"));
    }
}
