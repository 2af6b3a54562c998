using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Connectionist temporal classification loss (torch's <c>ctc_loss</c>): for log-probabilities [T, N, C]
    /// (row-major: element [t, n, c] at (t·N + n)·C + c, T = <paramref name="logProbs"/>.Length / (N·C)), the loss of
    /// sample n is −log Σ over all alignments of its first <paramref name="inputLengths"/>[n] frames to its target
    /// (labels with blanks between and around, repeats collapsed) of Π exp(log_probs[t, n, π_t]). The mean is
    /// torch's: the batch mean of loss_n / max(targetLengths[n], 1).
    /// </summary>
    /// <remarks>
    /// <para>Exactly torch's CPU kernel (ATen <c>LossCTC.cpp</c>), α/β in log space with torch's log-add-exp, so ±∞
    /// and NaN propagate as in torch. An alignment that cannot exist (a target longer than its input allows) gives
    /// +∞, or 0 with <paramref name="zeroInfinity"/>; an input length of 0 gives +∞, or −0 for an empty target. The
    /// log-probabilities are not checked to be normalized.</para>
    /// <para>Unbatched input (torch's log_probs [T, C] with 1-d targets and 0-d lengths): <paramref name="batchSize"/> 1,
    /// <see cref="CtcTargetLayout.Concatenated"/>, one-element lengths.</para>
    /// <para>Checked before anything is written, as torch does (ArgumentException naming the argument): N and C at
    /// least 1, log_probs not empty and a multiple of N·C; the blank in [0, C); one input and one target length per
    /// sample, input lengths in [0, T], target lengths at least 0 and at most the padded width S (padded) or adding up
    /// to the number of labels (concatenated); and, beyond torch's CPU kernel (which reads out of range there), every
    /// label within a target length in [0, C). A label equal to the blank is accepted and computed as torch's kernel
    /// computes it (torch documents that a target should not hold the blank, but does not reject it).
    /// Labels past a target length (padding) are not read.</para>
    /// <para>Arithmetic in double for float and double (see <c>CtcKernel</c>); the reduction adds the samples in
    /// order, so the bits do not depend on the SIMD width. Nothing is allocated up to about 1,000 lattice values per
    /// sample; larger lattices use the shared array pool.</para>
    /// </remarks>
    /// <param name="logProbs">The log-probabilities (log_softmax outputs), [T, N, C] row-major.</param>
    /// <param name="batchSize">N, at least 1.</param>
    /// <param name="classCount">C (including the blank), at least 1.</param>
    /// <param name="targets">The labels: [N, S] padded or concatenated, as <paramref name="targetLayout"/> says.</param>
    /// <param name="targetLayout">How <paramref name="targets"/> is laid out.</param>
    /// <param name="inputLengths">The number of frames of each sample, in [0, T].</param>
    /// <param name="targetLengths">The number of labels of each sample, at least 0.</param>
    /// <param name="blank">The blank's class index, in [0, C); default 0.</param>
    /// <param name="zeroInfinity">Whether infinite losses (and their gradients) are replaced by 0; default false.</param>
    /// <param name="reduction">Mean (default: batch mean of loss_n / max(L_n, 1)) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A size, length or label is invalid (see remarks).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum, or the blank, N or C is out of range.</exception>
    public static float Ctc(
        ReadOnlySpan<float> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank = 0, bool zeroInfinity = false, Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="Ctc(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Reduction)"/>
    public static double Ctc(
        ReadOnlySpan<double> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank = 0, bool zeroInfinity = false, Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// Per-sample CTC losses (torch's <c>reduction='none'</c>): writes loss_n of
    /// <see cref="Ctc(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Reduction)"/>
    /// (not divided by the target length) to <paramref name="destination"/>[n].
    /// </summary>
    /// <remarks>Same semantics and checks as the reduced overload; the destination must hold N values and not overlap an input.</remarks>
    /// <param name="logProbs">The log-probabilities (log_softmax outputs), [T, N, C] row-major.</param>
    /// <param name="batchSize">N, at least 1.</param>
    /// <param name="classCount">C (including the blank), at least 1.</param>
    /// <param name="targets">The labels: [N, S] padded or concatenated, as <paramref name="targetLayout"/> says.</param>
    /// <param name="targetLayout">How <paramref name="targets"/> is laid out.</param>
    /// <param name="inputLengths">The number of frames of each sample, in [0, T].</param>
    /// <param name="targetLengths">The number of labels of each sample, at least 0.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="blank">The blank's class index, in [0, C); default 0.</param>
    /// <param name="zeroInfinity">Whether infinite losses are replaced by 0; default false.</param>
    /// <exception cref="ArgumentException">A size, length or label is invalid, or the destination is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The blank, N or C is out of range.</exception>
    public static void Ctc(
        ReadOnlySpan<float> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<float> destination, int blank = 0, bool zeroInfinity = false)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="Ctc(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool)"/>
    public static void Ctc(
        ReadOnlySpan<double> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<double> destination, int blank = 0, bool zeroInfinity = false)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// torch's gradient of the reduced CTC loss with respect to the log-probabilities: for t &lt; inputLengths[n],
    /// (exp(log_probs[t, n, c]) − γ[t, n, c])·s_n, where γ is the posterior occupancy of class c at frame t (Σ over
    /// the extended-target states s with l'_s = c of α·β / (likelihood · exp(log_probs)), as torch collects it) and
    /// s_n = 1 / (N·max(L_n, 1)) for the mean, 1 for the sum; 0 for t ≥ inputLengths[n].
    /// </summary>
    /// <remarks>
    /// <para>This is <b>not</b> the derivative with respect to free log-probabilities: it is that derivative (−γ·s_n)
    /// plus exp(log_probs)·s_n, which is the correct gradient once composed with a log_softmax (Σ_c exp = 1), the way
    /// torch's kernel defines it and the way CTC is used. On unnormalized inputs it differs, as in torch.</para>
    /// <para>A sample with an infinite loss gets NaN at its frames t &lt; inputLengths[n] (∞ − ∞, as torch), or an
    /// all-zero gradient with <paramref name="zeroInfinity"/>. Same checks as the reduced overload.</para>
    /// </remarks>
    /// <param name="logProbs">The log-probabilities (log_softmax outputs), [T, N, C] row-major.</param>
    /// <param name="batchSize">N, at least 1.</param>
    /// <param name="classCount">C (including the blank), at least 1.</param>
    /// <param name="targets">The labels: [N, S] padded or concatenated, as <paramref name="targetLayout"/> says.</param>
    /// <param name="targetLayout">How <paramref name="targets"/> is laid out.</param>
    /// <param name="inputLengths">The number of frames of each sample, in [0, T].</param>
    /// <param name="targetLengths">The number of labels of each sample, at least 0.</param>
    /// <param name="logProbsGradient">Receives T·N·C values; may be exactly <paramref name="logProbs"/> (in place), must not
    /// overlap it partially or overlap the targets or lengths.</param>
    /// <param name="blank">The blank's class index, in [0, C); default 0.</param>
    /// <param name="zeroInfinity">Whether infinite losses and their gradients are replaced by 0; default false.</param>
    /// <param name="reduction">Mean (default) or sum (also the gradient of torch's 'none' output summed).</param>
    /// <exception cref="ArgumentException">A size, length or label is invalid, or the gradient is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum, or the blank, N or C is out of range.</exception>
    public static void CtcGradient(
        ReadOnlySpan<float> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<float> logProbsGradient, int blank = 0, bool zeroInfinity = false,
        Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, logProbsGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CtcGradient(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool, Reduction)"/>
    public static void CtcGradient(
        ReadOnlySpan<double> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<double> logProbsGradient, int blank = 0, bool zeroInfinity = false,
        Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, logProbsGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced CTC loss of
    /// <see cref="Ctc(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Reduction)"/>
    /// and its gradient
    /// (<see cref="CtcGradient(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool, Reduction)"/>)
    /// from one α pass per sample; the same bits as the separate calls.
    /// </summary>
    /// <remarks>Same semantics and checks as the separate overloads.</remarks>
    /// <param name="logProbs">The log-probabilities (log_softmax outputs), [T, N, C] row-major.</param>
    /// <param name="batchSize">N, at least 1.</param>
    /// <param name="classCount">C (including the blank), at least 1.</param>
    /// <param name="targets">The labels: [N, S] padded or concatenated, as <paramref name="targetLayout"/> says.</param>
    /// <param name="targetLayout">How <paramref name="targets"/> is laid out.</param>
    /// <param name="inputLengths">The number of frames of each sample, in [0, T].</param>
    /// <param name="targetLengths">The number of labels of each sample, at least 0.</param>
    /// <param name="logProbsGradient">Receives T·N·C values; may be exactly <paramref name="logProbs"/> (in place), must not
    /// overlap it partially or overlap the targets or lengths.</param>
    /// <param name="blank">The blank's class index, in [0, C); default 0.</param>
    /// <param name="zeroInfinity">Whether infinite losses and their gradients are replaced by 0; default false.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A size, length or label is invalid, or the gradient is too short or overlaps an input.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum, or the blank, N or C is out of range.</exception>
    public static float CtcWithGradient(
        ReadOnlySpan<float> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<float> logProbsGradient, int blank = 0, bool zeroInfinity = false,
        Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, logProbsGradient,
            RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CtcWithGradient(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float}, int, bool, Reduction)"/>
    public static double CtcWithGradient(
        ReadOnlySpan<double> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<double> logProbsGradient, int blank = 0, bool zeroInfinity = false,
        Reduction reduction = Reduction.Mean)
        => CtcKernel.Run(
            logProbs, batchSize, classCount, targets, targetLayout, inputLengths, targetLengths, blank, zeroInfinity, default, logProbsGradient,
            RowOutputs.Value | RowOutputs.Gradient, reduction);
}
