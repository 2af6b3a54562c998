namespace FastLoss.Generators.Tests.Api;

/// <summary>
/// PolyCrossEntropy's spatial overloads take <c>int spatialSize</c> right after <c>classCount</c> (as CrossEntropy's),
/// where the [N, C] reduced overload takes ε: <c>PolyCrossEntropy(x, t, C, 2)</c> used to mean ε = 2 and would now bind
/// to spatialSize = 2. Compiled against the real FastLoss assembly: that call is CS0619 (the hidden guard), named or
/// typed arguments bind as written.
/// </summary>
public class PolyCrossEntropyBindingTests
{
    [Fact]
    public void An_int_fourth_and_last_argument_is_a_compile_time_error()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, double[] xd, int e)
                {
                    _ = Loss.PolyCrossEntropy(x, t, 3, 2);
                    _ = Loss.PolyCrossEntropy(xd, t, 3, 2);
                    _ = Loss.PolyCrossEntropy(x, t, 3, e);
                }
            }
            """;
        RowWiseWeightOverloadBindingTests.AssertAllCs0619(Source, "'spatialSize: S'", 3);
    }

    [Fact]
    public void Named_or_typed_arguments_bind_as_written()
    {
        const string Source = GeneratorHarness.Usings + """
            static class User
            {
                static void M(float[] x, int[] t, float[] a, float[] w, double[] xd)
                {
                    _ = Loss.PolyCrossEntropy(x, t, 3, spatialSize: 2);
                    _ = Loss.PolyCrossEntropy(x, t, 3, epsilon: 2);
                    _ = Loss.PolyCrossEntropy(x, t, 3, 2f);
                    _ = Loss.PolyCrossEntropy(xd, t, 3, 2.0);
                    _ = Loss.PolyCrossEntropy(x, t, 3, 2, 1f);
                    _ = Loss.PolyCrossEntropy(x, t, 3, 2, weight: w);
                    Loss.PolyCrossEntropy(x, t, 3, 2, a.AsSpan());
                    Loss.PolyCrossEntropy(x, t, 3, a);
                    Loss.PolyCrossEntropyGradient(x, t, 3, 2, a);
                    Loss.PolyCrossEntropyGradient(x, t, 3, a, 2);
                    _ = Loss.PolyCrossEntropyWithGradient(x, t, 3, 2, a);
                }
            }
            """;
        string[] names = WeightOverloadBindingTests.BoundMethods(Source)
            .Where(m => m.ContainingType.Name == "Loss")
            .Select(m => m.Parameters[3].Name)
            .ToArray();
        Assert.Equal(
            ["spatialSize", "epsilon", "epsilon", "epsilon", "spatialSize", "spatialSize", "spatialSize", "destination", "spatialSize", "inputGradient", "spatialSize"],
            names);
    }
}
