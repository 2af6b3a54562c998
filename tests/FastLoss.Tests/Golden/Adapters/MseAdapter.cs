namespace FastLoss.Tests.Golden.Adapters;

/// <summary><c>mse_loss</c> → <see cref="Loss.Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
public sealed class MseAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "mse_loss";

    /// <inheritdoc/>
    public override string Name => "Mse";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target"];

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.Mse(x, t, r),
        (x, t, d) => Loss.Mse(x, t, d),
        (x, t, g, r) => Loss.MseGradient(x, t, g, r),
        (x, t, g, r) => Loss.MseWithGradient(x, t, g, r),
        (x, t, g, tg, r) => Loss.MseGradients(x, t, g, tg, r),
        (x, t, g, tg, r) => Loss.MseWithGradients(x, t, g, tg, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.Mse(x, t, r),
        (x, t, d) => Loss.Mse(x, t, d),
        (x, t, g, r) => Loss.MseGradient(x, t, g, r),
        (x, t, g, r) => Loss.MseWithGradient(x, t, g, r),
        (x, t, g, tg, r) => Loss.MseGradients(x, t, g, tg, r),
        (x, t, g, tg, r) => Loss.MseWithGradients(x, t, g, tg, r));
}
