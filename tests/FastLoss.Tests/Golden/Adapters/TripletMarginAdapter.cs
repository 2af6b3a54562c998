namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>triplet_margin_loss</c> (tensors <c>anchor</c>, <c>positive</c>, <c>negative</c>, rows over the last dimension;
/// options <c>margin</c>, <c>p</c>, <c>eps</c>, <c>swap</c>) →
/// <see cref="Loss.TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, bool, Reduction)"/>.
/// Gradients are checked for all three inputs.
/// </summary>
public sealed class TripletMarginAdapter : EmbeddingLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "triplet_margin_loss";

    /// <inheritdoc/>
    public override string Name => "TripletMargin";

    /// <inheritdoc/>
    protected override string[] InputNames => ["anchor", "positive", "negative"];

    /// <inheritdoc/>
    protected override EmbeddingCalls<float> Single(GoldenCase goldenCase, int dimension)
    {
        float margin = (float)goldenCase.Number("margin", 1.0), p = (float)goldenCase.Number("p", 2.0), eps = (float)goldenCase.Number("eps", 1e-6);
        bool swap = goldenCase.Flag("swap");
        return new(
            (x, r) => Loss.TripletMargin(x[0], x[1], x[2], dimension, margin, p, eps, swap, r),
            (x, d) => Loss.TripletMargin(x[0], x[1], x[2], dimension, d, margin, p, eps, swap),
            (x, g, r) => Loss.TripletMarginGradients(x[0], x[1], x[2], dimension, g[0], g[1], g[2], margin, p, eps, swap, r),
            (x, g, r) => Loss.TripletMarginWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], g[2], margin, p, eps, swap, r));
    }

    /// <inheritdoc/>
    protected override EmbeddingCalls<double> Double(GoldenCase goldenCase, int dimension)
    {
        double margin = goldenCase.Number("margin", 1.0), p = goldenCase.Number("p", 2.0), eps = goldenCase.Number("eps", 1e-6);
        bool swap = goldenCase.Flag("swap");
        return new(
            (x, r) => Loss.TripletMargin(x[0], x[1], x[2], dimension, margin, p, eps, swap, r),
            (x, d) => Loss.TripletMargin(x[0], x[1], x[2], dimension, d, margin, p, eps, swap),
            (x, g, r) => Loss.TripletMarginGradients(x[0], x[1], x[2], dimension, g[0], g[1], g[2], margin, p, eps, swap, r),
            (x, g, r) => Loss.TripletMarginWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], g[2], margin, p, eps, swap, r));
    }
}
