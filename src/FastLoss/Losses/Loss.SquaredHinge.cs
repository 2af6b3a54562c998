using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Squared hinge loss max(0, 1 − target·input)² for targets ±1 (the L2-SVM loss; not in
    /// <c>torch.nn.functional</c> as an element-wise loss — torch's <c>multi_margin_loss</c> with <c>p=2</c> is its
    /// row-wise multi-class form).
    /// </summary>
    /// <remarks>
    /// Differentiable everywhere: gradient −2·target·max(0, 1 − target·input), 0 at the kink and where the margin is
    /// NaN. Targets other than ±1 are used as given. Overflows to +∞ where the margin exceeds √max. Kernels vs this
    /// method: exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The score.</param>
    /// <param name="target">The label, 1 or −1.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T SquaredHinge<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
    {
        T hinge = T.Max(T.One - (target * input), T.Zero);
        return hinge * hinge;
    }
}
