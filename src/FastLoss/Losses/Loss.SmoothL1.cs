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
    [LossFormula(Gradient = nameof(SmoothL1InputGradient))]
    public static T SmoothL1<T>(T input, [Differentiable(Gradient = nameof(SmoothL1TargetGradient))] T target, [Hyperparameter(Default = 1.0, Minimum = 0.0)] T beta)
        where T : IFloatingPointIeee754<T>
    {
        T half = T.CreateChecked(0.5);
        T d = input - target;
        T z = T.Abs(d);

        // β = 0 needs no branch of its own: z ≥ 0 holds for every number, so the loss is z (L1, as torch, which
        // dispatches to l1_loss), and a NaN difference reaches ½·NaN²/0 = NaN. The gradients are written by hand
        // (below) for the cases where that derivative is not torch's, and because the kernels then need no
        // per-element test of β.
        return z >= beta ? z - (half * beta) : half * d * d / beta;
    }

    /// <summary>
    /// d(<see cref="SmoothL1{T}(T, T, T)"/>)/d(input) as torch's backward computes it: d/β clamped to [−1, 1], that is
    /// sgn d where |d| ≥ β and d/β inside (NaN for a NaN difference). β = 0 is L1's sgn d, 0 at d = 0 and where d is NaN
    /// (torch's sign of NaN is 0). Its derivative, the Hessian, is 1/β where |d| &lt; β and 0 elsewhere, as torch's
    /// double backward.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="beta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The gradient of the per-element loss with respect to the input.</returns>
    private static T SmoothL1InputGradient<T>(T input, T target, T beta)
        where T : IFloatingPointIeee754<T>
    {
        T d = input - target;
        return T.Abs(d) >= beta ? (d > T.Zero ? T.One : d < T.Zero ? -T.One : T.Zero) : beta == T.Zero ? T.Zero : d / beta;
    }

    /// <summary>
    /// d(<see cref="SmoothL1{T}(T, T, T)"/>)/d(target): the input gradient negated term by term (−0 where β &gt; 0 and d = +0, as
    /// torch's −grad).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="beta">Where the loss turns from quadratic to linear.</param>
    /// <returns>The gradient of the per-element loss with respect to the target.</returns>
    private static T SmoothL1TargetGradient<T>(T input, T target, T beta)
        where T : IFloatingPointIeee754<T>
    {
        T d = input - target;
        return T.Abs(d) >= beta ? (d > T.Zero ? -T.One : d < T.Zero ? T.One : T.Zero) : beta == T.Zero ? T.Zero : -d / beta;
    }
}
