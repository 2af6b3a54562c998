using System.ComponentModel;
using System.Numerics;

namespace FastLoss;

// torch.nn.functional.huber_loss(..., weight=w) (torch >= 2.6): w·huber, and — unlike l1_loss and mse_loss — 'mean' is
// the plain mean over the elements, (Σ w·l) / n, not Σ w·l / Σ w. The weighted formula's generated API does exactly that.
public static partial class Loss
{
    /// <summary>The weighted Huber term huber(input − target; δ)·weight.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">The element's weight.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0.</param>
    /// <returns>The weighted per-element loss.</returns>
    [LossFormula]
    internal static T HuberWeighted<T>(T input, T target, T weight, [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] T delta)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T d = input - target;
        T z = T.Abs(d);

        // The branches of Huber (see there), then times the weight, as torch multiplies the unweighted loss.
        return (z >= delta ? delta * (z - (half * delta)) : half * d * d) * weight;
    }

    /// <summary>
    /// Weighted Huber loss (<c>torch.nn.functional.huber_loss(input, target, delta=δ, weight=w)</c>): w·huber(input −
    /// target; δ), reduced to the mean over the elements by default.
    /// </summary>
    /// <remarks>
    /// <b>torch is inconsistent here, and FastLoss follows it:</b> <c>huber_loss</c>'s weighted <c>'mean'</c> is the plain
    /// mean of the weighted losses, Σ w·l / n, whereas <c>l1_loss</c> and <c>mse_loss</c> divide by the weight total
    /// Σ w (see <see cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>). The weight
    /// has one value per element (torch requires the input's shape). Gradient w·clamp(input − target, −δ, δ), over n
    /// for Mean. <b>Arrays:</b> <c>Huber(x, t, w)</c> with three arrays does not compile (CS0619): name the argument,
    /// <c>weight: w</c> (this overload) or <c>destination: d</c> (per-element losses). Kernels vs the formula: exact.
    /// </remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element; NaN and negative weights are used as given.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0, default 1.</param>
    /// <param name="reduction">Mean (Σ w·loss / n; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's or the weight's length differs from the input's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not &gt; 0 (or NaN), or the reduction is not Mean or Sum.</exception>
    public static float Huber(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, float delta = 1f, Reduction reduction = Reduction.Mean)
        => HuberWeighted(input, target, weight, delta, reduction);

    /// <summary>Writes w·huber(input − target; δ) of each element (torch's <c>reduction='none'</c> with a weight).</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0.</param>
    /// <param name="destination">Receives one weighted loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not &gt; 0 (or NaN).</exception>
    public static void Huber(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, float delta, Span<float> destination)
        => HuberWeighted(input, target, weight, delta, destination);

    /// <summary>Writes the gradient of the weighted reduced Huber loss with respect to the input.</summary>
    /// <remarks>See <see cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> (Mean divides by n, not by Σw).</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / n; default) or Sum.</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not &gt; 0 (or NaN), or the reduction is not Mean or Sum.</exception>
    public static void HuberGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, float delta, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => HuberWeightedGradient(input, target, weight, delta, inputGradient, reduction);

    /// <summary>Computes the weighted reduced Huber loss and writes its gradient with respect to the input, in one pass.</summary>
    /// <remarks>See <see cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> (Mean divides by n, not by Σw).</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / n; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not &gt; 0 (or NaN), or the reduction is not Mean or Sum.</exception>
    public static float HuberWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, float delta, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
        => HuberWeightedWithGradient(input, target, weight, delta, inputGradient, reduction);

    /// <summary>Writes the diagonal of the Hessian of the weighted reduced Huber loss with respect to the input.</summary>
    /// <remarks>See <see cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> (Mean divides by n, not by Σw).</remarks>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="weight">One weight per input element.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (Σ w·loss / n; default) or Sum.</param>
    /// <exception cref="ArgumentException">An operand's length differs from the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is not &gt; 0 (or NaN), or the reduction is not Mean or Sum.</exception>
    public static void HuberHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, float delta, Span<float> inputHessian, Reduction reduction = Reduction.Mean)
        => HuberWeightedHessian(input, target, weight, delta, inputHessian, reduction);

    /// <inheritdoc cref="L1(ReadOnlySpan{float}, ReadOnlySpan{float}, float[])"/>
    [Obsolete(WeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static float Huber(ReadOnlySpan<float> input, ReadOnlySpan<float> target, float[] weightOrDestination)
        => throw new NotSupportedException(WeightOrDestinationMessage);

    /// <inheritdoc cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>
    public static double Huber(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, double delta = 1d, Reduction reduction = Reduction.Mean)
        => HuberWeighted(input, target, weight, delta, reduction);

    /// <inheritdoc cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float})"/>
    public static void Huber(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, double delta, Span<double> destination)
        => HuberWeighted(input, target, weight, delta, destination);

    /// <inheritdoc cref="HuberGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static void HuberGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, double delta, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => HuberWeightedGradient(input, target, weight, delta, inputGradient, reduction);

    /// <inheritdoc cref="HuberWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static double HuberWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, double delta, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
        => HuberWeightedWithGradient(input, target, weight, delta, inputGradient, reduction);

    /// <inheritdoc cref="HuberHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static void HuberHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, ReadOnlySpan<double> weight, double delta, Span<double> inputHessian, Reduction reduction = Reduction.Mean)
        => HuberWeightedHessian(input, target, weight, delta, inputHessian, reduction);

    /// <inheritdoc cref="L1(ReadOnlySpan{double}, ReadOnlySpan{double}, double[])"/>
    [Obsolete(WeightOrDestinationMessage, error: true)]
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static double Huber(ReadOnlySpan<double> input, ReadOnlySpan<double> target, double[] weightOrDestination)
        => throw new NotSupportedException(WeightOrDestinationMessage);
}
