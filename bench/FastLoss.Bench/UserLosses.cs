using System.Numerics;

namespace FastLoss.Bench;

/// <summary>A loss declared by a user of FastLoss in their own project: the generator runs here too.</summary>
public static partial class UserLosses
{
    /// <summary>log cosh(input − target) in the stable form |d| + softplus(−2|d|) − log 2 (no cosh overflow).</summary>
    /// <remarks>The gradient is the generator's symbolic one: sgn(d)·(1 − 2σ(−2|d|)) = tanh(d).</remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T LogCosh<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
    {
        T z = T.Abs(input - target);
        return z + LossMath.Softplus(T.CreateChecked(-2.0) * z) - T.CreateChecked(0.69314718055994531);
    }

    /// <summary>The input itself: its reduced forms are FastLoss's plain sum and mean (used by <c>--accuracy</c>).</summary>
    /// <param name="input">The value.</param>
    /// <returns>The value.</returns>
    [LossFormula]
    public static float Identity(float input) => input;
}
