namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>poisson_nll_loss</c> (options <c>log_input</c>, <c>full</c>, <c>eps</c>) → one of four formulas, since the
/// generator's hyperparameters are numbers, not booleans:
/// <see cref="Loss.PoissonNll(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> (log_input, not full),
/// <see cref="Loss.PoissonNllFull(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> (log_input, full),
/// <see cref="Loss.PoissonNllRate(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> (rates, not full) and
/// <see cref="Loss.PoissonNllRateFull(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> (rates, full).
/// </summary>
public sealed class PoissonNllAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "poisson_nll_loss";

    /// <inheritdoc/>
    public override string Name => "PoissonNll";

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase)
    {
        float eps = (float)goldenCase.Number("eps", 1e-8);
        return (Flag(goldenCase, "log_input", true), Flag(goldenCase, "full", false)) switch
        {
            (true, false) => new(
                (x, t, r) => Loss.PoissonNll(x, t, r),
                (x, t, d) => Loss.PoissonNll(x, t, d),
                (x, t, g, r) => Loss.PoissonNllGradient(x, t, g, r),
                (x, t, g, r) => Loss.PoissonNllWithGradient(x, t, g, r)),
            (true, true) => new(
                (x, t, r) => Loss.PoissonNllFull(x, t, r),
                (x, t, d) => Loss.PoissonNllFull(x, t, d),
                (x, t, g, r) => Loss.PoissonNllFullGradient(x, t, g, r),
                (x, t, g, r) => Loss.PoissonNllFullWithGradient(x, t, g, r)),
            (false, false) => new(
                (x, t, r) => Loss.PoissonNllRate(x, t, eps, r),
                (x, t, d) => Loss.PoissonNllRate(x, t, eps, d),
                (x, t, g, r) => Loss.PoissonNllRateGradient(x, t, eps, g, r),
                (x, t, g, r) => Loss.PoissonNllRateWithGradient(x, t, eps, g, r)),
            (false, true) => new(
                (x, t, r) => Loss.PoissonNllRateFull(x, t, eps, r),
                (x, t, d) => Loss.PoissonNllRateFull(x, t, eps, d),
                (x, t, g, r) => Loss.PoissonNllRateFullGradient(x, t, eps, g, r),
                (x, t, g, r) => Loss.PoissonNllRateFullWithGradient(x, t, eps, g, r)),
        };
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase)
    {
        double eps = goldenCase.Number("eps", 1e-8);
        return (Flag(goldenCase, "log_input", true), Flag(goldenCase, "full", false)) switch
        {
            (true, false) => new(
                (x, t, r) => Loss.PoissonNll(x, t, r),
                (x, t, d) => Loss.PoissonNll(x, t, d),
                (x, t, g, r) => Loss.PoissonNllGradient(x, t, g, r),
                (x, t, g, r) => Loss.PoissonNllWithGradient(x, t, g, r)),
            (true, true) => new(
                (x, t, r) => Loss.PoissonNllFull(x, t, r),
                (x, t, d) => Loss.PoissonNllFull(x, t, d),
                (x, t, g, r) => Loss.PoissonNllFullGradient(x, t, g, r),
                (x, t, g, r) => Loss.PoissonNllFullWithGradient(x, t, g, r)),
            (false, false) => new(
                (x, t, r) => Loss.PoissonNllRate(x, t, eps, r),
                (x, t, d) => Loss.PoissonNllRate(x, t, eps, d),
                (x, t, g, r) => Loss.PoissonNllRateGradient(x, t, eps, g, r),
                (x, t, g, r) => Loss.PoissonNllRateWithGradient(x, t, eps, g, r)),
            (false, true) => new(
                (x, t, r) => Loss.PoissonNllRateFull(x, t, eps, r),
                (x, t, d) => Loss.PoissonNllRateFull(x, t, eps, d),
                (x, t, g, r) => Loss.PoissonNllRateFullGradient(x, t, eps, g, r),
                (x, t, g, r) => Loss.PoissonNllRateFullWithGradient(x, t, eps, g, r)),
        };
    }

    private static bool Flag(GoldenCase goldenCase, string name, bool torchDefault)
        => goldenCase.OptionNames.Contains(name) ? goldenCase.Flag(name) : torchDefault;
}
