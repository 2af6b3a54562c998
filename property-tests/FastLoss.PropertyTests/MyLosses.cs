using System.Numerics;

namespace FastLoss.PropertyTests;

/// <summary>
/// User formulas compiled by the generator inside this test project: the three from the issue, then one per corner of
/// the grammar (generic T with T.Exp/Log/Sqrt/Pow/Tanh/Clamp/Max/Min and ?:, LossMath's sigmoid family, locals in a
/// block body, a hand-written gradient). Each method is the scalar reference its generated kernels are tested against.
/// </summary>
public static partial class MyLosses
{
    /// <summary>log(cosh(input − target)). Overflows to +∞ (gradient ∞/∞ = NaN) once cosh does: |d| ≳ 89 in float.</summary>
    [LossFormula]
    public static float LogCosh(float input, float target) => MathF.Log(MathF.Cosh(input - target));

    /// <summary>A squared error with two linear terms; hyperparameters with C# defaults are not needed.</summary>
    [LossFormula]
    public static double Custom(double input, double target, [Hyperparameter] double param1, [Hyperparameter] double param2)
        => ((input - target) * (input - target)) + (param1 * input) + (param2 * target);

    /// <summary>weight · (input − target)²: three per-element operands, so an object form but no ILoss.</summary>
    [LossFormula]
    public static float WeightedSquare(float input, float target, float weight) => weight * (input - target) * (input - target);

    /// <summary>
    /// Generic grammar tour: above the target √(1 + d²) − 1 + tanh(d)^p; at or below it a clamped softplus of
    /// (target − input) minus log 2, plus ⅛·max(min(input, target), −1).
    /// </summary>
    [LossFormula]
    public static T GenericMix<T>(T input, T target, [Hyperparameter(Default = 1.5, Minimum = 1.0, Maximum = 4.0)] T power)
        where T : IFloatingPointIeee754<T>
        => input > target
            ? T.Sqrt(T.One + ((input - target) * (input - target))) - T.One + T.Pow(T.Tanh(input - target), power)
            : T.Log(T.One + T.Exp(T.Clamp(target - input, T.Zero, T.CreateChecked(30)))) - T.Log(T.CreateChecked(2))
                + (T.Max(T.Min(input, target), T.NegativeOne) * T.CreateChecked(0.125));

    /// <summary>softplus(x) − t·x + ¼·σ(x)·log σ(x − t): LossMath's three functions in one formula.</summary>
    [LossFormula]
    public static T SigmoidMix<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => LossMath.Softplus(input) - (target * input) + (T.CreateChecked(0.25) * LossMath.Sigmoid(input) * LossMath.LogSigmoid(input - target));

    /// <summary>Locals in a block body: scale·d²/(1 + |d|) + (d &lt; 0 ? ½|d| : 0). Only + − * / abs and select.</summary>
    [LossFormula]
    public static float BlockLocals(float input, float target, [Hyperparameter(Minimum = 0.0)] float scale = 2f)
    {
        float d = input - target;
        float ad = MathF.Abs(d);
        float q = d * d / (1f + ad);
        float under = d < 0f ? 0.5f * ad : 0f;
        return (scale * q) + under;
    }

    /// <summary>
    /// log cosh(d) written so it never overflows: |d| + log1p(e^(−2|d|)) − log 2, with the hand-written gradient
    /// tanh(d) (the symbolic one would go through sign(d)).
    /// </summary>
    [LossFormula(Gradient = nameof(LogCoshStableGradient))]
    public static T LogCoshStable<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.Abs(input - target) + T.LogP1(T.Exp(T.CreateChecked(-2) * T.Abs(input - target))) - T.Log(T.CreateChecked(2));

    /// <summary>d/d(input) of <see cref="LogCoshStable{T}"/>: tanh(input − target).</summary>
    private static T LogCoshStableGradient<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.Tanh(input - target);
}
