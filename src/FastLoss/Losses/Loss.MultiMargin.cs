using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Multi-class hinge loss (torch's <c>multi_margin_loss</c>): loss_i = Σ_{c≠y_i} w[y_i]·max(0, margin − x[i, y_i] + x[i, c])^p / C for scores [N, C] (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length; an unbatched [C] input is N = 1); the mean is over the N samples.</summary>
    /// <remarks>As torch: a hinge term that is exactly 0 contributes no gradient (strict &gt; 0), a NaN term counts as 0 (it fails z &gt; 0), zero and negative weights are accepted, any finite or infinite margin is (NaN is rejected, as every FastLoss hyperparameter). An empty batch gives 0 for the sum and NaN for the mean (torch returns uninitialised memory there). Row and batch sums follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="p">The exponent: 1 (default) or 2.</param>
    /// <param name="margin">The margin; default 1.</param>
    /// <param name="weight">A weight per class (C values, applied by the sample's target class), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, or <paramref name="p"/> is not 1 or 2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultiMargin(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int p = 1, float margin = 1f, ReadOnlySpan<float> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="MultiMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, float, ReadOnlySpan{float}, Reduction)"/>
    public static double MultiMargin(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int p = 1, double margin = 1.0, ReadOnlySpan<double> weight = default,
        Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample multi-class hinge loss (torch's <c>reduction='none'</c>): writes loss_i = Σ_{c≠y_i} w[y_i]·max(0, margin − x[i, y_i] + x[i, c])^p / C to <paramref name="destination"/>[i].</summary>
    /// <remarks>As torch: a hinge term that is exactly 0 contributes no gradient (strict &gt; 0), a NaN term counts as 0 (it fails z &gt; 0), zero and negative weights are accepted, any finite or infinite margin is (NaN is rejected, as every FastLoss hyperparameter). Row sums follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives one loss per sample; must not overlap the inputs.</param>
    /// <param name="p">The exponent: 1 (default) or 2.</param>
    /// <param name="margin">The margin; default 1.</param>
    /// <param name="weight">A weight per class (C values, applied by the sample's target class), or empty for none.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, or <paramref name="p"/> is not 1 or 2.</exception>
    public static void MultiMargin(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, int p = 1, float margin = 1f,
        ReadOnlySpan<float> weight = default)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="MultiMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, int, float, ReadOnlySpan{float})"/>
    public static void MultiMargin(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, int p = 1, double margin = 1.0,
        ReadOnlySpan<double> weight = default)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced multi-class hinge loss with respect to the input: for each c ≠ y_i with z = margin − x[i, y_i] + x[i, c] &gt; 0, w[y_i]·s·(1 or 2z) at [i, c] and minus the sum of those at [i, y_i] (s = 1/C, divided by N for the mean); 0 elsewhere.</summary>
    /// <remarks>As torch: a hinge term that is exactly 0 contributes no gradient (strict &gt; 0), a NaN term counts as 0 (it fails z &gt; 0), zero and negative weights are accepted, any finite or infinite margin is (NaN is rejected, as every FastLoss hyperparameter). Nothing is allocated.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="p">The exponent: 1 (default) or 2.</param>
    /// <param name="margin">The margin; default 1.</param>
    /// <param name="weight">A weight per class (C values, applied by the sample's target class), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, or <paramref name="p"/> is not 1 or 2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void MultiMarginGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, int p = 1, float margin = 1f,
        ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultiMarginGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, int, float, ReadOnlySpan{float}, Reduction)"/>
    public static void MultiMarginGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, int p = 1, double margin = 1.0,
        ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced multi-class hinge loss and its gradient in one pass; the same bits as the separate calls.</summary>
    /// <remarks>As torch: a hinge term that is exactly 0 contributes no gradient (strict &gt; 0), a NaN term counts as 0 (it fails z &gt; 0), zero and negative weights are accepted, any finite or infinite margin is (NaN is rejected, as every FastLoss hyperparameter). An empty batch gives 0 for the sum and NaN for the mean (torch returns uninitialised memory there). Row and batch sums follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The scores, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C).</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="p">The exponent: 1 (default) or 2.</param>
    /// <param name="margin">The margin; default 1.</param>
    /// <param name="weight">A weight per class (C values, applied by the sample's target class), or empty for none.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, or <paramref name="p"/> is not 1 or 2.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MultiMarginWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, int p = 1, float margin = 1f,
        ReadOnlySpan<float> weight = default, Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="MultiMarginWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, int, float, ReadOnlySpan{float}, Reduction)"/>
    public static double MultiMarginWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, int p = 1, double margin = 1.0,
        ReadOnlySpan<double> weight = default, Reduction reduction = Reduction.Mean)
        => MultiMarginKernel.Run(input, target, classCount, p, margin, weight, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
