namespace FastLoss.Tests.Golden.Adapters;

/// <summary><c>soft_margin_loss</c> → <see cref="Loss.SoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
public sealed class SoftMarginAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "soft_margin_loss";

    /// <inheritdoc/>
    public override string Name => "SoftMargin";

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.SoftMargin(x, t, r),
        (x, t, d) => Loss.SoftMargin(x, t, d),
        (x, t, g, r) => Loss.SoftMarginGradient(x, t, g, r),
        (x, t, g, r) => Loss.SoftMarginWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.SoftMargin(x, t, r),
        (x, t, d) => Loss.SoftMargin(x, t, d),
        (x, t, g, r) => Loss.SoftMarginGradient(x, t, g, r),
        (x, t, g, r) => Loss.SoftMarginWithGradient(x, t, g, r));
}
