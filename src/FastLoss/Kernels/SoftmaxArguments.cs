using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>What a row-wise loss call produces.</summary>
[Flags]
internal enum RowOutputs
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>The reduced loss.</summary>
    Value = 1,

    /// <summary>The per-sample losses (reduction 'none').</summary>
    Losses = 2,

    /// <summary>The gradient of the reduced loss with respect to the input.</summary>
    Gradient = 4,
}

/// <summary>
/// Argument checks of the row-wise losses (cross-entropy, NLL, softmax focal), all made before anything is written;
/// each throws an <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) naming the argument.
/// </summary>
internal static class SoftmaxArguments
{
    /// <summary>Checks the reduction (only when a reduced value or gradient is produced).</summary>
    public static void Reduction(Reduction reduction, RowOutputs outputs)
    {
        if ((outputs & (RowOutputs.Value | RowOutputs.Gradient)) != 0 && reduction is not (FastLoss.Reduction.Mean or FastLoss.Reduction.Sum))
        {
            ThrowHelper.ThrowUnsupportedReduction(reduction);
        }
    }

    /// <summary>Checks the shape arguments and returns the number of rows (samples × spatial positions).</summary>
    /// <param name="input">The input.</param>
    /// <param name="rows">The number of rows the target describes (its length, or its length / C for probabilities).</param>
    /// <param name="classCount">C.</param>
    /// <param name="spatialSize">The spatial size (1 for [N, C]).</param>
    /// <param name="rowsName">The argument that gave <paramref name="rows"/>.</param>
    public static void Shape<T>(ReadOnlySpan<T> input, long rows, int classCount, int spatialSize, string rowsName)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
        }

        if (spatialSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spatialSize), spatialSize, "'spatialSize' must be at least 1.");
        }

        if (rows % spatialSize != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{rowsName}' describes {rows} positions, which is not a multiple of 'spatialSize' ({spatialSize})."),
                rowsName);
        }

        if (rows * classCount != input.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'input' has {input.Length} elements but '{rowsName}' describes {rows} positions of {classCount} classes ({rows * classCount} values expected)."),
                nameof(input));
        }
    }

    /// <summary>Checks that per-class values (weights, α) are absent or have one value per class.</summary>
    public static void PerClass<T>(ReadOnlySpan<T> values, int classCount, string name)
    {
        if (!values.IsEmpty && values.Length != classCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' has {values.Length} elements but there are {classCount} classes: give one value per class, or none. (Per-sample losses go to 'destination:', not '{name}:'.)"),
                name);
        }
    }

    /// <summary>torch's check: label smoothing at most 1 (a negative value means none, as in torch); NaN is rejected.</summary>
    public static void LabelSmoothing<T>(T labelSmoothing)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(labelSmoothing) || labelSmoothing > T.One)
        {
            throw new ArgumentOutOfRangeException(
                nameof(labelSmoothing), labelSmoothing, "'labelSmoothing' must be a number no greater than 1 (a negative value is treated as 0, as in torch).");
        }
    }

    /// <summary>Checks a per-sample destination: long enough and not overlapping the inputs.</summary>
    public static void Losses<T>(Span<T> destination, int rows, ReadOnlySpan<T> input, ReadOnlySpan<T> other, ReadOnlySpan<T> weight)
    {
        ThrowHelper.ValidateDestination(rows, destination, nameof(destination));
        Span<T> written = destination[..rows];
        if (input.Overlaps(written) || other.Overlaps(written) || weight.Overlaps(written))
        {
            throw new ArgumentException("'destination' overlaps an input span; use separate memory.", nameof(destination));
        }
    }

    /// <summary>
    /// Checks a gradient destination: as long as the input, overlapping it only exactly (in place), not overlapping the
    /// targets or weights.
    /// </summary>
    public static void Gradient<T>(Span<T> inputGradient, ReadOnlySpan<T> input, ReadOnlySpan<T> other, ReadOnlySpan<T> weight)
    {
        ThrowHelper.ValidateDestination(input.Length, inputGradient, nameof(inputGradient));
        Span<T> written = inputGradient[..input.Length];
        ThrowHelper.ValidateNoPartialOverlap(input, written, nameof(inputGradient));
        if (other.Overlaps(written) || weight.Overlaps(written))
        {
            throw new ArgumentException("'inputGradient' overlaps the target or weight span; use separate memory.", nameof(inputGradient));
        }
    }

    /// <summary>
    /// Every check of a softmax loss with class-index targets (CrossEntropy, PolyCrossEntropy), in torch's order; returns
    /// whether the result is a mean and the mean's denominator Σ w[y] over the targets not ignored.
    /// </summary>
    public static (bool Mean, T Total) ClassIndexLoss<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<T> weight, int ignoreIndex, T labelSmoothing,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Reduction(reduction, outputs);
        Shape(input, target.Length, classCount, spatialSize, nameof(target));
        PerClass(weight, classCount, nameof(weight));
        LabelSmoothing(labelSmoothing);
        if ((outputs & RowOutputs.Losses) != 0)
        {
            Losses(losses, target.Length, input, default, weight);
        }

        if ((outputs & RowOutputs.Gradient) != 0)
        {
            Gradient(inputGradient, input, default, weight);
        }

        bool mean = reduction == FastLoss.Reduction.Mean && (outputs & (RowOutputs.Value | RowOutputs.Gradient)) != 0;
        return (mean, Targets(target, classCount, ignoreIndex, weight, mean));
    }

    /// <summary>
    /// Checks every class index (in [0, C) or equal to <paramref name="ignoreIndex"/>) and, when
    /// <paramref name="total"/> is wanted, returns the mean's denominator: Σ weight[y] over the targets that are not
    /// ignored (their count without weights), summed in the driver's layout.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Targets<T>(ReadOnlySpan<int> target, int classCount, int ignoreIndex, ReadOnlySpan<T> weight, bool total)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        RowCascade<T>.Initialize(out RowCascade<T> sum);
        long count = 0;
        for (int i = 0; i < target.Length; i++)
        {
            int y = target[i];
            if (y == ignoreIndex)
            {
                continue;
            }

            if ((uint)y >= (uint)classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'target' holds class {y} at index {i}: class indices must be in [0, {classCount}) or equal 'ignoreIndex' ({ignoreIndex})."),
                    nameof(target));
            }

            if (total)
            {
                if (weight.IsEmpty)
                {
                    count++;
                }
                else
                {
                    sum.Add(weight[y]);
                }
            }
        }

        return weight.IsEmpty ? T.CreateTruncating(count) : sum.Total();
    }
}
