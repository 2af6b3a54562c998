using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// Generated code raises to a hyperparameter exponent with VectorMath.Pow's SquareExponent mode when
/// IsSquareExponent(y), GeneralExponent otherwise: either way it must give the bits of Pow(x, y) for every base (special
/// values, subnormals, overflow, NaN), at every width, and IsSquareExponent must accept 2 and nothing else.
/// </summary>
public class VectorMathPowModeTests
{
    [Fact]
    public void Only_two_is_a_square_exponent()
    {
        Assert.True(VectorMath.IsSquareExponent(2f));
        Assert.True(VectorMath.IsSquareExponent(2.0));
        foreach (double y in new[] { 0.0, 1.0, 3.0, -2.0, 1.9999999999999998, 2.0000000000000004, double.NaN, double.PositiveInfinity })
        {
            Assert.False(VectorMath.IsSquareExponent(y));
            Assert.Equal((float)y == 2f, VectorMath.IsSquareExponent((float)y)); // 2 ± 1 ulp of double rounds to 2f
        }

        Assert.False(VectorMath.IsSquareExponent(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(2f) + 1)));
    }

    [Fact]
    public void Float_square_mode_is_Pow_x_2_bit_for_bit_at_every_width()
    {
        foreach (float x in FloatBases())
        {
            int want = BitConverter.SingleToInt32Bits(VectorMath.Pow(x, 2f));
            Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<SquareExponent>(x, 2f)));
            Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<SquareExponent>(Vector128.Create(x), Vector128.Create(2f))[3]));
            Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<SquareExponent>(Vector256.Create(x), Vector256.Create(2f))[7]));
            Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<SquareExponent>(Vector512.Create(x), Vector512.Create(2f))[15]));
        }
    }

    [Fact]
    public void Double_square_mode_is_Pow_x_2_bit_for_bit_at_every_width()
    {
        foreach (double x in DoubleBases())
        {
            long want = BitConverter.DoubleToInt64Bits(VectorMath.Pow(x, 2.0));
            Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<SquareExponent>(x, 2.0)));
            Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<SquareExponent>(Vector128.Create(x), Vector128.Create(2.0))[1]));
            Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<SquareExponent>(Vector256.Create(x), Vector256.Create(2.0))[3]));
            Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<SquareExponent>(Vector512.Create(x), Vector512.Create(2.0))[7]));
        }
    }

    [Fact]
    public void General_mode_is_Pow_for_every_exponent()
    {
        float[] exponents = [0f, 0.5f, 1f, 2f, 2.5f, 3f, -1f, -2f, float.PositiveInfinity, float.NaN];
        foreach (float y in exponents)
        {
            foreach (float x in FloatBases())
            {
                int want = BitConverter.SingleToInt32Bits(VectorMath.Pow(x, y));
                Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<GeneralExponent>(x, y)));
                Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<GeneralExponent>(Vector512.Create(x), Vector512.Create(y))[15]));
                Assert.Equal(want, BitConverter.SingleToInt32Bits(VectorMath.Pow<GeneralExponent>(Vector128.Create(x), Vector128.Create(y))[3]));
            }

            foreach (double x in DoubleBases())
            {
                long want = BitConverter.DoubleToInt64Bits(VectorMath.Pow(x, (double)y));
                Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<GeneralExponent>(x, (double)y)));
                Assert.Equal(want, BitConverter.DoubleToInt64Bits(VectorMath.Pow<GeneralExponent>(Vector256.Create(x), Vector256.Create((double)y))[3]));
            }
        }
    }

    private static IEnumerable<float> FloatBases()
    {
        var random = new Random(21);
        for (int i = 0; i < 2000; i++)
        {
            yield return (float)((random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-160, 140)));
        }

        // NaNs of both signs and with a payload: Pow returns the default NaN for each, so must the product.
        foreach (float x in new[] { 0f, -0f, 1f, -1f, float.Epsilon, -float.Epsilon, 1.0842022e-19f, 1.8446743e19f, float.MaxValue, -float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123) })
        {
            yield return x;
        }
    }

    private static IEnumerable<double> DoubleBases()
    {
        var random = new Random(22);
        for (int i = 0; i < 2000; i++)
        {
            yield return (random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-1100, 1030));
        }

        foreach (double x in new[] { 0.0, -0.0, 1.0, -1.0, double.Epsilon, -double.Epsilon, 1.4916681462400413e-154, 1.3407807929942596e154, double.MaxValue, -double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF8000000000123) })
        {
            yield return x;
        }
    }
}
