namespace FastLoss.Generators.Tests;

/// <summary>Formula sources shared by the snapshot, emitted-text and pipeline tests.</summary>
internal static class SampleFormulas
{
    public static readonly string LogCosh = GeneratorHarness.InLossesClass("""
            /// <summary>log(cosh(input - target)).</summary>
            [LossFormula]
            public static float LogCosh(float input, float target) => MathF.Log(MathF.Cosh(input - target));
        """);

    public static readonly string Custom = GeneratorHarness.InLossesClass("""
            /// <summary>A squared error with two linear terms.</summary>
            [LossFormula]
            public static T Custom<T>(
                T input,
                T target,
                [Hyperparameter(Default = 0.5)] T param1,
                [Hyperparameter(Default = -1.25, Minimum = -2.0, Maximum = 2.0, ExclusiveMaximum = true)] T param2)
                where T : IFloatingPointIeee754<T>
                => (input - target) * (input - target) + param1 * input + param2 * target;
        """);

    public static readonly string WeightedSquare = GeneratorHarness.InLossesClass("""
            /// <summary>weight · (input − target)².</summary>
            [LossFormula]
            public static float WeightedSquare(float input, float target, float weight) => weight * (input - target) * (input - target);
        """);

    public static readonly string ScaledGaussian = GeneratorHarness.InLossesClass("""
            /// <summary>A scaled Gaussian NLL: gradients for the target and the variance too, a positive variance required.</summary>
            [LossFormula]
            public static float ScaledGaussian(
                float input,
                [Differentiable] float target,
                [Differentiable, Operand(Minimum = 0.0, ExclusiveMinimum = true, Rule = "a variance is positive")] float variance,
                [Hyperparameter(Default = 1.0, Minimum = 0.0)] float scale)
                => scale * 0.5f * (MathF.Log(variance) + (input - target) * (input - target) / variance);
        """);

    public static readonly string ClampedHinge = GeneratorHarness.InLossesClass("""
            /// <summary>A hinge for positive targets, a clamped linear penalty otherwise.</summary>
            [LossFormula]
            public static double ClampedHinge(double input, double target, [Hyperparameter(Minimum = 0.0)] double margin = 1.0)
                => target > 0.0 ? Math.Max(margin - input * target, 0.0) : Math.Clamp(input + margin, 0.0, 10.0);
        """);

    public static readonly string FocalLike = GeneratorHarness.InLossesClass("""
            /// <summary>A focal-style loss: σ and log σ of ±input share one exponential; γ is a power mode, τ a division mode.</summary>
            [LossFormula]
            public static float FocalLike(
                float input,
                float target,
                [Hyperparameter(Default = 2.0, Minimum = 0.0)] float gamma,
                [Hyperparameter(Default = 1.0, Minimum = 0.0, ExclusiveMinimum = true)] float temperature)
                => -(target * MathF.Pow(LossMath.Sigmoid(-input), gamma) * LossMath.LogSigmoid(input)
                    + (1f - target) * MathF.Pow(LossMath.Sigmoid(input), gamma) * LossMath.LogSigmoid(-input)) / temperature;
        """);

    /// <summary>Literals whose text depends on the culture when formatted carelessly: negatives, fractions, exponents.</summary>
    public static readonly string CultureSensitive = GeneratorHarness.InLossesClass("""
            /// <summary>Literals that a careless emitter would format with the current culture.</summary>
            [LossFormula]
            public static float Literals(float input, float target, [Hyperparameter(Minimum = -0.75, Maximum = 1.5)] float scale = -0.5f)
                => -1.5f * input + 0.25f * target - 1e-7f * scale * input * input + 12345.678f;
        """);

    /// <summary>A valid formula whose parse also reports a warning (FL0013), so the Diagnostics step has an output.</summary>
    public static readonly string WithWarning = GeneratorHarness.InLossesClass("""
            /// <summary>A literal that overflows float.</summary>
            [LossFormula]
            public static T Huge<T>(T input, T target)
                where T : IFloatingPointIeee754<T>
                => T.Min(input - target, T.CreateChecked(1e39));
        """);
}
