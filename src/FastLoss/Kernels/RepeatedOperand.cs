using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// A per-element operand given as a span that torch would broadcast over the input: one value per element, one value
/// per position of the last dimension (repeated for every row: element i reads <c>values[i mod period]</c>), one value
/// for every element, or none (a constant). Used by the weighted binary cross-entropies, whose <c>weight</c> and
/// <c>pos_weight</c> are per class.
/// </summary>
/// <remarks>
/// Loads return the same values whatever the width, so kernels built on it keep the driver's contract (every lane of
/// a vector overload equals the scalar overload).
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
internal readonly ref struct RepeatedOperand<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly ref T _values;

    /// <summary>0: the constant; otherwise the period (the input's length for one value per element).</summary>
    private readonly nuint _period;
    private readonly bool _direct;
    private readonly T _constant;

    /// <summary>Binds the operand; its length is already validated (0, 1, the period or the input's length).</summary>
    /// <param name="values">The values.</param>
    /// <param name="inputLength">The input's length.</param>
    /// <param name="none">The value used when <paramref name="values"/> is empty.</param>
    public RepeatedOperand(ReadOnlySpan<T> values, int inputLength, T none)
    {
        _values = ref MemoryMarshal.GetReference(values);
        _constant = values.Length == 1 ? values[0] : none;
        _period = values.Length <= 1 ? 0 : (nuint)values.Length;
        _direct = values.Length >= inputLength && values.Length > 1;
    }

    /// <summary>The value of element <paramref name="i"/>.</summary>
    public T At(nuint i) => _period == 0 ? _constant : Unsafe.Add(ref _values, _direct ? i : i % _period);

    /// <summary>The values of the elements starting at <paramref name="i"/>.</summary>
    public Vector128<T> At128(nuint i)
        => _period == 0 ? Vector128.Create(_constant)
            : IsContiguous(i, Vector128<T>.Count, out nuint offset) ? Vector128.LoadUnsafe(ref _values, offset)
            : Vector128.Create<T>(Gather(stackalloc T[Vector128<T>.Count], offset));

    /// <inheritdoc cref="At128"/>
    public Vector256<T> At256(nuint i)
        => _period == 0 ? Vector256.Create(_constant)
            : IsContiguous(i, Vector256<T>.Count, out nuint offset) ? Vector256.LoadUnsafe(ref _values, offset)
            : Vector256.Create<T>(Gather(stackalloc T[Vector256<T>.Count], offset));

    /// <inheritdoc cref="At128"/>
    public Vector512<T> At512(nuint i)
        => _period == 0 ? Vector512.Create(_constant)
            : IsContiguous(i, Vector512<T>.Count, out nuint offset) ? Vector512.LoadUnsafe(ref _values, offset)
            : Vector512.Create<T>(Gather(stackalloc T[Vector512<T>.Count], offset));

    /// <summary>Throws unless <paramref name="length"/> is 0 (none), 1, <paramref name="period"/> or <paramref name="inputLength"/>.</summary>
    public static void ValidateLength(int length, int period, int inputLength, string name)
    {
        if (length is not (0 or 1) && length != period && length != inputLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' has {length} elements: give one per class ({period}, broadcast over the rows), one per element ({inputLength}), a single value, or none."),
                name);
        }
    }

    /// <summary>Where element <paramref name="i"/> reads, and whether <paramref name="count"/> values from there are contiguous (no wrap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsContiguous(nuint i, int count, out nuint offset)
    {
        offset = _direct ? i : i % _period;
        return _direct || offset + (nuint)count <= _period;
    }

    /// <summary>The values from <paramref name="offset"/> on, wrapping at the period, into <paramref name="lanes"/>.</summary>
    private ReadOnlySpan<T> Gather(Span<T> lanes, nuint offset)
    {
        for (int j = 0; j < lanes.Length; j++)
        {
            lanes[j] = Unsafe.Add(ref _values, offset);
            if (++offset == _period)
            {
                offset = 0;
            }
        }

        return lanes;
    }
}
