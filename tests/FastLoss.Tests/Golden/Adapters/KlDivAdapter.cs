namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>kl_div</c> → <see cref="Loss.KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> for
/// <c>log_target=False</c> and <see cref="Loss.KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> for
/// <c>log_target=True</c> (a boolean option is a separate formula: the generator's hyperparameters are numbers).
/// </summary>
public sealed class KlDivAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "kl_div";

    /// <inheritdoc/>
    public override string Name => "KlDiv";

    /// <inheritdoc/>
    public override string UnmappedReductionReason(string key) => key == "batchmean"
        ? "reduction 'batchmean' (sum / input.size(0)) is not a FastLoss Reduction: the span API has no batch dimension, a caller divides Reduction.Sum by the batch size"
        : base.UnmappedReductionReason(key);

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => LogTarget(goldenCase)
        ? new(
            (x, t, r) => Loss.KlDivLogTarget(x, t, r),
            (x, t, d) => Loss.KlDivLogTarget(x, t, d),
            (x, t, g, r) => Loss.KlDivLogTargetGradient(x, t, g, r),
            (x, t, g, r) => Loss.KlDivLogTargetWithGradient(x, t, g, r))
        : new(
            (x, t, r) => Loss.KlDiv(x, t, r),
            (x, t, d) => Loss.KlDiv(x, t, d),
            (x, t, g, r) => Loss.KlDivGradient(x, t, g, r),
            (x, t, g, r) => Loss.KlDivWithGradient(x, t, g, r));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => LogTarget(goldenCase)
        ? new(
            (x, t, r) => Loss.KlDivLogTarget(x, t, r),
            (x, t, d) => Loss.KlDivLogTarget(x, t, d),
            (x, t, g, r) => Loss.KlDivLogTargetGradient(x, t, g, r),
            (x, t, g, r) => Loss.KlDivLogTargetWithGradient(x, t, g, r))
        : new(
            (x, t, r) => Loss.KlDiv(x, t, r),
            (x, t, d) => Loss.KlDiv(x, t, d),
            (x, t, g, r) => Loss.KlDivGradient(x, t, g, r),
            (x, t, g, r) => Loss.KlDivWithGradient(x, t, g, r));

    private static bool LogTarget(GoldenCase goldenCase) => goldenCase.OptionNames.Contains("log_target") && goldenCase.Flag("log_target");
}
