using System.Buffers;
using System.Globalization;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Training;

/// <summary>
/// Per-class loss weights computed from integer class labels, for the <c>weight</c> argument of a weighted loss
/// (PyTorch's <c>CrossEntropyLoss(weight=…)</c>) and the <c>pos_weight</c> argument of
/// <c>BCEWithLogitsLoss</c>.
/// </summary>
/// <remarks>
/// <para>
/// Labels are class indices in [0, <c>classCount</c>). Every rule divides by a class's sample count, so a class with
/// no samples is an error (an <see cref="ArgumentException"/> naming the class), as in scikit-learn's
/// <c>compute_class_weight</c>; pass the class count of the labels you have.
/// </para>
/// <para>
/// Weights are computed in double precision and rounded once to the weight type. Overloads that take a
/// destination span allocate nothing (up to 256 classes are counted on the stack, more in a pooled buffer); they
/// write the first <c>classCount</c> elements of a destination at least that long.
/// </para>
/// </remarks>
public static class ClassWeights
{
    /// <summary>Counts the samples of each class.</summary>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>).</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <returns>One count per class.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A label is negative or not less than <paramref name="classCount"/>.</exception>
    public static int[] CountLabels(ReadOnlySpan<int> labels, int classCount)
    {
        Labels.ValidateClassCount(classCount);
        int[] counts = new int[classCount];
        Labels.Count(labels, counts);
        return counts;
    }

    /// <summary>Counts the samples of each class into <paramref name="counts"/>, whose length is the class count.</summary>
    /// <param name="labels">Class labels in [0, <c>counts.Length</c>).</param>
    /// <param name="counts">Receives one count per class; cleared first.</param>
    /// <exception cref="ArgumentException">A label is negative or not less than <c>counts.Length</c>.</exception>
    public static void CountLabels(ReadOnlySpan<int> labels, Span<int> counts) => Labels.Count(labels, counts);

    /// <summary>
    /// Inverse-frequency ("balanced") weights, scikit-learn's <c>class_weight='balanced'</c>:
    /// <c>w_c = n / (classCount · n_c)</c>, where n is the number of labels and n_c the count of class c.
    /// </summary>
    /// <typeparam name="T">The weight type (float for PyTorch's default dtype, or double).</typeparam>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <returns>One weight per class. Perfectly balanced labels give all ones; a weighted mean over the labels is 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a label is negative or not less than <paramref name="classCount"/>, or a
    /// class has no samples.
    /// </exception>
    public static T[] Balanced<T>(ReadOnlySpan<int> labels, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(classCount);
        var weights = new T[classCount];
        Balanced(labels, classCount, weights.AsSpan());
        return weights;
    }

    /// <summary>Writes inverse-frequency ("balanced") weights, <c>n / (classCount · n_c)</c>, without allocating.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="destination">Receives one weight per class; at least <paramref name="classCount"/> long.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a label is out of range, a class has no samples, or
    /// <paramref name="destination"/> is too short.
    /// </exception>
    public static void Balanced<T>(ReadOnlySpan<int> labels, int classCount, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(classCount);
        Labels.ValidateNotEmpty(labels);
        ThrowHelper.ValidateDestination(classCount, destination, nameof(destination));
        int[]? rented = null;
        Span<int> counts = classCount <= Labels.StackCountLimit
            ? stackalloc int[Labels.StackCountLimit]
            : (rented = ArrayPool<int>.Shared.Rent(classCount));
        try
        {
            counts = counts[..classCount];
            Labels.Count(labels, counts);
            Labels.ValidateNoEmptyClass(counts, nameof(labels));
            WriteBalanced(counts, labels.Length, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes inverse-frequency ("balanced") weights from class counts: <c>Σn / (counts.Length · n_c)</c>.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="counts">The sample count of each class; every count at least 1.</param>
    /// <param name="destination">Receives one weight per class; at least <c>counts.Length</c> long.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="counts"/> is empty or has a count below 1, or <paramref name="destination"/> is too short.
    /// </exception>
    public static void BalancedFromCounts<T>(ReadOnlySpan<int> counts, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        ValidateCounts(counts);
        ThrowHelper.ValidateDestination(counts.Length, destination, nameof(destination));
        long total = 0;
        foreach (int count in counts)
        {
            total += count;
        }

        WriteBalanced(counts, total, destination);
    }

    /// <summary>
    /// Class-balanced weights from the effective number of samples (Cui et al., CVPR 2019):
    /// <c>w_c ∝ (1 − β) / (1 − βⁿᶜ)</c>, normalised so that the weights sum to <paramref name="classCount"/>.
    /// </summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="beta">
    /// β in [0, 1). β = 0 gives equal weights (all 1); β → 1 approaches inverse frequency. The paper uses 0.9, 0.99,
    /// 0.999 or 0.9999.
    /// </param>
    /// <returns>One weight per class, summing to <paramref name="classCount"/> (up to rounding).</returns>
    /// <remarks>
    /// The normalisation to a sum of <paramref name="classCount"/> is the one in the authors' code
    /// (<c>weights / sum(weights) * no_of_classes</c>); the paper leaves the scale free, and the scale only multiplies
    /// the loss (and so the learning rate). The denominator is computed as <c>−expm1(n_c · ln β)</c>, accurate for β
    /// near 1.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="classCount"/> is less than 1, or <paramref name="beta"/> is not in [0, 1) (NaN included).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a label is out of range, or a class has no samples.
    /// </exception>
    public static T[] EffectiveNumber<T>(ReadOnlySpan<int> labels, int classCount, double beta)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(classCount);
        var weights = new T[classCount];
        EffectiveNumber(labels, classCount, beta, weights.AsSpan());
        return weights;
    }

    /// <summary>Writes effective-number weights (Cui et al. 2019), normalised to sum to <paramref name="classCount"/>, without allocating.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="beta">β in [0, 1).</param>
    /// <param name="destination">Receives one weight per class; at least <paramref name="classCount"/> long.</param>
    /// <remarks>See <see cref="EffectiveNumber{T}(ReadOnlySpan{int}, int, double)"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="classCount"/> is less than 1, or <paramref name="beta"/> is not in [0, 1).
    /// </exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a label is out of range, a class has no samples, or
    /// <paramref name="destination"/> is too short.
    /// </exception>
    public static void EffectiveNumber<T>(ReadOnlySpan<int> labels, int classCount, double beta, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(classCount);
        ValidateBeta(beta);
        Labels.ValidateNotEmpty(labels);
        ThrowHelper.ValidateDestination(classCount, destination, nameof(destination));
        int[]? rented = null;
        Span<int> counts = classCount <= Labels.StackCountLimit
            ? stackalloc int[Labels.StackCountLimit]
            : (rented = ArrayPool<int>.Shared.Rent(classCount));
        try
        {
            counts = counts[..classCount];
            Labels.Count(labels, counts);
            Labels.ValidateNoEmptyClass(counts, nameof(labels));
            WriteEffectiveNumber(counts, beta, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes effective-number weights (Cui et al. 2019) from class counts, normalised to sum to <c>counts.Length</c>.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="counts">The sample count of each class; every count at least 1.</param>
    /// <param name="beta">β in [0, 1).</param>
    /// <param name="destination">Receives one weight per class; at least <c>counts.Length</c> long.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is not in [0, 1).</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="counts"/> is empty or has a count below 1, or <paramref name="destination"/> is too short.
    /// </exception>
    public static void EffectiveNumberFromCounts<T>(ReadOnlySpan<int> counts, double beta, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        ValidateBeta(beta);
        ValidateCounts(counts);
        ThrowHelper.ValidateDestination(counts.Length, destination, nameof(destination));
        WriteEffectiveNumber(counts, beta, destination);
    }

    /// <summary>
    /// The <c>pos_weight</c> of PyTorch's <c>BCEWithLogitsLoss</c> for binary labels: negatives / positives, so that
    /// positives and negatives contribute equal total weight.
    /// </summary>
    /// <param name="labels">Binary labels, each 0 or 1; not empty, with at least one of each.</param>
    /// <returns>The number of 0 labels divided by the number of 1 labels.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, has a value other than 0 or 1, or has no positives (the weight would be
    /// infinite) or no negatives (the weight would be 0, removing every positive term from the loss).
    /// </exception>
    public static double PositiveWeight(ReadOnlySpan<int> labels)
    {
        Labels.ValidateNotEmpty(labels);
        Span<int> counts = stackalloc int[2];
        Labels.Count(labels, counts);
        ValidateBinaryCounts(counts[0], counts[1], nameof(labels), column: -1);
        return (double)counts[0] / counts[1];
    }

    /// <summary>
    /// Per-label <c>pos_weight</c> for multi-label binary targets (one row per sample, one column per label):
    /// for each column, negatives / positives.
    /// </summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="targets">Row-major 0/1 targets, <c>samples × labelCount</c>; not empty.</param>
    /// <param name="labelCount">The number of labels (columns), at least 1.</param>
    /// <returns>One weight per label.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="targets"/> is empty, its length is not a multiple of <paramref name="labelCount"/>, a value is
    /// not 0 or 1, or a column has no positives or no negatives.
    /// </exception>
    public static T[] PositiveWeights<T>(ReadOnlySpan<int> targets, int labelCount)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(labelCount, nameof(labelCount));
        var weights = new T[labelCount];
        PositiveWeights(targets, labelCount, weights.AsSpan());
        return weights;
    }

    /// <summary>Writes per-label <c>pos_weight</c> (negatives / positives per column) for multi-label targets, without allocating.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="targets">Row-major 0/1 targets, <c>samples × labelCount</c>; not empty.</param>
    /// <param name="labelCount">The number of labels (columns), at least 1.</param>
    /// <param name="destination">Receives one weight per label; at least <paramref name="labelCount"/> long.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="targets"/> is empty or not a whole number of rows, a value is not 0 or 1, a column has no
    /// positives or no negatives, or <paramref name="destination"/> is too short.
    /// </exception>
    public static void PositiveWeights<T>(ReadOnlySpan<int> targets, int labelCount, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(labelCount, nameof(labelCount));
        Labels.ValidateNotEmpty(targets, nameof(targets));
        if (targets.Length % labelCount != 0)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'targets' has {0} elements, not a multiple of labelCount = {1}: targets are rows of one 0/1 value per label.", targets.Length, labelCount),
                nameof(targets));
        }

        ThrowHelper.ValidateDestination(labelCount, destination, nameof(destination));

        // Two passes, so that bad targets throw before anything is written: validate every column, then write.
        // Column by column: each count stays an exact int (a float destination would count exactly only to 2^24).
        int rows = targets.Length / labelCount;
        for (int j = 0; j < labelCount; j++)
        {
            int positives = CountPositives(targets, labelCount, j);
            ValidateBinaryCounts(rows - positives, positives, nameof(targets), j);
        }

        for (int j = 0; j < labelCount; j++)
        {
            int positives = CountPositives(targets, labelCount, j);
            destination[j] = T.CreateTruncating((double)(rows - positives) / positives);
        }
    }

    /// <summary>The 1s in column <paramref name="column"/> of row-major 0/1 <paramref name="targets"/>; throws for any other value.</summary>
    private static int CountPositives(ReadOnlySpan<int> targets, int labelCount, int column)
    {
        int positives = 0;
        for (int i = column; i < targets.Length; i += labelCount)
        {
            int value = targets[i];
            if ((uint)value > 1u)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "targets[{0}] is {1}: binary targets must be 0 or 1.", i, value),
                    nameof(targets));
            }

            positives += value;
        }

        return positives;
    }

    private static void WriteBalanced<T>(ReadOnlySpan<int> counts, long total, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        double classCount = counts.Length;
        for (int c = 0; c < counts.Length; c++)
        {
            destination[c] = T.CreateTruncating(total / (classCount * counts[c]));
        }
    }

    private static void WriteEffectiveNumber<T>(ReadOnlySpan<int> counts, double beta, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        // (1 − β) / (1 − β^n) with 1 − β^n = −expm1(n ln β); β = 0 gives ln β = −∞ and 1 − 0 = 1 for every n ≥ 1.
        double logBeta = Math.Log(beta);
        double oneMinusBeta = 1.0 - beta;
        double sum = 0;
        for (int c = 0; c < counts.Length; c++)
        {
            sum += oneMinusBeta / -ExpM1(counts[c] * logBeta);
        }

        double scale = counts.Length / sum;
        for (int c = 0; c < counts.Length; c++)
        {
            destination[c] = T.CreateTruncating(oneMinusBeta / -ExpM1(counts[c] * logBeta) * scale);
        }
    }

    /// <summary>eˣ − 1 without cancellation for small |x| (the runtime has no Math.ExpM1).</summary>
    internal static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1.0;
        }

        // Kahan's trick: with u = e^x rounded, (u − 1) · x / ln u is accurate to a few ulp.
        double u = Math.Exp(x);
        if (u == 1.0)
        {
            return x;
        }

        return (u - 1.0) * x / Math.Log(u);
    }

    private static void ValidateBeta(double beta)
    {
        if (!(beta >= 0.0 && beta < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "'beta' must be in [0, 1): 0 gives equal weights, values near 1 approach inverse frequency.");
        }
    }

    private static void ValidateCounts(ReadOnlySpan<int> counts)
    {
        if (counts.IsEmpty)
        {
            throw new ArgumentException("'counts' is empty: weights need at least one class.", nameof(counts));
        }

        Labels.ValidateNoEmptyClass(counts, nameof(counts));
    }

    private static void ValidateBinaryCounts(int negatives, int positives, string parameterName, int column)
    {
        if (positives == 0)
        {
            throw new ArgumentException(Where(parameterName, column) + " has no positive (1) labels: pos_weight = negatives / positives would be infinite.", parameterName);
        }

        if (negatives == 0)
        {
            throw new ArgumentException(Where(parameterName, column) + " has no negative (0) labels: pos_weight = negatives / positives would be 0 and remove every positive term.", parameterName);
        }

        static string Where(string parameterName, int column) => column < 0
            ? "'" + parameterName + "'"
            : string.Format(CultureInfo.InvariantCulture, "column {0} of '{1}'", column, parameterName);
    }
}
