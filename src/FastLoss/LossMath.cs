using System.Numerics;

namespace FastLoss;

/// <summary>
/// Numerically stable scalar building blocks for <see cref="LossFormulaAttribute"/> formulas. The generator knows
/// each of them and lowers a call to the matching deterministic vector implementation
/// (<see cref="Kernels.VectorMath"/>); called directly, they are plain scalar reference code built on
/// <see cref="Math"/>/<see cref="MathF"/>.
/// </summary>
public static class LossMath
{
    /// <summary>The logistic sigmoid 1 / (1 + e^-x), accurate in both tails.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1]; NaN for NaN.</returns>
    public static float Sigmoid(float x) => (float)Sigmoid((double)x);

    /// <summary>The logistic sigmoid 1 / (1 + e^-x), accurate in both tails.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x) in [0, 1]; NaN for NaN.</returns>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>The logistic sigmoid of a generic floating-point value.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x).</returns>
    public static T Sigmoid<T>(T x)
        where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(Sigmoid(double.CreateTruncating(x)));

    /// <summary>softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it never overflows.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x) ≥ 0; NaN for NaN.</returns>
    public static float Softplus(float x) => (float)Softplus((double)x);

    /// <summary>softplus(x) = log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so it never overflows.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x) ≥ 0; NaN for NaN.</returns>
    public static double Softplus(double x) => Math.Max(x, 0.0) + double.LogP1(Math.Exp(-Math.Abs(x)));

    /// <summary>softplus of a generic floating-point value.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>softplus(x).</returns>
    public static T Softplus<T>(T x)
        where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(Softplus(double.CreateTruncating(x)));

    /// <summary>log σ(x) = −softplus(−x), stable for every finite x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0; NaN for NaN.</returns>
    public static float LogSigmoid(float x) => (float)LogSigmoid((double)x);

    /// <summary>log σ(x) = −softplus(−x), stable for every finite x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x) ≤ 0; NaN for NaN.</returns>
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>log σ(x) of a generic floating-point value.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>log σ(x).</returns>
    public static T LogSigmoid<T>(T x)
        where T : IFloatingPointIeee754<T>
        => T.CreateTruncating(LogSigmoid(double.CreateTruncating(x)));
}
