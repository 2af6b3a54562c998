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
        => DividedLoss<float, KlDivSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction));

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
        => DividedGradient<float, KlDivSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputGradient);

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
        => DividedWithGradient<float, KlDivSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputGradient);

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
        => DividedHessian<float, KlDivSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputHessian);

    /// <inheritdoc cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double KlDiv(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => DividedLoss<double, KlDivDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction));

    /// <inheritdoc cref="KlDivGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => DividedGradient<double, KlDivDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputGradient);

    /// <inheritdoc cref="KlDivWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static double KlDivWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => DividedWithGradient<double, KlDivDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputGradient);

    /// <inheritdoc cref="KlDivHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputHessian, Reduction reduction = Reduction.BatchMean)
        => DividedHessian<double, KlDivDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputHessian);

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
        => DividedLoss<float, KlDivLogTargetSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction));

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
        => DividedGradient<float, KlDivLogTargetSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputGradient);

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
        => DividedWithGradient<float, KlDivLogTargetSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputGradient);

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
        => DividedHessian<float, KlDivLogTargetSingleKernel>(new(input, target), BatchDivisor<float>(input.Length, batchSize, reduction), input, target, default, inputHessian);

    /// <inheritdoc cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>
    public static double KlDivLogTarget(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Reduction reduction = Reduction.BatchMean)
        => DividedLoss<double, KlDivLogTargetDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction));

    /// <inheritdoc cref="KlDivLogTargetGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivLogTargetGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => DividedGradient<double, KlDivLogTargetDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputGradient);

    /// <inheritdoc cref="KlDivLogTargetWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static double KlDivLogTargetWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputGradient, Reduction reduction = Reduction.BatchMean)
        => DividedWithGradient<double, KlDivLogTargetDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputGradient);

    /// <inheritdoc cref="KlDivLogTargetHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Reduction)"/>
    public static void KlDivLogTargetHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int batchSize, Span<double> inputHessian, Reduction reduction = Reduction.BatchMean)
        => DividedHessian<double, KlDivLogTargetDoubleKernel>(new(input, target), BatchDivisor<double>(input.Length, batchSize, reduction), input, target, default, inputHessian);
}
