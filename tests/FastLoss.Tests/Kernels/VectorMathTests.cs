using System.Runtime.Intrinsics;
using FastLoss.Kernels;
using Xunit.Abstractions;

namespace FastLoss.Tests.Kernels;

/// <summary>
/// Tests of <see cref="VectorMath"/>: accuracy against higher-precision references over sweeps of the whole
/// range (VectorMathAccuracyTests.cs), IEEE special values (VectorMathSpecialValueTests.cs) and bit-identity of
/// every lane of every vector width with the scalar overload (VectorMathBitIdentityTests.cs). This file holds
/// the function table, the input sweeps and the ulp measures they share.
/// </summary>
public sealed partial class VectorMathTests
{
    private readonly ITestOutputHelper _output;

    public VectorMathTests(ITestOutputHelper output) => _output = output;

    /// <summary>A unary function under test with its references and enforced bounds.</summary>
    /// <param name="BoundF">Max error of the float version in ulp, against a double-precision reference (exact to ~1e-15).</param>
    /// <param name="BoundD">Max error of the double version in ulp, as stated in the XML docs (from a 40-digit audit).</param>
    /// <param name="RefSlackD">
    /// Extra ulp allowed in the double test for the error of the Math-based reference itself (measured against a
    /// 40-digit reference on this machine's libm: exp 0.50, log 0.51, tanh 1.88, sinh 1.58, cosh 1.12 ulp; the
    /// composed references are estimates). The double test compares integer ulp distances, so the limit is
    /// floor(BoundD + RefSlackD).
    /// </param>
    public sealed record Unary(
        string Name,
        Func<float, float> F, Func<Vector128<float>, Vector128<float>> F128, Func<Vector256<float>, Vector256<float>> F256,
        Func<Vector512<float>, Vector512<float>> F512,
        Func<double, double> D, Func<Vector128<double>, Vector128<double>> D128, Func<Vector256<double>, Vector256<double>> D256,
        Func<Vector512<double>, Vector512<double>> D512,
        Func<double, double> Reference, double BoundF, double BoundD, double RefSlackD);

    public static readonly Unary[] Functions =
    [
        new("Exp", VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp, VectorMath.Exp,
            Math.Exp, BoundF: 1, BoundD: 1, RefSlackD: 0.5),
        new("Log", VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log, VectorMath.Log,
            Math.Log, BoundF: 1, BoundD: 1, RefSlackD: 0.5),
        new("LogP1", VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1, VectorMath.LogP1,
            RefLogP1, BoundF: 1, BoundD: 1, RefSlackD: 1),
        new("Tanh", VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh, VectorMath.Tanh,
            Math.Tanh, BoundF: 2, BoundD: 2, RefSlackD: 1.9),
        new("Sinh", VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh, VectorMath.Sinh,
            Math.Sinh, BoundF: 2, BoundD: 2, RefSlackD: 1.6),
        new("Cosh", VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh, VectorMath.Cosh,
            Math.Cosh, BoundF: 2, BoundD: 2, RefSlackD: 1.2),
        new("Sigmoid", VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid, VectorMath.Sigmoid,
            RefSigmoid, BoundF: 3, BoundD: 3, RefSlackD: 1.5),
        new("Softplus", VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus, VectorMath.Softplus,
            RefSoftplus, BoundF: 2, BoundD: 2, RefSlackD: 1.5),
        new("LogSigmoid", VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid, VectorMath.LogSigmoid,
            x => -RefSoftplus(-x), BoundF: 2, BoundD: 2, RefSlackD: 1.5),
    ];

    public static IEnumerable<object[]> UnaryNames() => Functions.Select(f => new object[] { f.Name });

    private static Unary Get(string name) => Functions.Single(f => f.Name == name);

    // ---- References (double precision; for float inputs they are exact to far below a float ulp) ----

    /// <summary>log(1 + x); .NET's double.LogP1 is log(x + 1) and loses everything for tiny x.</summary>
    internal static double RefLogP1(double x)
    {
        if (x == double.PositiveInfinity)
        {
            return x;
        }

        if (Math.Abs(x) < 1e-4)
        {
            double sum = 0, term = x;
            for (int k = 1; k < 14; k++)
            {
                sum += term / k;
                term *= -x;
            }

            return sum;
        }

        double u = 1 + x;
        return u == 0 ? double.NegativeInfinity : Math.Log(u) - ((u - 1) - x) / u;
    }

    internal static double RefSigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    internal static double RefSoftplus(double x) => double.IsNaN(x) ? x : Math.Max(x, 0) + RefLogP1(Math.Exp(-Math.Abs(x)));

    // ---- Sweeps ----

    /// <summary>Stride through all 2^32 float bit patterns (4097 is odd, so every mantissa pattern class is hit).</summary>
    internal const int FloatStride = 4097;

    private static float[]? s_floatSweep;
    private static double[]? s_doubleSweep;

    /// <summary>
    /// A strided sweep over all float bit patterns plus dense runs of consecutive floats around 0, the
    /// subnormals, ±1, the polynomial/branch switch points and the overflow/underflow thresholds.
    /// </summary>
    internal static float[] FloatSweep()
    {
        if (s_floatSweep is { } cached)
        {
            return cached;
        }

        var list = new List<float>(3_000_000);
        for (long b = 0; b <= uint.MaxValue; b += FloatStride)
        {
            list.Add(BitConverter.Int32BitsToSingle((int)(uint)b));
        }

        float[] centres =
        [
            0f, float.Epsilon * 40000, 1.17549435e-38f /* min normal */, 1e-10f, 0.001f, 0.3466f, 0.5f, 0.625f /* tanh switch */,
            0.70710677f, 1f, 1.4142135f, 2f, 9.01f /* tanh saturates */, 16.6f, 87.33654f /* exp subnormal */,
            88.72284f /* exp overflow */, 89.41599f /* cosh overflow */, 103.97208f /* exp -> 0 */, 16777216f, float.MaxValue,
        ];
        foreach (float c in centres)
        {
            foreach (float s in (ReadOnlySpan<float>)[c, -c])
            {
                int centre = BitConverter.SingleToInt32Bits(s);
                for (int d = -20000; d < 20000; d++)
                {
                    float x = BitConverter.Int32BitsToSingle(centre + d);
                    if (float.IsFinite(x) && Math.Sign(x) == Math.Sign(s) || c == 0f)
                    {
                        list.Add(x);
                    }
                }
            }
        }

        list.AddRange([0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon, -float.Epsilon]);
        return s_floatSweep = [.. list];
    }

    /// <summary>Random bit patterns, uniform and log-uniform ranges, and dense runs around the thresholds.</summary>
    internal static double[] DoubleSweep()
    {
        if (s_doubleSweep is { } cached)
        {
            return cached;
        }

        var rng = new Random(20240531);
        var list = new List<double>(2_000_000);
        for (int i = 0; i < 1_000_000; i++)
        {
            list.Add(BitConverter.Int64BitsToDouble(rng.NextInt64(long.MinValue, long.MaxValue) ^ (rng.Next(2) == 0 ? 0 : long.MinValue)));
        }

        foreach (double range in (ReadOnlySpan<double>)[1, 3, 25, 800])
        {
            for (int i = 0; i < 150_000; i++)
            {
                list.Add((2 * rng.NextDouble() - 1) * range);
            }
        }

        for (int i = 0; i < 150_000; i++)
        {
            double magnitude = Math.Exp(rng.NextDouble() * (Math.Log(1e4) - Math.Log(1e-320)) + Math.Log(1e-320));
            list.Add(rng.Next(2) == 0 ? magnitude : -magnitude);
        }

        double[] centres =
        [
            0.0, 2.2250738585072014e-308, 0.625, 0.7071067811865476, 1.0, 1.4142135623730951, 19.06, 708.3964185322641,
            709.782712893384, 710.4758600739439, 745.1332191019411,
        ];
        foreach (double c in centres)
        {
            foreach (double s in (ReadOnlySpan<double>)[c, -c])
            {
                long centre = BitConverter.DoubleToInt64Bits(s);
                for (long d = -5000; d < 5000; d++)
                {
                    list.Add(BitConverter.Int64BitsToDouble(centre + d * (c == 0.0 ? 1 : 1L << 20)));
                }
            }
        }

        list.AddRange([0.0, -0.0, 1.0, -1.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, double.Epsilon, -double.Epsilon]);
        return s_doubleSweep = [.. list];
    }

    // ---- Error measures ----

    /// <summary>The float ulp at the exact value <paramref name="v"/> (2^-149 in the subnormal range).</summary>
    internal static double FloatUlp(double v)
    {
        v = Math.Abs(v);
        if (v < 1.1754943508222875e-38)
        {
            return Math.ScaleB(1.0, -149);
        }

        return Math.ScaleB(1.0, Math.Min(Math.ILogB(v), 127) - 23);
    }

    /// <summary>
    /// Error of a float result in float ulps against the exact value (given in double). For non-finite values:
    /// 0 when the result is the rounded reference (±∞, NaN), +∞ otherwise.
    /// </summary>
    internal static double FloatError(float got, double exact)
    {
        float want = (float)exact;
        if (float.IsFinite(got) && double.IsFinite(exact))
        {
            return Math.Abs(got - exact) / FloatUlp(exact);
        }

        if (got == want || (float.IsNaN(got) && float.IsNaN(want)))
        {
            return 0;
        }

        if (float.IsNaN(got) || float.IsNaN(want) || float.IsInfinity(got) || double.IsInfinity(exact))
        {
            return double.PositiveInfinity;
        }

        return Math.Abs(got - exact) / FloatUlp(exact);
    }

    /// <summary>Distance in ulps between two doubles (±0 equal, NaN equals NaN, NaN vs number = long.MaxValue).</summary>
    internal static long DoubleUlpDistance(double got, double want)
    {
        if (double.IsNaN(got) || double.IsNaN(want))
        {
            return double.IsNaN(got) && double.IsNaN(want) ? 0 : long.MaxValue;
        }

        static long Ordered(double d)
        {
            long b = BitConverter.DoubleToInt64Bits(d);
            return b < 0 ? long.MinValue - b : b;
        }

        long a = Ordered(got), c = Ordered(want);
        return a > c ? a - c : c - a;
    }

    internal static string Hex(float x) => BitConverter.SingleToInt32Bits(x).ToString("X8");

    internal static string Hex(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16");

    /// <summary>Scale for the bit-identity sweeps: the software fallback of the vector types is much slower.</summary>
    internal static int IdentityStep => Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated ? 1 : 4;
}
