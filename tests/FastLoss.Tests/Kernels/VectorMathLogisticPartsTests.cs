using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// Generated code that calls several of σ, softplus and log σ on u and −u computes e^−|u| and log1p(e^−|u|) once and
/// passes them to the two-argument overloads. That is only correct if the parts of x serve −x as well, bit for bit, at
/// every width: checked here over random bit patterns (NaNs, infinities and subnormals included) and ordinary values.
/// </summary>
public class VectorMathLogisticPartsTests
{
    [Fact]
    public void Float_parts_of_x_give_the_functions_of_x_and_of_minus_x_bit_for_bit_at_every_width()
    {
        foreach (float x in FloatArguments())
        {
            float e = VectorMath.ExpNegativeAbs(x), l = VectorMath.Log1pExpNegativeAbs(e);
            Vector128<float> e128 = VectorMath.ExpNegativeAbs(Vector128.Create(x)), l128 = VectorMath.Log1pExpNegativeAbs(e128);
            Vector256<float> e256 = VectorMath.ExpNegativeAbs(Vector256.Create(x)), l256 = VectorMath.Log1pExpNegativeAbs(e256);
            Vector512<float> e512 = VectorMath.ExpNegativeAbs(Vector512.Create(x)), l512 = VectorMath.Log1pExpNegativeAbs(e512);
            foreach (float u in new[] { x, -x })
            {
                Same(VectorMath.Sigmoid(u), VectorMath.Sigmoid(u, e), VectorMath.Sigmoid(Vector128.Create(u), e128)[3], VectorMath.Sigmoid(Vector256.Create(u), e256)[7], VectorMath.Sigmoid(Vector512.Create(u), e512)[15], u);
                Same(VectorMath.Softplus(u), VectorMath.Softplus(u, l), VectorMath.Softplus(Vector128.Create(u), l128)[3], VectorMath.Softplus(Vector256.Create(u), l256)[7], VectorMath.Softplus(Vector512.Create(u), l512)[15], u);
                Same(VectorMath.LogSigmoid(u), VectorMath.LogSigmoid(u, l), VectorMath.LogSigmoid(Vector128.Create(u), l128)[3], VectorMath.LogSigmoid(Vector256.Create(u), l256)[7], VectorMath.LogSigmoid(Vector512.Create(u), l512)[15], u);
            }
        }

        static void Same(float want, float scalar, float v128, float v256, float v512, float u)
        {
            int bits = BitConverter.SingleToInt32Bits(want);
            Assert.True(
                bits == BitConverter.SingleToInt32Bits(scalar) && bits == BitConverter.SingleToInt32Bits(v128) && bits == BitConverter.SingleToInt32Bits(v256) && bits == BitConverter.SingleToInt32Bits(v512),
                $"u = {u:R}: {want:R} vs {scalar:R} / {v128:R} / {v256:R} / {v512:R}");
        }
    }

    [Fact]
    public void Double_parts_of_x_give_the_functions_of_x_and_of_minus_x_bit_for_bit_at_every_width()
    {
        foreach (double x in DoubleArguments())
        {
            double e = VectorMath.ExpNegativeAbs(x), l = VectorMath.Log1pExpNegativeAbs(e);
            Vector128<double> e128 = VectorMath.ExpNegativeAbs(Vector128.Create(x)), l128 = VectorMath.Log1pExpNegativeAbs(e128);
            Vector256<double> e256 = VectorMath.ExpNegativeAbs(Vector256.Create(x)), l256 = VectorMath.Log1pExpNegativeAbs(e256);
            Vector512<double> e512 = VectorMath.ExpNegativeAbs(Vector512.Create(x)), l512 = VectorMath.Log1pExpNegativeAbs(e512);
            foreach (double u in new[] { x, -x })
            {
                Same(VectorMath.Sigmoid(u), VectorMath.Sigmoid(u, e), VectorMath.Sigmoid(Vector128.Create(u), e128)[1], VectorMath.Sigmoid(Vector256.Create(u), e256)[3], VectorMath.Sigmoid(Vector512.Create(u), e512)[7], u);
                Same(VectorMath.Softplus(u), VectorMath.Softplus(u, l), VectorMath.Softplus(Vector128.Create(u), l128)[1], VectorMath.Softplus(Vector256.Create(u), l256)[3], VectorMath.Softplus(Vector512.Create(u), l512)[7], u);
                Same(VectorMath.LogSigmoid(u), VectorMath.LogSigmoid(u, l), VectorMath.LogSigmoid(Vector128.Create(u), l128)[1], VectorMath.LogSigmoid(Vector256.Create(u), l256)[3], VectorMath.LogSigmoid(Vector512.Create(u), l512)[7], u);
            }
        }

        static void Same(double want, double scalar, double v128, double v256, double v512, double u)
        {
            long bits = BitConverter.DoubleToInt64Bits(want);
            Assert.True(
                bits == BitConverter.DoubleToInt64Bits(scalar) && bits == BitConverter.DoubleToInt64Bits(v128) && bits == BitConverter.DoubleToInt64Bits(v256) && bits == BitConverter.DoubleToInt64Bits(v512),
                $"u = {u:R}: {want:R} vs {scalar:R} / {v128:R} / {v256:R} / {v512:R}");
        }
    }

    private static IEnumerable<float> FloatArguments()
    {
        var random = new Random(31);
        for (int i = 0; i < 20_000; i++)
        {
            yield return i % 2 == 0 ? BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)) : (float)((random.NextDouble() * 2 - 1) * 120);
        }

        foreach (float x in new[] { 0f, float.Epsilon, 1e-30f, 1f, 15f, 16.6f, 88f, 89f, 104f, float.MaxValue, float.PositiveInfinity, float.NaN, BitConverter.Int32BitsToSingle(0x7FC00123) })
        {
            yield return x;
        }
    }

    private static IEnumerable<double> DoubleArguments()
    {
        var random = new Random(32);
        for (int i = 0; i < 20_000; i++)
        {
            yield return i % 2 == 0 ? BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)) : (random.NextDouble() * 2 - 1) * 800;
        }

        foreach (double x in new[] { 0.0, double.Epsilon, 1e-300, 1.0, 36.7, 37.0, 709.0, 710.0, 745.2, double.MaxValue, double.PositiveInfinity, double.NaN, BitConverter.Int64BitsToDouble(0x7FF8000000000123) })
        {
            yield return x;
        }
    }
}
