using System.Globalization;
using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// Where a row-wise loss puts each sample's loss: the per-sample destination (reduction 'none') and/or the batch sum,
/// taken in <see cref="RowCascade{T}"/>'s layout (width-independent), divided by the sample count for the mean.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal ref struct RowLossSink<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Span<T> _losses;
    private readonly bool _write;
    private readonly bool _sum;
    private RowCascade<T> _total;

    /// <summary>Initializes a new instance of the <see cref="RowLossSink{T}"/> struct.</summary>
    /// <param name="losses">The per-sample destination (validated by the caller), written when <paramref name="outputs"/> asks for it.</param>
    /// <param name="outputs">What the call produces.</param>
    public RowLossSink(Span<T> losses, RowOutputs outputs)
    {
        _losses = losses;
        _write = (outputs & RowOutputs.Losses) != 0;
        _sum = (outputs & RowOutputs.Value) != 0;
        RowCascade<T>.Initialize(out _total);
    }

    /// <summary>Gets a value indicating whether the per-sample losses are wanted at all.</summary>
    public readonly bool Needed => _write || _sum;

    /// <summary>Records sample <paramref name="row"/>'s loss.</summary>
    /// <param name="row">The sample.</param>
    /// <param name="loss">Its loss.</param>
    public void Add(int row, T loss)
    {
        if (_write)
        {
            _losses[row] = loss;
        }

        if (_sum)
        {
            _total.Add(loss);
        }
    }

    /// <summary>The reduced loss: the sum, or the sum / <paramref name="samples"/> for the mean (NaN for an empty batch); 0 when no value was asked for.</summary>
    /// <param name="reduction">Mean or sum.</param>
    /// <param name="samples">N.</param>
    /// <returns>The reduced loss.</returns>
    public readonly T Result(Reduction reduction, T samples)
    {
        if (!_sum)
        {
            return T.Zero;
        }

        T total = _total.Total();
        return reduction == Reduction.Mean ? total / samples : total;
    }
}

/// <summary>The shape check of the row-wise losses whose input is [N, C] with N implied by its length.</summary>
internal static class RowGeometry
{
    /// <summary>Checks that C is at least 1 and the input holds whole rows of C values; returns N.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="input">The input, [N, C] row-major.</param>
    /// <param name="classCount">C.</param>
    /// <returns>N.</returns>
    public static int Rows<T>(ReadOnlySpan<T> input, int classCount)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
        }

        if (input.Length % classCount != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'input' has {input.Length} elements, which is not a multiple of 'classCount' ({classCount})."),
                nameof(input));
        }

        return input.Length / classCount;
    }
}
