using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Sigmoid focal loss (<c>torchvision.ops.sigmoid_focal_loss</c>, Lin et al. 2017):
    /// α_t · BCEWithLogits(input, target) · (1 − p_t)^γ with p = σ(input), p_t = p·t + (1 − p)(1 − t) and
    /// α_t = α·t + (1 − α)(1 − t); a negative α disables the weighting.
    /// </summary>
    /// <remarks>
    /// The gradient is hand-written (<see cref="SigmoidFocalInputGradient{T}"/>): the symbolic one contains
    /// (1 − p_t)^(γ−1)·p(1 − p), which is ∞·0 = NaN once p_t rounds to 1 for γ &lt; 1; the hand-written one is finite
    /// for every γ ≥ 0 and so is the Hessian derived from it. γ = 0 gives a factor of exactly 1 with no gradient, as in
    /// torch. Kernels vs this method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The logit.</param>
    /// <param name="target">The target probability (0 or 1 for hard labels).</param>
    /// <param name="alpha">Weight of the positive class in [0, 1], or negative for none; default 0.25.</param>
    /// <param name="gamma">Focusing parameter ≥ 0; default 2.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula(Gradient = nameof(SigmoidFocalInputGradient))]
    public static T SigmoidFocal<T>(
        T input,
        T target,
        [Hyperparameter(Default = 0.25)] T alpha,
        [Hyperparameter(Default = 2.0, Minimum = 0.0)] T gamma)
        where T : IFloatingPointIeee754<T>
    {
        T p = LossMath.Sigmoid(input);
        T ce = ((T.One - target) * input) - LossMath.LogSigmoid(input);
        T pt = (p * target) + ((T.One - p) * (T.One - target));
        T loss = ce * T.Pow(T.One - pt, gamma);
        return alpha >= T.Zero ? ((alpha * target) + ((T.One - alpha) * (T.One - target))) * loss : loss;
    }

    /// <summary>
    /// d(sigmoid focal)/d(input), written so that it and its own derivative (the Hessian) stay finite wherever the
    /// loss is finite: with m = (1 − p_t)^γ and ce = BCE-with-logits,
    /// α_t·((p − t)·m + ce·γ·(1 − p_t)^(γ−1)·(1 − 2t)·p(1 − p)).
    /// </summary>
    /// <remarks>
    /// <para>Hard labels (t = 0 or 1) use the margin z = (2t − 1)·x: 1 − p_t = σ(−z) and ce = softplus(−z), so the
    /// gradient is −(2t − 1)·m·(γ·σ(z)·softplus(−z) + σ(−z)) with m = exp(γ·log σ(−z)), a product of bounded factors without cancellation
    /// (torchvision's 1 − p_t rounds to 0 once p saturates, and then (1 − p_t)^(γ−1) is ∞ for γ &lt; 1).</para>
    /// <para>Soft labels use 1 − p_t = t·σ(−x) + (1 − t)·σ(x) ≥ min(t, 1 − t) &gt; 0, so the division is safe.</para>
    /// <para>γ = 0 is BCE-with-logits' p − t (torch's pow backward is exactly 0 for a zero exponent). At an infinite
    /// logit torch's ce·dm is ∞·0 or NaN·0 for γ ≠ 0, so the gradient is NaN there, as in torch.</para>
    /// </remarks>
    private static T SigmoidFocalInputGradient<T>(T input, T target, T alpha, T gamma)
        where T : IFloatingPointIeee754<T>
    {
        T p = LossMath.Sigmoid(input);
        T pComplement = LossMath.Sigmoid(-input);
        T logP = LossMath.LogSigmoid(input);
        T logPComplement = LossMath.LogSigmoid(-input);
        T plain = p - target;

        // Hard labels: z = (2t − 1)·x is exactly x (t = 1) or −x (t = 0), so σ(z), σ(−z), log σ(−z) and
        // softplus(−z) = −log σ(z) are the four values above, picked by the label: the same bits as calling the
        // functions on ±z, for a third of the exponentials and logarithms.
        T sign = target + target - T.One;
        T sigmoidZ = target == T.One ? p : pComplement;
        T qHard = target == T.One ? pComplement : p;
        T logQHard = target == T.One ? logPComplement : logP;
        T softplusMinusZ = -(target == T.One ? logP : logPComplement);
        // (1 − p_t)^γ as exp(γ·log σ(−z)): its derivative −γ·σ(z)·m has no σ(−z)^(γ−1), which overflows once σ(−z)
        // is subnormal.
        T hard = -sign * T.Exp(gamma * logQHard) * ((gamma * sigmoidZ * softplusMinusZ) + qHard);

        T q = (target * pComplement) + ((T.One - target) * p);
        T m = T.Pow(q, gamma);
        T ce = ((T.One - target) * input) - logP;
        T soft = (plain * m) + (ce * gamma * m * (T.One - target - target) * p * pComplement / q);

        T focal = target == T.Zero || target == T.One ? hard : soft;
        T gradient = gamma == T.Zero ? plain : T.Abs(input) == T.PositiveInfinity ? T.NaN : focal;
        return alpha >= T.Zero ? ((alpha * target) + ((T.One - alpha) * (T.One - target))) * gradient : gradient;
    }
}
