using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Multi-label hinge loss (torch's <c>multilabel_margin_loss</c>): loss_i = Σ_{j ∈ labels_i} Σ_{c ∉ labels_i} max(0, 1 − (x[i, j] − x[i, c])) / C for scores [N, C] (row-major, C = <paramref name="classCount"/>; an unbatched [C] input is N = 1) and targets of the same shape listing each sample's labels, ended by the first −1; the mean is over the N samples.</summary>
    /// <remarks>As torch: entries after a row's first −1 are ignored (but must still lie in [−1, C)); a row starting with −1 has loss 0; a duplicated label counts twice; a hinge term that is exactly 0 contributes no gradient (strict &gt; 0). An empty batch gives 0 for the sum and NaN for the mean (torch returns uninitialised memory there). Row and batch sums follow the driver's layout (bit-identical on every SIMD width); a scratch row is taken from the stack (C ≤ 256) or the shared array pool.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The labels, [N, C] row-major: class indices in [0, C), each row ended by −1 unless it lists C labels.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a target entry is outside [−1, C), or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultilabelMargin(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="MultilabelMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Reduction)"/>
    public static double MultilabelMargin(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample multi-label hinge loss (torch's <c>reduction='none'</c>): writes loss_i = Σ_{j ∈ labels_i} Σ_{c ∉ labels_i} max(0, 1 − (x[i, j] − x[i, c])) / C to <paramref name="destination"/>[i].</summary>
    /// <remarks>As torch: entries after a row's first −1 are ignored (but must still lie in [−1, C)); a row starting with −1 has loss 0; a duplicated label counts twice. Row sums follow the driver's layout (bit-identical on every SIMD width).</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The labels, [N, C] row-major: class indices in [0, C), each row ended by −1 unless it lists C labels.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives one loss per sample (N = input length / C); must not overlap the input.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a target entry is outside [−1, C), or C is less than 1.</exception>
    public static void MultilabelMargin(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination)
        => MultilabelMarginKernel.Run(input, target, classCount, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="MultilabelMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float})"/>
    public static void MultilabelMargin(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination)
        => MultilabelMarginKernel.Run(input, target, classCount, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced multi-label hinge loss with respect to the input: each active term (1 − x[i, j] + x[i, c] &gt; 0) adds s at [i, c] and −s at [i, j] (s = 1/C, divided by N for the mean).</summary>
    /// <remarks>As torch: entries after a row's first −1 are ignored (but must still lie in [−1, C)); a duplicated label counts twice; a hinge term that is exactly 0 contributes no gradient (strict &gt; 0). A scratch row is taken from the stack (C ≤ 256) or the shared array pool.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The labels, [N, C] row-major: class indices in [0, C), each row ended by −1 unless it lists C labels.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a target entry is outside [−1, C), or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void MultilabelMarginGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultilabelMarginGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, Reduction)"/>
    public static void MultilabelMarginGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced multi-label hinge loss and its gradient in one pass; the same bits as the separate calls.</summary>
    /// <remarks>As torch: entries after a row's first −1 are ignored (but must still lie in [−1, C)); a row starting with −1 has loss 0; a duplicated label counts twice; a hinge term that is exactly 0 contributes no gradient (strict &gt; 0). An empty batch gives 0 for the sum and NaN for the mean (torch returns uninitialised memory there).</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The labels, [N, C] row-major: class indices in [0, C), each row ended by −1 unless it lists C labels.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a target entry is outside [−1, C), or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultilabelMarginWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultilabelMarginWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, Reduction)"/>
    public static double MultilabelMarginWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => MultilabelMarginKernel.Run(input, target, classCount, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
