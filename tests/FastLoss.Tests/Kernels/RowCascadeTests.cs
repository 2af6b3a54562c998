using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// RowCascade sums a stream in the element-wise driver's layout: for non-negative values its total must be the bits of
/// Loss.L1(values, 0, Sum) (|x − 0| = x), at every length (partial blocks, partial chunks, carries through levels), and
/// Total() must not change the stream (it is computed without copying the levels).
/// </summary>
public class RowCascadeTests
{
    public static TheoryData<int> Lengths => new([0, 1, 15, 16, 17, 63, 64, 1023, 1024, 1025, 2048, 3071, 3072, 3073, 4096 + 16 * 7 + 3, 64 * 16 * 7, 64 * 16 * 13 + 1, 100_003]);

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Float_total_is_the_drivers_sum(int length)
    {
        var random = new Random(length);
        float[] values = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * Math.Pow(10, random.Next(-3, 4))))];
        RowCascade<float>.Initialize(out RowCascade<float> cascade);
        foreach (float v in values)
        {
            cascade.Add(v);
        }

        float expected = Loss.L1(values, new float[length], Reduction.Sum);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(cascade.Total()));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(cascade.Total()));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Double_total_is_the_drivers_sum(int length)
    {
        var random = new Random(length + 1);
        double[] values = [.. Enumerable.Range(0, length).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-3, 4)))];
        RowCascade<double>.Initialize(out RowCascade<double> cascade);
        foreach (double v in values)
        {
            cascade.Add(v);
        }

        double expected = Loss.L1(values, new double[length], Reduction.Sum);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(cascade.Total()));
    }

    [Fact]
    public void Total_leaves_the_stream_as_it_was()
    {
        var random = new Random(5);
        float[] values = [.. Enumerable.Range(0, 5000).Select(_ => (float)random.NextDouble())];
        RowCascade<float>.Initialize(out RowCascade<float> cascade);
        for (int i = 0; i < values.Length; i++)
        {
            cascade.Add(values[i]);
            if (i % 97 == 0)
            {
                float prefix = Loss.L1(values.AsSpan(0, i + 1), new float[i + 1], Reduction.Sum);
                Assert.Equal(BitConverter.SingleToInt32Bits(prefix), BitConverter.SingleToInt32Bits(cascade.Total()));
            }
        }

        Assert.Equal(BitConverter.SingleToInt32Bits(Loss.L1(values, new float[values.Length], Reduction.Sum)), BitConverter.SingleToInt32Bits(cascade.Total()));
    }
}
