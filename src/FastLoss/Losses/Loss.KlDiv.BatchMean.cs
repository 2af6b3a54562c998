using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss;

// torch.nn.functional.kl_div's reduction='batchmean' (sum / input.size(0)): the span API has no shape, so these
// overloads take the batch size. They accept Reduction.Mean and Reduction.Sum too (same bits as the generated
// overloads); the generated overloads reject Reduction.BatchMean.
public static partial class Loss
{
    /// <summary>
    /// <see cref="KlDiv{T}(T, T)"/> reduced with torch's <c>'batchmean'</c> by default: the sum of the per-element losses divided by
    /// <paramref name="batchSize"/> (torch's <c>input.size(0)</c>), which is the KL divergence per sample.
    /// </summary>
    /// <remarks>
    /// Pass the input's first dimension as <paramref name="batchSize"/> (1 for a 0-d input, as torch divides only when
    /// the input has a dimension); it must divide the element count. An empty batch (<paramref name="batchSize"/> = 0)
    /// gives NaN, as in torch. <see cref="Reduction.Mean"/> and <see cref="Reduction.Sum"/> are accepted too.
    /// </remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The probabilities p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's or <paramref name="batchSize"/> does not divide it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static float KlDiv(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => BatchLoss<float, KlDivSingleKernel>(new(input, target), batchSize, reduction);

    /// <summary>Writes the gradient of the reduced loss (by default <c>'batchmean'</c>: sum / <paramref name="batchSize"/>) with respect to the input.</summary>
    /// <remarks>See <see cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The probabilities p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static void KlDivGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchGradient<float, KlDivSingleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <summary>Computes the reduced loss (by default <c>'batchmean'</c>) and writes its gradient with respect to the input, in one pass.</summary>
    /// <remarks>See <see cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The probabilities p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static float KlDivWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchLossWithGradient<float, KlDivSingleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <summary>Writes the diagonal of the Hessian of the reduced loss (by default <c>'batchmean'</c>) with respect to the input.</summary>
    /// <remarks>See <see cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The probabilities p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static void KlDivHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputHessian, Reduction reduction = Reduction.BatchMean)
        => BatchHessian<float, KlDivSingleKernel>(new(input, target), input, target, batchSize, inputHessian, reduction);

    /// <inheritdoc cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double KlDiv(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => BatchLoss<double, KlDivDoubleKernel>(new(input, target), batchSize, reduction);

    /// <inheritdoc cref="KlDivGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchGradient<double, KlDivDoubleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <inheritdoc cref="KlDivWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static double KlDivWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchLossWithGradient<double, KlDivDoubleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <inheritdoc cref="KlDivHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputHessian, Reduction reduction = Reduction.BatchMean)
        => BatchHessian<double, KlDivDoubleKernel>(new(input, target), input, target, batchSize, inputHessian, reduction);

    /// <summary>
    /// <see cref="KlDivLogTarget{T}(T, T)"/> reduced with torch's <c>'batchmean'</c> by default: the sum of the per-element losses divided by
    /// <paramref name="batchSize"/> (torch's <c>input.size(0)</c>), which is the KL divergence per sample.
    /// </summary>
    /// <remarks>
    /// Pass the input's first dimension as <paramref name="batchSize"/> (1 for a 0-d input, as torch divides only when
    /// the input has a dimension); it must divide the element count. An empty batch (<paramref name="batchSize"/> = 0)
    /// gives NaN, as in torch. <see cref="Reduction.Mean"/> and <see cref="Reduction.Sum"/> are accepted too.
    /// </remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The log-probabilities log p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's or <paramref name="batchSize"/> does not divide it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static float KlDivLogTarget(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => BatchLoss<float, KlDivLogTargetSingleKernel>(new(input, target), batchSize, reduction);

    /// <summary>Writes the gradient of the reduced loss (by default <c>'batchmean'</c>: sum / <paramref name="batchSize"/>) with respect to the input.</summary>
    /// <remarks>See <see cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The log-probabilities log p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static void KlDivLogTargetGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchGradient<float, KlDivLogTargetSingleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <summary>Computes the reduced loss (by default <c>'batchmean'</c>) and writes its gradient with respect to the input, in one pass.</summary>
    /// <remarks>See <see cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The log-probabilities log p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static float KlDivLogTargetWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchLossWithGradient<float, KlDivLogTargetSingleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <summary>Writes the diagonal of the Hessian of the reduced loss (by default <c>'batchmean'</c>) with respect to the input.</summary>
    /// <remarks>See <see cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/> for <paramref name="batchSize"/>.</remarks>
    /// <param name="input">The log-probabilities log q.</param>
    /// <param name="target">The log-probabilities log p.</param>
    /// <param name="batchSize">The input's first dimension (1 for a 0-d input); it must divide the input's length.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">BatchMean (default), Mean or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="batchSize"/> does not divide it, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative or the reduction is unknown.</exception>
    public static void KlDivLogTargetHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int batchSize, Span<float> inputHessian, Reduction reduction = Reduction.BatchMean)
        => BatchHessian<float, KlDivLogTargetSingleKernel>(new(input, target), input, target, batchSize, inputHessian, reduction);

    /// <inheritdoc cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double KlDivLogTarget(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => BatchLoss<double, KlDivLogTargetDoubleKernel>(new(input, target), batchSize, reduction);

    /// <inheritdoc cref="KlDivLogTargetGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivLogTargetGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchGradient<double, KlDivLogTargetDoubleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <inheritdoc cref="KlDivLogTargetWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static double KlDivLogTargetWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => BatchLossWithGradient<double, KlDivLogTargetDoubleKernel>(new(input, target), input, target, batchSize, inputGradient, reduction);

    /// <inheritdoc cref="KlDivLogTargetHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivLogTargetHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputHessian, Reduction reduction = Reduction.BatchMean)
        => BatchHessian<double, KlDivLogTargetDoubleKernel>(new(input, target), input, target, batchSize, inputHessian, reduction);

    private static T BatchLoss<T, TKernel>(TKernel kernel, int batchSize, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        => DividedLoss<T, TKernel>(ref kernel, BatchDivisor<T>(kernel.Length, batchSize, reduction));

    private static void BatchGradient<T, TKernel>(TKernel kernel, ReadOnlySpan<T> input, ReadOnlySpan<T> target, int batchSize, Span<T> inputGradient, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        T divisor = BatchDivisor<T>(kernel.Length, batchSize, reduction);
        ValidateOutput(input, target, default, inputGradient, nameof(inputGradient));
        DividedGradient<T, TKernel>(ref kernel, inputGradient, divisor);
    }

    private static void BatchHessian<T, TKernel>(TKernel kernel, ReadOnlySpan<T> input, ReadOnlySpan<T> target, int batchSize, Span<T> inputHessian, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        T divisor = BatchDivisor<T>(kernel.Length, batchSize, reduction);
        ValidateOutput(input, target, default, inputHessian, nameof(inputHessian));
        DividedHessian<T, TKernel>(ref kernel, inputHessian, divisor);
    }

    private static T BatchLossWithGradient<T, TKernel>(TKernel kernel, ReadOnlySpan<T> input, ReadOnlySpan<T> target, int batchSize, Span<T> inputGradient, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        T divisor = BatchDivisor<T>(kernel.Length, batchSize, reduction);
        ValidateOutput(input, target, default, inputGradient, nameof(inputGradient));
        return DividedWithGradient<T, TKernel>(ref kernel, inputGradient, divisor);
    }
}
