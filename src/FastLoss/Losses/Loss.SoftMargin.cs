using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Soft margin loss (<c>torch.nn.functional.soft_margin_loss</c>): log(1 + exp(−target·input)), the logistic loss
    /// for targets ±1.
    /// </summary>
    /// <remarks>
    /// <para>Computed exactly as torch does, log1p(exp(−t·x)), not as a stable softplus: like torch it overflows to +∞
    /// once −t·x exceeds ≈ 88.7 (float) / ≈ 709.8 (double), with a NaN gradient there (torch's −t·∞/∞). torch is
    /// inconsistent here: <c>binary_cross_entropy_with_logits</c>, the same loss for targets 0/1, is stable for every
    /// logit — use <see cref="BinaryCrossEntropyWithLogits{T}(T, T)"/> with (t + 1)/2 for a loss that never
    /// overflows. Below the overflow it is accurate (log1p of a tiny exp is the tiny value itself).</para>
    /// <para>Targets other than ±1 are used as given (0 gives log 2, 2 doubles the margin), as in torch. NaN
    /// propagates. The gradient is hand-written (<see cref="SoftMarginInputGradient{T}"/>) so that it and the Hessian
    /// stay finite wherever the loss is. Kernels vs this method: a few ulp (see README, "Accuracy").</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The score.</param>
    /// <param name="target">The label, 1 or −1.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula(Gradient = nameof(SoftMarginInputGradient))]
    public static T SoftMargin<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.LogP1(T.Exp(-input * target));

    /// <summary>
    /// d(soft margin)/d(input) = −t·σ(−t·x), which is torch's −t·e/(1 + e) with e = exp(−t·x); NaN where e overflows,
    /// as torch's ∞/∞.
    /// </summary>
    /// <remarks>
    /// The symbolic derivative is torch's quotient, and its own derivative (the Hessian) squares e, which overflows
    /// (∞ − ∞ = NaN) for −t·x ≳ 44 (float) / 355 (double) while the loss is still finite; σ's derivative σ(1 − σ) does
    /// not.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The score.</param>
    /// <param name="target">The label.</param>
    /// <returns>The gradient of the per-element loss.</returns>
    private static T SoftMarginInputGradient<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.Exp(-input * target) == T.PositiveInfinity ? T.NaN : -target * LossMath.Sigmoid(-input * target);
}
