using System.Numerics;

namespace FastLoss.Tests.Validation;

/// <summary>User formulas of the validation tests (generated into this test assembly like any consumer's).</summary>
public static partial class ValidationFormulas
{
    /// <summary>A scaled log-cosh with a margin: transcendental, with two hyperparameters.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="scale">The scale (&gt; 0).</param>
    /// <param name="margin">Errors below the margin cost nothing.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T ScaledLogCosh<T>(
        T input,
        T target,
        [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] T scale,
        [Hyperparameter(Default = 0.0)] T margin)
        where T : IFloatingPointIeee754<T>
    {
        T d = T.Max(T.Abs(input - target) - margin, T.Zero);
        return scale * T.Log(T.Cosh(d / scale));
    }

    /// <summary>A float-only weighted squared error (a non-generic formula's loss class).</summary>
    /// <param name="input">The prediction.</param>
    /// <param name="target">The target.</param>
    /// <param name="power">The weight's exponent.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static float PoweredSquare(float input, float target, [Hyperparameter] float power = 1.5f)
        => MathF.Pow(MathF.Abs(target) + 1f, power) * (input - target) * (input - target);
}
