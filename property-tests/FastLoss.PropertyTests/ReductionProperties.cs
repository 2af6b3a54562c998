using System.Numerics;
using FastLoss.PropertyTests.Harness;

namespace FastLoss.PropertyTests;

/// <summary>
/// Properties 4 and 5: the fused pass agrees with the separate ones bit for bit, and the reductions agree with the
/// per-element losses (Mean is Sum / n exactly as computed, Sum is the per-element sum within the driver's
/// pairwise-summation bound).
/// </summary>
public sealed class ReductionProperties
{
    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void FusedEqualsSeparateBitForBit(string name) => Cases.Run(name, new FusedVisitor());

    [Theory]
    [MemberData(nameof(Cases.Names), MemberType = typeof(Cases))]
    public void ReductionsAgreeWithPerElementLosses(string name) => Cases.Run(name, new SumVisitor());

    /// <summary>
    /// The accuracy of the driver's sum: (24 + 2⌈log2(n + 1)⌉)·ε_T·Σ|l_i|. An element passes through at most 16
    /// accumulator steps, 2 folds, 2·log2(chunks) cascade additions and log2(lanes) ≤ 4 halving additions; ε_T is twice
    /// the unit roundoff, which absorbs the double-precision reference's own error.
    /// </summary>
    public static double SumBound<T>(int n, double sumOfMagnitudes)
        where T : IBinaryFloatingPointIeee754<T>
        => (24 + (2 * Math.Ceiling(Math.Log2(n + 1)))) * Num.Epsilon<T>() * sumOfMagnitudes;

    private static void SameBits<T>(string what, T actual, T expected, Sample<T> s)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Num.SameBits(actual, expected))
        {
            throw new InvalidOperationException($"{what}: {Num.Show(actual)} but expected {Num.Show(expected)} (n = {s.Length}).");
        }
    }

    private readonly struct FusedVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            Runner.Check($"fused == separate [{c.Name}]", Gens<T>.Arbitrary(c.Domain, Mode.Extreme), s =>
            {
                foreach (Reduction r in new[] { Reduction.Mean, Reduction.Sum })
                {
                    var fusedGradient = new T[s.Length];
                    var gradient = new T[s.Length];
                    T fused = c.Api.WithGradient(s.X, s.A, s.B, s.H, fusedGradient, r);
                    T value = c.Api.Reduce(s.X, s.A, s.B, s.H, r);
                    c.Api.Gradient(s.X, s.A, s.B, s.H, gradient, r);
                    SameBits($"{r}: NameWithGradient's value vs Name(…, {r})", fused, value, s);
                    for (int i = 0; i < s.Length; i++)
                    {
                        SameBits($"{r}: NameWithGradient's gradient[{i}] vs NameGradient (input={Num.Literal(s.X[i])}, a={Num.Literal(s.A[i])}, b={Num.Literal(s.B[i])})", fusedGradient[i], gradient[i], s);
                    }
                }
            });
        }
    }

    private readonly struct SumVisitor : ICaseVisitor
    {
        public void Visit<T>(LossCase<T> c)
            where T : unmanaged, IBinaryFloatingPointIeee754<T>
        {
            FsCheck.Arbitrary<Sample<T>> samples = FsCheck.Fluent.Arb.From(
                FsCheck.Fluent.Gen.Frequency(
                    (4, Gens<T>.Samples(c.Domain, Mode.Moderate, Gens<T>.Length)),
                    (1, Gens<T>.Samples(c.Domain, Mode.Extreme, Gens<T>.Length))),
                s => Gens<T>.Shrink(s, c.Domain));
            Runner.Check($"reductions == per-element [{c.Name}]", samples, s =>
            {
                int n = s.Length;
                var losses = new T[n];
                c.Api.Map(s.X, s.A, s.B, s.H, losses);
                T sum = c.Api.Reduce(s.X, s.A, s.B, s.H, Reduction.Sum);
                T mean = c.Api.Reduce(s.X, s.A, s.B, s.H, Reduction.Mean);
                SameBits("Mean vs Sum / n", mean, sum / T.CreateTruncating(n), s);

                bool nan = losses.Any(l => T.IsNaN(l));
                bool up = losses.Any(l => T.IsPositiveInfinity(l)), down = losses.Any(l => T.IsNegativeInfinity(l));
                if (nan || (up && down))
                {
                    SameBits("Sum of losses containing NaN (or +∞ and −∞)", sum, T.NaN, s);
                    return;
                }

                if (up || down)
                {
                    T infinity = up ? T.PositiveInfinity : T.NegativeInfinity;

                    // Finite losses whose magnitudes add up to T.MaxValue may overflow a partial sum to the opposite
                    // infinity, and then ∞ − ∞ = NaN is the correct IEEE result. Scaled by 2^-64 so that the bound
                    // itself cannot overflow in double.
                    double scale = Math.ScaleB(1.0, -64), finiteMagnitude = 0;
                    foreach (T l in losses)
                    {
                        finiteMagnitude += T.IsFinite(l) ? Math.Abs(double.CreateTruncating(l)) * scale : 0;
                    }

                    if (finiteMagnitude >= (typeof(T) == typeof(float) ? float.MaxValue : double.MaxValue) * scale && T.IsNaN(sum))
                    {
                        return;
                    }

                    SameBits("Sum of losses containing an infinity", sum, infinity, s);
                    return;
                }

                // The exact sum, correctly rounded (a plain double running sum of doubles is itself off by more
                // than the bound claimed for the kernel).
                var reference = new LossAccumulator<double>();
                double magnitude = 0;
                foreach (T l in losses)
                {
                    reference.Add(double.CreateTruncating(l));
                    magnitude += Math.Abs(double.CreateTruncating(l));
                }

                double exact = reference.Sum;

                double actual = double.CreateTruncating(sum);
                if (magnitude > Num.MaxValue<T>() / 2)
                {
                    return; // partial sums may overflow T although the total does not: no bound is claimed there
                }

                double bound = SumBound<T>(n, magnitude);
                if (!(Math.Abs(actual - exact) <= bound))
                {
                    throw new InvalidOperationException(
                        $"Sum = {Num.Show(sum)} but the per-element losses add up to {exact:R} (exact, rounded to double): |diff| {Math.Abs(actual - exact):R} > bound {bound:R} (n = {n}, Σ|l| = {magnitude:R}).");
                }
            });
        }
    }
}
