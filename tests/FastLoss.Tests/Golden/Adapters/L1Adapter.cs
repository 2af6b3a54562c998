namespace FastLoss.Tests.Golden.Adapters;

/// <summary><c>l1_loss</c> → <see cref="Loss.L1(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
public sealed class L1Adapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "l1_loss";

    /// <inheritdoc/>
    public override string Name => "L1";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target"];

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.L1(x, t, r),
        (x, t, d) => Loss.L1(x, t, d),
        (x, t, g, r) => Loss.L1Gradient(x, t, g, r),
        (x, t, g, r) => Loss.L1WithGradient(x, t, g, r),
        (x, t, g, tg, r) => Loss.L1Gradients(x, t, g, tg, r),
        (x, t, g, tg, r) => Loss.L1WithGradients(x, t, g, tg, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.L1(x, t, r),
        (x, t, d) => Loss.L1(x, t, d),
        (x, t, g, r) => Loss.L1Gradient(x, t, g, r),
        (x, t, g, r) => Loss.L1WithGradient(x, t, g, r),
        (x, t, g, tg, r) => Loss.L1Gradients(x, t, g, tg, r),
        (x, t, g, tg, r) => Loss.L1WithGradients(x, t, g, tg, r));
}
