using FastLoss.Kernels;

namespace FastLoss;

// The K-dimensional case of torch's cross_entropy: input [N, C, d1, ..., dK] with target [N, d1, ..., dK] (class
// indices) or of the input's shape (probabilities); spatialSize = d1·…·dK. Each (sample, position) is one row whose C
// classes are spatialSize elements apart; results are laid out like torch's (per-sample losses [N, d1, …]).
public static partial class Loss
{
    /// <summary>The reduced loss of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/> for spatial input [N, C, d1, …] (torch's K-dimensional case).</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by Σ w[y] over the positions not ignored, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-position losses of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float)"/> for spatial input [N, C, d1, …], laid out [N, d1, …] as torch's 'none' output.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by Σ w[y] over the positions not ignored, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="destination">Receives N·spatialSize losses; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    public static void CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> destination,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int, float)"/>
    public static void CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> destination,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the spatial cross-entropy with respect to the logits [N, C, d1, …]; see <see cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by Σ w[y] over the positions not ignored, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/>, must not overlap it partially or overlap the other inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void CrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static void CrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced spatial cross-entropy and its gradient in one fused pass per position; see <see cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by Σ w[y] over the positions not ignored, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/>, must not overlap it partially or overlap the other inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a position to ignore; default −100.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient,
        ReadOnlySpan<float> weight = default, int ignoreIndex = -100, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(
            input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double CrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient,
        ReadOnlySpan<double> weight = default, int ignoreIndex = -100, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Indices(
            input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <summary>The reduced loss of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/> for spatial input [N, C, d1, …] (torch's K-dimensional case).</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by N·spatialSize, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The target distributions, [N, C, d1, …] (the input's shape).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, ReadOnlySpan<float> weight = default,
        float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, float, Reduction)"/>
    public static double CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, ReadOnlySpan<double> weight = default,
        double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-position losses of <see cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float)"/> for spatial input [N, C, d1, …], laid out [N, d1, …] as torch's 'none' output.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by N·spatialSize, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The target distributions, [N, C, d1, …] (the input's shape).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="destination">Receives N·spatialSize losses; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    public static void CrossEntropy(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> destination,
        ReadOnlySpan<float> weight = default, float labelSmoothing = 0f)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, ReadOnlySpan{float}, float)"/>
    public static void CrossEntropy(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> destination,
        ReadOnlySpan<double> weight = default, double labelSmoothing = 0d)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the spatial cross-entropy with respect to the logits [N, C, d1, …]; see <see cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by N·spatialSize, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The target distributions, [N, C, d1, …] (the input's shape).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/>, must not overlap it partially or overlap the other inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void CrossEntropyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient,
        ReadOnlySpan<float> weight = default, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>
    public static void CrossEntropyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient,
        ReadOnlySpan<double> weight = default, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(input, target, classCount, spatialSize, weight, labelSmoothing, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced spatial cross-entropy and its gradient in one fused pass per position; see <see cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>.</summary>
    /// <remarks>Every sample's C classes for one spatial position form a row, read spatialSize elements apart; the mean divides by N·spatialSize, as torch. Bit-identical on every SIMD width.</remarks>
    /// <param name="input">The logits, [N, C, d1, …] row-major.</param>
    /// <param name="target">The target distributions, [N, C, d1, …] (the input's shape).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1 (1 is the [N, C] case).</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/>, must not overlap it partially or overlap the other inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="labelSmoothing">ε, at most 1; default 0 (negative: none, as torch).</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, an output is too short or overlaps an input, a class index is out of range, ε is NaN or above 1, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float CrossEntropyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient,
        ReadOnlySpan<float> weight = default, float labelSmoothing = 0f, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(
            input, target, classCount, spatialSize, weight, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, ReadOnlySpan{float}, float, Reduction)"/>
    public static double CrossEntropyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient,
        ReadOnlySpan<double> weight = default, double labelSmoothing = 0d, Reduction reduction = Reduction.Mean)
        => SoftmaxCrossEntropy.Probabilities(
            input, target, classCount, spatialSize, weight, labelSmoothing, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
