using System.Numerics;

namespace FastLoss;

// torch.nn.functional.kl_div's boolean option log_target is two formulas (the generator's hyperparameters are scalars of
// the element type only): KlDiv (log_target=False, torch's default) and KlDivLogTarget (log_target=True).
public static partial class Loss
{
    /// <summary>
    /// Pointwise Kullback–Leibler divergence (<c>torch.nn.functional.kl_div</c> with <c>log_target=False</c>):
    /// xlogy(target, target) − target·input, i.e. target·(log target − input) with 0·log 0 = 0. The input is a
    /// log-probability, the target a probability.
    /// </summary>
    /// <remarks>
    /// <para>Where target = 0 the loss is 0 − 0·input (so −0, and NaN for an infinite input, as in torch); a negative
    /// target gives NaN (log of a negative number), a NaN target NaN. Gradient −target; with respect to the target
    /// log target + 1 − input, NaN at target = 0 as in torch (<see cref="KlDivTargetGradient{T}"/>).</para>
    /// <para>Reductions: <see cref="Reduction.Mean"/> is the mean over all elements, as torch's <c>'mean'</c> (which
    /// torch warns is not the KL divergence); torch's <c>'batchmean'</c>, the mathematically correct one, is
    /// <see cref="Reduction.Sum"/> divided by the batch size (the first dimension): <see cref="Reduction.BatchMean"/> with
    /// the overloads that take it (<see cref="KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>); the
    /// others reject BatchMean. Kernels vs this method: a few ulp (see README, "Accuracy").</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The log-probability log q.</param>
    /// <param name="target">The probability p.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T KlDiv<T>(T input, [Differentiable(Gradient = nameof(KlDivTargetGradient))] T target)
        where T : IFloatingPointIeee754<T>
        => (target == T.Zero ? T.Zero : target * T.Log(target)) - (target * input);

    /// <summary>
    /// d(<see cref="KlDiv{T}(T, T)"/>)/d(target) as torch's autograd computes it through <c>xlogy(target, target)</c>:
    /// (target ≠ 0 ? log target : 0) + target/target − input. At target = 0 that is NaN (xlogy's backward divides
    /// 0 by 0 for its second argument), where the derivative of the formula's 0·log 0 = 0 branch would be −input.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The log-probability log q.</param>
    /// <param name="target">The probability p.</param>
    /// <returns>The gradient of the per-element loss with respect to the target.</returns>
    private static T KlDivTargetGradient<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => (target == T.Zero ? T.Zero : T.Log(target)) + (target / target) - input;

    /// <summary>
    /// Pointwise Kullback–Leibler divergence with a log-probability target (<c>torch.nn.functional.kl_div</c> with
    /// <c>log_target=True</c>): exp(target)·(target − input).
    /// </summary>
    /// <remarks>
    /// A target of −∞ (probability 0) gives 0·(−∞) = NaN, as in torch — inconsistent with
    /// <see cref="KlDiv{T}(T, T)"/>, where probability 0 gives 0. Gradient −exp(target). Reductions as for
    /// <see cref="KlDiv{T}(T, T)"/> (torch's <c>'batchmean'</c>: <see cref="KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Reduction)"/>). Kernels vs this
    /// method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The log-probability log q.</param>
    /// <param name="target">The log-probability log p.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T KlDivLogTarget<T>(T input, [Differentiable] T target)
        where T : IFloatingPointIeee754<T>
        => T.Exp(target) * (target - input);
}
