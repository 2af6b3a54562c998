using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastLoss.Generators.Tests.Api;

/// <summary>
/// How C# 14 binds <c>Loss.Mse(x, t, array)</c> now that Mse has both <c>(input, target, Span destination)</c> and
/// <c>(input, target, ReadOnlySpan weight, …)</c>: compiled against the real FastLoss assembly, so the documented rule
/// (an unnamed array third argument is error CS0619, named or typed arguments bind as written) is checked, not assumed.
/// Likewise the gradients: four arrays given to <c>L1Gradient</c> are the weighted call (third array = weight), and
/// the all-gradients methods of <c>[Differentiable]</c> formulas have their own name (<c>L1Gradients</c>).
/// </summary>
public class WeightOverloadBindingTests
{
    [Fact]
    public void Without_a_guard_CSharp14_binds_an_array_to_the_read_only_weight()
    {
        // Why the guard exists: first-class spans prefer ReadOnlySpan<T> over Span<T>, so the array would silently
        // become a weight and the per-element losses would never be written.
        const string Source = GeneratorHarness.Usings + """
            static class Overloads
            {
                public static void F(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> destination) { }
                public static float F(ReadOnlySpan<float> input, ReadOnlySpan<float> target, ReadOnlySpan<float> weight, Reduction reduction = Reduction.Mean) => 0;
                static void M(float[] x, float[] t, float[] third) => F(x, t, third);
            }
            """;
        Assert.Equal("weight", ThirdParameterOfEachCall(Source).Single());
    }

    [Fact]
    public void An_unnamed_array_third_argument_is_a_compile_time_error()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, float[] t, float[] w, double[] xd, double[] td, double[] wd)
                {
                    Loss.Mse(x, t, w);
                    Loss.L1(x, t, w);
                    Loss.Huber(xd, td, wd);
                    _ = Loss.Mse(xd.AsSpan(), td, wd);
                }
            }
            """;
        Diagnostic[] errors = GeneratorHarness.Compile(Source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.Equal(4, errors.Length);
        Assert.All(errors, e =>
        {
            Assert.Equal("CS0619", e.Id);
            Assert.Contains("'weight: w'", e.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Named_or_typed_arguments_bind_as_written()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, float[] t, float[] third, Span<float> span, ReadOnlySpan<float> weights)
                {
                    Loss.Mse(x, t, destination: third);
                    Loss.Mse(x, t, third.AsSpan());
                    Loss.Mse(x, t, span);
                    _ = Loss.Mse(x, t, weight: third);
                    _ = Loss.Mse(x, t, (ReadOnlySpan<float>)third);
                    _ = Loss.Mse(x, t, weights);
                    _ = Loss.Huber(x, t, third, 0.5f);
                    _ = Loss.L1(x, t, third, Reduction.Sum);
                }
            }
            """;
        Assert.Equal(
            ["destination", "destination", "destination", "weight", "weight", "weight", "weight", "weight"],
            ThirdParameterOfEachCall(Source));
    }

    [Fact]
    public void Four_arrays_bind_to_the_weighted_overload_under_the_singular_name_and_to_the_all_gradients_one_under_the_plural()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, float[] t, float[] a, float[] b, float[] gi, float[] gt, double[] xd, double[] td, double[] gid, double[] gtd)
                {
                    Loss.L1Gradient(x, t, a, b);
                    Loss.L1Gradients(x, t, a, b);
                    _ = Loss.MseWithGradients(x, t, gi, gt);
                    _ = Loss.MseWithGradient(x, t, a, b);
                    Loss.HuberGradients(xd, td, 0.5, gid, gtd);
                    _ = Loss.HuberWithGradients(xd, td, gid, gtd, Reduction.Sum);
                }
            }
            """;
        Assert.Equal(
            [
                "L1Gradient(input, target, weight, inputGradient, reduction)",
                "L1Gradients(input, target, inputGradient, targetGradient, reduction)",
                "MseWithGradients(input, target, inputGradient, targetGradient, reduction)",
                "MseWithGradient(input, target, weight, inputGradient, reduction)",
                "HuberGradients(input, target, delta, inputGradient, targetGradient, reduction)",
                "HuberWithGradients(input, target, inputGradient, targetGradient, reduction)",
            ],
            BoundMethods(Source)
                .Where(m => m.ContainingType.Name == "Loss")
                .Select(m => m.Name + "(" + string.Join(", ", m.Parameters.Select(p => p.Name)) + ")"));
    }

    [Fact]
    public void No_gradient_or_with_gradient_overload_takes_an_operand_gradient()
    {
        // The all-gradients methods moved to the plural names: none is left under NameGradient / NameWithGradient
        // for the generated formulas with [Differentiable] operands.
        string[] names = ["L1", "Mse", "SmoothL1", "Huber", "KlDiv", "KlDivLogTarget", "GaussianNll", "GaussianNllFull"];
        var loss = typeof(Loss);
        foreach (string name in names)
        {
            foreach (string suffix in new[] { "Gradient", "WithGradient" })
            {
                var overloads = loss.GetMethods().Where(m => m.Name == name + suffix).ToArray();
                Assert.NotEmpty(overloads);
                Assert.All(overloads, m => Assert.DoesNotContain(m.GetParameters(), p => p.Name is "targetGradient" or "varianceGradient"));
            }

            Assert.Contains(loss.GetMethods(), m => m.Name == name + "Gradients" && m.GetParameters().Any(p => p.Name == "targetGradient"));
            Assert.Contains(loss.GetMethods(), m => m.Name == name + "WithGradients" && m.GetParameters().Any(p => p.Name == "targetGradient"));
        }
    }

    /// <summary>The method each call in <paramref name="source"/> binds to, in source order (the compilation must be error-free).</summary>
    internal static IMethodSymbol[] BoundMethods(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        return tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(call => model.GetSymbolInfo(call).Symbol)
            .OfType<IMethodSymbol>()
            .ToArray();
    }

    /// <summary>The name of the third parameter of the method each call binds to (the compilation must be error-free).</summary>
    private static string[] ThirdParameterOfEachCall(string source)
        => BoundMethods(source)
            .Where(m => m.Parameters.Length >= 3 && m.Name is "F" or "Mse" or "L1" or "Huber")
            .Select(m => m.Parameters[2].Name)
            .ToArray();
}
