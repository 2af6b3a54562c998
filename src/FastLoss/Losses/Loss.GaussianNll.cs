using System.Numerics;

namespace FastLoss;

// torch.nn.functional.gaussian_nll_loss's boolean option full is two formulas (the generator's hyperparameters are
// scalars of the element type only): GaussianNll (full=False, torch's default) and GaussianNllFull (full=True).
public static partial class Loss
{
    /// <summary>
    /// Gaussian negative log-likelihood (<c>torch.nn.functional.gaussian_nll_loss</c> with <c>full=False</c>):
    /// ½·(log v + (input − target)²/v) with v = max(variance, eps).
    /// </summary>
    /// <remarks>
    /// <para>eps is a clamp, not an addition, as in torch. The variance is a per-element operand (one per input
    /// element); for torch's homoscedastic shapes (a size-1 last dimension, or one dimension short) and a single value,
    /// the overloads taking the last dimension broadcast it
    /// (<see cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>).
    /// The constant ½·log 2π is left out (see <see cref="GaussianNllFull{T}(T, T, T, T)"/>).</para>
    /// <para>A negative variance is rejected (<see cref="ArgumentException"/> naming the first one), NaN let through,
    /// as in torch. NaN and ±∞ propagate. Gradients: (input − target)/v for the input, its negative for the target,
    /// and ½·(1/v − (input − target)²/v²) for the variance (<see cref="GaussianNllVarianceGradient{T}"/>): torch
    /// clamps under <c>no_grad</c>, so the variance's gradient is evaluated at the clamped v but does not vanish
    /// below eps. Kernels vs this method: a few ulp (see README, "Accuracy").</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted mean.</param>
    /// <param name="target">The observation.</param>
    /// <param name="variance">The predicted variance (torch's <c>var</c>), ≥ 0.</param>
    /// <param name="eps">The smallest variance used; default 1e-6 (any value is accepted, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T GaussianNll<T>(
        T input,
        [Differentiable] T target,
        [Differentiable(Gradient = nameof(GaussianNllVarianceGradient)), Operand(Minimum = 0, AllowNaN = true, Rule = "torch: var has negative entry/entries")] T variance,
        [Hyperparameter(Default = 1e-6)] T eps)
        where T : IFloatingPointIeee754<T>
    {
        T v = T.Max(variance, eps);
        T d = input - target;
        return T.CreateChecked(0.5) * (T.Log(v) + (d * d / v));
    }

    /// <summary>
    /// Gaussian negative log-likelihood with the constant (<c>torch.nn.functional.gaussian_nll_loss</c> with
    /// <c>full=True</c>): ½·(log v + (input − target)²/v) + ½·log 2π with v = max(variance, eps).
    /// </summary>
    /// <remarks>
    /// As <see cref="GaussianNll{T}(T, T, T, T)"/> plus torch's Python constant 0.5·math.log(2π) =
    /// 0.9189385332046727 (rounded to the element type), added after the rest as in torch. Same gradient. Kernels vs
    /// this method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted mean.</param>
    /// <param name="target">The observation.</param>
    /// <param name="variance">The predicted variance (torch's <c>var</c>), ≥ 0.</param>
    /// <param name="eps">The smallest variance used; default 1e-6 (any value is accepted, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T GaussianNllFull<T>(
        T input,
        [Differentiable] T target,
        [Differentiable(Gradient = nameof(GaussianNllVarianceGradient)), Operand(Minimum = 0, AllowNaN = true, Rule = "torch: var has negative entry/entries")] T variance,
        [Hyperparameter(Default = 1e-6)] T eps)
        where T : IFloatingPointIeee754<T>
    {
        T v = T.Max(variance, eps);
        T d = input - target;
        return (T.CreateChecked(0.5) * (T.Log(v) + (d * d / v))) + T.CreateChecked(0.9189385332046727);
    }

    /// <summary>
    /// d(Gaussian NLL)/d(variance) as torch's autograd computes it: ½·(1/v − (input − target)²/v²) with
    /// v = max(variance, eps). The clamp is torch's in-place <c>clamp_</c> under <c>no_grad</c>, invisible to autograd,
    /// so the gradient flows (evaluated at v) also where the variance is below eps — unlike the symbolic derivative of
    /// max, which would be 0 there. The same for <see cref="GaussianNll{T}(T, T, T, T)"/> and
    /// <see cref="GaussianNllFull{T}(T, T, T, T)"/> (the constant has no gradient).
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted mean.</param>
    /// <param name="target">The observation.</param>
    /// <param name="variance">The predicted variance.</param>
    /// <param name="eps">The smallest variance used.</param>
    /// <returns>The gradient of the per-element loss with respect to the variance.</returns>
    private static T GaussianNllVarianceGradient<T>(T input, T target, T variance, T eps)
        where T : IFloatingPointIeee754<T>
    {
        T v = T.Max(variance, eps);
        T d = input - target;
        T half = T.CreateChecked(0.5);
        return (half / v) - (half * (d * d) / (v * v));
    }
}
