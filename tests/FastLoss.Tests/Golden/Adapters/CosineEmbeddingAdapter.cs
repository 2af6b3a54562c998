namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>cosine_embedding_loss</c> (tensors <c>input1</c>, <c>input2</c> [N, D] or [D], <c>target</c> [N] or 0-d; option
/// <c>margin</c>) → <see cref="Loss.CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
/// with D the inputs' last dimension. Gradients are checked for input1 and input2.
/// </summary>
public sealed class CosineEmbeddingAdapter : EmbeddingLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "cosine_embedding_loss";

    /// <inheritdoc/>
    public override string Name => "CosineEmbedding";

    /// <inheritdoc/>
    protected override string[] InputNames => ["input1", "input2"];

    /// <inheritdoc/>
    protected override string? TargetName => "target";

    /// <inheritdoc/>
    /// <remarks>
    /// KNOWN GAP, not a semantics question: in cosine_embedding_loss/0018 (float64, D = 1, cos = 1 − 4e-13) torch's
    /// denominator for row 1 is one ulp above sqrt((x1² + ε)(x2² + ε)) correctly rounded, which FastLoss computes; the
    /// loss still matches but the gradient there is a cancellation of O(1) terms down to 1e-13, so that one ulp moves it
    /// by 2e-16 while the norm-wise tolerance is 5e-22. Which op of torch rounds differently is not found yet.
    /// </remarks>
    public override string? Unsupported(GoldenCase goldenCase)
        => goldenCase.Id == "cosine_embedding_loss/0018"
            ? "KNOWN GAP: torch's denominator 1 ulp off the correctly rounded one in a D = 1 cancellation case (gradient 2e-16 off, tolerance 5e-22)"
            : null;

    /// <inheritdoc/>
    protected override EmbeddingCalls<float> Single(GoldenCase goldenCase, int dimension)
    {
        float margin = (float)goldenCase.Number("margin", 0.0);
        return new(
            (x, r) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, margin, r),
            (x, d) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, d, margin),
            (x, g, r) => Loss.CosineEmbeddingGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r),
            (x, g, r) => Loss.CosineEmbeddingWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r));
    }

    /// <inheritdoc/>
    protected override EmbeddingCalls<double> Double(GoldenCase goldenCase, int dimension)
    {
        double margin = goldenCase.Number("margin", 0.0);
        return new(
            (x, r) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, margin, r),
            (x, d) => Loss.CosineEmbedding(x[0], x[1], x[2], dimension, d, margin),
            (x, g, r) => Loss.CosineEmbeddingGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r),
            (x, g, r) => Loss.CosineEmbeddingWithGradients(x[0], x[1], x[2], dimension, g[0], g[1], margin, r));
    }
}
