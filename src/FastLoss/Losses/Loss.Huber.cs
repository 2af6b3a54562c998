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
    [LossFormula]
    public static T Huber<T>(T input, [Differentiable] T target, [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] T delta)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T d = input - target;
        T z = T.Abs(d);

        // The linear branch is chosen by z ≥ δ, so a NaN difference falls into the quadratic branch and its gradient
        // d is NaN, as torch's backward (which clamps d to [−δ, δ]) gives. d·d rather than z·z (the same value): the
        // Hessian of the quadratic branch is then 1 at d = 0 as well.
        return z >= delta ? delta * (z - (half * delta)) : half * d * d;
    }
}
