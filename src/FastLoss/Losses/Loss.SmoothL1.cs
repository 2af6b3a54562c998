using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Smooth L1 loss (<c>torch.nn.functional.smooth_l1_loss</c>): ½d²/β where |d| &lt; β, else |d| − ½β, with
    /// d = input − target.
    /// </summary>
    /// <remarks>
    /// β = 0 is exactly <see cref="L1{T}(T, T)"/> (as in PyTorch, whose Python wrapper dispatches to l1_loss): the
    /// quadratic branch is never taken and the gradient at a tie is 0. β &lt; 0 and NaN are rejected. Kernels vs
    /// this method: exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="beta">Where the loss turns from quadratic to linear; ≥ 0, default 1.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T SmoothL1<T>(T input, [Differentiable] T target, [Hyperparameter(Default = 1.0, Minimum = 0.0)] T beta)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T d = input - target;
        T z = T.Abs(d);

        // β = 0 is L1 (torch dispatches to l1_loss): sgn gradient, 0 where d is NaN. For β > 0 the linear branch is
        // chosen by z ≥ β, so a NaN difference falls into the quadratic branch and its gradient d/β is NaN, as torch's
        // backward (which clamps d/β to [−1, 1]) gives. d·d rather than z·z (the same value): the Hessian of the
        // quadratic branch is then 1/β at d = 0 as well.
        return beta == T.Zero ? z : z >= beta ? z - (half * beta) : half * d * d / beta;
    }
}
