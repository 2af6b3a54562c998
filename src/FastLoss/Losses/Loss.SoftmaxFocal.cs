using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Categorical (softmax) focal loss, Lin et al. 2017: loss_i = −α_{y_i}·(1 − p_i)^γ·log p_i with p_i = softmax(x_i)[y_i], for logits [N, C] (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length); the mean is over the samples that are not ignored.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="alpha">α, the same for every class (not NaN); default 1.</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float SoftmaxFocal(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, float alpha = 1f, float gamma = 2f, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="SoftmaxFocal(ReadOnlySpan{float}, ReadOnlySpan{int}, int, float, float, int, Reduction)"/>
    public static double SoftmaxFocal(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, double alpha = 1d, double gamma = 2d, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample categorical focal loss (reduction 'none'): writes loss_i = −α_{y_i}·(1 − p_i)^γ·log p_i (0 for ignored samples) to <paramref name="destination"/>[i].</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="alpha">α, the same for every class (not NaN); default 1.</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    public static void SoftmaxFocal(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, float alpha = 1f, float gamma = 2f,
        int ignoreIndex = -100)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="SoftmaxFocal(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, float, int)"/>
    public static void SoftmaxFocal(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, double alpha = 1d, double gamma = 2d,
        int ignoreIndex = -100)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced categorical focal loss with respect to the logits: row i is s·G_i·(softmax(x_i) − onehot(y_i)) with G = α·(1 − p)^γ·(1 − γ·p·log p / (1 − p)) and s = 1 / (samples not ignored) for the mean, 1 for the sum.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap α.</param>
    /// <param name="alpha">α, the same for every class (not NaN); default 1.</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void SoftmaxFocalGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, float alpha = 1f, float gamma = 2f,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="SoftmaxFocalGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, float, int, Reduction)"/>
    public static void SoftmaxFocalGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, double alpha = 1d, double gamma = 2d,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced categorical focal loss and its gradient in one fused pass per row; the same bits as the separate calls.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap α.</param>
    /// <param name="alpha">α, the same for every class (not NaN); default 1.</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float SoftmaxFocalWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, float alpha = 1f, float gamma = 2f,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="SoftmaxFocalWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, float, float, int, Reduction)"/>
    public static double SoftmaxFocalWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, double alpha = 1d, double gamma = 2d,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, default, alpha, gamma, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <summary>Categorical (softmax) focal loss, Lin et al. 2017: loss_i = −α_{y_i}·(1 − p_i)^γ·log p_i with p_i = softmax(x_i)[y_i], for logits [N, C] (row-major, C = <paramref name="classCount"/>, N = <paramref name="target"/>.Length); the mean is over the samples that are not ignored.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="alpha">α per class (C values).</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float SoftmaxFocal(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<float> alpha, float gamma = 2f, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="SoftmaxFocal(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, float, int, Reduction)"/>
    public static double SoftmaxFocal(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<double> alpha, double gamma = 2d, int ignoreIndex = -100,
        Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, default, RowOutputs.Value, reduction);

    /// <summary>Per-sample categorical focal loss (reduction 'none'): writes loss_i = −α_{y_i}·(1 − p_i)^γ·log p_i (0 for ignored samples) to <paramref name="destination"/>[i].</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="destination">Receives N losses; must not overlap the inputs.</param>
    /// <param name="alpha">α per class (C values).</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    public static void SoftmaxFocal(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> destination, ReadOnlySpan<float> alpha, float gamma = 2f,
        int ignoreIndex = -100)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="SoftmaxFocal(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, float, int)"/>
    public static void SoftmaxFocal(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> destination, ReadOnlySpan<double> alpha, double gamma = 2d,
        int ignoreIndex = -100)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>The gradient of the reduced categorical focal loss with respect to the logits: row i is s·G_i·(softmax(x_i) − onehot(y_i)) with G = α·(1 − p)^γ·(1 − γ·p·log p / (1 − p)) and s = 1 / (samples not ignored) for the mean, 1 for the sum.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap α.</param>
    /// <param name="alpha">α per class (C values).</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void SoftmaxFocalGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> alpha, float gamma = 2f,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="SoftmaxFocalGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, float, int, Reduction)"/>
    public static void SoftmaxFocalGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> alpha, double gamma = 2d,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>The reduced categorical focal loss and its gradient in one fused pass per row; the same bits as the separate calls.</summary>
    /// <remarks>Not a torch function: the definition above (torchvision has only the sigmoid form, <see cref="SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>). log p is the max-shifted log-softmax and 1 − p = −expm1(log p) is computed without cancellation, so the loss and the analytic gradient are finite wherever log p is, for every γ ≥ 0 including γ &lt; 1 (the form above never raises 1 − p to γ − 1); γ = 0 is α·cross-entropy. Ignored samples have loss and gradient 0. Bit-identical on every SIMD width; nothing is allocated.</remarks>
    /// <param name="input">The logits, [N, C] row-major.</param>
    /// <param name="target">The class index of each sample, in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="inputGradient">Receives N·C values; may be exactly <paramref name="input"/> (in place), must not overlap it partially or overlap α.</param>
    /// <param name="alpha">α per class (C values).</param>
    /// <param name="gamma">γ ≥ 0, the focusing parameter; default 2.</param>
    /// <param name="ignoreIndex">The target value that marks a sample to ignore; default −100.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match, an output is too short or overlaps an input, a class index is out of range, C is less than 1, α is NaN or γ is negative or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float SoftmaxFocalWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> alpha, float gamma = 2f,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="SoftmaxFocalWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, float, int, Reduction)"/>
    public static double SoftmaxFocalWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> alpha, double gamma = 2d,
        int ignoreIndex = -100, Reduction reduction = Reduction.Mean)
        => SoftmaxFocalKernel.Run(input, target, classCount, alpha, default, gamma, ignoreIndex, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
