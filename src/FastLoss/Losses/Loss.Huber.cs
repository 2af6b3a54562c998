using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Huber loss (<c>torch.nn.functional.huber_loss</c>): ½d² where |d| &lt; δ, else δ(|d| − ½δ), with
    /// d = input − target.
    /// </summary>
    /// <remarks>
    /// δ must be &gt; 0 (PyTorch rejects δ ≤ 0). Huber with δ equals δ · SmoothL1 with β = δ. torch's <c>weight</c> (mean Σw·l / n, unlike L1 and Mse): <see cref="Huber(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>. Kernels vs this method:
    /// exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear; &gt; 0, default 1.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula(Gradient = nameof(HuberInputGradient))]
    public static T Huber<T>(T input, [Differentiable(Gradient = nameof(HuberTargetGradient))] T target, [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] T delta)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T d = input - target;
        T z = T.Abs(d);

        // The linear branch is chosen by z ≥ δ, so a NaN difference falls into the quadratic branch: NaN, as torch.
        return z >= delta ? delta * (z - (half * delta)) : half * d * d;
    }

    /// <summary>
    /// d(<see cref="Huber{T}(T, T, T)"/>)/d(input) as torch's backward computes it: d clamped to [−δ, δ] (NaN for a NaN
    /// difference, d itself, not ½d + ½d, inside). Written by hand because the symbolic derivative, δ·sgn d, costs a
    /// sign and a product per element in the fused kernel. Its derivative, the Hessian, is 1 where |d| &lt; δ and 0
    /// elsewhere, as torch's double backward.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The gradient of the per-element loss with respect to the input.</returns>
    private static T HuberInputGradient<T>(T input, T target, T delta)
        where T : IFloatingPointIeee754<T>
    {
        T d = input - target;
        return T.Abs(d) >= delta ? (d > T.Zero ? delta : -delta) : d;
    }

    /// <summary>
    /// d(<see cref="Huber{T}(T, T, T)"/>)/d(target): the input gradient negated (−0 where d = +0, as torch's −grad).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="delta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The gradient of the per-element loss with respect to the target.</returns>
    private static T HuberTargetGradient<T>(T input, T target, T delta)
        where T : IFloatingPointIeee754<T>
    {
        T d = input - target;
        return T.Abs(d) >= delta ? (d > T.Zero ? -delta : delta) : -d;
    }
}
