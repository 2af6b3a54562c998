namespace FastLoss.Kernels;

/// <summary>
/// How a generated kernel raises to a hyperparameter power, fixed for a whole call so that the choice is a constant to
/// the JIT (see <see cref="VectorMath.Pow{TPower}(float, float)"/>).
/// </summary>
public interface IPowerMode
{
    /// <summary>Gets a value indicating whether every hyperparameter exponent is 2, so that x^y is the product x·x.</summary>
    static abstract bool Square { get; }
}

/// <summary>Raises to the power 2 by one multiplication: only when the exponent is exactly 2.</summary>
public readonly struct SquareExponent : IPowerMode
{
    /// <inheritdoc/>
    public static bool Square => true;
}

/// <summary>Raises to any power with <see cref="VectorMath.Pow(float, float)"/>.</summary>
public readonly struct GeneralExponent : IPowerMode
{
    /// <inheritdoc/>
    public static bool Square => false;
}
