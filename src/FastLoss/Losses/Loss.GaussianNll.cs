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
    /// element); torch's homoscedastic shapes (a size-1 last dimension, or one dimension short) are the caller's to
    /// broadcast. The constant ½·log 2π is left out (see <see cref="GaussianNllFull{T}(T, T, T, T)"/>).</para>
    /// <para>torch raises for a negative variance (but lets NaN through); FastLoss does not check operand values yet,
    /// and a negative variance is simply clamped to eps. NaN and ±∞ propagate. The gradient with respect to the input
    /// is (input − target)/v; torch's clamp is done under <c>no_grad</c>, which only matters for the variance's
    /// gradient (not computed here). Kernels vs this method: a few ulp (see README, "Accuracy").</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted mean.</param>
    /// <param name="target">The observation.</param>
    /// <param name="variance">The predicted variance (torch's <c>var</c>), ≥ 0.</param>
    /// <param name="eps">The smallest variance used; default 1e-6 (any value is accepted, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T GaussianNll<T>(T input, T target, T variance, [Hyperparameter(Default = 1e-6)] T eps)
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
    public static T GaussianNllFull<T>(T input, T target, T variance, [Hyperparameter(Default = 1e-6)] T eps)
        where T : IFloatingPointIeee754<T>
    {
        T v = T.Max(variance, eps);
        T d = input - target;
        return (T.CreateChecked(0.5) * (T.Log(v) + (d * d / v))) + T.CreateChecked(0.9189385332046727);
    }
}
