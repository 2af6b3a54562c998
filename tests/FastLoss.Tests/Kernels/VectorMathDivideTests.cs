using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// Generated code picks VectorMath.Divide's MultiplyByReciprocal mode when HasExactReciprocal(d), TrueDivision otherwise:
/// either way it must give the bits of x / d for every dividend, at every width, and ExactReciprocal must refuse every
/// divisor for which multiplying would not.
/// </summary>
public class VectorMathDivideTests
{
    private static readonly float[] FloatDividends = Dividends(new Random(11)).Select(x => (float)x)
        .Concat([0f, -0f, float.Epsilon, -float.Epsilon, 1.1754942e-38f, float.MaxValue, -float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 3f, 1f / 3f])
        .ToArray();

    private static readonly double[] DoubleDividends = Dividends(new Random(12))
        .Concat([0.0, -0.0, double.Epsilon, -double.Epsilon, 2.2250738585072009e-308, double.MaxValue, -double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 3.0, 1.0 / 3.0])
        .ToArray();

    [Fact]
    public void Float_division_by_every_power_of_two_and_by_other_divisors_is_bit_exact()
    {
        var divisors = new List<float>();
        for (int e = -149; e <= 127; e++)
        {
            divisors.Add(MathF.ScaleB(1f, e));
            divisors.Add(-MathF.ScaleB(1f, e));
        }

        divisors.AddRange([3f, 0.1f, 1.5f, -7f, 0f, -0f, float.PositiveInfinity, float.NaN, float.Epsilon * 3, 1.0000001f]);
        int multiplied = 0;
        foreach (float d in divisors)
        {
            float r = VectorMath.ExactReciprocal(d);
            Assert.Equal(!float.IsNaN(r), VectorMath.HasExactReciprocal(d));
            multiplied += float.IsNaN(r) ? 0 : 1;
            foreach (float x in FloatDividends)
            {
                float want = x / d;
                Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(Quotient(x, d, r)));
                Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(Quotient(Vector128.Create(x), Vector128.Create(d), r)[3]));
                Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(Quotient(Vector256.Create(x), Vector256.Create(d), r)[7]));
                Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(Quotient(Vector512.Create(x), Vector512.Create(d), r)[15]));
            }
        }

        // Every power of two from 2^-127 up has a finite reciprocal (2^-149 … 2^-128 do not): 255 of each sign.
        Assert.Equal(2 * 255, multiplied);
    }

    [Fact]
    public void Double_division_by_every_power_of_two_and_by_other_divisors_is_bit_exact()
    {
        var divisors = new List<double>();
        for (int e = -1074; e <= 1023; e += 1)
        {
            divisors.Add(Math.ScaleB(1.0, e));
            divisors.Add(-Math.ScaleB(1.0, e));
        }

        divisors.AddRange([3.0, 0.1, 1.5, -7.0, 0.0, -0.0, double.PositiveInfinity, double.NaN, double.Epsilon * 3, 1.0000000000000002]);
        int multiplied = 0;
        foreach (double d in divisors)
        {
            double r = VectorMath.ExactReciprocal(d);
            Assert.Equal(!double.IsNaN(r), VectorMath.HasExactReciprocal(d));
            multiplied += double.IsNaN(r) ? 0 : 1;
            foreach (double x in DoubleDividends)
            {
                double want = x / d;
                Assert.Equal(BitConverter.DoubleToInt64Bits(want), BitConverter.DoubleToInt64Bits(Quotient(x, d, r)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(want), BitConverter.DoubleToInt64Bits(Quotient(Vector512.Create(x), Vector512.Create(d), r)[7]));
            }
        }

        // 2^-1023 … 2^1023 have finite reciprocals (2^-1074 … 2^-1024 do not): 2047 of each sign.
        Assert.Equal(2 * 2047, multiplied);
    }

    [Fact]
    public void Divisors_that_are_not_powers_of_two_keep_the_division()
    {
        Assert.True(float.IsNaN(VectorMath.ExactReciprocal(3f)));
        Assert.True(float.IsNaN(VectorMath.ExactReciprocal(0f)));
        Assert.True(float.IsNaN(VectorMath.ExactReciprocal(float.PositiveInfinity)));
        Assert.True(float.IsNaN(VectorMath.ExactReciprocal(MathF.ScaleB(1f, -149))));
        Assert.True(double.IsNaN(VectorMath.ExactReciprocal(0.1)));
        Assert.Equal(0.5f, VectorMath.ExactReciprocal(2f));
        Assert.Equal(-4.0, VectorMath.ExactReciprocal(-0.25));
    }

    [Fact]
    public void Division_modes_are_what_they_say()
    {
        // 3 has no exact reciprocal; the reciprocal mode multiplies by whatever it is given, the true division ignores it.
        Assert.Equal(6f * 0.25f, VectorMath.Divide<float, MultiplyByReciprocal>(6f, 3f, 0.25f));
        Assert.Equal(2f, VectorMath.Divide<float, TrueDivision>(6f, 3f, 0.25f));
        Assert.Equal(2.0, VectorMath.Divide<double, TrueDivision>(Vector256.Create(6.0), Vector256.Create(3.0), double.NaN)[3]);
        Assert.True(MultiplyByReciprocal.ByReciprocal);
        Assert.False(TrueDivision.ByReciprocal);
    }

    // What generated code does: the mode is chosen once per call from the divisor.
    private static T Quotient<T>(T x, T d, T r)
        where T : System.Numerics.IFloatingPointIeee754<T>
        => Exact(d) ? VectorMath.Divide<T, MultiplyByReciprocal>(x, d, r) : VectorMath.Divide<T, TrueDivision>(x, d, r);

    private static Vector128<T> Quotient<T>(Vector128<T> x, Vector128<T> d, T r)
        where T : System.Numerics.IFloatingPointIeee754<T>
        => Exact(d[0]) ? VectorMath.Divide<T, MultiplyByReciprocal>(x, d, r) : VectorMath.Divide<T, TrueDivision>(x, d, r);

    private static Vector256<T> Quotient<T>(Vector256<T> x, Vector256<T> d, T r)
        where T : System.Numerics.IFloatingPointIeee754<T>
        => Exact(d[0]) ? VectorMath.Divide<T, MultiplyByReciprocal>(x, d, r) : VectorMath.Divide<T, TrueDivision>(x, d, r);

    private static Vector512<T> Quotient<T>(Vector512<T> x, Vector512<T> d, T r)
        where T : System.Numerics.IFloatingPointIeee754<T>
        => Exact(d[0]) ? VectorMath.Divide<T, MultiplyByReciprocal>(x, d, r) : VectorMath.Divide<T, TrueDivision>(x, d, r);

    private static bool Exact<T>(T d)
        => d is float f ? VectorMath.HasExactReciprocal(f) : VectorMath.HasExactReciprocal((double)(object)d!);

    /// <summary>Dividends over the whole range: random magnitudes 2^-1100 … 2^1100 (float casts saturate/flush), both signs.</summary>
    private static IEnumerable<double> Dividends(Random random)
        => Enumerable.Range(0, 400).Select(_ => (random.NextDouble() + 0.5) * Math.ScaleB(1.0, random.Next(-1100, 1100)) * (random.Next(2) == 0 ? 1 : -1));
}
