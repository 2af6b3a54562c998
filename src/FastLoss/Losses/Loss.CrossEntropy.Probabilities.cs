using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy with probability targets (torch's <c>cross_entropy</c> with a float target of the input's
    /// shape): for logits x and targets t of shape [N, C] (row-major, C = <paramref name="classCount"/>),
    /// loss_i = −Σ_c w[c]·t'_ic·log_softmax(x_i)[c] with t' = t·(1 − ε) + ε/C.
    /// </summary>
    /// <remarks>
    /// As torch: targets are used as given (not checked to be non-negative or to sum to 1); the mean divides by N, not by
    /// a weight sum; a negative ε means no smoothing. Reductions are bit-identical on every SIMD width; nothing is
    /// allocated.
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The target distributions, [N, C] row-major (the input's length).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, ε is NaN or above 1, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight = default, float labelSmoothing = 0f,
        Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    public static double CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight = default, double labelSmoothing = 0d,
        Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// Per-sample softmax cross-entropy with probability targets (torch's <c>reduction='none'</c>): writes loss_i of
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    /// to <paramref name="destination"/>[i].
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The target distributions, [N, C] row-major.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <exception cref="ArgumentException">A length does not match, the destination is too short or overlaps an input,
    /// ε is NaN or above 1, or C is less than 1.</exception>
    public static void CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> destination, ReadOnlySpan<float> weight = default,
        float labelSmoothing = 0f)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float)"/>
    public static void CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> destination, ReadOnlySpan<double> weight = default,
        double labelSmoothing = 0d)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    /// with respect to the logits: row i is s·(softmax(x_i)·Σ_c w[c]·t'_ic − w·t'_i), s = 1/N for the mean, 1 for the sum.
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The target distributions, [N, C] row-major.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target or weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, the gradient is too short or overlaps an input, ε is
    /// NaN or above 1, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void CrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>
    public static void CrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, 1, weight, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced loss of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    /// and its gradient in one fused pass per row; the same bits as the separate calls.
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The target distributions, [N, C] row-major.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target or weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, the gradient is too short or overlaps an input, ε is
    /// NaN or above 1, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(
            input, target, classCount, 1, weight, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>
    public static double CrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(
            input, target, classCount, 1, weight, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
