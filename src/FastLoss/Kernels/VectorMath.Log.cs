using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// log x = k ln 2 + log(1 + f) with x = 2^k (1 + f), 1 + f in [sqrt(1/2), sqrt(2)) found with integer arithmetic on
// the bit pattern (subnormals are scaled up first). float: log(1 + f) = f - f^2/2 + f^3 P(f) (Cephes);
// double: fdlibm's s = f / (2 + f) series. ln 2 is split so that k * hi is exact; for |k| <= 1 the sum
// k * hi + f is exact too, which keeps the error of the cancelling case (x just below 1/sqrt(2) or sqrt(2)) low.
public static partial class VectorMath
{
    private const int SqrtHalfBitsF = 0x3F3504F3;
    private const int MantissaMaskF = 0x007FFFFF;
    private const float MinNormalF = 1.17549435e-38f;
    private const float Ln2HiLogF = 0.693359375f;          // 9 significant bits
    private const float Ln2LoLogF = -2.12194440e-4f;
    private const float LogP8F = 7.0376836292E-2f;
    private const float LogP7F = -1.1514610310E-1f;
    private const float LogP6F = 1.1676998740E-1f;
    private const float LogP5F = -1.2420140846E-1f;
    private const float LogP4F = 1.4249322787E-1f;
    private const float LogP3F = -1.6668057665E-1f;
    private const float LogP2F = 2.0000714765E-1f;
    private const float LogP1F = -2.4999993993E-1f;
    private const float LogP0F = 3.3333331174E-1f;

    private const long SqrtHalfBitsD = 0x3FE6A09E667F3BCD;
    private const long MantissaMaskD = 0x000FFFFFFFFFFFFF;
    private const long ExponentBiasShiftD = 0x4000000000000000;   // makes the shifted exponent non-negative
    private const long SmallIntBitsD = 0x4330000000000000;        // 2^52 as bits: 2^52 + i for small i >= 0
    private const double MinNormalD = 2.2250738585072014e-308;
    private const double TwoPow54D = 18014398509481984.0;
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>Computes the natural logarithm of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    /// <remarks>
    /// Max error 1 ulp (0.83 ulp in an exhaustive check of all 2^32 inputs), subnormal inputs included.
    /// Valid for every input: log(±0) = -∞, log(+∞) = +∞, log(x &lt; 0) = NaN, NaN gives NaN.
    /// </remarks>
    public static float Log(float x)
    {
        float r = LogCore(x);
        r = x == float.PositiveInfinity ? float.PositiveInfinity : r;
        r = x == 0f ? float.NegativeInfinity : r;
        return x >= 0f ? r : float.NaN;
    }

    /// <summary>Computes the natural logarithm of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    /// <remarks>
    /// Max error 1 ulp (0.77 ulp observed against a 40-digit reference), subnormal inputs included.
    /// Valid for every input: log(±0) = -∞, log(+∞) = +∞, log(x &lt; 0) = NaN, NaN gives NaN.
    /// </remarks>
    public static double Log(double x)
    {
        double r = LogCore(x);
        r = x == double.PositiveInfinity ? double.PositiveInfinity : r;
        r = x == 0.0 ? double.NegativeInfinity : r;
        return x >= 0.0 ? r : double.NaN;
    }

    /// <summary>log x for finite x &gt; 0 (subnormals included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float LogCore(float x)
    {
        bool sub = x < MinNormalF;
        int ix = Bits(sub ? x * TwoPow23F : x) - SqrtHalfBitsF;
        int k = (ix >> 23) - (sub ? 23 : 0);
        float f = FromBits((ix & MantissaMaskF) + SqrtHalfBitsF) - 1f;
        return LogTail(f, 0f, k);
    }

    /// <summary>
    /// k ln 2 + log(1 + f) + c for |c| &lt;&lt; |f|; <paramref name="unitArgument"/> (a constant at every call site)
    /// says the argument was in [1, 2], so |k| &lt;= 1 and the exact-sum branch is the only one needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float LogTail(float f, float c, int k, bool unitArgument = false)
    {
        float e = k;
        float z = f * f;
        float p = LogP8F;
        p = p * f + LogP7F;
        p = p * f + LogP6F;
        p = p * f + LogP5F;
        p = p * f + LogP4F;
        p = p * f + LogP3F;
        p = p * f + LogP2F;
        p = p * f + LogP1F;
        p = p * f + LogP0F;
        float y = f * z * p;
        y = y + (e * Ln2LoLogF + c);
        y = y - 0.5f * z;
        float hi = e * Ln2HiLogF;
        return unitArgument || (k >= -1 && k <= 1) ? (hi + f) + y : hi + (f + y);
    }

    /// <summary>log x for finite x &gt; 0 (subnormals included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogCore(double x)
    {
        bool sub = x < MinNormalD;
        long ix = Bits(sub ? x * TwoPow54D : x) - SqrtHalfBitsD;
        long kb = (long)((ulong)(ix + ExponentBiasShiftD) >> 52) + 64 - (sub ? 54 : 0);
        double f = FromBits((ix & MantissaMaskD) + SqrtHalfBitsD) - 1.0;
        return LogTail(f, 0.0, kb);
    }

    /// <summary>k ln 2 + log(1 + f) + c for |c| &lt;&lt; |f|, with kb = k + 1088 &gt;= 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogTail(double f, double c, long kb, bool unitArgument = false)
    {
        double dk = FromBits(SmallIntBitsD | kb) - (TwoPow52D + 1088.0);
        double hfsq = 0.5 * f * f;
        double s = f / (2.0 + f);
        double z = s * s;
        double w = z * z;
        double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
        double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        double lo = hfsq - (s * (hfsq + (t2 + t1)) + (dk * Ln2LoD + c));
        double hi = dk * Ln2HiD;
        return unitArgument || (kb >= 1087 && kb <= 1089) ? (hi + f) - lo : hi - (lo - f);
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<float> r = LogCore(x);
        r = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(float.PositiveInfinity)), x, r);
        r = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<float>.Zero), Vector512.Create(float.NegativeInfinity), r);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), r, Vector512.Create(float.NaN));
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        Vector512<double> r = LogCore(x);
        r = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512.Create(double.PositiveInfinity)), x, r);
        r = Vector512.ConditionalSelect(Vector512.Equals(x, Vector512<double>.Zero), Vector512.Create(double.NegativeInfinity), r);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), r, Vector512.Create(double.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogCore(Vector512<float> x)
    {
        Vector512<float> sub = Vector512.LessThan(x, Vector512.Create(MinNormalF));
        Vector512<int> ix = Vector512.ConditionalSelect(sub, x * TwoPow23F, x).AsInt32() - Vector512.Create(SqrtHalfBitsF);
        Vector512<int> k = Vector512.ShiftRightArithmetic(ix, 23) - (sub.AsInt32() & Vector512.Create(23));
        Vector512<float> f = ((ix & Vector512.Create(MantissaMaskF)) + Vector512.Create(SqrtHalfBitsF)).AsSingle() - Vector512.Create(1f);
        return LogTail(f, Vector512<float>.Zero, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LogTail(Vector512<float> f, Vector512<float> c, Vector512<int> k, bool unitArgument = false)
    {
        Vector512<float> e = Vector512.ConvertToSingle(k);
        Vector512<float> z = f * f;
        Vector512<float> p = Vector512.Create(LogP8F);
        p = p * f + Vector512.Create(LogP7F);
        p = p * f + Vector512.Create(LogP6F);
        p = p * f + Vector512.Create(LogP5F);
        p = p * f + Vector512.Create(LogP4F);
        p = p * f + Vector512.Create(LogP3F);
        p = p * f + Vector512.Create(LogP2F);
        p = p * f + Vector512.Create(LogP1F);
        p = p * f + Vector512.Create(LogP0F);
        Vector512<float> y = f * z * p;
        y = y + (e * Ln2LoLogF + c);
        y = y - Vector512.Create(0.5f) * z;
        Vector512<float> hi = e * Ln2HiLogF;
        if (unitArgument)
        {
            return (hi + f) + y;
        }

        Vector512<int> small = Vector512.LessThanOrEqual(k, Vector512<int>.One) & Vector512.GreaterThanOrEqual(k, Vector512.Create(-1));
        return Vector512.ConditionalSelect(small.AsSingle(), (hi + f) + y, hi + (f + y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogCore(Vector512<double> x)
    {
        Vector512<double> sub = Vector512.LessThan(x, Vector512.Create(MinNormalD));
        Vector512<long> ix = Vector512.ConditionalSelect(sub, x * TwoPow54D, x).AsInt64() - Vector512.Create(SqrtHalfBitsD);
        Vector512<long> kb = Vector512.ShiftRightLogical(ix + Vector512.Create(ExponentBiasShiftD), 52) + Vector512.Create(64L) -
                             (sub.AsInt64() & Vector512.Create(54L));
        Vector512<double> f = ((ix & Vector512.Create(MantissaMaskD)) + Vector512.Create(SqrtHalfBitsD)).AsDouble() - Vector512.Create(1.0);
        return LogTail(f, Vector512<double>.Zero, kb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LogTail(Vector512<double> f, Vector512<double> c, Vector512<long> kb, bool unitArgument = false)
    {
        Vector512<double> dk = (kb | Vector512.Create(SmallIntBitsD)).AsDouble() - Vector512.Create(TwoPow52D + 1088.0);
        Vector512<double> hfsq = Vector512.Create(0.5) * f * f;
        Vector512<double> s = f / (Vector512.Create(2.0) + f);
        Vector512<double> z = s * s;
        Vector512<double> w = z * z;
        Vector512<double> t1 = w * (Vector512.Create(Lg2) + w * (Vector512.Create(Lg4) + w * Lg6));
        Vector512<double> t2 = z * (Vector512.Create(Lg1) + w * (Vector512.Create(Lg3) + w * (Vector512.Create(Lg5) + w * Lg7)));
        Vector512<double> lo = hfsq - (s * (hfsq + (t2 + t1)) + (dk * Ln2LoD + c));
        Vector512<double> hi = dk * Ln2HiD;
        if (unitArgument)
        {
            return (hi + f) - lo;
        }

        Vector512<long> small = Vector512.GreaterThanOrEqual(kb, Vector512.Create(1087L)) &
                                Vector512.LessThanOrEqual(kb, Vector512.Create(1089L));
        return Vector512.ConditionalSelect(small.AsDouble(), (hi + f) - lo, hi - (lo - f));
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        Vector256<float> r = LogCore(x);
        r = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(float.PositiveInfinity)), x, r);
        r = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<float>.Zero), Vector256.Create(float.NegativeInfinity), r);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), r, Vector256.Create(float.NaN));
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        Vector256<double> r = LogCore(x);
        r = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, r);
        r = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), r);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), r, Vector256.Create(double.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogCore(Vector256<float> x)
    {
        Vector256<float> sub = Vector256.LessThan(x, Vector256.Create(MinNormalF));
        Vector256<int> ix = Vector256.ConditionalSelect(sub, x * TwoPow23F, x).AsInt32() - Vector256.Create(SqrtHalfBitsF);
        Vector256<int> k = Vector256.ShiftRightArithmetic(ix, 23) - (sub.AsInt32() & Vector256.Create(23));
        Vector256<float> f = ((ix & Vector256.Create(MantissaMaskF)) + Vector256.Create(SqrtHalfBitsF)).AsSingle() - Vector256.Create(1f);
        return LogTail(f, Vector256<float>.Zero, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LogTail(Vector256<float> f, Vector256<float> c, Vector256<int> k, bool unitArgument = false)
    {
        Vector256<float> e = Vector256.ConvertToSingle(k);
        Vector256<float> z = f * f;
        Vector256<float> p = Vector256.Create(LogP8F);
        p = p * f + Vector256.Create(LogP7F);
        p = p * f + Vector256.Create(LogP6F);
        p = p * f + Vector256.Create(LogP5F);
        p = p * f + Vector256.Create(LogP4F);
        p = p * f + Vector256.Create(LogP3F);
        p = p * f + Vector256.Create(LogP2F);
        p = p * f + Vector256.Create(LogP1F);
        p = p * f + Vector256.Create(LogP0F);
        Vector256<float> y = f * z * p;
        y = y + (e * Ln2LoLogF + c);
        y = y - Vector256.Create(0.5f) * z;
        Vector256<float> hi = e * Ln2HiLogF;
        if (unitArgument)
        {
            return (hi + f) + y;
        }

        Vector256<int> small = Vector256.LessThanOrEqual(k, Vector256<int>.One) & Vector256.GreaterThanOrEqual(k, Vector256.Create(-1));
        return Vector256.ConditionalSelect(small.AsSingle(), (hi + f) + y, hi + (f + y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogCore(Vector256<double> x)
    {
        Vector256<double> sub = Vector256.LessThan(x, Vector256.Create(MinNormalD));
        Vector256<long> ix = Vector256.ConditionalSelect(sub, x * TwoPow54D, x).AsInt64() - Vector256.Create(SqrtHalfBitsD);
        Vector256<long> kb = Vector256.ShiftRightLogical(ix + Vector256.Create(ExponentBiasShiftD), 52) + Vector256.Create(64L) -
                             (sub.AsInt64() & Vector256.Create(54L));
        Vector256<double> f = ((ix & Vector256.Create(MantissaMaskD)) + Vector256.Create(SqrtHalfBitsD)).AsDouble() - Vector256.Create(1.0);
        return LogTail(f, Vector256<double>.Zero, kb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogTail(Vector256<double> f, Vector256<double> c, Vector256<long> kb, bool unitArgument = false)
    {
        Vector256<double> dk = (kb | Vector256.Create(SmallIntBitsD)).AsDouble() - Vector256.Create(TwoPow52D + 1088.0);
        Vector256<double> hfsq = Vector256.Create(0.5) * f * f;
        Vector256<double> s = f / (Vector256.Create(2.0) + f);
        Vector256<double> z = s * s;
        Vector256<double> w = z * z;
        Vector256<double> t1 = w * (Vector256.Create(Lg2) + w * (Vector256.Create(Lg4) + w * Lg6));
        Vector256<double> t2 = z * (Vector256.Create(Lg1) + w * (Vector256.Create(Lg3) + w * (Vector256.Create(Lg5) + w * Lg7)));
        Vector256<double> lo = hfsq - (s * (hfsq + (t2 + t1)) + (dk * Ln2LoD + c));
        Vector256<double> hi = dk * Ln2HiD;
        if (unitArgument)
        {
            return (hi + f) - lo;
        }

        Vector256<long> small = Vector256.GreaterThanOrEqual(kb, Vector256.Create(1087L)) &
                                Vector256.LessThanOrEqual(kb, Vector256.Create(1089L));
        return Vector256.ConditionalSelect(small.AsDouble(), (hi + f) - lo, hi - (lo - f));
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log(Vector128<float> x)
    {
        Vector128<float> r = LogCore(x);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128.Create(float.PositiveInfinity)), x, r);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<float>.Zero), Vector128.Create(float.NegativeInfinity), r);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), r, Vector128.Create(float.NaN));
    }

    /// <summary>Computes ln x lane by lane; every lane is bit-identical to <see cref="Log(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x per lane.</returns>
    /// <remarks><inheritdoc cref="Log(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> x)
    {
        Vector128<double> r = LogCore(x);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128.Create(double.PositiveInfinity)), x, r);
        r = Vector128.ConditionalSelect(Vector128.Equals(x, Vector128<double>.Zero), Vector128.Create(double.NegativeInfinity), r);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<double>.Zero), r, Vector128.Create(double.NaN));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LogCore(Vector128<float> x)
    {
        Vector128<float> sub = Vector128.LessThan(x, Vector128.Create(MinNormalF));
        Vector128<int> ix = Vector128.ConditionalSelect(sub, x * TwoPow23F, x).AsInt32() - Vector128.Create(SqrtHalfBitsF);
        Vector128<int> k = Vector128.ShiftRightArithmetic(ix, 23) - (sub.AsInt32() & Vector128.Create(23));
        Vector128<float> f = ((ix & Vector128.Create(MantissaMaskF)) + Vector128.Create(SqrtHalfBitsF)).AsSingle() - Vector128.Create(1f);
        return LogTail(f, Vector128<float>.Zero, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> LogTail(Vector128<float> f, Vector128<float> c, Vector128<int> k, bool unitArgument = false)
    {
        Vector128<float> e = Vector128.ConvertToSingle(k);
        Vector128<float> z = f * f;
        Vector128<float> p = Vector128.Create(LogP8F);
        p = p * f + Vector128.Create(LogP7F);
        p = p * f + Vector128.Create(LogP6F);
        p = p * f + Vector128.Create(LogP5F);
        p = p * f + Vector128.Create(LogP4F);
        p = p * f + Vector128.Create(LogP3F);
        p = p * f + Vector128.Create(LogP2F);
        p = p * f + Vector128.Create(LogP1F);
        p = p * f + Vector128.Create(LogP0F);
        Vector128<float> y = f * z * p;
        y = y + (e * Ln2LoLogF + c);
        y = y - Vector128.Create(0.5f) * z;
        Vector128<float> hi = e * Ln2HiLogF;
        if (unitArgument)
        {
            return (hi + f) + y;
        }

        Vector128<int> small = Vector128.LessThanOrEqual(k, Vector128<int>.One) & Vector128.GreaterThanOrEqual(k, Vector128.Create(-1));
        return Vector128.ConditionalSelect(small.AsSingle(), (hi + f) + y, hi + (f + y));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LogCore(Vector128<double> x)
    {
        Vector128<double> sub = Vector128.LessThan(x, Vector128.Create(MinNormalD));
        Vector128<long> ix = Vector128.ConditionalSelect(sub, x * TwoPow54D, x).AsInt64() - Vector128.Create(SqrtHalfBitsD);
        Vector128<long> kb = Vector128.ShiftRightLogical(ix + Vector128.Create(ExponentBiasShiftD), 52) + Vector128.Create(64L) -
                             (sub.AsInt64() & Vector128.Create(54L));
        Vector128<double> f = ((ix & Vector128.Create(MantissaMaskD)) + Vector128.Create(SqrtHalfBitsD)).AsDouble() - Vector128.Create(1.0);
        return LogTail(f, Vector128<double>.Zero, kb);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LogTail(Vector128<double> f, Vector128<double> c, Vector128<long> kb, bool unitArgument = false)
    {
        Vector128<double> dk = (kb | Vector128.Create(SmallIntBitsD)).AsDouble() - Vector128.Create(TwoPow52D + 1088.0);
        Vector128<double> hfsq = Vector128.Create(0.5) * f * f;
        Vector128<double> s = f / (Vector128.Create(2.0) + f);
        Vector128<double> z = s * s;
        Vector128<double> w = z * z;
        Vector128<double> t1 = w * (Vector128.Create(Lg2) + w * (Vector128.Create(Lg4) + w * Lg6));
        Vector128<double> t2 = z * (Vector128.Create(Lg1) + w * (Vector128.Create(Lg3) + w * (Vector128.Create(Lg5) + w * Lg7)));
        Vector128<double> lo = hfsq - (s * (hfsq + (t2 + t1)) + (dk * Ln2LoD + c));
        Vector128<double> hi = dk * Ln2HiD;
        if (unitArgument)
        {
            return (hi + f) - lo;
        }

        Vector128<long> small = Vector128.GreaterThanOrEqual(kb, Vector128.Create(1087L)) &
                                Vector128.LessThanOrEqual(kb, Vector128.Create(1089L));
        return Vector128.ConditionalSelect(small.AsDouble(), (hi + f) - lo, hi - (lo - f));
    }
}
