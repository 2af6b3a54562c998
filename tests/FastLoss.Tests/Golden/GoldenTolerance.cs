using System.Globalization;

namespace FastLoss.Tests.Golden;

/// <summary>
/// The comparison suggested by shared/golden/README.md ("Tolerances"), element by element:
/// <c>|actual − expected| ≤ rtol·|expected| + rtol·S</c>, NaN matches only NaN, ±∞ only the same infinity, −0 == 0.
/// </summary>
/// <remarks>
/// <para>Why these numbers. The golden values are not exact math and not bit-reproducible: regenerating them on
/// other SIMD paths of the same libtorch moved some losses by up to 2e-6 (float32) / 2e-15 (float64) relative to the
/// largest magnitude in the tensor, and against an independent float64 reference torch itself is off by up to ~4e-6
/// of max(|v|, 1) in float32 and ~3e-13 in float64. FastLoss makes its own (equally valid) rounding choices —
/// different formulas for log σ, a pairwise sum instead of torch's, 1/n scaling instead of a division — so bit
/// equality is not a meaningful contract.</para>
/// <para>rtol = 1e-5 for float32 is about 80 ulp (2^-24 ≈ 6e-8): above torch's own 2e-6–4e-6 spread plus FastLoss's few
/// ulp, yet far below any real mistake (a wrong branch, a missing ½, a 1/n vs 1/(n−1), a wrong sign at a kink all
/// show up at ≥ 1e-3). rtol = 1e-12 for float64 is the same reasoning at 2^-53 ≈ 1.1e-16: ~3e-13 of torch error with
/// headroom, still ~1e4 ulp below a genuine bug.</para>
/// <para>The S floor: for the unreduced output and for gradients S is the largest finite |expected| in the tensor, a
/// norm-wise bound, because tiny elements next to large ones (and subnormal results) carry absolute, not relative,
/// errors. For the 0-d mean/sum S is the mean/sum of |x| over the finite values of the case's 'none' output, since a
/// reduction of mixed-sign terms can cancel to far less than its terms while its rounding error scales with the terms.
/// Gradients at kinks are exact conventions (0, ±1, ±δ) and this bound still catches them: a wrong subgradient differs
/// by the full scale S.</para>
/// <para>Cancelling gradients: where a loss's gradient is torch's sum of terms that cancel (cosine_embedding_loss at
/// D = 1: x2/den − cos·x1/m1 ≈ 1e-13 from terms ≈ 1), one rounding difference in an intermediate moves the result by
/// an ulp of the terms, not of the result. Torch computes den = sqrt(m1·m2) with MKL VML's HA sqrt (ATen's vml.h), which
/// is not correctly rounded: in cosine_embedding_loss/0018 it rounds a root 0.495 ulp from the lower neighbour up,
/// and the two gradients of that row move by 1.5 unit roundoffs of their terms (2e-16, a 0.13 % change of a 1.2e-13
/// value). Such adapters supply <see cref="GoldenLossAdapter.GradientTerms"/> and the bound gains
/// <see cref="TermUlps"/>·u·T: the rounding error bound of the chain itself (each term passes ~7 roundings in torch and
/// as many in FastLoss), still ~1e14 times below the terms a wrong formula would leave.</para>
/// </remarks>
public static class GoldenTolerance
{
    /// <summary>Relative tolerance for float64 results.</summary>
    public const double Float64 = 1e-12;

    /// <summary>Relative tolerance for float32 results.</summary>
    public const double Float32 = 1e-5;

    /// <summary>Unit roundoffs of the terms' magnitude allowed for a cancelling gradient (see remarks).</summary>
    public const double TermUlps = 16;

    /// <summary>The unit roundoff u of a golden dtype (2^-53 for float64, 2^-24 for float32).</summary>
    /// <param name="dtype"><c>float32</c> or <c>float64</c>.</param>
    /// <returns>u.</returns>
    public static double UnitRoundoff(string dtype) => dtype == "float32" ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);

    /// <summary>The rtol for a golden dtype.</summary>
    /// <param name="dtype"><c>float32</c> or <c>float64</c>.</param>
    /// <returns>The relative tolerance.</returns>
    public static double For(string dtype) => dtype switch
    {
        "float32" => Float32,
        "float64" => Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Golden dtype must be float32 or float64."),
    };

    /// <summary>S for an unreduced output or a gradient: the largest finite |expected|.</summary>
    /// <param name="expected">The golden tensor.</param>
    /// <returns>The floor scale (0 when nothing is finite).</returns>
    public static double NormScale(IReadOnlyList<double> expected)
    {
        double s = 0;
        foreach (double e in expected)
        {
            if (double.IsFinite(e))
            {
                s = Math.Max(s, Math.Abs(e));
            }
        }

        return s;
    }

    /// <summary>S for a 0-d reduced output: the mean (<paramref name="mean"/>) or sum of |x| over the finite values of the 'none' output.</summary>
    /// <param name="unreduced">The case's golden 'none' output.</param>
    /// <param name="mean">True for mean/batchmean, false for sum.</param>
    /// <returns>The floor scale (0 when nothing is finite).</returns>
    public static double ReductionScale(IReadOnlyList<double> unreduced, bool mean)
    {
        double sum = 0;
        int count = 0;
        foreach (double e in unreduced)
        {
            if (double.IsFinite(e))
            {
                sum += Math.Abs(e);
                count++;
            }
        }

        return mean ? (count == 0 ? 0 : sum / count) : sum;
    }

    /// <summary>Whether one element matches.</summary>
    /// <param name="expected">The golden value.</param>
    /// <param name="actual">FastLoss's value.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="scale">S.</param>
    /// <param name="termAllowance">For a cancelling gradient, <see cref="TermUlps"/>·u·T of this element (0 otherwise).</param>
    /// <returns>True if within tolerance.</returns>
    public static bool Matches(double expected, double actual, double rtol, double scale, double termAllowance = 0)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(actual - expected) <= (rtol * Math.Abs(expected)) + (rtol * scale) + termAllowance;
    }

    /// <summary>
    /// Compares a tensor; adds one line per mismatching element (and one for a length mismatch) to
    /// <paramref name="failures"/>.
    /// </summary>
    /// <param name="failures">Collects failure lines.</param>
    /// <param name="what">Identifies the comparison: case id, reduction, call and quantity.</param>
    /// <param name="expected">The golden values (already rounded to the case dtype).</param>
    /// <param name="actual">FastLoss's values.</param>
    /// <param name="rtol">The relative tolerance.</param>
    /// <param name="scale">S.</param>
    /// <param name="termAllowance">Per element, the allowance for a cancelling gradient (<see cref="TermAllowance"/>), or null.</param>
    /// <returns>True if every element matched.</returns>
    public static bool Compare(
        List<string> failures, string what, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double rtol, double scale, double[]? termAllowance = null)
    {
        if (expected.Count != actual.Count)
        {
            failures.Add($"{what}: length {actual.Count}, expected {expected.Count}");
            return false;
        }

        bool ok = true;
        for (int i = 0; i < expected.Count; i++)
        {
            double extra = termAllowance?[i] ?? 0;
            if (!Matches(expected[i], actual[i], rtol, scale, extra))
            {
                ok = false;
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{what}[{i}]: expected {expected[i]:R}, actual {actual[i]:R} ({Why(expected[i], actual[i], rtol, scale, extra)})"));
            }
        }

        return ok;
    }

    /// <summary>Per element <see cref="TermUlps"/>·u·T for a cancelling gradient, or null when the adapter has no terms.</summary>
    /// <param name="terms">The terms' magnitudes from <see cref="GoldenLossAdapter.GradientTerms"/>, or null.</param>
    /// <param name="dtype">The case dtype.</param>
    /// <returns>The allowances, or null.</returns>
    public static double[]? TermAllowance(double[]? terms, string dtype)
        => terms is null ? null : Array.ConvertAll(terms, t => double.IsFinite(t) ? TermUlps * UnitRoundoff(dtype) * t : 0);

    private static string Why(double expected, double actual, double rtol, double scale, double extra)
        => double.IsNaN(expected) || double.IsNaN(actual) ? "NaN must match NaN"
            : double.IsInfinity(expected) || double.IsInfinity(actual) ? "infinities must match exactly"
            : string.Create(CultureInfo.InvariantCulture, $"|diff| {Math.Abs(actual - expected):G3}, allowed {(rtol * Math.Abs(expected)) + (rtol * scale) + extra:G3}");
}
