using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Triplet margin loss (<c>torch.nn.functional.triplet_margin_loss</c>): for rows a (anchor), p (positive), n (negative)
    /// of D values, max(0, margin + d(a, p) − d(a, n)) with d(x, y) = ‖x − y + eps‖_p; mean over the N rows.
    /// </summary>
    /// <remarks>
    /// <para>As torch's <c>pairwise_distance</c>: eps is added to the difference vector, not to the norm (so identical
    /// rows are ‖eps‖_p apart, eps·D^(1/p)). With <paramref name="swap"/> the negative distance is min(d(a, n), d(p, n))
    /// (the distance swap of Balntas et al.); at a tie its gradient is split in halves, as torch's <c>minimum</c>.</para>
    /// <para>Any norm p &gt; 0: 1, 2 and ∞ (the maximum) exactly as torch, other p as (Σ|u|^p)^(1/p). Gradients are torch's
    /// norm_backward: 0 for a zero norm (possible only with eps = 0), sgn(u) for p = 1; clamp_min passes the gradient where
    /// the hinge is exactly 0. Inputs of more dimensions are rows over their last dimension (D); unbatched inputs [D] are
    /// one row. Row sums and the sum over rows are taken in the element-wise driver's layout: the same bits on every
    /// SIMD width. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="anchor">The anchors, [N, D] row-major.</param>
    /// <param name="positive">The positives, the same length.</param>
    /// <param name="negative">The negatives, the same length.</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = anchor.Length / D.</param>
    /// <param name="margin">The margin, greater than 0 (torch rejects 0 and negative margins); default 1.</param>
    /// <param name="p">The norm's degree, greater than 0 (<see cref="float.PositiveInfinity"/> for the maximum norm); default 2.</param>
    /// <param name="eps">Added to every difference; default 1e-6 (finite; may be 0).</param>
    /// <param name="swap">Use min(d(a, n), d(p, n)) as the negative distance; default false.</param>
    /// <param name="reduction">Mean over the rows (default; NaN for N = 0) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The operands' lengths differ or are not a multiple of D, D is less than 1, or an
    /// output is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin or p is not greater than 0 (or NaN), eps is not finite, or the
    /// reduction is not Mean or Sum.</exception>
    public static float TripletMargin(
        ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int dimension,
        float margin = 1f, float p = 2f, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, default, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, bool, Reduction)"/>
    public static double TripletMargin(
        ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int dimension,
        double margin = 1d, double p = 2d, double eps = 1e-6d, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, default, default, default, RowOutputs.Value, reduction);

    /// <summary>The per-row triplet margin losses (reduction 'none'), written to <paramref name="destination"/> in row order.</summary>
    /// <remarks>See <see cref="TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, bool, Reduction)"/>.</remarks>
    /// <param name="anchor">The anchors, [N, D] row-major.</param>
    /// <param name="positive">The positives, the same length.</param>
    /// <param name="negative">The negatives, the same length.</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = anchor.Length / D.</param>
    /// <param name="destination">Receives the N per-row losses; must not overlap the inputs.</param>
    /// <param name="margin">The margin, greater than 0; default 1.</param>
    /// <param name="p">The norm's degree, greater than 0 (∞ for the maximum norm); default 2.</param>
    /// <param name="eps">Added to every difference; default 1e-6 (finite).</param>
    /// <param name="swap">Use min(d(a, n), d(p, n)) as the negative distance; default false.</param>
    /// <exception cref="ArgumentException">The operands' lengths differ or are not a multiple of D, D is less than 1, or the
    /// destination is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin or p is not greater than 0 (or NaN), or eps is not finite.</exception>
    public static void TripletMargin(
        ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int dimension, Span<float> destination,
        float margin = 1f, float p = 2f, float eps = 1e-6f, bool swap = false)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, destination, default, default, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, float, float, bool)"/>
    public static void TripletMargin(
        ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int dimension, Span<double> destination,
        double margin = 1d, double p = 2d, double eps = 1e-6d, bool swap = false)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, destination, default, default, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradients of the reduced triplet margin loss with respect to the anchor, the positive and the negative, in one
    /// pass (with u = a − p + eps, v = a − n + eps and p = 2: g·(u/‖u‖ − v/‖v‖), −g·u/‖u‖ and g·v/‖v‖ where the hinge is active).
    /// </summary>
    /// <remarks>See <see cref="TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, bool, Reduction)"/>.</remarks>
    /// <param name="anchor">The anchors, [N, D] row-major.</param>
    /// <param name="positive">The positives, the same length.</param>
    /// <param name="negative">The negatives, the same length.</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = anchor.Length / D.</param>
    /// <param name="anchorGradient">Receives d loss / d anchor; may be exactly <paramref name="anchor"/> (in place), must not overlap anything else.</param>
    /// <param name="positiveGradient">Receives d loss / d positive; may be exactly <paramref name="positive"/> (in place), must not overlap anything else.</param>
    /// <param name="negativeGradient">Receives d loss / d negative; may be exactly <paramref name="negative"/> (in place), must not overlap anything else.</param>
    /// <param name="margin">The margin, greater than 0; default 1.</param>
    /// <param name="p">The norm's degree, greater than 0 (∞ for the maximum norm); default 2.</param>
    /// <param name="eps">Added to every difference; default 1e-6 (finite).</param>
    /// <param name="swap">Use min(d(a, n), d(p, n)) as the negative distance; default false.</param>
    /// <param name="reduction">Mean over the rows (default) or their sum.</param>
    /// <exception cref="ArgumentException">The operands' lengths differ or are not a multiple of D, D is less than 1, or a
    /// gradient is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin or p is not greater than 0 (or NaN), eps is not finite, or the
    /// reduction is not Mean or Sum.</exception>
    public static void TripletMarginGradients(
        ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int dimension,
        Span<float> anchorGradient, Span<float> positiveGradient, Span<float> negativeGradient,
        float margin = 1f, float p = 2f, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, anchorGradient, positiveGradient, negativeGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TripletMarginGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, Span{float}, float, float, float, bool, Reduction)"/>
    public static void TripletMarginGradients(
        ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int dimension,
        Span<double> anchorGradient, Span<double> positiveGradient, Span<double> negativeGradient,
        double margin = 1d, double p = 2d, double eps = 1e-6d, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, anchorGradient, positiveGradient, negativeGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced triplet margin loss and its three gradients in one pass; the same bits as the separate calls.</summary>
    /// <remarks>See <see cref="TripletMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, bool, Reduction)"/>.</remarks>
    /// <param name="anchor">The anchors, [N, D] row-major.</param>
    /// <param name="positive">The positives, the same length.</param>
    /// <param name="negative">The negatives, the same length.</param>
    /// <param name="dimension">D, the embedding size, at least 1; N = anchor.Length / D.</param>
    /// <param name="anchorGradient">Receives d loss / d anchor; may be exactly <paramref name="anchor"/> (in place), must not overlap anything else.</param>
    /// <param name="positiveGradient">Receives d loss / d positive; may be exactly <paramref name="positive"/> (in place), must not overlap anything else.</param>
    /// <param name="negativeGradient">Receives d loss / d negative; may be exactly <paramref name="negative"/> (in place), must not overlap anything else.</param>
    /// <param name="margin">The margin, greater than 0; default 1.</param>
    /// <param name="p">The norm's degree, greater than 0 (∞ for the maximum norm); default 2.</param>
    /// <param name="eps">Added to every difference; default 1e-6 (finite).</param>
    /// <param name="swap">Use min(d(a, n), d(p, n)) as the negative distance; default false.</param>
    /// <param name="reduction">Mean over the rows (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The operands' lengths differ or are not a multiple of D, D is less than 1, or a
    /// gradient is too short or overlaps another span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The margin or p is not greater than 0 (or NaN), eps is not finite, or the
    /// reduction is not Mean or Sum.</exception>
    public static float TripletMarginWithGradients(
        ReadOnlySpan<float> anchor, ReadOnlySpan<float> positive, ReadOnlySpan<float> negative, int dimension,
        Span<float> anchorGradient, Span<float> positiveGradient, Span<float> negativeGradient,
        float margin = 1f, float p = 2f, float eps = 1e-6f, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, anchorGradient, positiveGradient, negativeGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TripletMarginWithGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, Span{float}, float, float, float, bool, Reduction)"/>
    public static double TripletMarginWithGradients(
        ReadOnlySpan<double> anchor, ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, int dimension,
        Span<double> anchorGradient, Span<double> positiveGradient, Span<double> negativeGradient,
        double margin = 1d, double p = 2d, double eps = 1e-6d, bool swap = false, Reduction reduction = Reduction.Mean)
        => TripletMarginKernel.Run(anchor, positive, negative, dimension, margin, p, eps, swap, default, anchorGradient, positiveGradient, negativeGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
