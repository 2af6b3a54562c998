using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Negative log-likelihood of log-probabilities (torch's <c>nll_loss</c>): loss_i = −w[y_i]·input[i, y_i] for input [N, C] (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length); the mean is Σ loss_i / Σ w[y_i] over the targets that are not ignored.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float Nll(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<float> weight = default, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="Nll(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, Reduction)"/>
    public static double Nll(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<double> weight = default, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample NLL (torch's <c>reduction='none'</c>): writes loss_i = −w[y_i]·input[i, y_i] (0 for ignored samples) to <paramref name="destination"/>[i].</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives one loss per target; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C is less than 1.</exception>
    public static void Nll(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="Nll(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int)"/>
    public static void Nll(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced NLL with respect to the input: −w[y_i]·s at [i, y_i] (s = 1 / Σ w[y_j] for the mean, 1 for the sum) and 0 elsewhere.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void NllGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="NllGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static void NllGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced NLL and its gradient in one pass; the same bits as the separate calls.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float NllWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="NllWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double NllWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, 1, weight, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <summary>Spatial input [N, C, d1, …] (torch's K-dimensional case, target [N, d1, …]): negative log-likelihood of log-probabilities (torch's <c>nll_loss</c>): loss_i = −w[y_i]·input[i, y_i] for input [N, C] (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length); the mean is Σ loss_i / Σ w[y_i] over the targets that are not ignored.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float Nll(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<float> weight = default, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="Nll(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, ReadOnlySpan{float}, int, Reduction)"/>
    public static double Nll(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<double> weight = default, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <summary>Spatial input [N, C, d1, …] (torch's K-dimensional case, target [N, d1, …]): per-sample NLL (torch's <c>reduction='none'</c>): writes loss_i = −w[y_i]·input[i, y_i] (0 for ignored samples) to <paramref name="destination"/>[i].</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1.</param>
    /// <param name="destination">Receives one loss per target; must not overlap the inputs.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C or spatialSize is less than 1.</exception>
    public static void Nll(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> destination, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="Nll(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int)"/>
    public static void Nll(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> destination, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>Spatial input [N, C, d1, …] (torch's K-dimensional case, target [N, d1, …]): the gradient of the reduced NLL with respect to the input: −w[y_i]·s at [i, y_i] (s = 1 / Σ w[y_j] for the mean, 1 for the sum) and 0 elsewhere.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void NllGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="NllGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static void NllGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>Spatial input [N, C, d1, …] (torch's K-dimensional case, target [N, d1, …]): the reduced NLL and its gradient in one pass; the same bits as the separate calls.</summary>
    /// <remarks>As torch: only the target column is read, so NaN elsewhere does not propagate; a target equal to <paramref name="ignoreIndex"/> contributes 0, is not range-checked and is left out of the denominator; every target ignored (or a zero total weight) gives a NaN mean; negative weights are accepted. The input is not checked to hold log-probabilities. Reductions follow the driver's layout (bit-identical on every SIMD width); nothing is allocated.</remarks>
    /// <param name="input">The log-probabilities, [N, C, d1, …] row-major.</param>
    /// <param name="target">The class index per position, [N, d1, …], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">d1·…·dK, at least 1.</param>
    /// <param name="inputGradient">Receives the input's length; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap the weights.</param>
    /// <param name="weight">A weight per class (C values), or empty for none.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, or C or spatialSize is less than 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float NllWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, ReadOnlySpan<float> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="NllWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double NllWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, ReadOnlySpan<double> weight = default,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => NllKernel.Run(input, target, classCount, spatialSize, weight, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
