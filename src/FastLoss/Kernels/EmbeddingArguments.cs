using System.Globalization;

namespace FastLoss.Kernels;

/// <summary>
/// Argument checks of the embedding losses (cosine embedding, triplet margin): operands of [N, D] rows, one value per
/// row in the target, per-row destinations and one gradient per operand. All are made before anything is written; each
/// throws an <see cref="ArgumentException"/> (or <see cref="ArgumentOutOfRangeException"/>) naming the argument.
/// </summary>
internal static class EmbeddingArguments
{
    /// <summary>Checks D and that every operand has the first one's length, a multiple of D; returns N.</summary>
    /// <param name="firstLength">The first operand's length.</param>
    /// <param name="firstName">The first operand's name.</param>
    /// <param name="dimension">D.</param>
    /// <param name="secondLength">The second operand's length.</param>
    /// <param name="secondName">The second operand's name.</param>
    /// <param name="thirdLength">The third operand's length, or -1.</param>
    /// <param name="thirdName">The third operand's name.</param>
    /// <returns>The number of rows N.</returns>
    public static int Rows(int firstLength, string firstName, int dimension, int secondLength, string secondName, int thirdLength = -1, string thirdName = "")
    {
        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "'dimension' must be at least 1.");
        }

        SameLength(firstLength, firstName, secondLength, secondName);
        if (thirdLength >= 0)
        {
            SameLength(firstLength, firstName, thirdLength, thirdName);
        }

        if (firstLength % dimension != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{firstName}' has {firstLength} elements, which is not a multiple of 'dimension' ({dimension})."),
                firstName);
        }

        return firstLength / dimension;
    }

    /// <summary>Checks a gradient: as long as its operand and overlapping it only exactly (in place).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="gradient">The gradient destination.</param>
    /// <param name="name">Its parameter name.</param>
    /// <param name="own">The operand it is the gradient of.</param>
    /// <returns>The gradient trimmed to the operand's length.</returns>
    public static Span<T> Gradient<T>(Span<T> gradient, string name, ReadOnlySpan<T> own)
    {
        ThrowHelper.ValidateDestination(own.Length, gradient, name);
        Span<T> written = gradient[..own.Length];
        ThrowHelper.ValidateNoPartialOverlap(own, written, name);
        return written;
    }

    /// <summary>Throws if an output overlaps another operand or output at all.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="written">The output, trimmed to what is written.</param>
    /// <param name="name">Its parameter name.</param>
    /// <param name="other">The other span.</param>
    /// <param name="otherName">The other span's name.</param>
    public static void Disjoint<T>(Span<T> written, string name, ReadOnlySpan<T> other, string otherName)
    {
        if (!written.IsEmpty && written.Overlaps(other))
        {
            throw new ArgumentException($"'{name}' overlaps '{otherName}'; use separate memory.", name);
        }
    }

    private static void SameLength(int firstLength, string firstName, int length, string name)
    {
        if (length != firstLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' has {length} elements but '{firstName}' has {firstLength}: the operands must have the same shape."),
                name);
        }
    }
}
