namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>binary_cross_entropy_with_logits</c> →
/// <see cref="Loss.BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>. torch requires
/// equal shapes (no broadcasting of the target).
/// </summary>
public sealed class BinaryCrossEntropyWithLogitsAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "binary_cross_entropy_with_logits";

    /// <inheritdoc/>
    public override string Name => "BinaryCrossEntropyWithLogits";

    /// <inheritdoc/>
    public override bool Broadcasts => false;

    /// <inheritdoc/>
    public override string? Unsupported(GoldenCase goldenCase)
        => goldenCase.Inputs.ContainsKey("weight") || goldenCase.Inputs.ContainsKey("pos_weight")
            ? "weight / pos_weight: not in Loss.BinaryCrossEntropyWithLogits yet"
            : null;

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, g, r));
}
