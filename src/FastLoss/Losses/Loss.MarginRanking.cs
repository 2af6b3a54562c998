using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Margin ranking loss (<c>torch.nn.functional.margin_ranking_loss</c>): max(0, −target·(input1 − input2) + margin),
    /// i.e. input1 should rank above input2 by at least the margin where target = 1, below it where target = −1.
    /// </summary>
    /// <remarks>
    /// <para>Targets are used as given, as in torch (0 gives max(0, margin); other values scale the difference); they are
    /// not checked. NaN propagates to the loss.</para>
    /// <para>Gradients: −target with respect to input1 and +target with respect to input2 where
    /// −target·(input1 − input2) + margin ≥ 0 (torch's clamp_min passes the gradient at the kink), 0 where it is negative
    /// or NaN. The loss depends on the inputs only through input1 − input2, so the input2 gradient is exactly the
    /// negated input1 gradient; <c>[Differentiable]</c> on input2 writes both in one pass. Kernels vs this method:
    /// exact (0 ulp).</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input1">The first score (the prediction; differentiated).</param>
    /// <param name="input2">The second score (differentiated with <c>[Differentiable]</c>).</param>
    /// <param name="target">The ranking label: 1 (input1 should be larger) or −1 (input2 should be larger).</param>
    /// <param name="margin">The margin; default 0 (any value, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T MarginRanking<T>(T input1, [Differentiable] T input2, T target, [Hyperparameter(Default = 0.0)] T margin)
        where T : IFloatingPointIeee754<T>
        => T.Max((-target * (input1 - input2)) + margin, T.Zero);
}
