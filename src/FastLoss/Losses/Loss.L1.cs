using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>L1 loss |input − target| (<c>torch.nn.functional.l1_loss</c>).</summary>
    /// <remarks>
    /// Valid range: everything; NaN propagates to the loss. Gradient: sign(input − target), 0 at a tie and where the
    /// difference is NaN (torch's sgn). torch's <c>weight</c> (mean Σw·l / Σw): <see cref="L1(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>. Kernels vs this method: exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T L1<T>(T input, [Differentiable] T target)
        where T : IFloatingPointIeee754<T>
        => T.Abs(input - target);
}
