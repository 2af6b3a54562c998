using System.Numerics;

namespace FastLoss;

// torch.nn.functional.poisson_nll_loss has two boolean options (log_input, full). The generator's hyperparameters are
// scalars of the element type only, so each combination is its own formula: PoissonNll (log_input=True, full=False,
// torch's defaults), PoissonNllFull (log_input=True, full=True), PoissonNllRate (log_input=False, full=False) and
// PoissonNllRateFull (log_input=False, full=True). eps only exists where torch uses it (log_input=False).
public static partial class Loss
{
    /// <summary>
    /// Poisson negative log-likelihood on log-rates (<c>torch.nn.functional.poisson_nll_loss</c> with
    /// <c>log_input=True, full=False</c>, torch's defaults): exp(input) − target·input.
    /// </summary>
    /// <remarks>
    /// The constant log(target!) is left out (see <see cref="PoissonNllFull{T}(T, T)"/> for torch's Stirling
    /// approximation of it), so the loss can be negative. Overflows to +∞ as torch does once exp does
    /// (input ≳ 88.7 in float, ≳ 709.8 in double); NaN and ±∞ propagate as IEEE arithmetic dictates. Targets are not
    /// checked (torch accepts any). torch's <c>eps</c> is unused with <c>log_input=True</c>. Gradient exp(input) −
    /// target. Kernels vs this method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The log-rate log λ.</param>
    /// <param name="target">The observed count.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T PoissonNll<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.Exp(input) - (target * input);

    /// <summary>
    /// Poisson negative log-likelihood on log-rates with the Stirling term (<c>torch.nn.functional.poisson_nll_loss</c>
    /// with <c>log_input=True, full=True</c>): exp(input) − target·input + S(target), where
    /// S(t) = t·log t − t + ½·log(2πt) for t &gt; 1 and 0 otherwise.
    /// </summary>
    /// <remarks>
    /// S approximates log(t!) and, as in torch, is masked to 0 where t ≤ 1
    /// (torch's <c>masked_fill(target &lt;= 1, 0)</c>), which makes the loss jump by S(1⁺) ≈ 0.081 at t = 1 — torch's own inconsistency (log(1!) = 0, so t = 1 is not
    /// approximated at all). A NaN target is not masked (NaN ≤ 1 is false) and gives NaN, as in torch; t = +∞ gives
    /// ∞ − ∞ = NaN. S does not depend on the input, so the gradient is that of <see cref="PoissonNll{T}(T, T)"/>.
    /// Kernels vs this method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The log-rate log λ.</param>
    /// <param name="target">The observed count.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T PoissonNllFull<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => (T.Exp(input) - (target * input)) + PoissonStirling(target);

    /// <summary>
    /// Poisson negative log-likelihood on rates (<c>torch.nn.functional.poisson_nll_loss</c> with
    /// <c>log_input=False, full=False</c>): input − target·log(input + eps).
    /// </summary>
    /// <remarks>
    /// eps keeps log finite at a zero rate (input = 0 gives −target·log eps, not ∞); it is added, not a clamp, and
    /// rounded to the element type as torch does. A negative rate is not rejected (torch accepts it): log of a negative
    /// number gives NaN. Gradient 1 − target/(input + eps). Kernels vs this method: a few ulp (see README,
    /// "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The rate λ ≥ 0.</param>
    /// <param name="target">The observed count.</param>
    /// <param name="eps">Added to the rate inside the log; default 1e-8 (any value is accepted, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T PoissonNllRate<T>(T input, T target, [Hyperparameter(Default = 1e-8)] T eps)
        where T : IFloatingPointIeee754<T>
        => input - (target * T.Log(input + eps));

    /// <summary>
    /// Poisson negative log-likelihood on rates with the Stirling term (<c>torch.nn.functional.poisson_nll_loss</c>
    /// with <c>log_input=False, full=True</c>): input − target·log(input + eps) + S(target), with S as in
    /// <see cref="PoissonNllFull{T}(T, T)"/> (0 where target ≤ 1).
    /// </summary>
    /// <remarks>
    /// See <see cref="PoissonNllRate{T}(T, T, T)"/> for eps and <see cref="PoissonNllFull{T}(T, T)"/> for the masked
    /// Stirling term and its jump at target = 1. Gradient 1 − target/(input + eps). Kernels vs this method: a few ulp
    /// (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The rate λ ≥ 0.</param>
    /// <param name="target">The observed count.</param>
    /// <param name="eps">Added to the rate inside the log; default 1e-8 (any value is accepted, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T PoissonNllRateFull<T>(T input, T target, [Hyperparameter(Default = 1e-8)] T eps)
        where T : IFloatingPointIeee754<T>
        => (input - (target * T.Log(input + eps))) + PoissonStirling(target);

    /// <summary>
    /// torch's Stirling term t·log t − t + ½·log(2π·t), masked to 0 where t ≤ 1 (so NaN stays NaN). 2π is rounded to
    /// the element type before the product, as torch's scalar is.
    /// </summary>
    private static T PoissonStirling<T>(T target)
        where T : IFloatingPointIeee754<T>
    {
        T twoPi = T.CreateChecked(6.283185307179586);
        return target <= T.One ? T.Zero : ((target * T.Log(target)) - target) + (T.CreateChecked(0.5) * T.Log(twoPi * target));
    }
}
