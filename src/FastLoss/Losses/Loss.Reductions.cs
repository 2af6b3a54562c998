using System.Globalization;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss;

// Reductions that divide the sum by something other than the element count: kl_div's 'batchmean' (the batch size) and
// the weighted means of l1_loss / mse_loss (Σw). The sums run through the driver's fixed layout, so they are
// bit-identical across SIMD widths; Mean through these helpers gives the same bits as the generated overloads.
public static partial class Loss
{
    /// <summary>Why <c>Name(input, target, array)</c> does not compile for the losses with a per-element weight overload.</summary>
    private const string WeightOrDestinationMessage =
        "An array as the third argument is ambiguous (C# 14 would bind it to the weight, not the destination): write 'weight: w' for the weighted loss, or 'destination: d' (or d.AsSpan()) for the per-element losses.";

    /// <summary>The reduced loss: Σ loss / <paramref name="divisor"/>.</summary>
    private static T DividedLoss<T, TKernel>(TKernel kernel, T divisor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        => ElementwiseDriver.ReduceSum<T, TKernel>(ref kernel) / divisor;

    /// <summary>Checks the output, then writes the gradient of Σ loss / <paramref name="divisor"/>.</summary>
    private static void DividedGradient<T, TKernel>(TKernel kernel, T divisor, ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateOutput(input, a, b, inputGradient, nameof(inputGradient));
        ElementwiseDriver.MapGradientScaled<T, TKernel>(ref kernel, inputGradient, T.One / divisor);
    }

    /// <summary>Checks the output, then writes the diagonal Hessian of Σ loss / <paramref name="divisor"/>.</summary>
    private static void DividedHessian<T, TKernel>(TKernel kernel, T divisor, ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputHessian)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateOutput(input, a, b, inputHessian, nameof(inputHessian));
        ElementwiseDriver.MapHessianScaled<T, TKernel>(ref kernel, inputHessian, T.One / divisor);
    }

    /// <summary>Checks the output, then computes Σ loss / <paramref name="divisor"/> and its gradient in one pass.</summary>
    private static T DividedWithGradient<T, TKernel>(TKernel kernel, T divisor, ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateOutput(input, a, b, inputGradient, nameof(inputGradient));
        return ElementwiseDriver.ReduceSumWithScaledGradient<T, TKernel>(ref kernel, inputGradient, T.One / divisor) / divisor;
    }

    /// <summary>
    /// The divisor of a reduction with a batch: the element count (<see cref="Reduction.Mean"/>), 1
    /// (<see cref="Reduction.Sum"/>) or the batch size (<see cref="Reduction.BatchMean"/>). Checks both arguments.
    /// </summary>
    private static T BatchDivisor<T>(int length, int batchSize, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (batchSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "'batchSize' must not be negative.");
        }

        if (batchSize == 0 ? length != 0 : length % batchSize != 0)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'batchSize' ({0}) does not divide the input's {1} elements: it must be the input's first dimension (1 for a 0-d input).", batchSize, length),
                nameof(batchSize));
        }

        return reduction switch
        {
            Reduction.Mean => T.CreateTruncating(length),
            Reduction.Sum => T.One,
            Reduction.BatchMean => T.CreateTruncating(batchSize),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unsupported reduction: use Reduction.BatchMean, Reduction.Mean or Reduction.Sum."),
        };
    }

    /// <summary>The divisor of a weighted mean: Σw (<see cref="Reduction.Mean"/>) or 1 (<see cref="Reduction.Sum"/>).</summary>
    private static T WeightDivisor<T>(ReadOnlySpan<T> weight, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => reduction switch
        {
            Reduction.Mean => ElementwiseDriver.Total(weight),
            Reduction.Sum => T.One,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unsupported reduction: use Reduction.Mean (Σw·loss / Σw) or Reduction.Sum."),
        };

    /// <summary>
    /// Throws unless <paramref name="destination"/> can take one value per input element without partially overlapping
    /// an operand (exactly an operand, in place, is fine). <paramref name="b"/> and <paramref name="c"/> may be empty.
    /// </summary>
    private static void ValidateOutput<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, string destinationName, ReadOnlySpan<T> c = default)
    {
        ThrowHelper.ValidateDestination(input.Length, destination, destinationName);
        Span<T> written = destination[..input.Length];
        ThrowHelper.ValidateNoPartialOverlap(input, written, destinationName);
        ThrowHelper.ValidateNoPartialOverlap(a, written, destinationName);
        ThrowHelper.ValidateNoPartialOverlap(b, written, destinationName);
        ThrowHelper.ValidateNoPartialOverlap(c, written, destinationName);
    }
}
