namespace FastLoss.Generators.Tests.Emit;

/// <summary>
/// Math.Clamp throws when its lower bound exceeds its upper bound; the kernels (min(max(x, lo), hi)) would return hi
/// instead. Bounds made of hyperparameters are checked with the other hyperparameters, so the call throws as the formula
/// method would, before any output is written.
/// </summary>
public class ClampBoundTests
{
    private static readonly string Source = GeneratorHarness.InLossesClass("""
            /// <summary>Two clamps with hyperparameter bounds.</summary>
            [LossFormula]
            public static double Clipped(double input, double target, [Hyperparameter(Default = -1.0)] double lo, [Hyperparameter(Default = 1.0)] double hi)
                => Math.Clamp(input - target, lo, hi) * Math.Clamp(input, -hi, 2.0 * hi + lo * 0.0);
        """);

    private static readonly string Probe = GeneratorHarness.Usings + """
        namespace Samples;

        /// <summary>Calls the span API with arrays.</summary>
        public static class Probe
        {
            /// <summary>The gradient of the sum, into <paramref name="g"/>.</summary>
            public static void Gradient(double[] x, double[] t, double lo, double hi, double[] g) => Losses.ClippedGradient(x, t, lo, hi, g, Reduction.Sum);

            /// <summary>The scalar reference.</summary>
            public static double Reference(double x, double t, double lo, double hi) => Losses.Clipped(x, t, lo, hi);
        }
        """;

    [Theory]
    [InlineData(2.0, 1.0, "lo", "lo is at most its upper bound hi")]
    [InlineData(-3.0, -1.0, "lo", "-hi is at most its upper bound 2 * hi + lo * 0")]
    public void Bounds_in_the_wrong_order_throw_like_Math_Clamp_and_write_nothing(double lo, double hi, string name, string message)
    {
        GeneratorRun run = GeneratorHarness.RunValid(Source, Probe);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        double[] x = [0.5, -2, 3], t = [0, 1, -1], g = [7, 7, 7];

        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => loaded.Call("Samples.Probe", "Gradient", x, t, lo, hi, g));
        var inner = Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
        Assert.Equal(name, inner.ParamName);
        Assert.Contains(message, inner.Message, StringComparison.Ordinal);
        Assert.All(g, v => Assert.Equal(7.0, v));

        // The formula method itself throws too (Math.Clamp: "min cannot be greater than max").
        var reference = Assert.Throws<System.Reflection.TargetInvocationException>(() => loaded.Call("Samples.Probe", "Reference", 0.5, 0.0, lo, hi));
        Assert.IsAssignableFrom<ArgumentException>(reference.InnerException);
    }

    [Fact]
    public void A_clamp_in_a_branch_the_method_may_not_evaluate_is_not_checked()
    {
        // The formula method only calls Math.Clamp where input > 0, so lo > hi is not an error in itself.
        string source = GeneratorHarness.InLossesClass("""
                /// <summary>A clamp in one branch.</summary>
                [LossFormula]
                public static double Branchy(double input, double target, [Hyperparameter(Default = -1.0)] double lo, [Hyperparameter(Default = 1.0)] double hi)
                    => input > 0.0 ? Math.Clamp(input - target, lo, hi) : input - target;
            """);

        string text = GeneratorHarness.RunValid(source).Source;

        Assert.DoesNotContain("Math.Clamp's lower bound", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_bounds_are_accepted()
    {
        GeneratorRun run = GeneratorHarness.RunValid(Source, Probe);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        double[] x = [0.5, -2, 3], t = [0, 1, -1], g = new double[3];

        loaded.Call("Samples.Probe", "Gradient", x, t, 0.0, 0.0, g);

        Assert.Equal(0.0, (double)loaded.Call("Samples.Probe", "Reference", 0.5, 0.0, 0.0, 0.0)!);
    }
}
