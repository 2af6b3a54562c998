namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>binary_cross_entropy</c> → <see cref="Loss.BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.
/// torch requires equal shapes (no broadcasting of the target) and both operands in [0, 1].
/// </summary>
public sealed class BinaryCrossEntropyAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "binary_cross_entropy";

    /// <inheritdoc/>
    public override string Name => "BinaryCrossEntropy";

    /// <inheritdoc/>
    public override bool Broadcasts => false;

    /// <inheritdoc/>
    public override string? Unsupported(GoldenCase goldenCase)
    {
        return null;
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => BinaryWeights.Weighted(goldenCase)
        ? Weighted(BinaryWeights.Of<float>(goldenCase, "weight"), BinaryWeights.ClassCount(goldenCase))
        : new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => BinaryWeights.Weighted(goldenCase)
        ? Weighted(BinaryWeights.Of<double>(goldenCase, "weight"), BinaryWeights.ClassCount(goldenCase))
        : new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, g, r));

    private static ElementwiseCalls<float> Weighted(float[] w, int classes) => new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, classes, w, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, classes, w, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, classes, w, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, classes, w, g, r));

    private static ElementwiseCalls<double> Weighted(double[] w, int classes) => new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, classes, w, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, classes, w, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, classes, w, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, classes, w, g, r));
}
