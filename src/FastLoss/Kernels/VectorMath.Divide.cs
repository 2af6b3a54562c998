using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// Division by a per-call constant (a formula's hyperparameter, e.g. SmoothL1's beta): a 512-bit division costs more
// than the loads of a memory-bound loss, and x·(1/d) is bit-identical to x/d whenever d is ± a power of two with a
// finite reciprocal (both are the one correctly rounded value of the same real number, subnormals included). The
// operator computes ExactReciprocal once per call. Generated kernels are generic over an IDivisionMode that the call
// picks once (HasExactReciprocal), so the choice is a JIT-time constant: a branch per vector split the unrolled sum
// loop into blocks, reloaded its constants in each one and cost SmoothL1 a third of its time.
public static partial class VectorMath
{
    /// <summary>Whether dividing by <paramref name="divisor"/> may be done by multiplying with its <see cref="ExactReciprocal(float)"/>.</summary>
    /// <param name="divisor">The divisor.</param>
    /// <returns>True if the divisor is ± a power of two with a finite reciprocal.</returns>
    public static bool HasExactReciprocal(float divisor) => !float.IsNaN(ExactReciprocal(divisor));

    /// <inheritdoc cref="HasExactReciprocal(float)"/>
    public static bool HasExactReciprocal(double divisor) => !double.IsNaN(ExactReciprocal(divisor));

    /// <summary><paramref name="dividend"/> / <paramref name="divisor"/> as <typeparamref name="TDivision"/> says, bit-identical to the division either way.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <typeparam name="TDivision"><see cref="MultiplyByReciprocal"/> only when <paramref name="exactReciprocal"/> is exact (<see cref="HasExactReciprocal(float)"/>), else <see cref="TrueDivision"/>.</typeparam>
    /// <param name="dividend">The dividend.</param>
    /// <param name="divisor">The divisor.</param>
    /// <param name="exactReciprocal">ExactReciprocal(divisor).</param>
    /// <returns>The quotient.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide<T, TDivision>(T dividend, T divisor, T exactReciprocal)
        where T : IFloatingPointIeee754<T>
        where TDivision : struct, IDivisionMode
        => TDivision.ByReciprocal ? dividend * exactReciprocal : dividend / divisor;

    /// <inheritdoc cref="Divide{T, TDivision}(T, T, T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide<T, TDivision>(Vector128<T> dividend, Vector128<T> divisor, T exactReciprocal)
        where T : IFloatingPointIeee754<T>
        where TDivision : struct, IDivisionMode
        => TDivision.ByReciprocal ? dividend * exactReciprocal : dividend / divisor;

    /// <inheritdoc cref="Divide{T, TDivision}(T, T, T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide<T, TDivision>(Vector256<T> dividend, Vector256<T> divisor, T exactReciprocal)
        where T : IFloatingPointIeee754<T>
        where TDivision : struct, IDivisionMode
        => TDivision.ByReciprocal ? dividend * exactReciprocal : dividend / divisor;

    /// <inheritdoc cref="Divide{T, TDivision}(T, T, T)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide<T, TDivision>(Vector512<T> dividend, Vector512<T> divisor, T exactReciprocal)
        where T : IFloatingPointIeee754<T>
        where TDivision : struct, IDivisionMode
        => TDivision.ByReciprocal ? dividend * exactReciprocal : dividend / divisor;

    /// <summary>
    /// The reciprocal of <paramref name="divisor"/> if multiplying by it gives the same bits as dividing by the divisor for
    /// every dividend (the divisor is ± a power of two and its reciprocal is finite), otherwise NaN.
    /// </summary>
    /// <param name="divisor">The divisor.</param>
    /// <returns>1 / divisor, exactly, or NaN.</returns>
    public static float ExactReciprocal(float divisor)
    {
        int magnitude = Bits(divisor) & 0x7FFFFFFF;
        int mantissa = magnitude & 0x007FFFFF;
        int exponent = magnitude >> 23;
        bool powerOfTwo = exponent is > 0 and < 0xFF ? mantissa == 0 : exponent == 0 && mantissa != 0 && (mantissa & (mantissa - 1)) == 0;
        float reciprocal = 1f / divisor;
        return powerOfTwo && float.IsFinite(reciprocal) ? reciprocal : float.NaN;
    }

    /// <inheritdoc cref="ExactReciprocal(float)"/>
    public static double ExactReciprocal(double divisor)
    {
        long magnitude = Bits(divisor) & 0x7FFFFFFFFFFFFFFF;
        long mantissa = magnitude & 0x000FFFFFFFFFFFFF;
        long exponent = magnitude >> 52;
        bool powerOfTwo = exponent is > 0 and < 0x7FF ? mantissa == 0 : exponent == 0 && mantissa != 0 && (mantissa & (mantissa - 1)) == 0;
        double reciprocal = 1.0 / divisor;
        return powerOfTwo && double.IsFinite(reciprocal) ? reciprocal : double.NaN;
    }
}
