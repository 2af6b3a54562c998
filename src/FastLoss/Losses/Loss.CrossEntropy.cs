using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Softmax cross-entropy with class-index targets (torch's <c>cross_entropy</c>): for logits x of shape [N, C]
    /// (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length),
    /// loss_i = (1 − ε)·w[y_i]·(−log_softmax(x_i)[y_i]) + (ε/C)·Σ_c w[c]·(−log_softmax(x_i)[c]).
    /// </summary>
    /// <remarks>
    /// <para>Exactly torch's semantics: log_softmax is max-shifted (logits of ±1e4 are fine); a target equal to
    /// <paramref name="ignoreIndex"/> contributes 0 and is left out of the mean's denominator (it is not range-checked);
    /// the mean is Σ w[y_i]·loss_i / Σ w[y_i] over the targets that are not ignored (NaN if all are ignored or their
    /// weights sum to 0); with label smoothing ε the smoothing term is weighted per class and divided by the same
    /// Σ w[y_i]; a negative ε means no smoothing (torch accepts it); NaN and ±∞ logits propagate through the softmax
    /// as in torch.</para>
    /// <para>Reductions follow the element-wise driver's layout (README, "Reductions"): the result is bit-identical on the
    /// Vector512, Vector256, Vector128 and scalar paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, a class index is out of range, ε is NaN or above 1,
    /// or C is less than 1 (checked before anything is computed).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<float> weight = default, int ignoreIndex = -100,
        float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<double> weight = default, int ignoreIndex = -100,
        double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// Per-sample softmax cross-entropy with class-index targets (torch's <c>reduction='none'</c>): writes loss_i of
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// to <paramref name="destination"/>[i] (0 for ignored samples).
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <exception cref="ArgumentException">A length does not match, the destination is too short or overlaps an input, a
    /// class index is out of range, ε is NaN or above 1, or C is less than 1.</exception>
    public static void CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float)"/>
    public static void CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// with respect to the logits: row i is s·((1 − ε)·w[y_i]·(softmax(x_i) − onehot(y_i)) + (ε/C)·(softmax(x_i)·Σw − w)),
    /// with s = 1 / Σ w[y_j] for the mean and 1 for the sum (torch's gradient, also at ignored rows and non-finite logits).
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum (also the gradient of torch's 'none' output summed).</param>
    /// <exception cref="ArgumentException">A length does not match, the gradient is too short or overlaps an input, a
    /// class index is out of range, ε is NaN or above 1, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void CrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static void CrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced loss of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// and its gradient (<see cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>)
    /// in one fused pass per row that shares the exponentials; the same bits as the separate calls.
    /// </summary>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, the gradient is too short or overlaps an input, a
    /// class index is out of range, ε is NaN or above 1, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(
            input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double CrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(
            input, target, classCount, 1, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
