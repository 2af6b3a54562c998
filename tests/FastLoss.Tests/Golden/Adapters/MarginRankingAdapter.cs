namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>margin_ranking_loss</c> (tensors <c>input1</c>, <c>input2</c>, <c>target</c>; option <c>margin</c>) →
/// <see cref="Loss.MarginRanking(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>.
/// Gradients are checked for input1 and input2 (the <c>[Differentiable]</c> input2 through the all-gradients overloads).
/// </summary>
public sealed class MarginRankingAdapter : ThreeOperandLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "margin_ranking_loss";

    /// <inheritdoc/>
    public override string Name => "MarginRanking";

    /// <inheritdoc/>
    public override string PredictionName => "input1";

    /// <inheritdoc/>
    public override (string A, string B) OperandNames => ("input2", "target");

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["input2"];

    /// <inheritdoc/>
    protected override ThreeOperandCalls<float> Single(GoldenCase goldenCase)
    {
        float margin = (float)goldenCase.Number("margin", 0.0);
        return new(
            (x1, x2, y, r) => Loss.MarginRanking(x1, x2, y, margin, r),
            (x1, x2, y, d) => Loss.MarginRanking(x1, x2, y, margin, d),
            (x1, x2, y, g, r) => Loss.MarginRankingGradient(x1, x2, y, margin, g, r),
            (x1, x2, y, g, r) => Loss.MarginRankingWithGradient(x1, x2, y, margin, g, r),
            (x1, x2, y, g1, g2, _, r) => Loss.MarginRankingGradients(x1, x2, y, margin, g1, g2, r),
            (x1, x2, y, g1, g2, _, r) => Loss.MarginRankingWithGradients(x1, x2, y, margin, g1, g2, r));
    }

    /// <inheritdoc/>
    protected override ThreeOperandCalls<double> Double(GoldenCase goldenCase)
    {
        double margin = goldenCase.Number("margin", 0.0);
        return new(
            (x1, x2, y, r) => Loss.MarginRanking(x1, x2, y, margin, r),
            (x1, x2, y, d) => Loss.MarginRanking(x1, x2, y, margin, d),
            (x1, x2, y, g, r) => Loss.MarginRankingGradient(x1, x2, y, margin, g, r),
            (x1, x2, y, g, r) => Loss.MarginRankingWithGradient(x1, x2, y, margin, g, r),
            (x1, x2, y, g1, g2, _, r) => Loss.MarginRankingGradients(x1, x2, y, margin, g1, g2, r),
            (x1, x2, y, g1, g2, _, r) => Loss.MarginRankingWithGradients(x1, x2, y, margin, g1, g2, r));
    }
}
