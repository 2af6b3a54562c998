namespace FastLoss;

// CrossEntropy with explicit threading options: each overload makes the options current for the call and forwards.
public static partial class Loss
{
    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static float CrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            return CrossEntropy(input, target, classCount, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }

    /// <inheritdoc cref="CrossEntropy(ReadOnlySpan{double}, ReadOnlySpan{int}, int, ReadOnlySpan{double}, int, double, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static double CrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            return CrossEntropy(input, target, classCount, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static void CrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            CrossEntropyGradient(input, target, classCount, inputGradient, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }

    /// <inheritdoc cref="CrossEntropyGradient(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Span{double}, ReadOnlySpan{double}, int, double, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static void CrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            CrossEntropyGradient(input, target, classCount, inputGradient, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static float CrossEntropyWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, Span<float> inputGradient, ReadOnlySpan<float> weight, int ignoreIndex, float labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            return CrossEntropyWithGradient(input, target, classCount, inputGradient, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }

    /// <inheritdoc cref="CrossEntropyWithGradient(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Span{double}, ReadOnlySpan{double}, int, double, Reduction)"/>
    /// <remarks>
    /// <paramref name="options"/> sets the threads the call may use; the result does not depend on them (README,
    /// "Threads"). Rows are split in partitions of whole row-cascade chunks, so inputs of at least two partitions
    /// (2048 float or 1024 double rows, more when C is small) can use more than one thread.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static double CrossEntropyWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, Span<double> inputGradient, ReadOnlySpan<double> weight, int ignoreIndex, double labelSmoothing, Reduction reduction, LossOptions options)
    {
        using (LossOptions.Use(options))
        {
            return CrossEntropyWithGradient(input, target, classCount, inputGradient, weight, ignoreIndex, labelSmoothing, reduction);
        }
    }
}
