namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>hinge_embedding_loss</c> (option <c>margin</c>) →
/// <see cref="Loss.HingeEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>.
/// </summary>
public sealed class HingeEmbeddingAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "hinge_embedding_loss";

    /// <inheritdoc/>
    public override string Name => "HingeEmbedding";

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase)
    {
        float margin = (float)goldenCase.Number("margin", 1.0);
        return new(
            (x, t, r) => Loss.HingeEmbedding(x, t, margin, r),
            (x, t, d) => Loss.HingeEmbedding(x, t, margin, d),
            (x, t, g, r) => Loss.HingeEmbeddingGradient(x, t, margin, g, r),
            (x, t, g, r) => Loss.HingeEmbeddingWithGradient(x, t, margin, g, r));
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase)
    {
        double margin = goldenCase.Number("margin", 1.0);
        return new(
            (x, t, r) => Loss.HingeEmbedding(x, t, margin, r),
            (x, t, d) => Loss.HingeEmbedding(x, t, margin, d),
            (x, t, g, r) => Loss.HingeEmbeddingGradient(x, t, margin, g, r),
            (x, t, g, r) => Loss.HingeEmbeddingWithGradient(x, t, margin, g, r));
    }
}
