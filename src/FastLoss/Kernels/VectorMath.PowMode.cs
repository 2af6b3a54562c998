using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// Raising to a per-call exponent (a formula's hyperparameter, e.g. SigmoidFocal's gamma, 2 by default). Pow itself
// tests every vector for an all-2 exponent and then blends its special cases (NaN, ±0, ±∞, negative bases): about
// twenty instructions and a branch that splits the unrolled sum loop, a third of SigmoidFocal's forward time. For
// y = 2 all of that reduces to x·x (the correctly rounded |x|·|x|; every special case of pow(x, 2) is what the product
// gives, NaN aside, which Pow returns as the default NaN and so does this). Generated kernels are generic over an
// IPowerMode that the call picks once (IsSquareExponent), as they are over IDivisionMode.
public static partial class VectorMath
{
    /// <summary>Whether raising to <paramref name="exponent"/> may be done as one multiplication (<see cref="SquareExponent"/>).</summary>
    /// <param name="exponent">The exponent.</param>
    /// <returns>True if the exponent is exactly 2.</returns>
    public static bool IsSquareExponent(float exponent) => exponent == 2f;

    /// <inheritdoc cref="IsSquareExponent(float)"/>
    public static bool IsSquareExponent(double exponent) => exponent == 2.0;

    /// <summary><paramref name="x"/>^<paramref name="y"/> as <typeparamref name="TPower"/> says, bit-identical to <see cref="Pow(float, float)"/> either way.</summary>
    /// <typeparam name="TPower"><see cref="SquareExponent"/> only when <paramref name="y"/> is 2 (<see cref="IsSquareExponent(float)"/>), else <see cref="GeneralExponent"/>.</typeparam>
    /// <param name="x">The base.</param>
    /// <param name="y">The exponent.</param>
    /// <returns>x^y.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Pow<TPower>(float x, float y)
        where TPower : struct, IPowerMode
        => TPower.Square ? (float.IsNaN(x) ? float.NaN : x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Pow<TPower>(double x, double y)
        where TPower : struct, IPowerMode
        => TPower.Square ? (double.IsNaN(x) ? double.NaN : x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Pow<TPower>(Vector128<float> x, Vector128<float> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Pow<TPower>(Vector128<double> x, Vector128<double> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Pow<TPower>(Vector256<float> x, Vector256<float> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Pow<TPower>(Vector256<double> x, Vector256<double> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Pow<TPower>(Vector512<float> x, Vector512<float> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);

    /// <inheritdoc cref="Pow{TPower}(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Pow<TPower>(Vector512<double> x, Vector512<double> y)
        where TPower : struct, IPowerMode
        => TPower.Square ? CanonicalNaN(x * x) : Pow(x, y);
}
