using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// With a = |x|: sinh a = a + a^3 P(a^2) for a < 1, else E - 1/(4E) with E = e^a / 2 computed without
// intermediate overflow (the exponent of e^a is lowered by one before scaling); cosh a = E + 1/(4E). Both
// branches are computed and blended; the sign of x is put back last, so sinh(-0) = -0. The float polynomial is
// Cephes', the double one a minimax fit.
public static partial class VectorMath
{
    private const float SinhP2F = 2.03721912945E-4f;
    private const float SinhP1F = 8.33028376239E-3f;
    private const float SinhP0F = 1.66667160211E-1f;

    private const double TanhSmallD = 0.625;
    private const double TanhP11D = 6.502691012173397e-06;
    private const double TanhP10D = -3.123878956233399e-05;
    private const double TanhP9D = 9.260615811432145e-05;
    private const double TanhP8D = -0.00023760901588342664;
    private const double TanhP7D = 0.0005896666432689207;
    private const double TanhP6D = -0.0014557766652379379;
    private const double TanhP5D = 0.0035921219196791043;
    private const double TanhP4D = -0.008863235117371233;
    private const double TanhP3D = 0.021869488519699627;
    private const double TanhP2D = -0.05396825396791434;
    private const double TanhP1D = 0.13333333333333058;
    private const double TanhP0D = -0.3333333333333333;
    private const double SinhP6D = 7.746188980722796e-13;
    private const double SinhP5D = 1.6057679312185278e-10;
    private const double SinhP4D = 2.5052117699413308e-08;
    private const double SinhP3D = 2.7557319191363643e-06;
    private const double SinhP2D = 0.0001984126984132424;
    private const double SinhP1D = 0.008333333333333299;
    private const double SinhP0D = 0.16666666666666666;

    /// <summary>Computes the hyperbolic sine of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>sinh x.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.62 ulp in an exhaustive check of all 2^32 inputs). Valid for every input; overflows to
    /// ±∞ for |x| &gt; 89.41599; sinh(±0) = ±0, sinh(±∞) = ±∞, NaN gives NaN.
    /// </remarks>
    public static float Sinh(float x)
    {
        float a = AbsBits(x);
        float w = a * a;
        float p = SinhP2F;
        p = p * w + SinhP1F;
        p = p * w + SinhP0F;
        float small = p * w * a + a;
        float e = ExpCore(a, -1);
        float big = e - 0.25f / e;
        return CanonicalNaN(OrSign(a < 1f ? small : big, x));
    }

    /// <summary>Computes the hyperbolic sine of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>sinh x.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.57 ulp observed against a 40-digit reference). Valid for every input; overflows to ±∞
    /// for |x| &gt; 710.47586; sinh(±0) = ±0, sinh(±∞) = ±∞, NaN gives NaN.
    /// </remarks>
    public static double Sinh(double x)
    {
        double a = AbsBits(x);
        double w = a * a;
        double p = SinhP6D;
        p = p * w + SinhP5D;
        p = p * w + SinhP4D;
        p = p * w + SinhP3D;
        p = p * w + SinhP2D;
        p = p * w + SinhP1D;
        p = p * w + SinhP0D;
        double small = p * w * a + a;
        double e = ExpCore(a, -1);
        double big = e - 0.25 / e;
        return CanonicalNaN(OrSign(a < 1.0 ? small : big, x));
    }

    /// <summary>Computes the hyperbolic cosine of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>cosh x ≥ 1.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.35 ulp in an exhaustive check of all 2^32 inputs). Valid for every input; overflows to
    /// +∞ for |x| &gt; 89.41599; cosh(±0) = 1, cosh(±∞) = +∞, NaN gives NaN.
    /// </remarks>
    public static float Cosh(float x)
    {
        float e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + 0.25f / e);
    }

    /// <summary>Computes the hyperbolic cosine of <paramref name="x"/>.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>cosh x ≥ 1.</returns>
    /// <remarks>
    /// Max error 2 ulp (1.26 ulp observed against a 40-digit reference). Valid for every input; overflows to +∞
    /// for |x| &gt; 710.47586; cosh(±0) = 1, cosh(±∞) = +∞, NaN gives NaN.
    /// </remarks>
    public static double Cosh(double x)
    {
        double e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + 0.25 / e);
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sinh(Vector512<float> x)
    {
        Vector512<float> a = AbsBits(x);
        Vector512<float> w = a * a;
        Vector512<float> p = Vector512.Create(SinhP2F);
        p = p * w + Vector512.Create(SinhP1F);
        p = p * w + Vector512.Create(SinhP0F);
        Vector512<float> small = p * w * a + a;
        Vector512<float> e = ExpCore(a, -1);
        Vector512<float> big = e - Vector512.Create(0.25f) / e;
        Vector512<float> r = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(1f)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sinh(Vector512<double> x)
    {
        Vector512<double> a = AbsBits(x);
        Vector512<double> w = a * a;
        Vector512<double> p = Vector512.Create(SinhP6D);
        p = p * w + Vector512.Create(SinhP5D);
        p = p * w + Vector512.Create(SinhP4D);
        p = p * w + Vector512.Create(SinhP3D);
        p = p * w + Vector512.Create(SinhP2D);
        p = p * w + Vector512.Create(SinhP1D);
        p = p * w + Vector512.Create(SinhP0D);
        Vector512<double> small = p * w * a + a;
        Vector512<double> e = ExpCore(a, -1);
        Vector512<double> big = e - Vector512.Create(0.25) / e;
        Vector512<double> r = Vector512.ConditionalSelect(Vector512.LessThan(a, Vector512.Create(1.0)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Cosh(Vector512<float> x)
    {
        Vector512<float> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector512.Create(0.25f) / e);
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Cosh(Vector512<double> x)
    {
        Vector512<double> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector512.Create(0.25) / e);
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sinh(Vector256<float> x)
    {
        Vector256<float> a = AbsBits(x);
        Vector256<float> w = a * a;
        Vector256<float> p = Vector256.Create(SinhP2F);
        p = p * w + Vector256.Create(SinhP1F);
        p = p * w + Vector256.Create(SinhP0F);
        Vector256<float> small = p * w * a + a;
        Vector256<float> e = ExpCore(a, -1);
        Vector256<float> big = e - Vector256.Create(0.25f) / e;
        Vector256<float> r = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(1f)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sinh(Vector256<double> x)
    {
        Vector256<double> a = AbsBits(x);
        Vector256<double> w = a * a;
        Vector256<double> p = Vector256.Create(SinhP6D);
        p = p * w + Vector256.Create(SinhP5D);
        p = p * w + Vector256.Create(SinhP4D);
        p = p * w + Vector256.Create(SinhP3D);
        p = p * w + Vector256.Create(SinhP2D);
        p = p * w + Vector256.Create(SinhP1D);
        p = p * w + Vector256.Create(SinhP0D);
        Vector256<double> small = p * w * a + a;
        Vector256<double> e = ExpCore(a, -1);
        Vector256<double> big = e - Vector256.Create(0.25) / e;
        Vector256<double> r = Vector256.ConditionalSelect(Vector256.LessThan(a, Vector256.Create(1.0)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Cosh(Vector256<float> x)
    {
        Vector256<float> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector256.Create(0.25f) / e);
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Cosh(Vector256<double> x)
    {
        Vector256<double> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector256.Create(0.25) / e);
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sinh(Vector128<float> x)
    {
        Vector128<float> a = AbsBits(x);
        Vector128<float> w = a * a;
        Vector128<float> p = Vector128.Create(SinhP2F);
        p = p * w + Vector128.Create(SinhP1F);
        p = p * w + Vector128.Create(SinhP0F);
        Vector128<float> small = p * w * a + a;
        Vector128<float> e = ExpCore(a, -1);
        Vector128<float> big = e - Vector128.Create(0.25f) / e;
        Vector128<float> r = Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(1f)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes sinh x lane by lane; every lane is bit-identical to <see cref="Sinh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>sinh x per lane.</returns>
    /// <remarks><inheritdoc cref="Sinh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sinh(Vector128<double> x)
    {
        Vector128<double> a = AbsBits(x);
        Vector128<double> w = a * a;
        Vector128<double> p = Vector128.Create(SinhP6D);
        p = p * w + Vector128.Create(SinhP5D);
        p = p * w + Vector128.Create(SinhP4D);
        p = p * w + Vector128.Create(SinhP3D);
        p = p * w + Vector128.Create(SinhP2D);
        p = p * w + Vector128.Create(SinhP1D);
        p = p * w + Vector128.Create(SinhP0D);
        Vector128<double> small = p * w * a + a;
        Vector128<double> e = ExpCore(a, -1);
        Vector128<double> big = e - Vector128.Create(0.25) / e;
        Vector128<double> r = Vector128.ConditionalSelect(Vector128.LessThan(a, Vector128.Create(1.0)), small, big);
        return CanonicalNaN(OrSign(r, x));
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(float)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(float)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Cosh(Vector128<float> x)
    {
        Vector128<float> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector128.Create(0.25f) / e);
    }

    /// <summary>Computes cosh x lane by lane; every lane is bit-identical to <see cref="Cosh(double)"/>.</summary>
    /// <param name="x">The arguments.</param>
    /// <returns>cosh x per lane.</returns>
    /// <remarks><inheritdoc cref="Cosh(double)" path="/remarks/node()"/></remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Cosh(Vector128<double> x)
    {
        Vector128<double> e = ExpCore(AbsBits(x), -1);
        return CanonicalNaN(e + Vector128.Create(0.25) / e);
    }
}
