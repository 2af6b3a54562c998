using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// pow(x, y) = ±|x|^y. float: e^(y ln|x|) evaluated in double with the double kernels of this class (relative
// error ~2^-44 before the final rounding to float). double: fdlibm's algorithm, log2|x| and y log2|x| carried in
// double-double, no table (see VectorMath.PowCore.cs). The IEEE 754 / Math.Pow special cases are then blended in.
// y = 2 (focal losses' default γ, squared terms) is |x|·|x|, one correctly rounded product: a vector whose exponents
// are all 2 skips the logarithm and exponential entirely, and mixed vectors blend the product into those lanes, so
// every width and the scalar code still agree bit for bit. The general path (PowMagnitude) is never inlined: it is
// large, and inlined into a kernel that also has exponentials and logarithms it used up the JIT's inlining budget,
// so the hot loop called the small functions instead.
public static partial class VectorMath
{
    /// <summary>Computes <paramref name="x"/> raised to the power <paramref name="y"/>.</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns>x^y.</returns>
    /// <remarks>
    /// Max error 1 ulp (the result is rounded once from a double-precision value with relative error below
    /// 2^-44, so it is the correctly rounded result except in rare near-halfway cases; y = 2 is the correctly rounded
    /// product |x|·|x|, without the logarithm and exponential). Valid for every input,
    /// with the special cases of <see cref="MathF.Pow(float, float)"/>: pow(x, ±0) = 1 and pow(1, y) = 1 even for
    /// NaN; pow(-1, ±∞) = 1; a negative base gives a negative result for odd integer y and NaN for non-integer
    /// finite y; pow(±0, y &lt; 0) = +∞ (±∞ for odd y); pow(±0, y &gt; 0) = +0 (±0 for odd y); pow(±∞, y) and
    /// pow(x, ±∞) follow IEEE 754; overflow gives ±∞ and underflow is gradual.
    /// </remarks>
    public static float Pow(float x, float y)
    {
        float ax = AbsBits(x);
        float r = y == 2f ? ax * ax : (float)ExpCore(y * LogCore((double)ax), 0);
        bool yInt = IsIntegral(y);
        bool yOdd = yInt && !IsIntegral(0.5f * y);
        r = yOdd ? OrSign(r, x) : r;
        r = x < 0f && !yInt && ax != float.PositiveInfinity ? float.NaN : r;
        bool yGt0 = y > 0f;
        float atInf = (ax < 1f) != yGt0 ? float.PositiveInfinity : 0f;
        atInf = ax == 1f ? 1f : atInf;
        r = AbsBits(y) == float.PositiveInfinity ? atInf : r;
        bool axInf = ax == float.PositiveInfinity;
        float edge = axInf != yGt0 ? 0f : float.PositiveInfinity;
        edge = yOdd ? OrSign(edge, x) : edge;
        r = ax == 0f || axInf ? edge : r;
        r = float.IsNaN(x) || float.IsNaN(y) ? float.NaN : r;
        return y == 0f || x == 1f ? 1f : r;
    }

    /// <summary>Computes <paramref name="x"/> raised to the power <paramref name="y"/>.</summary>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns>x^y.</returns>
    /// <remarks>
    /// Max error 1 ulp (0.80 ulp observed against a 40-digit reference; the logarithm and the product
    /// y log2|x| are carried in double-double, so large |y| does not magnify the error; y = 2 is the correctly rounded
    /// product |x|·|x|). Valid for every input,
    /// with the special cases of <see cref="Math.Pow(double, double)"/>: pow(x, ±0) = 1 and pow(1, y) = 1 even
    /// for NaN; pow(-1, ±∞) = 1; a negative base gives a negative result for odd integer y and NaN for
    /// non-integer finite y; pow(±0, y &lt; 0) = +∞ (±∞ for odd y); pow(±0, y &gt; 0) = +0 (±0 for odd y);
    /// pow(±∞, y) and pow(x, ±∞) follow IEEE 754; overflow gives ±∞ and underflow is gradual.
    /// </remarks>
    public static double Pow(double x, double y)
    {
        double ax = AbsBits(x);
        double r = y == 2.0 ? ax * ax : PowCore(ax, y);
        bool yInt = IsIntegral(y);
        bool yOdd = yInt && !IsIntegral(0.5 * y);
        r = yOdd ? OrSign(r, x) : r;
        r = x < 0.0 && !yInt && ax != double.PositiveInfinity ? double.NaN : r;
        bool yGt0 = y > 0.0;
        double atInf = (ax < 1.0) != yGt0 ? double.PositiveInfinity : 0.0;
        atInf = ax == 1.0 ? 1.0 : atInf;
        r = AbsBits(y) == double.PositiveInfinity ? atInf : r;
        bool axInf = ax == double.PositiveInfinity;
        double edge = axInf != yGt0 ? 0.0 : double.PositiveInfinity;
        edge = yOdd ? OrSign(edge, x) : edge;
        r = ax == 0.0 || axInf ? edge : r;
        r = double.IsNaN(x) || double.IsNaN(y) ? double.NaN : r;
        return y == 0.0 || x == 1.0 ? 1.0 : r;
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(float, float)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(float, float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Pow(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> ax = AbsBits(x);
        Vector512<float> r = Vector512.EqualsAll(y, Vector512.Create(2f)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others through double precision.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> PowMagnitude(Vector512<float> ax, Vector512<float> y)
    {
        (Vector512<double> axLo, Vector512<double> axHi) = Vector512.Widen(ax);
        (Vector512<double> yLo, Vector512<double> yHi) = Vector512.Widen(y);
        Vector512<float> r = Vector512.Narrow(ExpCore(yLo * LogCore(axLo), 0), ExpCore(yHi * LogCore(axHi), 0));
        return Vector512.ConditionalSelect(Vector512.Equals(y, Vector512.Create(2f)), ax * ax, r);
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(double, double)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(double, double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Pow(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> ax = AbsBits(x);
        Vector512<double> r = Vector512.EqualsAll(y, Vector512.Create(2.0)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others with the double-double kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> PowMagnitude(Vector512<double> ax, Vector512<double> y) =>
        Vector512.ConditionalSelect(Vector512.Equals(y, Vector512.Create(2.0)), ax * ax, PowCore(ax, y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> PowSpecialCases(Vector512<float> x, Vector512<float> y, Vector512<float> ax, Vector512<float> r)
    {
        Vector512<float> inf = Vector512.Create(float.PositiveInfinity);
        Vector512<float> one = Vector512.Create(1f);
        Vector512<float> yInt = IsIntegral(y);
        Vector512<float> yOdd = Vector512.AndNot(yInt, IsIntegral(Vector512.Create(0.5f) * y));
        r = Vector512.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector512<float> nonIntPowerOfNegative = Vector512.AndNot(Vector512.LessThan(x, Vector512<float>.Zero), yInt) & ~Vector512.Equals(ax, inf);
        r = Vector512.ConditionalSelect(nonIntPowerOfNegative, Vector512.Create(float.NaN), r);
        Vector512<float> yGt0 = Vector512.GreaterThan(y, Vector512<float>.Zero);
        Vector512<float> atInf = Vector512.ConditionalSelect(Vector512.LessThan(ax, one) ^ yGt0, inf, Vector512<float>.Zero);
        atInf = Vector512.ConditionalSelect(Vector512.Equals(ax, one), one, atInf);
        r = Vector512.ConditionalSelect(Vector512.Equals(AbsBits(y), inf), atInf, r);
        Vector512<float> axInf = Vector512.Equals(ax, inf);
        Vector512<float> edge = Vector512.ConditionalSelect(axInf ^ yGt0, Vector512<float>.Zero, inf);
        edge = Vector512.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector512.ConditionalSelect(Vector512.Equals(ax, Vector512<float>.Zero) | axInf, edge, r);
        Vector512<float> nan = ~(Vector512.Equals(x, x) & Vector512.Equals(y, y));
        r = Vector512.ConditionalSelect(nan, Vector512.Create(float.NaN), r);
        return Vector512.ConditionalSelect(Vector512.Equals(y, Vector512<float>.Zero) | Vector512.Equals(x, one), one, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> PowSpecialCases(Vector512<double> x, Vector512<double> y, Vector512<double> ax, Vector512<double> r)
    {
        Vector512<double> inf = Vector512.Create(double.PositiveInfinity);
        Vector512<double> one = Vector512.Create(1.0);
        Vector512<double> yInt = IsIntegral(y);
        Vector512<double> yOdd = Vector512.AndNot(yInt, IsIntegral(Vector512.Create(0.5) * y));
        r = Vector512.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector512<double> nonIntPowerOfNegative = Vector512.AndNot(Vector512.LessThan(x, Vector512<double>.Zero), yInt) & ~Vector512.Equals(ax, inf);
        r = Vector512.ConditionalSelect(nonIntPowerOfNegative, Vector512.Create(double.NaN), r);
        Vector512<double> yGt0 = Vector512.GreaterThan(y, Vector512<double>.Zero);
        Vector512<double> atInf = Vector512.ConditionalSelect(Vector512.LessThan(ax, one) ^ yGt0, inf, Vector512<double>.Zero);
        atInf = Vector512.ConditionalSelect(Vector512.Equals(ax, one), one, atInf);
        r = Vector512.ConditionalSelect(Vector512.Equals(AbsBits(y), inf), atInf, r);
        Vector512<double> axInf = Vector512.Equals(ax, inf);
        Vector512<double> edge = Vector512.ConditionalSelect(axInf ^ yGt0, Vector512<double>.Zero, inf);
        edge = Vector512.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector512.ConditionalSelect(Vector512.Equals(ax, Vector512<double>.Zero) | axInf, edge, r);
        Vector512<double> nan = ~(Vector512.Equals(x, x) & Vector512.Equals(y, y));
        r = Vector512.ConditionalSelect(nan, Vector512.Create(double.NaN), r);
        return Vector512.ConditionalSelect(Vector512.Equals(y, Vector512<double>.Zero) | Vector512.Equals(x, one), one, r);
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(float, float)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(float, float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pow(Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> ax = AbsBits(x);
        Vector256<float> r = Vector256.EqualsAll(y, Vector256.Create(2f)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others through double precision.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> PowMagnitude(Vector256<float> ax, Vector256<float> y)
    {
        (Vector256<double> axLo, Vector256<double> axHi) = Vector256.Widen(ax);
        (Vector256<double> yLo, Vector256<double> yHi) = Vector256.Widen(y);
        Vector256<float> r = Vector256.Narrow(ExpCore(yLo * LogCore(axLo), 0), ExpCore(yHi * LogCore(axHi), 0));
        return Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create(2f)), ax * ax, r);
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(double, double)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(double, double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow(Vector256<double> x, Vector256<double> y)
    {
        Vector256<double> ax = AbsBits(x);
        Vector256<double> r = Vector256.EqualsAll(y, Vector256.Create(2.0)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others with the double-double kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> PowMagnitude(Vector256<double> ax, Vector256<double> y) =>
        Vector256.ConditionalSelect(Vector256.Equals(y, Vector256.Create(2.0)), ax * ax, PowCore(ax, y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PowSpecialCases(Vector256<float> x, Vector256<float> y, Vector256<float> ax, Vector256<float> r)
    {
        Vector256<float> inf = Vector256.Create(float.PositiveInfinity);
        Vector256<float> one = Vector256.Create(1f);
        Vector256<float> yInt = IsIntegral(y);
        Vector256<float> yOdd = Vector256.AndNot(yInt, IsIntegral(Vector256.Create(0.5f) * y));
        r = Vector256.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector256<float> nonIntPowerOfNegative = Vector256.AndNot(Vector256.LessThan(x, Vector256<float>.Zero), yInt) & ~Vector256.Equals(ax, inf);
        r = Vector256.ConditionalSelect(nonIntPowerOfNegative, Vector256.Create(float.NaN), r);
        Vector256<float> yGt0 = Vector256.GreaterThan(y, Vector256<float>.Zero);
        Vector256<float> atInf = Vector256.ConditionalSelect(Vector256.LessThan(ax, one) ^ yGt0, inf, Vector256<float>.Zero);
        atInf = Vector256.ConditionalSelect(Vector256.Equals(ax, one), one, atInf);
        r = Vector256.ConditionalSelect(Vector256.Equals(AbsBits(y), inf), atInf, r);
        Vector256<float> axInf = Vector256.Equals(ax, inf);
        Vector256<float> edge = Vector256.ConditionalSelect(axInf ^ yGt0, Vector256<float>.Zero, inf);
        edge = Vector256.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector256.ConditionalSelect(Vector256.Equals(ax, Vector256<float>.Zero) | axInf, edge, r);
        Vector256<float> nan = ~(Vector256.Equals(x, x) & Vector256.Equals(y, y));
        r = Vector256.ConditionalSelect(nan, Vector256.Create(float.NaN), r);
        return Vector256.ConditionalSelect(Vector256.Equals(y, Vector256<float>.Zero) | Vector256.Equals(x, one), one, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PowSpecialCases(Vector256<double> x, Vector256<double> y, Vector256<double> ax, Vector256<double> r)
    {
        Vector256<double> inf = Vector256.Create(double.PositiveInfinity);
        Vector256<double> one = Vector256.Create(1.0);
        Vector256<double> yInt = IsIntegral(y);
        Vector256<double> yOdd = Vector256.AndNot(yInt, IsIntegral(Vector256.Create(0.5) * y));
        r = Vector256.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector256<double> nonIntPowerOfNegative = Vector256.AndNot(Vector256.LessThan(x, Vector256<double>.Zero), yInt) & ~Vector256.Equals(ax, inf);
        r = Vector256.ConditionalSelect(nonIntPowerOfNegative, Vector256.Create(double.NaN), r);
        Vector256<double> yGt0 = Vector256.GreaterThan(y, Vector256<double>.Zero);
        Vector256<double> atInf = Vector256.ConditionalSelect(Vector256.LessThan(ax, one) ^ yGt0, inf, Vector256<double>.Zero);
        atInf = Vector256.ConditionalSelect(Vector256.Equals(ax, one), one, atInf);
        r = Vector256.ConditionalSelect(Vector256.Equals(AbsBits(y), inf), atInf, r);
        Vector256<double> axInf = Vector256.Equals(ax, inf);
        Vector256<double> edge = Vector256.ConditionalSelect(axInf ^ yGt0, Vector256<double>.Zero, inf);
        edge = Vector256.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector256.ConditionalSelect(Vector256.Equals(ax, Vector256<double>.Zero) | axInf, edge, r);
        Vector256<double> nan = ~(Vector256.Equals(x, x) & Vector256.Equals(y, y));
        r = Vector256.ConditionalSelect(nan, Vector256.Create(double.NaN), r);
        return Vector256.ConditionalSelect(Vector256.Equals(y, Vector256<double>.Zero) | Vector256.Equals(x, one), one, r);
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(float, float)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(float, float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Pow(Vector128<float> x, Vector128<float> y)
    {
        Vector128<float> ax = AbsBits(x);
        Vector128<float> r = Vector128.EqualsAll(y, Vector128.Create(2f)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others through double precision.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> PowMagnitude(Vector128<float> ax, Vector128<float> y)
    {
        (Vector128<double> axLo, Vector128<double> axHi) = Vector128.Widen(ax);
        (Vector128<double> yLo, Vector128<double> yHi) = Vector128.Widen(y);
        Vector128<float> r = Vector128.Narrow(ExpCore(yLo * LogCore(axLo), 0), ExpCore(yHi * LogCore(axHi), 0));
        return Vector128.ConditionalSelect(Vector128.Equals(y, Vector128.Create(2f)), ax * ax, r);
    }

    /// <summary>Computes x^y lane by lane; every lane is bit-identical to <see cref="Pow(double, double)"/>.</summary>
    /// <param name="x">The bases.</param>
    /// <param name="y">The exponents.</param>
    /// <returns>x^y per lane.</returns>
    /// <remarks><inheritdoc cref="Pow(double, double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Pow(Vector128<double> x, Vector128<double> y)
    {
        Vector128<double> ax = AbsBits(x);
        Vector128<double> r = Vector128.EqualsAll(y, Vector128.Create(2.0)) ? ax * ax : PowMagnitude(ax, y);
        return PowSpecialCases(x, y, ax, r);
    }

    /// <summary>|x|^y before the special cases: y = 2 lanes as |x|·|x|, the others with the double-double kernel.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<double> PowMagnitude(Vector128<double> ax, Vector128<double> y) =>
        Vector128.ConditionalSelect(Vector128.Equals(y, Vector128.Create(2.0)), ax * ax, PowCore(ax, y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> PowSpecialCases(Vector128<float> x, Vector128<float> y, Vector128<float> ax, Vector128<float> r)
    {
        Vector128<float> inf = Vector128.Create(float.PositiveInfinity);
        Vector128<float> one = Vector128.Create(1f);
        Vector128<float> yInt = IsIntegral(y);
        Vector128<float> yOdd = Vector128.AndNot(yInt, IsIntegral(Vector128.Create(0.5f) * y));
        r = Vector128.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector128<float> nonIntPowerOfNegative = Vector128.AndNot(Vector128.LessThan(x, Vector128<float>.Zero), yInt) & ~Vector128.Equals(ax, inf);
        r = Vector128.ConditionalSelect(nonIntPowerOfNegative, Vector128.Create(float.NaN), r);
        Vector128<float> yGt0 = Vector128.GreaterThan(y, Vector128<float>.Zero);
        Vector128<float> atInf = Vector128.ConditionalSelect(Vector128.LessThan(ax, one) ^ yGt0, inf, Vector128<float>.Zero);
        atInf = Vector128.ConditionalSelect(Vector128.Equals(ax, one), one, atInf);
        r = Vector128.ConditionalSelect(Vector128.Equals(AbsBits(y), inf), atInf, r);
        Vector128<float> axInf = Vector128.Equals(ax, inf);
        Vector128<float> edge = Vector128.ConditionalSelect(axInf ^ yGt0, Vector128<float>.Zero, inf);
        edge = Vector128.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector128.ConditionalSelect(Vector128.Equals(ax, Vector128<float>.Zero) | axInf, edge, r);
        Vector128<float> nan = ~(Vector128.Equals(x, x) & Vector128.Equals(y, y));
        r = Vector128.ConditionalSelect(nan, Vector128.Create(float.NaN), r);
        return Vector128.ConditionalSelect(Vector128.Equals(y, Vector128<float>.Zero) | Vector128.Equals(x, one), one, r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> PowSpecialCases(Vector128<double> x, Vector128<double> y, Vector128<double> ax, Vector128<double> r)
    {
        Vector128<double> inf = Vector128.Create(double.PositiveInfinity);
        Vector128<double> one = Vector128.Create(1.0);
        Vector128<double> yInt = IsIntegral(y);
        Vector128<double> yOdd = Vector128.AndNot(yInt, IsIntegral(Vector128.Create(0.5) * y));
        r = Vector128.ConditionalSelect(yOdd, OrSign(r, x), r);
        Vector128<double> nonIntPowerOfNegative = Vector128.AndNot(Vector128.LessThan(x, Vector128<double>.Zero), yInt) & ~Vector128.Equals(ax, inf);
        r = Vector128.ConditionalSelect(nonIntPowerOfNegative, Vector128.Create(double.NaN), r);
        Vector128<double> yGt0 = Vector128.GreaterThan(y, Vector128<double>.Zero);
        Vector128<double> atInf = Vector128.ConditionalSelect(Vector128.LessThan(ax, one) ^ yGt0, inf, Vector128<double>.Zero);
        atInf = Vector128.ConditionalSelect(Vector128.Equals(ax, one), one, atInf);
        r = Vector128.ConditionalSelect(Vector128.Equals(AbsBits(y), inf), atInf, r);
        Vector128<double> axInf = Vector128.Equals(ax, inf);
        Vector128<double> edge = Vector128.ConditionalSelect(axInf ^ yGt0, Vector128<double>.Zero, inf);
        edge = Vector128.ConditionalSelect(yOdd, OrSign(edge, x), edge);
        r = Vector128.ConditionalSelect(Vector128.Equals(ax, Vector128<double>.Zero) | axInf, edge, r);
        Vector128<double> nan = ~(Vector128.Equals(x, x) & Vector128.Equals(y, y));
        r = Vector128.ConditionalSelect(nan, Vector128.Create(double.NaN), r);
        return Vector128.ConditionalSelect(Vector128.Equals(y, Vector128<double>.Zero) | Vector128.Equals(x, one), one, r);
    }
}
