using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Multi-label one-versus-all logistic loss (torch's <c>multilabel_soft_margin_loss</c>): loss_i = Σ_c w_c·(−(t·log σ(x) + (1 − t)·log σ(−x))) / C for logits [N, C] (row-major, C = <paramref name="classCount"/>; an unbatched [C] input is N = 1) and targets of the same shape; the mean is over the N samples.</summary>
    /// <remarks>As torch: targets are used as given (0/1 labels or soft targets, not checked); log σ is evaluated stably for every logit (no overflow), but a saturated term on the wrong side of a hard target stays as torch has it (0·∞ = NaN at x = ±∞). An empty batch gives NaN for the mean and 0 for the sum. Row and batch sums follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The targets, [N, C] row-major (0 or 1, or soft values).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="weight">A weight per class (C values) or per element (N·C values, torch's broadcast), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultilabelSoftMargin(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="MultilabelSoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>
    public static double MultilabelSoftMargin(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample multi-label logistic loss (torch's <c>reduction='none'</c>): writes loss_i = Σ_c w_c·(−(t·log σ(x) + (1 − t)·log σ(−x))) / C to <paramref name="destination"/>[i].</summary>
    /// <remarks>As torch: targets are used as given (0/1 labels or soft targets, not checked); log σ is evaluated stably for every logit. Row sums follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The targets, [N, C] row-major (0 or 1, or soft values).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives one loss per sample (N = input length / C); must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values) or per element (N·C values, torch's broadcast), or empty for none.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, or C is less than 1.</exception>
    public static void MultilabelSoftMargin(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> destination, ReadOnlySpan<float> weight = default)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="MultilabelSoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float})"/>
    public static void MultilabelSoftMargin(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> destination, ReadOnlySpan<double> weight = default)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced multi-label logistic loss with respect to the input: w·s·((1 − t)·σ(x) − t·σ(−x)) per element (s = 1/C, divided by N for the mean).</summary>
    /// <remarks>As torch: targets are used as given; a saturated logit on the side of its hard target gives exactly 0. Nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The targets, [N, C] row-major (0 or 1, or soft values).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the target or weights.</param>
    /// <param name="weight">A weight per class (C values) or per element (N·C values, torch's broadcast), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void MultilabelSoftMarginGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultilabelSoftMarginGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, Reduction)"/>
    public static void MultilabelSoftMarginGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced multi-label logistic loss and its gradient in one pass; the same bits as the separate calls.</summary>
    /// <remarks>As torch: targets are used as given (0/1 labels or soft targets, not checked); log σ is evaluated stably for every logit. An empty batch gives NaN for the mean and 0 for the sum. Nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The targets, [N, C] row-major (0 or 1, or soft values).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the target or weights.</param>
    /// <param name="weight">A weight per class (C values) or per element (N·C values, torch's broadcast), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultilabelSoftMarginWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultilabelSoftMarginWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, Reduction)"/>
    public static double MultilabelSoftMarginWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultilabelSoftMarginKernel.Run(input, target, classCount, weight, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
