using Microsoft.CodeAnalysis;

namespace FastLoss.Generators.Tests.Emit;

/// <summary>
/// <c>[Operand]</c> and <c>[Differentiable]</c> end to end: generated, compiled and called (through a probe with array
/// parameters, since spans cannot go through reflection), with parameter names the generated code uses itself.
/// </summary>
public class OperandFeatureTests
{
    // Parameter names that private code uses (gradient, loss, i, Reduction, the scale field's stem) or that look like
    // generated names (tGradient); the differentiable operand "gradient" gets the span "gradientGradient".
    private static readonly string Source = GeneratorHarness.InLossesClass("""
            /// <summary>A weighted square whose weight has a gradient too.</summary>
            [LossFormula]
            public static double Tricky(
                [Operand(Minimum = -10.0, Maximum = 10.0, ExclusiveMaximum = true)] double loss,
                [Differentiable] double gradient,
                [Differentiable, Operand(Minimum = 0.0, AllowNaN = true)] double i,
                [Hyperparameter(Default = 2.0)] double Reduction)
                => Reduction * i * (loss - gradient) * (loss - gradient);
        """);

    private static readonly string Probe = GeneratorHarness.Usings + """
        namespace Samples;

        /// <summary>Calls the span API with arrays.</summary>
        public static class Probe
        {
            /// <summary>The fused all-gradients method.</summary>
            public static double Fused(double[] x, double[] t, double[] w, double[] gx, double[] gt, double[] gw)
                => Losses.TrickyWithGradients(x, t, w, gx, gt, gw, Reduction.Sum);

            /// <summary>The separate all-gradients method.</summary>
            public static void Separate(double[] x, double[] t, double[] w, double[] gx, double[] gt, double[] gw)
                => Losses.TrickyGradients(x, t, w, gx, gt, gw, Reduction.Mean);
        }
        """;

    [Fact]
    public void Gradients_of_every_differentiable_operand_are_written_in_one_call()
    {
        GeneratorRun run = GeneratorHarness.RunValid(Source, Probe);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        const int N = 37;
        double[] x = Enumerable.Range(0, N).Select(k => (k * 0.25) - 4).ToArray();
        double[] t = Enumerable.Range(0, N).Select(k => (k * 0.1) - 1).ToArray();
        double[] w = Enumerable.Range(0, N).Select(k => k * 0.05).ToArray();
        w[3] = double.NaN;
        double[] gx = new double[N], gt = new double[N], gw = new double[N];

        double loss = (double)loaded.Call("Samples.Probe", "Fused", x, t, w, gx, gt, gw)!;

        double expected = 0;
        for (int k = 0; k < N; k++)
        {
            double d = x[k] - t[k];
            expected += 2 * w[k] * d * d;
            if (k == 3)
            {
                Assert.True(double.IsNaN(gx[k]) && double.IsNaN(gt[k]));
                continue;
            }

            Assert.Equal(2 * w[k] * 2 * d, gx[k], 1e-12);
            Assert.Equal(-2 * w[k] * 2 * d, gt[k], 1e-12);
            Assert.Equal(2 * d * d, gw[k], 1e-12);
        }

        Assert.True(double.IsNaN(expected) && double.IsNaN(loss));

        double[] sx = new double[N], st = new double[N], sw = new double[N];
        loaded.Call("Samples.Probe", "Separate", x, t, w, sx, st, sw);
        for (int k = 0; k < N; k++)
        {
            Assert.Equal(gw[k] / N, sw[k], 1e-13);
        }
    }

    [Theory]
    [InlineData(0, 10.0, "loss", "loss[5] is 10")]
    [InlineData(2, -0.5, "i", "i[5] is -0.5")]
    [InlineData(0, double.NaN, "loss", "loss[5] is NaN")]
    public void Out_of_range_elements_are_rejected_before_any_gradient_is_written(int operand, double value, string name, string message)
    {
        GeneratorRun run = GeneratorHarness.RunValid(Source, Probe);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        double[][] operands = [new double[9], new double[9], Enumerable.Repeat(1.0, 9).ToArray()];
        operands[operand][5] = value;
        double[] gx = new double[9], gt = new double[9], gw = new double[9];

        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => loaded.Call("Samples.Probe", "Fused", operands[0], operands[1], operands[2], gx, gt, gw));

        ArgumentException inner = Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Equal(name, inner.ParamName);
        Assert.Contains(message, inner.Message, StringComparison.Ordinal);
        Assert.All(gx.Concat(gt).Concat(gw), g => Assert.Equal(0.0, g));
    }

    [Fact]
    public void A_user_method_named_like_the_all_gradients_one_is_an_overload_or_the_compiler_reports_the_clash()
    {
        const string Formula = """
                /// <summary>A square with a differentiable target.</summary>
                [LossFormula]
                public static float Foo(float input, [Differentiable] float target) => (input - target) * (input - target);

            """;

        // Another signature: an overload beside the generated FooGradients, both callable.
        const string Own = """
                /// <summary>The user's own.</summary>
                public static float FooGradients(float input, float target) => input - target;
            """;
        const string Caller = GeneratorHarness.Usings + """
            namespace Samples;

            /// <summary>Calls both.</summary>
            public static class Caller
            {
                /// <summary>The generated one with arrays, then the user's.</summary>
                public static float Call(float[] x, float[] t, float[] gx, float[] gt)
                {
                    Losses.FooGradients(x, t, gx, gt, Reduction.Sum);
                    return Losses.FooGradients(x[0], t[0]);
                }
            }
            """;
        GeneratorRun run = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass(Formula + Own), Caller);
        using (LoadedAssembly loaded = GeneratorHarness.Load(run))
        {
            float[] gx = new float[3], gt = new float[3];
            Assert.Equal(-1f, (float)loaded.Call("Samples.Caller", "Call", new float[] { 1, 2, 3 }, new float[] { 2, 2, 2 }, gx, gt)!);
            Assert.Equal([-2f, 0f, 2f], gx);
            Assert.Equal([2f, 0f, -2f], gt);
        }

        // The generated signature itself: the compiler's duplicate-member error names it; the generator does not crash.
        const string Same = """
                /// <summary>Clashes.</summary>
                public static void FooGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> inputGradient, Span<float> targetGradient, Reduction reduction = Reduction.Mean) { }
            """;
        GeneratorRun clash = GeneratorHarness.Run(GeneratorHarness.InLossesClass(Formula + Same));
        GeneratorHarness.AssertNoCrash(clash);
        Assert.Empty(clash.GeneratorDiagnostics);
        Diagnostic error = Assert.Single(clash.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS0111", error.Id);
        Assert.Contains("FooGradients", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
