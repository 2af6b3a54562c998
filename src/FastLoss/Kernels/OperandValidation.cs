using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// Checks of operand values (<see cref="OperandAttribute"/>) and of the extra gradient outputs
/// (<see cref="DifferentiableAttribute"/>) for generated code. Infrastructure.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OperandValidation
{
    /// <summary>
    /// Throws unless every element of <paramref name="values"/> lies in [<paramref name="minimum"/>,
    /// <paramref name="maximum"/>] (NaN only if <paramref name="allowNaN"/>). One vectorized pass; the message names
    /// the first bad element's index and value.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The operand.</param>
    /// <param name="minimum">The smallest accepted value (an exclusive bound is passed as the next value up).</param>
    /// <param name="maximum">The largest accepted value (an exclusive bound is passed as the next value down).</param>
    /// <param name="allowNaN">Whether NaN is accepted.</param>
    /// <param name="parameterName">The operand's parameter name.</param>
    /// <param name="constraint">The rule in words, e.g. "at least 0 and at most 1, not NaN".</param>
    /// <exception cref="ArgumentException">An element is out of range.</exception>
    public static void ValidateRange<T>(ReadOnlySpan<T> values, T minimum, T maximum, bool allowNaN, string parameterName, string constraint)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int index = IndexOfOutOfRange(values, minimum, maximum, allowNaN);
        if (index >= 0)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Every element of '{0}' must be {1}, but {0}[{2}] is {3}.", parameterName, constraint, index, values[index]),
                parameterName);
        }
    }

    /// <summary>Throws if two output spans share any memory (each receives its own gradient).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="first">An output, trimmed to the written length.</param>
    /// <param name="second">Another output, trimmed to the written length.</param>
    /// <param name="secondName">The second output's parameter name.</param>
    /// <param name="firstName">The first output's parameter name.</param>
    /// <exception cref="ArgumentException">The outputs overlap.</exception>
    public static void ValidateDistinctOutputs<T>(Span<T> first, Span<T> second, string secondName, string firstName)
    {
        if (first.Overlaps(second))
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'{0}' overlaps '{1}': each gradient needs its own memory.", secondName, firstName),
                secondName);
        }
    }

    /// <summary>The index of the first element outside [minimum, maximum] (NaN counts unless allowed), or −1.</summary>
    internal static int IndexOfOutOfRange<T>(ReadOnlySpan<T> values, T minimum, T maximum, bool allowNaN)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(values);
        nuint length = (nuint)values.Length;
        nuint i = 0;

        // Whole vectors while every lane is inside; the scalar loop below then finds the first bad element of the
        // vector that stopped the scan (or checks the tail).
        if (Vector512.IsHardwareAccelerated && length >= (nuint)Vector512<T>.Count)
        {
            Vector512<T> lo = Vector512.Create(minimum), hi = Vector512.Create(maximum);
            for (; i + (nuint)Vector512<T>.Count <= length; i += (nuint)Vector512<T>.Count)
            {
                Vector512<T> v = Vector512.LoadUnsafe(ref start, i);
                Vector512<T> inside = Vector512.GreaterThanOrEqual(v, lo) & Vector512.LessThanOrEqual(v, hi);
                if (allowNaN)
                {
                    inside |= ~Vector512.Equals(v, v);
                }

                if ((~inside).ExtractMostSignificantBits() != 0)
                {
                    break;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= (nuint)Vector256<T>.Count)
        {
            Vector256<T> lo = Vector256.Create(minimum), hi = Vector256.Create(maximum);
            for (; i + (nuint)Vector256<T>.Count <= length; i += (nuint)Vector256<T>.Count)
            {
                Vector256<T> v = Vector256.LoadUnsafe(ref start, i);
                Vector256<T> inside = Vector256.GreaterThanOrEqual(v, lo) & Vector256.LessThanOrEqual(v, hi);
                if (allowNaN)
                {
                    inside |= ~Vector256.Equals(v, v);
                }

                if ((~inside).ExtractMostSignificantBits() != 0)
                {
                    break;
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= (nuint)Vector128<T>.Count)
        {
            Vector128<T> lo = Vector128.Create(minimum), hi = Vector128.Create(maximum);
            for (; i + (nuint)Vector128<T>.Count <= length; i += (nuint)Vector128<T>.Count)
            {
                Vector128<T> v = Vector128.LoadUnsafe(ref start, i);
                Vector128<T> inside = Vector128.GreaterThanOrEqual(v, lo) & Vector128.LessThanOrEqual(v, hi);
                if (allowNaN)
                {
                    inside |= ~Vector128.Equals(v, v);
                }

                if ((~inside).ExtractMostSignificantBits() != 0)
                {
                    break;
                }
            }
        }

        for (; i < length; i++)
        {
            T x = Unsafe.Add(ref start, i);
            if (!(x >= minimum && x <= maximum) && !(allowNaN && T.IsNaN(x)))
            {
                return (int)i;
            }
        }

        return -1;
    }
}
