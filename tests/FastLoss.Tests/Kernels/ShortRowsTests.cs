namespace FastLoss.Tests.Kernels;

/// <summary>
/// CrossEntropy's short rows (C ≤ one block) are computed L rows at a time, transposed; per row they must do the same
/// operations as the general row path. The same rows given as a spatial input [1, C, N] go through the strided row path,
/// so every output must be bit-identical: per-sample losses, reduced values, gradients, fused.
/// </summary>
public class ShortRowsTests
{
    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int c in new[] { 1, 2, 3, 7, 8, 9, 10, 15, 16 })
        {
            foreach (int n in new[] { 1, 5, 16, 17, 40 })
            {
                data.Add(c, n, (c * 31) + n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Float_short_rows_equal_the_strided_row_path(int classes, int rows, int seed)
    {
        var random = new Random(seed);
        float[] x = [.. Enumerable.Range(0, rows * classes).Select(_ => (float)((random.NextDouble() - 0.5) * 30))];
        if (rows > 3)
        {
            x[classes] = float.PositiveInfinity;   // row 1 non-finite: NaN losses and gradients must agree too
        }

        int[] y = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.15 ? -100 : random.Next(classes))];
        float[] weight = [.. Enumerable.Range(0, classes).Select(_ => (float)(0.25 + random.NextDouble()))];
        float[] spatial = Transpose(x, rows, classes);
        foreach ((float[] w, float eps) in new[] { (Array.Empty<float>(), 0f), (weight, 0f), (Array.Empty<float>(), 0.1f), (weight, 0.2f) })
        {
            var lossShort = new float[rows];
            var lossSpatial = new float[rows];
            Loss.CrossEntropy(x, y, classes, lossShort, w, -100, eps);
            Loss.CrossEntropy(spatial, y, classes, rows, lossSpatial, w, -100, eps);
            AssertBits(lossSpatial, lossShort);

            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                AssertBits([Loss.CrossEntropy(spatial, y, classes, rows, w, -100, eps, reduction)], [Loss.CrossEntropy(x, y, classes, w, -100, eps, reduction)]);
                var gShort = new float[x.Length];
                var gSpatial = new float[x.Length];
                float fusedShort = Loss.CrossEntropyWithGradient(x, y, classes, gShort, w, -100, eps, reduction);
                float fusedSpatial = Loss.CrossEntropyWithGradient(spatial, y, classes, rows, gSpatial, w, -100, eps, reduction);
                AssertBits([fusedSpatial], [fusedShort]);
                AssertBits(Transpose(gSpatial, classes, rows), gShort);
                var gOnly = new float[x.Length];
                Loss.CrossEntropyGradient(x, y, classes, gOnly, w, -100, eps, reduction);
                AssertBits(gShort, gOnly);
            }
        }
    }

    [Theory]
    [InlineData(1, 9)]
    [InlineData(5, 8)]
    [InlineData(8, 8)]
    [InlineData(8, 21)]
    public void Double_short_rows_equal_the_strided_row_path(int classes, int rows)
    {
        var random = new Random(classes + rows);
        double[] x = [.. Enumerable.Range(0, rows * classes).Select(_ => (random.NextDouble() - 0.5) * 30)];
        int[] y = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.15 ? -100 : random.Next(classes))];
        double[] spatial = Transpose(x, rows, classes);
        var gShort = new double[x.Length];
        var gSpatial = new double[x.Length];
        double a = Loss.CrossEntropyWithGradient(x, y, classes, gShort, default, -100, 0.1, Reduction.Sum);
        double b = Loss.CrossEntropyWithGradient(spatial, y, classes, rows, gSpatial, default, -100, 0.1, Reduction.Sum);
        Assert.Equal(BitConverter.DoubleToInt64Bits(b), BitConverter.DoubleToInt64Bits(a));
        double[] back = Transpose(gSpatial, classes, rows);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(back[i]), BitConverter.DoubleToInt64Bits(gShort[i]));
        }
    }

    /// <summary>[rows, columns] → [columns, rows].</summary>
    private static T[] Transpose<T>(T[] values, int rows, int columns)
    {
        var result = new T[values.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                result[(c * rows) + r] = values[(r * columns) + c];
            }
        }

        return result;
    }

    private static void AssertBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"[{i}]: expected {expected[i]:R}, actual {actual[i]:R}");
        }
    }
}
