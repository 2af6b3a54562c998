using System.Runtime.Intrinsics;
using Xunit.Abstractions;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// The driver's numerical contract: sums follow the documented logical layout (so they are the same on every SIMD
/// width), do not depend on the buffer address, and are accurate.
/// </summary>
public class ElementwiseDriverTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(4096 + 77)]
    [InlineData(65_536 * 3 + 5)]
    public void Float_sum_follows_the_documented_layout_bit_for_bit(int length)
    {
        var random = new Random(length);
        float[] input = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1) * 1000f).ToArray();
        float[] zero = new float[length];

        float actual = Loss.L1(input, zero, Reduction.Sum);
        float expected = LogicalLayout.Sum(input.Select(MathF.Abs).ToArray());

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(513)]
    [InlineData(100_003)]
    public void Double_sum_follows_the_documented_layout_bit_for_bit(int length)
    {
        var random = new Random(length);
        double[] input = Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        double[] zero = new double[length];

        double actual = Loss.L1(input, zero, Reduction.Sum);
        double expected = LogicalLayout.Sum(input.Select(Math.Abs).ToArray());

        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Fact]
    public void Reduction_does_not_depend_on_buffer_offset()
    {
        const int Length = 5000;
        var random = new Random(7);
        float[] values = Enumerable.Range(0, Length).Select(_ => (float)random.NextDouble()).ToArray();
        float[] target = Enumerable.Range(0, Length).Select(_ => (float)random.NextDouble()).ToArray();
        float? first = null;
        for (int offset = 0; offset < 16; offset++)
        {
            float[] shiftedInput = new float[Length + offset];
            float[] shiftedTarget = new float[Length + offset];
            values.CopyTo(shiftedInput, offset);
            target.CopyTo(shiftedTarget, offset);
            float sum = Loss.Mse(shiftedInput.AsSpan(offset), shiftedTarget.AsSpan(offset), Reduction.Sum);
            first ??= sum;
            Assert.Equal(BitConverter.SingleToInt32Bits(first.Value), BitConverter.SingleToInt32Bits(sum));
        }
    }

    [Fact]
    public void Float_mean_of_a_hundred_million_elements_is_within_1e6_relative()
    {
        const int Length = 100_000_000;
        float[] input = new float[Length];
        float[] target = new float[Length];
        var random = new Random(2024);
        double exact = 0;
        for (int i = 0; i < Length; i++)
        {
            input[i] = (float)random.NextDouble();
            exact += input[i];
        }

        exact /= Length;
        float mean = Loss.L1(input, target);
        float naive = 0;
        for (int i = 0; i < Length; i += 1)
        {
            naive += input[i];
        }

        naive /= Length;
        double error = Math.Abs(mean - exact) / exact;
        output.WriteLine($"mean of 1e8 uniform floats: exact {exact:R}, FastLoss {mean:R} (rel. error {error:E2}), naive float loop {naive:R} (rel. error {Math.Abs(naive - exact) / exact:E2})");
        Assert.True(error <= 1e-6, $"relative error {error:E3} > 1e-6");
    }

    [Fact]
    public void Mean_of_empty_is_NaN_and_sum_of_empty_is_zero()
    {
        Assert.True(float.IsNaN(Loss.Mse(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty)));
        Assert.Equal(0f, Loss.Mse(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, Reduction.Sum));
        Assert.True(double.IsNaN(Loss.Mse(ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty)));
    }

    [Fact]
    public void Reports_the_SIMD_path_in_use()
    {
        output.WriteLine($"Vector512: {Vector512.IsHardwareAccelerated}, Vector256: {Vector256.IsHardwareAccelerated}, Vector128: {Vector128.IsHardwareAccelerated}");
        Console.WriteLine($"SIMD path: Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector128={Vector128.IsHardwareAccelerated}");
    }

    /// <summary>The summation order the driver documents, written as plain scalar code: the specification.</summary>
    private static class LogicalLayout
    {
        public static T Sum<T>(T[] values)
            where T : struct, System.Numerics.IFloatingPointIeee754<T>
        {
            if (values.Length == 0)
            {
                return T.Zero;
            }

            int lanes = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            int chunk = lanes * 4 * 16;
            var cascade = new List<T[]>();
            long pushed = 0;
            for (int start = 0; start < values.Length; start += chunk)
            {
                int end = Math.Min(start + chunk, values.Length);
                var accumulators = new T[4][];
                for (int a = 0; a < 4; a++)
                {
                    accumulators[a] = Enumerable.Repeat(T.NegativeZero, lanes).ToArray();
                }

                for (int block = 0; start + (block * lanes) < end; block++)
                {
                    for (int lane = 0; lane < lanes; lane++)
                    {
                        int i = start + (block * lanes) + lane;
                        T value = i < end ? values[i] : T.NegativeZero;
                        accumulators[block & 3][lane] += value;
                    }
                }

                T[] folded = new T[lanes];
                for (int lane = 0; lane < lanes; lane++)
                {
                    folded[lane] = (accumulators[0][lane] + accumulators[1][lane]) + (accumulators[2][lane] + accumulators[3][lane]);
                }

                // Binary-counter cascade.
                int level = 0;
                for (long carry = pushed; (carry & 1) != 0; carry >>= 1, level++)
                {
                    folded = Add(cascade[level], folded);
                }

                while (cascade.Count <= level)
                {
                    cascade.Add(new T[lanes]);
                }

                cascade[level] = folded;
                pushed++;
            }

            T[] total = Enumerable.Repeat(T.NegativeZero, lanes).ToArray();
            for (int level = 0; level < cascade.Count; level++)
            {
                if (((pushed >> level) & 1) != 0)
                {
                    total = Add(cascade[level], total);
                }
            }

            for (int width = lanes / 2; width >= 1; width /= 2)
            {
                for (int j = 0; j < width; j++)
                {
                    total[j] += total[j + width];
                }
            }

            return total[0];
        }

        private static T[] Add<T>(T[] a, T[] b)
            where T : struct, System.Numerics.IFloatingPointIeee754<T>
            => a.Zip(b, (x, y) => x + y).ToArray();
    }
}
