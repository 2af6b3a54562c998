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
    /// (1 − p_t)^(γ−1)·p(1 − p), which is ∞·0 = NaN once p_t rounds to 1 for γ &lt; 1. γ = 0 gives a factor of exactly 1
    /// with no gradient, as in torch. Kernels vs this method: a few ulp (see README, "Accuracy").
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
    /// d(sigmoid focal)/d(input) = α_t·(m·(p − t) − ce·γ·m·p'(2t − 1)/(1 − p_t)) with m = (1 − p_t)^γ and
    /// p' = p(1 − p); the second term is 0 where 1 − p_t = 0 or γ = 0 (its limit), so no ∞·0 arises.
    /// </summary>
    private static T SigmoidFocalInputGradient<T>(T input, T target, T alpha, T gamma)
        where T : IFloatingPointIeee754<T>
    {
        T p = LossMath.Sigmoid(input);
        T ce = ((T.One - target) * input) - LossMath.LogSigmoid(input);
        T pt = (p * target) + ((T.One - p) * (T.One - target));
        T q = T.One - pt;
        T m = T.Pow(q, gamma);
        T dce = (T.One - target) - LossMath.Sigmoid(-input);
        T dpt = p * (T.One - p) * ((target + target) - T.One);
        T focusing = q > T.Zero && gamma != T.Zero ? gamma * m * dpt / q : T.Zero;
        T gradient = (dce * m) - (ce * focusing);
        return alpha >= T.Zero ? ((alpha * target) + ((T.One - alpha) * (T.One - target))) * gradient : gradient;
    }
}
