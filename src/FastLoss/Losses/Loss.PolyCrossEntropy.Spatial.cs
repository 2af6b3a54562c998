using System.ComponentModel;
using FastLoss.Kernels;

namespace FastLoss;

// Poly-1 cross-entropy for spatial input [N, C, d1, ..., dK] with class-index targets [N, d1, ..., dK], spatialSize =
// d1·…·dK: each (sample, position) is one row whose C classes are spatialSize elements apart, read by the same strided
// row layout as the spatial CrossEntropy; per-position losses are laid out [N, d1, …] as torch's 'none' output.
// spatialSize sits right after classCount, as in CrossEntropy's spatial overloads: an int there is the spatial size.
// Before these overloads PolyCrossEntropy(x, t, C, 2) meant ε = 2 (int → float); now the int would bind to spatialSize
// and an [N, C] input with an even N would pass the shape check. The hidden [Obsolete(error: true)] overloads below take
// exactly that call (an identity conversion and no omitted defaults beat both real overloads) and make it CS0619.
public static partial class Loss
{
    /// <summary>Why <c>PolyCrossEntropy(input, target, classCount, int)</c> does not compile.</summary>
    private const string EpsilonOrSpatialSizeMessage =
        "An int fourth argument of PolyCrossEntropy could be the spatial size ([N, C, d…] input) or ε (the [N, C] overload, which took it before the spatial overloads existed): write 'spatialSize: S' for spatial input, or 'epsilon: e' (or a floating-point value such as 2f) for ε.";

    /// <summary>
    /// Not callable (compile-time error CS0619): an int as the fourth and last argument of <c>PolyCrossEntropy</c> could mean
    /// the spatial size or ε.
    /// </summary>
    /// <remarks>Say which one you mean: <c>spatialSize: S</c> for [N, C, d…] input, <c>epsilon: e</c> (or <c>2f</c>) for ε.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="classCount">C.</param>
    /// <param name="epsilonOrSpatialSize">The ambiguous int.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(EpsilonOrSpatialSizeMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float PolyCrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int epsilonOrSpatialSize)
        => throw new NotSupportedException(EpsilonOrSpatialSizeMessage);

    /// <inheritdoc cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int)"/>
    [Obsolete(EpsilonOrSpatialSizeMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double PolyCrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int epsilonOrSpatialSize)
        => throw new NotSupportedException(EpsilonOrSpatialSizeMessage);

    /// <summary>
    /// The reduced Poly-1 cross-entropy of
    /// <see cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// for spatial input [N, C, d1, …] (the layout of torch's K-dimensional cross-entropy): loss at each position =
    /// CE + ε·w[y]·(1 − p), p the softmax probability of the position's target class.
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function (Leng et al. 2022, Poly-1). Every sample's C classes at one spatial position form a row,
    /// read spatialSize elements apart; the mean divides by Σ w[y] over the positions not ignored, as the spatial
    /// <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, ReadOnlySpan{float}, int, float, Reduction)"/>.
    /// ε = 0 gives that cross-entropy's bits exactly; spatialSize = 1 gives the [N, C] overload's bits; the result equals
    /// the [N·S, C] call on the transposed input. Bit-identical on the Vector512, Vector256, Vector128 and scalar paths;
    /// nothing is allocated.</para>
    /// <para>Binding: an int right after <c>classCount</c> is the spatial size; <c>PolyCrossEntropy(x, t, C, 2)</c> alone does
    /// not compile (CS0619: was it ε?): write <c>spatialSize: 2</c>, or <c>epsilon: 2f</c> for the [N, C] overload.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss / Σ w[y]) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is
    /// out of range, C or spatialSize is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float PolyCrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, float epsilon = 1f, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double PolyCrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, double epsilon = 1d, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// Per-position Poly-1 cross-entropy (reduction 'none') for spatial input [N, C, d1, …]: writes CE + ε·w[y]·(1 − p) of
    /// every (sample, position) to <paramref name="destination"/>, laid out [N, d1, …] as torch's 'none' output (0 for
    /// ignored positions).
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function (Leng et al. 2022, Poly-1). Every sample's C classes at one spatial position form a row,
    /// read spatialSize elements apart. ε = 0 gives the spatial cross-entropy's per-position losses bit for bit; their sum
    /// is the reduced loss with <see cref="Reduction.Sum"/>. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="destination">Receives N·spatialSize losses; must not overlap the inputs.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is
    /// out of range, C or spatialSize is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    public static void PolyCrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> destination, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="PolyCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, ReadOnlySpan{float}, int, float)"/>
    public static void PolyCrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> destination, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced spatial Poly-1 cross-entropy with respect to the logits [N, C, d1, …]: the spatial
    /// cross-entropy's gradient plus s·ε·w[y]·p·(softmax − onehot(y)) at every position (s = 1 / Σ w[y] for the mean).
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function (Leng et al. 2022, Poly-1). Every sample's C classes at one spatial position form a row,
    /// read and written spatialSize elements apart; ignored positions get 0 (NaN where their softmax is NaN, as the
    /// cross-entropy). ε = 0 gives the spatial cross-entropy's gradient bit for bit. Bit-identical on every SIMD width;
    /// nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it
    /// partially or overlap the weights.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss / Σ w[y]) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is
    /// out of range, C or spatialSize is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void PolyCrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="PolyCrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static void PolyCrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced spatial Poly-1 cross-entropy and its gradient with respect to the logits [N, C, d1, …] in one fused
    /// pass per position; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>Not a torch function (Leng et al. 2022, Poly-1). Every sample's C classes at one spatial position form a row,
    /// read and written spatialSize elements apart. ε = 0 gives the spatial cross-entropy's loss and gradient bit for bit.
    /// Bit-identical on every SIMD width; nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it
    /// partially or overlap the weights.</param>
    /// <param name="epsilon">ε, the coefficient of the (1 − p) term; finite, default 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">The cross-entropy's label smoothing, at most 1 (negative means none, as torch); default 0.</param>
    /// <param name="reduction">Mean (default: Σ loss / Σ w[y]) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is
    /// out of range, C or spatialSize is less than 1, ε is not finite, or the label smoothing is NaN or above 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float PolyCrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, float epsilon = 1f,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="PolyCrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double PolyCrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, double epsilon = 1d,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxPolyKernel.Run(input, target, classCount, spatialSize, epsilon, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
