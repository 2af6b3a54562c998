namespace FastLoss.Demo;

/// <summary>Losses declared by the demo itself: one line of C# each, kernels and gradients generated.</summary>
public static partial class DemoLosses
{
    /// <summary>The seed's "custom loss with parameters": squared error plus linear terms in input and target.</summary>
    [LossFormula]
    public static double Custom(double input, double target, [Hyperparameter] double param1 = 0.01, [Hyperparameter] double param2 = 0.0)
        => ((input - target) * (input - target)) + (param1 * input) + (param2 * target);

    /// <summary>log cosh(input − target): quadratic near 0, linear in the tails, smooth everywhere.</summary>
    [LossFormula]
    public static double LogCosh(double input, double target) => Math.Log(Math.Cosh(input - target));
}
