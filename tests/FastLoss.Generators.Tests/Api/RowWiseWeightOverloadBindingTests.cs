using Microsoft.CodeAnalysis;

namespace FastLoss.Generators.Tests.Api;

/// <summary>
/// The row-wise losses' version of <see cref="WeightOverloadBindingTests"/>: CrossEntropy, Nll, SoftmaxFocal and
/// MultilabelSoftMargin have a reduced overload with a per-class <c>ReadOnlySpan</c> weight (alpha) and a per-sample
/// overload with a <c>Span</c> destination at the same position (after <c>classCount</c>, or <c>spatialSize</c>).
/// Compiled against the real FastLoss assembly: an unnamed array there is CS0619, named or typed arguments bind as written.
/// </summary>
public class RowWiseWeightOverloadBindingTests
{
    [Fact]
    public void An_unnamed_array_where_weight_and_destination_both_fit_is_a_compile_time_error()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, float[] p, float[] a, double[] xd, int[] td, double[] pd, double[] ad)
                {
                    Loss.CrossEntropy(x, t, 3, a);
                    Loss.CrossEntropy(xd, td, 3, ad);
                    Loss.CrossEntropy(x, t, 3, a, labelSmoothing: 0.1f);
                    Loss.CrossEntropy(xd, td, 3, ad, ignoreIndex: 0);
                    Loss.CrossEntropy(x, p, 3, a);
                    Loss.CrossEntropy(xd, pd, 3, ad, labelSmoothing: 0.1);
                    Loss.CrossEntropy(x, t, 3, 2, a);
                    Loss.CrossEntropy(xd, pd, 3, 2, ad);
                    Loss.Nll(x, t, 3, a);
                    Loss.Nll(xd, td, 3, ad, ignoreIndex: 1);
                    Loss.Nll(x, t, 3, 2, a);
                    Loss.Nll(xd, td, 3, 2, ad);
                    Loss.MultilabelSoftMargin(x, p, 3, a);
                    Loss.MultilabelSoftMargin(xd, pd, 3, ad);
                }
            }
            """;
        AssertAllCs0619(Source, "'weight: w'", 14);
    }

    [Fact]
    public void An_unnamed_array_where_alpha_and_destination_both_fit_is_a_compile_time_error()
    {
        // SoftmaxFocal(x, t, C, buffer, 0.25f) without the guard: alpha = buffer, gamma = 0.25 (reduced), not the
        // per-sample overload with destination = buffer and a scalar alpha 0.25.
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, float[] a, double[] xd, int[] td, double[] ad)
                {
                    Loss.SoftmaxFocal(x, t, 3, a);
                    Loss.SoftmaxFocal(x, t, 3, a, 0.25f);
                    Loss.SoftmaxFocal(xd, td, 3, ad, ignoreIndex: 0);
                }
            }
            """;
        AssertAllCs0619(Source, "'alpha: a'", 3);
    }

    [Fact]
    public void Named_or_typed_arguments_bind_as_written()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, float[] p, float[] a, Span<float> span, ReadOnlySpan<float> weights, double[] xd, int[] td, double[] ad)
                {
                    Loss.CrossEntropy(x, t, 3, destination: a);
                    Loss.CrossEntropy(x, t, 3, a.AsSpan());
                    Loss.CrossEntropy(x, t, 3, span, weight: weights);
                    Loss.CrossEntropy(x, t, 3, a, a);
                    Loss.CrossEntropy(xd, td, 3, destination: ad, labelSmoothing: 0.1);
                    _ = Loss.CrossEntropy(x, t, 3, weight: a);
                    _ = Loss.CrossEntropy(x, t, 3, (ReadOnlySpan<float>)a);
                    _ = Loss.CrossEntropy(x, t, 3, weights);
                    _ = Loss.CrossEntropy(x, t, 3, a, reduction: Reduction.Sum);
                    _ = Loss.CrossEntropy(x, t, 3, a, -100, 0.1f, Reduction.Sum);
                    _ = Loss.CrossEntropy(xd, td, 3, weight: ad, labelSmoothing: 0.1);
                    _ = Loss.CrossEntropy(x, p, 3, weight: a);
                    Loss.Nll(x, t, 3, destination: a);
                    Loss.Nll(x, t, 3, span);
                    Loss.Nll(xd, td, 3, ad.AsSpan(), ignoreIndex: 1);
                    _ = Loss.Nll(x, t, 3, weight: a);
                    _ = Loss.Nll(x, t, 3, weights);
                    _ = Loss.Nll(xd, td, 3, ad, reduction: Reduction.Sum);
                    _ = Loss.Nll(xd, td, 3, weight: ad, ignoreIndex: 1);
                    Loss.SoftmaxFocal(x, t, 3, destination: a);
                    Loss.SoftmaxFocal(x, t, 3, destination: a, alpha: a);
                    Loss.SoftmaxFocal(x, t, 3, span, 0.25f);
                    _ = Loss.SoftmaxFocal(x, t, 3, alpha: a);
                    _ = Loss.SoftmaxFocal(x, t, 3, weights, 0.25f);
                    Loss.MultilabelSoftMargin(x, p, 3, destination: a);
                    _ = Loss.MultilabelSoftMargin(x, p, 3, weight: a);
                }
            }
            """;
        Assert.Equal(
            [
                "destination", "destination", "destination", "destination", "destination",
                "weight", "weight", "weight", "weight", "weight", "weight", "weight",
                "destination", "destination", "destination", "weight", "weight", "weight", "weight",
                "destination", "destination", "destination", "alpha", "alpha",
                "destination", "weight",
            ],
            FourthParameterOfEachCall(Source));
    }

    [Fact]
    public void Spatial_overloads_bind_named_or_typed_arguments_as_written()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, float[] p, float[] a, Span<float> span, ReadOnlySpan<float> weights)
                {
                    Loss.CrossEntropy(x, t, 3, 2, destination: a);
                    Loss.CrossEntropy(x, p, 3, 2, span);
                    Loss.Nll(x, t, 3, 2, a.AsSpan());
                    _ = Loss.CrossEntropy(x, t, 3, 2, weight: a);
                    _ = Loss.CrossEntropy(x, p, 3, 2, weights);
                    _ = Loss.Nll(x, t, 3, 2, weight: a, ignoreIndex: 0);
                }
            }
            """;
        string[] names = ParametersOfEachCall(Source, 4);
        Assert.Equal(["destination", "destination", "destination", "weight", "weight", "weight"], names);
    }

    /// <summary>Asserts that the snippet's errors are exactly <paramref name="expected"/> CS0619s (a guard), each with <paramref name="hint"/> in its message.</summary>
    internal static void AssertAllCs0619(string source, string hint, int expected)
    {
        var errors = GeneratorHarness.Compile(source).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => (d.Id, Message: d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        Assert.Equal(Enumerable.Repeat("CS0619", expected), errors.Select(e => e.Id));
        Assert.All(errors, e => Assert.Contains(hint, e.Message, StringComparison.Ordinal));
    }

    private static string[] FourthParameterOfEachCall(string source) => ParametersOfEachCall(source, 3);

    /// <summary>The name of parameter <paramref name="index"/> of the Loss method each call binds to.</summary>
    private static string[] ParametersOfEachCall(string source, int index)
        => WeightOverloadBindingTests.BoundMethods(source)
            .Where(m => m.ContainingType.Name == "Loss")
            .Select(m => m.Parameters[index].Name)
            .ToArray();
}
