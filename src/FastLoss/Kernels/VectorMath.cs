using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// Layout of the VectorMath.*.cs files: scalar float/double code first, then the Vector512 code, then Vector256 and
// Vector128 copies that are textually identical to the Vector512 block except for the type names. Edit the
// Vector512 block and re-derive the other two (s/Vector512/Vector256/g, s/Vector512/Vector128/g), and keep the
// scalar code performing the same IEEE operations in the same order: the tests check bit-identity of every lane.

/// <summary>
/// Deterministic vectorised transcendental functions for the generated loss kernels.
/// </summary>
/// <remarks>
/// <para>
/// Every function has a scalar overload and <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/> and
/// <see cref="Vector512{T}"/> overloads for <see cref="float"/> and <see cref="double"/>. All of them run the same
/// sequence of IEEE 754 operations (round to nearest even, no fused multiply-add, no platform-dependent
/// "native" instructions, no calls into <see cref="Math"/> or <see cref="MathF"/>), so for any input the scalar
/// result and every lane of every vector result are bit-identical, whatever the vector width, the instruction
/// set the JIT targets, or the software fallback. NaN results are always the canonical NaN
/// (<see cref="float.NaN"/> / <see cref="double.NaN"/>).
/// </para>
/// <para>
/// Single-precision functions are computed in single precision (Cephes-style range reduction with a split ln 2
/// and minimax polynomials); only <see cref="Pow(float, float)"/> works internally in double precision.
/// Special values (NaN, ±∞, ±0, subnormals, overflow and gradual underflow) follow <see cref="Math"/> and
/// <see cref="MathF"/>. The error bounds in the remarks of each member are in units in the last place (ulp)
/// of the result, measured against a higher-precision reference.
/// </para>
/// </remarks>
public static partial class VectorMath
{
    // 1.5 * 2^23 and 1.5 * 2^52: adding and subtracting them rounds to the nearest integer (ties to even), and
    // the low bits of the sum hold that integer.
    private const float RoundMagicF = 12582912f;
    private const int RoundMagicFBits = 0x4B400000;
    private const double RoundMagicD = 6755399441055744.0;
    private const long RoundMagicDBits = 0x4338000000000000;

    private const float TwoPow23F = 8388608f;
    private const double TwoPow52D = 4503599627370496.0;
    private const int SignMaskF = unchecked((int)0x80000000);
    private const int AbsMaskF = 0x7FFFFFFF;
    private const long SignMaskD = unchecked((long)0x8000000000000000);
    private const long AbsMaskD = 0x7FFFFFFFFFFFFFFF;

    // Scalar bit helpers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bits(float x) => BitConverter.SingleToInt32Bits(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float FromBits(int bits) => BitConverter.Int32BitsToSingle(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FromBits(long bits) => BitConverter.Int64BitsToDouble(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float AbsBits(float x) => FromBits(Bits(x) & AbsMaskF);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AbsBits(double x) => FromBits(Bits(x) & AbsMaskD);

    /// <summary>Sets the sign bit of <paramref name="magnitude"/> (which must be +) from <paramref name="sign"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float OrSign(float magnitude, float sign) => FromBits(Bits(magnitude) | (Bits(sign) & SignMaskF));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double OrSign(double magnitude, double sign) => FromBits(Bits(magnitude) | (Bits(sign) & SignMaskD));

    /// <summary>y * 2^(a - 254) in two exact power-of-two steps, so gradual underflow rounds only once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ScaleBiased(float y, int a)
    {
        int h = (int)((uint)a >> 1);
        return y * FromBits(h << 23) * FromBits((a - h) << 23);
    }

    /// <summary>y * 2^(a - 2046) in two exact power-of-two steps, so gradual underflow rounds only once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ScaleBiased(double y, long a)
    {
        long h = (long)((ulong)a >> 1);
        return y * FromBits(h << 52) * FromBits((a - h) << 52);
    }

    /// <summary>True when x is an integer (or ±∞); false for NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIntegral(float x)
    {
        float a = AbsBits(x);
        return a >= TwoPow23F || (a + TwoPow23F) - TwoPow23F == a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsIntegral(double x)
    {
        double a = AbsBits(x);
        return a >= TwoPow52D || (a + TwoPow52D) - TwoPow52D == a;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> AbsBits(Vector512<float> x) => (x.AsInt32() & Vector512.Create(AbsMaskF)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AbsBits(Vector512<double> x) => (x.AsInt64() & Vector512.Create(AbsMaskD)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> OrSign(Vector512<float> magnitude, Vector512<float> sign) =>
        (magnitude.AsInt32() | (sign.AsInt32() & Vector512.Create(SignMaskF))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> OrSign(Vector512<double> magnitude, Vector512<double> sign) =>
        (magnitude.AsInt64() | (sign.AsInt64() & Vector512.Create(SignMaskD))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ScaleBiased(Vector512<float> y, Vector512<int> a)
    {
        Vector512<int> h = Vector512.ShiftRightLogical(a, 1);
        return y * Vector512.ShiftLeft(h, 23).AsSingle() * Vector512.ShiftLeft(a - h, 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ScaleBiased(Vector512<double> y, Vector512<long> a)
    {
        Vector512<long> h = Vector512.ShiftRightLogical(a, 1);
        return y * Vector512.ShiftLeft(h, 52).AsDouble() * Vector512.ShiftLeft(a - h, 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> IsIntegral(Vector512<float> x)
    {
        Vector512<float> a = AbsBits(x);
        Vector512<float> big = Vector512.Create(TwoPow23F);
        return Vector512.GreaterThanOrEqual(a, big) | Vector512.Equals((a + big) - big, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> IsIntegral(Vector512<double> x)
    {
        Vector512<double> a = AbsBits(x);
        Vector512<double> big = Vector512.Create(TwoPow52D);
        return Vector512.GreaterThanOrEqual(a, big) | Vector512.Equals((a + big) - big, a);
    }

    /// <summary>Replaces every NaN lane of <paramref name="r"/> by the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> CanonicalNaN(Vector512<float> r) =>
        Vector512.ConditionalSelect(Vector512.Equals(r, r), r, Vector512.Create(float.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> CanonicalNaN(Vector512<double> r) =>
        Vector512.ConditionalSelect(Vector512.Equals(r, r), r, Vector512.Create(double.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> AbsBits(Vector256<float> x) => (x.AsInt32() & Vector256.Create(AbsMaskF)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> AbsBits(Vector256<double> x) => (x.AsInt64() & Vector256.Create(AbsMaskD)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> OrSign(Vector256<float> magnitude, Vector256<float> sign) =>
        (magnitude.AsInt32() | (sign.AsInt32() & Vector256.Create(SignMaskF))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> OrSign(Vector256<double> magnitude, Vector256<double> sign) =>
        (magnitude.AsInt64() | (sign.AsInt64() & Vector256.Create(SignMaskD))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ScaleBiased(Vector256<float> y, Vector256<int> a)
    {
        Vector256<int> h = Vector256.ShiftRightLogical(a, 1);
        return y * Vector256.ShiftLeft(h, 23).AsSingle() * Vector256.ShiftLeft(a - h, 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ScaleBiased(Vector256<double> y, Vector256<long> a)
    {
        Vector256<long> h = Vector256.ShiftRightLogical(a, 1);
        return y * Vector256.ShiftLeft(h, 52).AsDouble() * Vector256.ShiftLeft(a - h, 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> IsIntegral(Vector256<float> x)
    {
        Vector256<float> a = AbsBits(x);
        Vector256<float> big = Vector256.Create(TwoPow23F);
        return Vector256.GreaterThanOrEqual(a, big) | Vector256.Equals((a + big) - big, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> IsIntegral(Vector256<double> x)
    {
        Vector256<double> a = AbsBits(x);
        Vector256<double> big = Vector256.Create(TwoPow52D);
        return Vector256.GreaterThanOrEqual(a, big) | Vector256.Equals((a + big) - big, a);
    }

    /// <summary>Replaces every NaN lane of <paramref name="r"/> by the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> CanonicalNaN(Vector256<float> r) =>
        Vector256.ConditionalSelect(Vector256.Equals(r, r), r, Vector256.Create(float.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> CanonicalNaN(Vector256<double> r) =>
        Vector256.ConditionalSelect(Vector256.Equals(r, r), r, Vector256.Create(double.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> AbsBits(Vector128<float> x) => (x.AsInt32() & Vector128.Create(AbsMaskF)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> AbsBits(Vector128<double> x) => (x.AsInt64() & Vector128.Create(AbsMaskD)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> OrSign(Vector128<float> magnitude, Vector128<float> sign) =>
        (magnitude.AsInt32() | (sign.AsInt32() & Vector128.Create(SignMaskF))).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> OrSign(Vector128<double> magnitude, Vector128<double> sign) =>
        (magnitude.AsInt64() | (sign.AsInt64() & Vector128.Create(SignMaskD))).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ScaleBiased(Vector128<float> y, Vector128<int> a)
    {
        Vector128<int> h = Vector128.ShiftRightLogical(a, 1);
        return y * Vector128.ShiftLeft(h, 23).AsSingle() * Vector128.ShiftLeft(a - h, 23).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ScaleBiased(Vector128<double> y, Vector128<long> a)
    {
        Vector128<long> h = Vector128.ShiftRightLogical(a, 1);
        return y * Vector128.ShiftLeft(h, 52).AsDouble() * Vector128.ShiftLeft(a - h, 52).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> IsIntegral(Vector128<float> x)
    {
        Vector128<float> a = AbsBits(x);
        Vector128<float> big = Vector128.Create(TwoPow23F);
        return Vector128.GreaterThanOrEqual(a, big) | Vector128.Equals((a + big) - big, a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> IsIntegral(Vector128<double> x)
    {
        Vector128<double> a = AbsBits(x);
        Vector128<double> big = Vector128.Create(TwoPow52D);
        return Vector128.GreaterThanOrEqual(a, big) | Vector128.Equals((a + big) - big, a);
    }

    /// <summary>Replaces every NaN lane of <paramref name="r"/> by the canonical NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> CanonicalNaN(Vector128<float> r) =>
        Vector128.ConditionalSelect(Vector128.Equals(r, r), r, Vector128.Create(float.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> CanonicalNaN(Vector128<double> r) =>
        Vector128.ConditionalSelect(Vector128.Equals(r, r), r, Vector128.Create(double.NaN));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float CanonicalNaN(float r) => float.IsNaN(r) ? float.NaN : r;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double CanonicalNaN(double r) => double.IsNaN(r) ? double.NaN : r;
}
