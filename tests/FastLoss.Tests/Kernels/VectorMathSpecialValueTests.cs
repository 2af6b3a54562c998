using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

public sealed partial class VectorMathTests
{
    private const float FInf = float.PositiveInfinity;
    private const double DInf = double.PositiveInfinity;

    /// <summary>(function, input, expected) with the exact expected bits: the sign of zero matters, NaN is any NaN.</summary>
    public static TheoryData<string, double, double> SpecialValues => new()
    {
        { "Exp", double.NaN, double.NaN }, { "Exp", DInf, DInf }, { "Exp", -DInf, 0.0 }, { "Exp", 0.0, 1.0 }, { "Exp", -0.0, 1.0 },
        { "Exp", 1000.0, DInf }, { "Exp", -1000.0, 0.0 },
        { "Log", double.NaN, double.NaN }, { "Log", 0.0, -DInf }, { "Log", -0.0, -DInf }, { "Log", -1.0, double.NaN },
        { "Log", -DInf, double.NaN }, { "Log", DInf, DInf }, { "Log", 1.0, 0.0 },
        { "LogP1", double.NaN, double.NaN }, { "LogP1", -1.0, -DInf }, { "LogP1", -1.5, double.NaN }, { "LogP1", -DInf, double.NaN },
        { "LogP1", DInf, DInf }, { "LogP1", 0.0, 0.0 }, { "LogP1", -0.0, -0.0 },
        { "Tanh", double.NaN, double.NaN }, { "Tanh", DInf, 1.0 }, { "Tanh", -DInf, -1.0 }, { "Tanh", 0.0, 0.0 }, { "Tanh", -0.0, -0.0 },
        { "Tanh", 1000.0, 1.0 }, { "Tanh", -1000.0, -1.0 },
        { "Sinh", double.NaN, double.NaN }, { "Sinh", DInf, DInf }, { "Sinh", -DInf, -DInf }, { "Sinh", 0.0, 0.0 }, { "Sinh", -0.0, -0.0 },
        { "Sinh", 1000.0, DInf }, { "Sinh", -1000.0, -DInf },
        { "Cosh", double.NaN, double.NaN }, { "Cosh", DInf, DInf }, { "Cosh", -DInf, DInf }, { "Cosh", 0.0, 1.0 }, { "Cosh", -0.0, 1.0 },
        { "Cosh", 1000.0, DInf }, { "Cosh", -1000.0, DInf },
        { "Sigmoid", double.NaN, double.NaN }, { "Sigmoid", DInf, 1.0 }, { "Sigmoid", -DInf, 0.0 }, { "Sigmoid", 0.0, 0.5 },
        { "Sigmoid", -0.0, 0.5 }, { "Sigmoid", 1000.0, 1.0 }, { "Sigmoid", -1000.0, 0.0 },
        { "Softplus", double.NaN, double.NaN }, { "Softplus", DInf, DInf }, { "Softplus", -DInf, 0.0 }, { "Softplus", 1000.0, 1000.0 },
        { "Softplus", -1000.0, 0.0 },
        { "LogSigmoid", double.NaN, double.NaN }, { "LogSigmoid", -DInf, -DInf }, { "LogSigmoid", DInf, -0.0 },
        { "LogSigmoid", -1000.0, -1000.0 }, { "LogSigmoid", 1000.0, -0.0 },
    };

    [Theory]
    [MemberData(nameof(SpecialValues))]
    public void Special_values_match_the_IEEE_semantics(string name, double x, double expected)
    {
        Unary fn = Get(name);
        AssertSame(expected, fn.D(x), $"{name}({x}) double");
        AssertSame(expected, fn.D128(Vector128.Create(x))[1], $"{name}({x}) Vector128<double>");
        AssertSame(expected, fn.D256(Vector256.Create(x))[3], $"{name}({x}) Vector256<double>");
        AssertSame(expected, fn.D512(Vector512.Create(x))[7], $"{name}({x}) Vector512<double>");
        float xf = (float)x, ef = (float)expected;
        AssertSame(ef, fn.F(xf), $"{name}({x}) float");
        AssertSame(ef, fn.F128(Vector128.Create(xf))[3], $"{name}({x}) Vector128<float>");
        AssertSame(ef, fn.F256(Vector256.Create(xf))[7], $"{name}({x}) Vector256<float>");
        AssertSame(ef, fn.F512(Vector512.Create(xf))[15], $"{name}({x}) Vector512<float>");
    }

    /// <summary>Subnormal inputs and results are handled, not flushed.</summary>
    [Fact]
    public void Subnormals_are_not_flushed()
    {
        Assert.Equal(Math.Log(double.Epsilon), VectorMath.Log(double.Epsilon), 1e-13);
        Assert.Equal(Math.Log(float.Epsilon), VectorMath.Log(float.Epsilon), 1e-5);
        Assert.True(FloatError(VectorMath.Log(1e-40f), Math.Log(1e-40f)) <= 1);
        Assert.Equal(float.Epsilon, VectorMath.Exp(-103.2789f));                 // rounds up to the smallest subnormal
        Assert.Equal((float)Math.Exp(-95.5), VectorMath.Exp(-95.5f));
        Assert.Equal(Math.Exp(-740.0), VectorMath.Exp(-740.0));
        Assert.Equal(double.Epsilon, VectorMath.Exp(-744.44007192138126));
        Assert.Equal(0.0, VectorMath.Exp(-745.2));
        Assert.Equal(1.0f, VectorMath.Exp(1e-40f));
        Assert.Equal(1e-40f, VectorMath.LogP1(1e-40f));
        Assert.Equal(-1e-310, VectorMath.LogP1(-1e-310));
        Assert.Equal(1e-310, VectorMath.Sinh(1e-310));
    }

    private static readonly double[] s_powSpecials =
    [
        double.NaN, DInf, -DInf, 0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 3.0, -3.0, 2.5, -2.5, 1e300, -1e300, 1e-300, 0.999, 1.001,
        1.0 / 3.0, 4503599627370497.0 /* odd, >= 2^52 */, -4503599627370497.0, 9007199254740994.0, 16777217.0, 8388609.0 /* odd float */,
        -8388609.0, 16777218.0,
    ];

    /// <summary>The full cross product of awkward values against Math.Pow / MathF.Pow, bit for bit.</summary>
    [Fact]
    public void Pow_special_cases_match_Math_Pow()
    {
        foreach (double x in s_powSpecials)
        {
            foreach (double y in s_powSpecials)
            {
                double want = Math.Pow(x, y);
                if (double.IsFinite(want) && want != 0 && !(double.IsInfinity(x) || double.IsInfinity(y) || x == 0 || y == 0 || Math.Abs(x) == 1))
                {
                    Assert.True(DoubleUlpDistance(VectorMath.Pow(x, y), want) <= 1, $"Pow({x:R}, {y:R})");
                }
                else
                {
                    AssertSame(want, VectorMath.Pow(x, y), $"Pow({x:R}, {y:R})");
                }

                AssertSame(VectorMath.Pow(x, y), VectorMath.Pow(Vector512.Create(x), Vector512.Create(y))[5], $"Pow512({x:R}, {y:R})");
                AssertSame(VectorMath.Pow(x, y), VectorMath.Pow(Vector128.Create(x), Vector128.Create(y))[0], $"Pow128({x:R}, {y:R})");

                float xf = (float)x, yf = (float)y;
                float wantF = MathF.Pow(xf, yf);
                float gotF = VectorMath.Pow(xf, yf);
                if (float.IsFinite(wantF) && wantF != 0 && !(float.IsInfinity(xf) || float.IsInfinity(yf) || xf == 0 || yf == 0 || MathF.Abs(xf) == 1))
                {
                    Assert.True(FloatError(gotF, Math.Pow(xf, yf)) <= 1, $"Pow({xf:R}f, {yf:R}f)");
                }
                else
                {
                    AssertSame(wantF, gotF, $"Pow({xf:R}f, {yf:R}f)");
                }

                AssertSame(gotF, VectorMath.Pow(Vector256.Create(xf), Vector256.Create(yf))[2], $"Pow256({xf:R}f, {yf:R}f)");
            }
        }
    }

    [Fact]
    public void Pow_examples()
    {
        Assert.Equal(-8.0, VectorMath.Pow(-2.0, 3.0));
        Assert.Equal(0.25f, VectorMath.Pow(-2f, -2f));
        Assert.Equal(1024.0, VectorMath.Pow(2.0, 10.0));
        Assert.True(double.IsNaN(VectorMath.Pow(-8.0, 1.0 / 3.0)));
        Assert.Equal(double.NegativeInfinity, VectorMath.Pow(-0.0, -3.0));
        Assert.Equal(double.PositiveInfinity, VectorMath.Pow(-0.0, -2.0));
        Assert.Equal(-0.0f, VectorMath.Pow(-0f, 3f));
        Assert.Equal(1.0, VectorMath.Pow(double.NaN, 0.0));
        Assert.Equal(1.0f, VectorMath.Pow(1f, float.NaN));
        Assert.Equal(1.0, VectorMath.Pow(-1.0, double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, VectorMath.Pow(10.0, 309.0));
        Assert.Equal(double.Epsilon, VectorMath.Pow(2.0, -1074.0));
        Assert.Equal(float.Epsilon, VectorMath.Pow(2f, -149f));
        Assert.Equal(0f, VectorMath.Pow(2f, -151f));
        Assert.Equal(Math.Pow(3.0, 0.5), VectorMath.Pow(3.0, 0.5));
    }

    private static void AssertSame(double expected, double actual, string what)
    {
        bool ok = double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);
        Assert.True(ok, $"{what}: expected {expected:R} ({Hex(expected)}), got {actual:R} ({Hex(actual)})");
    }

    private static void AssertSame(float expected, float actual, string what)
    {
        bool ok = float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);
        Assert.True(ok, $"{what}: expected {expected:R} ({Hex(expected)}), got {actual:R} ({Hex(actual)})");
    }
}
