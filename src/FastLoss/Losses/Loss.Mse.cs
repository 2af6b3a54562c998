using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>Squared error (input − target)² (<c>torch.nn.functional.mse_loss</c>).</summary>
    /// <remarks>
    /// Valid range: everything; overflows to +∞ where |input − target| exceeds √max. Gradient 2(input − target).
    /// torch's <c>weight</c> (mean Σw·l / Σw): <see cref="Mse(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>. Kernels vs this method: exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T Mse<T>(T input, [Differentiable] T target)
        where T : IFloatingPointIeee754<T>
        => (input - target) * (input - target);
}
