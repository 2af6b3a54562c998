namespace FastLoss.Tests.Golden.Adapters;

/// <summary><c>huber_loss</c> (option <c>delta</c>) → <see cref="Loss.Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>.</summary>
public sealed class HuberAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "huber_loss";

    /// <inheritdoc/>
    public override string Name => "Huber";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target"];

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase)
    {
        float delta = (float)goldenCase.Number("delta", 1.0);
        return new(
            (x, t, r) => Loss.Huber(x, t, delta, r),
            (x, t, d) => Loss.Huber(x, t, delta, d),
            (x, t, g, r) => Loss.HuberGradient(x, t, delta, g, r),
            (x, t, g, r) => Loss.HuberWithGradient(x, t, delta, g, r),
            (x, t, g, tg, r) => Loss.HuberGradients(x, t, delta, g, tg, r),
            (x, t, g, tg, r) => Loss.HuberWithGradients(x, t, delta, g, tg, r));
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase)
    {
        double delta = goldenCase.Number("delta", 1.0);
        return new(
            (x, t, r) => Loss.Huber(x, t, delta, r),
            (x, t, d) => Loss.Huber(x, t, delta, d),
            (x, t, g, r) => Loss.HuberGradient(x, t, delta, g, r),
            (x, t, g, r) => Loss.HuberWithGradient(x, t, delta, g, r),
            (x, t, g, tg, r) => Loss.HuberGradients(x, t, delta, g, tg, r),
            (x, t, g, tg, r) => Loss.HuberWithGradients(x, t, delta, g, tg, r));
    }
}
