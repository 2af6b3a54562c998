using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Poly-1 cross-entropy (Leng et al. 2022) with class-index targets, for logits [N, C] (row-major, C =
    /// <paramref name="classCount"/>, N = <paramref name="target"/>.Length): loss_i = CE_i + ε·w[y_i]·(1 − p_i), with
    /// CE_i torch's cross-entropy of the row (weights, label smoothing) and p_i = softmax(x_i)[y_i].
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function: Leng et al. 2022, "PolyLoss", the Poly-1 form. Without weights and label smoothing
    /// loss_i = −log p_i + ε·(1 − p_i). The cross-entropy part is exactly
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// (max-shifted log-softmax, logits of ±1e4 are fine; ignored targets contribute 0 and leave the mean's denominator);
    /// the poly term is weighted by the target's class weight like the NLL term, so the mean stays Σ_i loss_i / Σ w[y_i];
    /// p_i is the softmax probability of the target class itself (its one-hot target, also under label smoothing).
    /// ε = 0 gives the cross-entropy's bits exactly (loss, per-sample losses and gradient); ε may be negative: ε ≥ −1
    /// keeps every unsmoothed loss non-negative (−log p ≥ 1 − p), smaller values are accepted.
    /// 1 − p is computed as −expm1(log p), without cancellation when p rounds to 1.</para>
    /// <para>Sums follow the driver's layout: bit-identical on the Vector512, Vector256, Vector128 and scalar paths.
    /// Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss_i / Σ w[y_i]) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is
    /// out of range, C is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float PolyCrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, float epsilon = 1f, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double PolyCrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, double epsilon = 1d, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// Per-sample Poly-1 cross-entropy (reduction 'none'): writes loss_i = CE_i + ε·w[y_i]·(1 − p_i) of
    /// <see cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// to <paramref name="destination"/>[i] (0 for ignored samples).
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function: Leng et al. 2022, "PolyLoss", the Poly-1 form. Without weights and label smoothing
    /// loss_i = −log p_i + ε·(1 − p_i). The cross-entropy part is exactly
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// (max-shifted log-softmax, logits of ±1e4 are fine; ignored targets contribute 0 and leave the mean's denominator);
    /// the poly term is weighted by the target's class weight like the NLL term, so the mean stays Σ_i loss_i / Σ w[y_i];
    /// p_i is the softmax probability of the target class itself (its one-hot target, also under label smoothing).
    /// ε = 0 gives the cross-entropy's bits exactly (loss, per-sample losses and gradient); ε may be negative: ε ≥ −1
    /// keeps every unsmoothed loss non-negative (−log p ≥ 1 − p), smaller values are accepted.
    /// 1 − p is computed as −expm1(log p), without cancellation when p rounds to 1.</para>
    /// <para>Sums follow the driver's layout: bit-identical on the Vector512, Vector256, Vector128 and scalar paths.
    /// Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is
    /// out of range, C is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    public static void PolyCrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, ReadOnlySpan{float}, int, float)"/>
    public static void PolyCrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced Poly-1 cross-entropy with respect to the logits: the cross-entropy's gradient
    /// (<see cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>)
    /// plus s·ε·w[y_i]·p_i·(softmax(x_i) − onehot(y_i)) in row i, s = 1 / Σ w[y_j] for the mean and 1 for the sum.
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function: Leng et al. 2022, "PolyLoss", the Poly-1 form. Without weights and label smoothing
    /// loss_i = −log p_i + ε·(1 − p_i). The cross-entropy part is exactly
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// (max-shifted log-softmax, logits of ±1e4 are fine; ignored targets contribute 0 and leave the mean's denominator);
    /// the poly term is weighted by the target's class weight like the NLL term, so the mean stays Σ_i loss_i / Σ w[y_i];
    /// p_i is the softmax probability of the target class itself (its one-hot target, also under label smoothing).
    /// ε = 0 gives the cross-entropy's bits exactly (loss, per-sample losses and gradient); ε may be negative: ε ≥ −1
    /// keeps every unsmoothed loss non-negative (−log p ≥ 1 − p), smaller values are accepted.
    /// 1 − p is computed as −expm1(log p), without cancellation when p rounds to 1.</para>
    /// <para>Sums follow the driver's layout: bit-identical on the Vector512, Vector256, Vector128 and scalar paths.
    /// Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the weights.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss_i / Σ w[y_i]) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is
    /// out of range, C is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void PolyCrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="PolyCrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static void PolyCrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced Poly-1 cross-entropy and its gradient in one fused pass per row; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function: Leng et al. 2022, "PolyLoss", the Poly-1 form. Without weights and label smoothing
    /// loss_i = −log p_i + ε·(1 − p_i). The cross-entropy part is exactly
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// (max-shifted log-softmax, logits of ±1e4 are fine; ignored targets contribute 0 and leave the mean's denominator);
    /// the poly term is weighted by the target's class weight like the NLL term, so the mean stays Σ_i loss_i / Σ w[y_i];
    /// p_i is the softmax probability of the target class itself (its one-hot target, also under label smoothing).
    /// ε = 0 gives the cross-entropy's bits exactly (loss, per-sample losses and gradient); ε may be negative: ε ≥ −1
    /// keeps every unsmoothed loss non-negative (−log p ≥ 1 − p), smaller values are accepted.
    /// 1 − p is computed as −expm1(log p), without cancellation when p rounds to 1.</para>
    /// <para>Sums follow the driver's layout: bit-identical on the Vector512, Vector256, Vector128 and scalar paths.
    /// Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the weights.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss_i / Σ w[y_i]) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is
    /// out of range, C is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float PolyCrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="PolyCrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double PolyCrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, 1, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
