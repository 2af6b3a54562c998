using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Cosine embedding loss (<c>torch.nn.functional.cosine_embedding_loss</c>): for rows x1, x2 of D values and a label
    /// y per row, 1 − cos(x1, x2) where y = 1 and max(0, cos(x1, x2) − margin) where y = −1; mean over the N rows.
    /// </summary>
    /// <remarks>
    /// <para>As torch computes it: cos = Σx1·x2 / sqrt((Σx1² + ε)(Σx2² + ε)) with ε = 1e-12 as a float constant (also in
    /// double), so a zero vector gives cos = 0 (loss 1 for y = 1) and very large but finite gradients. A target other than
    /// 1 or −1 (0, 2, NaN) contributes 0, as in torch, and is not rejected. Unbatched inputs [D] are one row (N = 1).</para>
    /// <para>Gradients with respect to both inputs follow autograd through the same ops; the y = −1 branch passes the
    /// gradient where cos − margin ≥ 0 (clamp_min). Row sums and the sum over rows are taken in the element-wise driver's
    /// layout: the same bits on every SIMD width. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input1">The first embeddings, [N, D] row-major.</param>
    /// <param name="input2">The second embeddings, the same length.</param>
    /// <param name="target">One label per row (N values): 1 (similar) or −1 (dissimilar).</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = input1.Length / D.</param>
    /// <param name="margin">The margin of the dissimilar term; default 0 (torch suggests [−1, 1]; any number but NaN).</param>
    /// <param name="reduction">Mean over the rows (default; NaN for N = 0) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The inputs' lengths differ or are not a multiple of D, the target does not have one
    /// value per row, D is less than 1, the margin is NaN, or an output is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CosineEmbedding(
        ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, int dimension, float margin = 0f, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double CosineEmbedding(
        ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, int dimension, double margin = 0d, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, default, default, RowOutputs.Value, reduction);

    /// <summary>The per-row cosine embedding losses (reduction 'none'), written to <paramref name="destination"/> in row order.</summary>
    /// <remarks>See <see cref="CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>.</remarks>
    /// <param name="input1">The first embeddings, [N, D] row-major.</param>
    /// <param name="input2">The second embeddings, the same length.</param>
    /// <param name="target">One label per row (N values): 1 (similar) or −1 (dissimilar).</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = input1.Length / D.</param>
    /// <param name="destination">Receives the N per-row losses; must not overlap the inputs.</param>
    /// <param name="margin">The margin of the dissimilar term; default 0 (any number but NaN).</param>
    /// <exception cref="ArgumentException">The inputs' lengths differ or are not a multiple of D, the target does not have one
    /// value per row, D is less than 1, the margin is NaN, or the destination is too short or overlaps an input.</exception>
    public static void CosineEmbedding(
        ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, int dimension, Span<float> destination, float margin = 0f)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, destination, default, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float)"/>
    public static void CosineEmbedding(
        ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, int dimension, Span<double> destination, double margin = 0d)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, destination, default, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradients of the reduced cosine embedding loss with respect to both inputs, in one pass: for a row with
    /// d loss / d cos = g, d/dx1 = g·(x2 / denom − cos·(x1 / (Σx1² + ε))) as autograd evaluates it, and symmetrically for x2.
    /// </summary>
    /// <remarks>See <see cref="CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>.</remarks>
    /// <param name="input1">The first embeddings, [N, D] row-major.</param>
    /// <param name="input2">The second embeddings, the same length.</param>
    /// <param name="target">One label per row (N values): 1 (similar) or −1 (dissimilar).</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = input1.Length / D.</param>
    /// <param name="input1Gradient">Receives d loss / d input1; may be exactly <paramref name="input1"/> (in place), must not overlap anything else.</param>
    /// <param name="input2Gradient">Receives d loss / d input2; may be exactly <paramref name="input2"/> (in place), must not overlap anything else.</param>
    /// <param name="margin">The margin of the dissimilar term; default 0 (any number but NaN).</param>
    /// <param name="reduction">Mean over the rows (default) or their sum.</param>
    /// <exception cref="ArgumentException">The inputs' lengths differ or are not a multiple of D, the target does not have one
    /// value per row, D is less than 1, the margin is NaN, or a gradient is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void CosineEmbeddingGradients(
        ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, int dimension, Span<float> input1Gradient, Span<float> input2Gradient,
        float margin = 0f, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, input1Gradient, input2Gradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CosineEmbeddingGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, float, Reduction)"/>
    public static void CosineEmbeddingGradients(
        ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, int dimension, Span<double> input1Gradient, Span<double> input2Gradient,
        double margin = 0d, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, input1Gradient, input2Gradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced cosine embedding loss and both gradients in one pass; the same bits as the separate calls.</summary>
    /// <remarks>See <see cref="CosineEmbedding(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>.</remarks>
    /// <param name="input1">The first embeddings, [N, D] row-major.</param>
    /// <param name="input2">The second embeddings, the same length.</param>
    /// <param name="target">One label per row (N values): 1 (similar) or −1 (dissimilar).</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = input1.Length / D.</param>
    /// <param name="input1Gradient">Receives d loss / d input1; may be exactly <paramref name="input1"/> (in place), must not overlap anything else.</param>
    /// <param name="input2Gradient">Receives d loss / d input2; may be exactly <paramref name="input2"/> (in place), must not overlap anything else.</param>
    /// <param name="margin">The margin of the dissimilar term; default 0 (any number but NaN).</param>
    /// <param name="reduction">Mean over the rows (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The inputs' lengths differ or are not a multiple of D, the target does not have one
    /// value per row, D is less than 1, the margin is NaN, or a gradient is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CosineEmbeddingWithGradients(
        ReadOnlySpan<float> input1, ReadOnlySpan<float> input2, ReadOnlySpan<float> target, int dimension, Span<float> input1Gradient, Span<float> input2Gradient,
        float margin = 0f, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, input1Gradient, input2Gradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CosineEmbeddingWithGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, float, Reduction)"/>
    public static double CosineEmbeddingWithGradients(
        ReadOnlySpan<double> input1, ReadOnlySpan<double> input2, ReadOnlySpan<double> target, int dimension, Span<double> input1Gradient, Span<double> input2Gradient,
        double margin = 0d, Reduction reduction = Reduction.Mean)
        => CosineEmbeddingKernel.Run(input1, input2, target, dimension, margin, default, input1Gradient, input2Gradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
