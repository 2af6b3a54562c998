namespace FastLoss.Tests.Golden.Adapters;

/// <summary><c>smooth_l1_loss</c> (option <c>beta</c>) → <see cref="Loss.SmoothL1(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>.</summary>
public sealed class SmoothL1Adapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "smooth_l1_loss";

    /// <inheritdoc/>
    public override string Name => "SmoothL1";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target"];

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase)
    {
        float beta = (float)goldenCase.Number("beta", 1.0);
        return new(
            (x, t, r) => Loss.SmoothL1(x, t, beta, r),
            (x, t, d) => Loss.SmoothL1(x, t, beta, d),
            (x, t, g, r) => Loss.SmoothL1Gradient(x, t, beta, g, r),
            (x, t, g, r) => Loss.SmoothL1WithGradient(x, t, beta, g, r),
            (x, t, g, tg, r) => Loss.SmoothL1Gradients(x, t, beta, g, tg, r),
            (x, t, g, tg, r) => Loss.SmoothL1WithGradients(x, t, beta, g, tg, r));
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase)
    {
        double beta = goldenCase.Number("beta", 1.0);
        return new(
            (x, t, r) => Loss.SmoothL1(x, t, beta, r),
            (x, t, d) => Loss.SmoothL1(x, t, beta, d),
            (x, t, g, r) => Loss.SmoothL1Gradient(x, t, beta, g, r),
            (x, t, g, r) => Loss.SmoothL1WithGradient(x, t, beta, g, r),
            (x, t, g, tg, r) => Loss.SmoothL1Gradients(x, t, beta, g, tg, r),
            (x, t, g, tg, r) => Loss.SmoothL1WithGradients(x, t, beta, g, tg, r));
    }
}
