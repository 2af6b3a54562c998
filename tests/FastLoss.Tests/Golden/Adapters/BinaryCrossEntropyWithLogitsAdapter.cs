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
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => BinaryWeights.Weighted(goldenCase)
        ? Weighted(BinaryWeights.Of<float>(goldenCase, "weight"), BinaryWeights.Of<float>(goldenCase, "pos_weight"), BinaryWeights.ClassCount(goldenCase))
        : new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => BinaryWeights.Weighted(goldenCase)
        ? Weighted(BinaryWeights.Of<double>(goldenCase, "weight"), BinaryWeights.Of<double>(goldenCase, "pos_weight"), BinaryWeights.ClassCount(goldenCase))
        : new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, g, r));

    private static ElementwiseCalls<float> Weighted(float[] w, float[] p, int classes) => new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, classes, w, p, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, classes, w, p, g, r));

    private static ElementwiseCalls<double> Weighted(double[] w, double[] p, int classes) => new(
        (x, t, r) => Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, r),
        (x, t, d) => Loss.BinaryCrossEntropyWithLogits(x, t, classes, w, p, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsGradient(x, t, classes, w, p, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithLogitsWithGradient(x, t, classes, w, p, g, r));
}

/// <summary>
/// torch's <c>weight</c> / <c>pos_weight</c> of the binary cross-entropies as a caller of the span API passes them: the
/// class count is the input's last dimension; a weight of that length (or 1, or the input's shape) is passed as it is,
/// any other shape that broadcasts to the input is expanded (as a caller would), and one that does not is passed
/// unchanged so that FastLoss must reject it.
/// </summary>
internal static class BinaryWeights
{
    public static bool Weighted(GoldenCase goldenCase) => goldenCase.Inputs.ContainsKey("weight") || goldenCase.Inputs.ContainsKey("pos_weight");

    public static int ClassCount(GoldenCase goldenCase) => goldenCase.Inputs["input"].Shape is [.., int last] ? last : 1;

    public static T[] Of<T>(GoldenCase goldenCase, string name)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (!goldenCase.Inputs.TryGetValue(name, out GoldenTensor? weight))
        {
            return [];
        }

        int[] input = goldenCase.Inputs["input"].Shape;
        double[] data = weight.Data;
        bool asIs = weight.Shape.Length <= 1 || GoldenData.SameShape(weight.Shape, input);
        if (!asIs && GoldenData.BroadcastShape(input, weight.Shape) is { } shape && GoldenData.SameShape(shape, input))
        {
            data = GoldenData.Expand(data, weight.Shape, input);
        }

        return Array.ConvertAll(data, v => T.CreateTruncating(v));
    }
}
