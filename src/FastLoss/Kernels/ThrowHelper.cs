using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>Argument validation shared by the built-in losses and generated code. Infrastructure.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThrowHelper
{
    /// <summary>Throws unless an operand has the input's length.</summary>
    /// <param name="inputLength">The input's length.</param>
    /// <param name="operandLength">The operand's length.</param>
    /// <param name="operandName">The operand's parameter name.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void ValidateOperandLength(int inputLength, int operandLength, string operandName)
    {
        if (operandLength != inputLength)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'{0}' has {1} elements but 'input' has {2}: every operand needs one value per input element.", operandName, operandLength, inputLength),
                operandName);
        }
    }

    /// <summary>Throws unless a destination can hold <paramref name="inputLength"/> elements and does not partially overlap an input.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="inputLength">The number of elements to write.</param>
    /// <param name="destination">The destination.</param>
    /// <param name="destinationName">The destination's parameter name.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static void ValidateDestination<T>(int inputLength, Span<T> destination, string destinationName)
    {
        if (destination.Length < inputLength)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Destination is too short: '{0}' has {1} elements but {2} are written.", destinationName, destination.Length, inputLength),
                destinationName);
        }
    }

    /// <summary>
    /// Throws if <paramref name="destination"/> overlaps <paramref name="operand"/> other than exactly (in place,
    /// which is allowed: every element is read before it is written).
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="operand">An input operand.</param>
    /// <param name="destination">The destination, trimmed to the written length.</param>
    /// <param name="destinationName">The destination's parameter name.</param>
    /// <exception cref="ArgumentException">The spans overlap partially.</exception>
    public static void ValidateNoPartialOverlap<T>(ReadOnlySpan<T> operand, Span<T> destination, string destinationName)
    {
        if (operand.Overlaps(destination, out int offset) && !(offset == 0 && operand.Length == destination.Length))
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'{0}' overlaps an input span partially; use separate memory or exactly the same span (in place).", destinationName),
                destinationName);
        }
    }

    /// <summary>
    /// Throws if the memory of <paramref name="destination"/> overlaps that of <paramref name="input"/> at all, for
    /// outputs of another element type or shape than the input, where even an exact overlap would read overwritten values.
    /// </summary>
    /// <exception cref="ArgumentException">The spans share memory.</exception>
    internal static void ValidateNoOverlap<TInput, TOutput>(ReadOnlySpan<TInput> input, Span<TOutput> destination, string destinationName, string inputName)
    {
        if (input.IsEmpty || destination.IsEmpty)
        {
            return;
        }

        nint inputBytes = (nint)input.Length * Unsafe.SizeOf<TInput>();
        nint destinationBytes = (nint)destination.Length * Unsafe.SizeOf<TOutput>();
        nint offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(input), ref Unsafe.As<TOutput, TInput>(ref MemoryMarshal.GetReference(destination)));
        if (offset < inputBytes && -offset < destinationBytes)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'{0}' overlaps '{1}': results would overwrite values still to be read. Use separate memory.", destinationName, inputName),
                destinationName);
        }
    }

    /// <summary>Throws for a reduction an element-wise loss does not support.</summary>
    /// <param name="reduction">The reduction.</param>
    /// <exception cref="ArgumentOutOfRangeException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowUnsupportedReduction(Reduction reduction)
        => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unsupported reduction: use Reduction.Mean or Reduction.Sum (Reduction.BatchMean only with the KlDiv overloads that take a batchSize).");

    /// <summary>Throws unless a hyperparameter satisfies its constraint (which always includes "not NaN").</summary>
    /// <typeparam name="T">The hyperparameter's type.</typeparam>
    /// <param name="condition">The constraint holds.</param>
    /// <param name="value">The hyperparameter's value.</param>
    /// <param name="parameterName">The hyperparameter's name.</param>
    /// <param name="constraint">The constraint, e.g. "a number greater than 0".</param>
    /// <exception cref="ArgumentOutOfRangeException">The constraint does not hold.</exception>
    public static void ValidateHyperparameter<T>(bool condition, T value, string parameterName, string constraint)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, "'" + parameterName + "' must be " + constraint + ".");
        }
    }
}
