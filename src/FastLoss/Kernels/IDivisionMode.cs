namespace FastLoss.Kernels;

/// <summary>
/// How a generated kernel divides by a hyperparameter, fixed for a whole call so that the choice is a constant to the
/// JIT (see <see cref="VectorMath.Divide{T, TDivision}(T, T, T)"/>).
/// </summary>
public interface IDivisionMode
{
    /// <summary>Gets a value indicating whether the quotient is the dividend times the divisor's exact reciprocal.</summary>
    static abstract bool ByReciprocal { get; }
}

/// <summary>Divides by multiplying with the divisor's exact reciprocal: only for divisors that are ± a power of two.</summary>
public readonly struct MultiplyByReciprocal : IDivisionMode
{
    /// <inheritdoc/>
    public static bool ByReciprocal => true;
}

/// <summary>Divides with the division instruction: any divisor.</summary>
public readonly struct TrueDivision : IDivisionMode
{
    /// <inheritdoc/>
    public static bool ByReciprocal => false;
}
