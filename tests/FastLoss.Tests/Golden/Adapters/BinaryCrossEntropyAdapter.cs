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
        if (goldenCase.Inputs.ContainsKey("weight"))
        {
            return "weight: not in Loss.BinaryCrossEntropy yet (a per-element weight operand is a later feature)";
        }

        // Only errors.json has such cases: torch raises "all elements of input/target should be between 0 and 1".
        foreach (string name in new[] { "input", "target" })
        {
            if (goldenCase.Inputs.TryGetValue(name, out GoldenTensor? tensor) && tensor.Data.Any(v => !(v >= 0 && v <= 1)))
            {
                return "operand values outside [0, 1] (NaN and ±Inf included): the generator cannot validate operand ranges yet, " +
                       "so Loss.BinaryCrossEntropy does not reject them";
            }
        }

        return null;
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => new(
        (x, t, r) => Loss.BinaryCrossEntropy(x, t, r),
        (x, t, d) => Loss.BinaryCrossEntropy(x, t, d),
        (x, t, g, r) => Loss.BinaryCrossEntropyGradient(x, t, g, r),
        (x, t, g, r) => Loss.BinaryCrossEntropyWithGradient(x, t, g, r));
}
