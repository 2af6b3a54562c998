using System.ComponentModel;
using System.Numerics;

namespace FastLoss;

// torch.nn.functional.mse_loss(..., weight=w) (torch >= 2.6): the per-element losses times w; 'mean' is the weighted mean
// Σ w·l / Σ w. The weighted formula is generated like every loss; the public overloads wrap its kernel with that divisor.
public static partial class Loss
{
    /// <summary>The weighted squared error (input − target)²·weight (torch multiplies the squared error by the weight).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">The element's weight.</param>
    /// <returns>The weighted per-element loss.</returns>
    [LossFormula]
    internal static T MseWeighted<T>(T input, T target, T weight)
        where T : IFloatingPointIeee754<T>
        => (input - target) * (input - target) * weight;

    /// <summary>Weighted squared error (<c>torch.nn.functional.mse_loss(input, target, weight=w)</c>): w·(input − target)², reduced to the weighted mean Σ w·l / Σ w by default.</summary>
    /// <remarks>As torch (≥ 2.6): the weight has one value per element (no broadcasting); <see cref="Reduction.Mean"/> divides by the weight total Σw, summed in the same deterministic layout as the losses, so a zero total weight gives ±∞ or NaN, as in torch; <see cref="Reduction.Sum"/> is Σ w·l. Gradient 2w(input − target), divided by Σw for Mean. <b>Arrays:</b> <c>Mse(x, t, w)</c> with three arrays does not compile (CS0619): name the argument, <c>weight: w</c> (this overload) or <c>destination: d</c> (per-element losses). Kernels vs the formula: exact.</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element (torch requires the input's shape); NaN and negative weights are used as given.</param>
    /// <param name="reduction">Mean (Σ w·loss / Σ w; default) or Sum (Σ w·loss).</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's or the weight's length differs from the input's.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float Mse(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Reduction reduction = Reduction.Mean)
        => DividedLoss<float, MseWeightedSingleKernel>(new(input, target, weight), WeightDivisor(weight, reduction));

    /// <summary>Writes w·loss of each element (torch's <c>reduction='none'</c> with a weight).</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="destination">Receives one weighted loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    public static void Mse(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Span<float> destination)
        => MseWeighted(input, target, weight, destination);

    /// <summary>Writes the gradient of the weighted reduced loss with respect to the input: w·d(loss)/d(input), divided by Σw for Mean.</summary>
    /// <remarks>See <see cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / Σ w; default) or Sum.</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void MseGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => DividedGradient<float, MseWeightedSingleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputGradient);

    /// <summary>Computes the weighted reduced loss and writes its gradient with respect to the input, in one fused pass (plus one read-only pass over the weight for Mean's Σw).</summary>
    /// <remarks>See <see cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / Σ w; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float MseWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => DividedWithGradient<float, MseWeightedSingleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputGradient);

    /// <summary>Writes the diagonal of the Hessian of the weighted reduced loss with respect to the input.</summary>
    /// <remarks>See <see cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / Σ w; default) or Sum.</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void MseHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Span<float> inputHessian, Reduction reduction = Reduction.Mean)
        => DividedHessian<float, MseWeightedSingleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputHessian);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the third argument of <c>Mse</c> could mean a per-element
    /// weight or a per-element destination, and C# 14 would silently bind it to the weight.
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the weighted loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-element losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(WeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float Mse(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float[] weightOrDestination)
        => throw new NotSupportedException(WeightOrDestinationMessage);

    /// <inheritdoc cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>
    public static double Mse(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Reduction reduction = Reduction.Mean)
        => DividedLoss<double, MseWeightedDoubleKernel>(new(input, target, weight), WeightDivisor(weight, reduction));

    /// <inheritdoc cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    public static void Mse(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Span<double> destination)
        => MseWeighted(input, target, weight, destination);

    /// <inheritdoc cref="MseGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void MseGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => DividedGradient<double, MseWeightedDoubleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputGradient);

    /// <inheritdoc cref="MseWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static double MseWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => DividedWithGradient<double, MseWeightedDoubleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputGradient);

    /// <inheritdoc cref="MseHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void MseHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, Span<double> inputHessian, Reduction reduction = Reduction.Mean)
        => DividedHessian<double, MseWeightedDoubleKernel>(new(input, target, weight), WeightDivisor(weight, reduction), input, target, weight, inputHessian);

    /// <summary>
    /// Not callable (compile-time error CS0619): an array as the third argument of <c>Mse</c> could mean a per-element
    /// weight or a per-element destination, and C# 14 would silently bind it to the weight.
    /// </summary>
    /// <remarks>Say which one you mean: <c>weight: w</c> for the weighted loss, <c>destination: d</c> (or <c>d.AsSpan()</c>) for the per-element losses.</remarks>
    /// <param name="input">The input.</param>
    /// <param name="target">The target.</param>
    /// <param name="weightOrDestination">The ambiguous array.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always (only reachable through reflection).</exception>
    [Obsolete(WeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double Mse(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double[] weightOrDestination)
        => throw new NotSupportedException(WeightOrDestinationMessage);
}
