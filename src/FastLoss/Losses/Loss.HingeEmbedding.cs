using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Hinge embedding loss (<c>torch.nn.functional.hinge_embedding_loss</c>): input where target = 1,
    /// max(0, margin − input) where target = −1.
    /// </summary>
    /// <remarks>
    /// <para>Exactly torch's <c>where(t != 1, max(0, margin − x), 0) + where(t != −1, x, 0)</c>: a target that is
    /// neither 1 nor −1 (0, 2, NaN) gets both terms, max(0, margin − x) + x, rather than being rejected — a torch quirk worth
    /// knowing when targets are not exactly ±1.</para>
    /// <para>The input is usually a distance (≥ 0) but is not checked. Gradient: 1 from the input term; −1 from the
    /// margin term where margin − x ≥ 0 (torch's clamp_min passes the gradient at x = margin) and 0 where it is
    /// negative or NaN. Kernels vs this method: exact (0 ulp).</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The distance (or score).</param>
    /// <param name="target">The label: 1 (similar) or −1 (dissimilar).</param>
    /// <param name="margin">The margin of the dissimilar term; default 1 (any value, as in torch).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T HingeEmbedding<T>(T input, T target, [Hyperparameter(Default = 1.0)] T margin)
        where T : IFloatingPointIeee754<T>
        => (target != T.One ? T.Max(margin - input, T.Zero) : T.Zero) + (target != T.NegativeOne ? input : T.Zero);
}
