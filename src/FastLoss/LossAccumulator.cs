using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastLoss.Kernels;

namespace FastLoss;

/// <summary>
/// Accumulates per-element losses (optionally weighted) over data that does not fit one call, one thread or one
/// machine: add spans as they come, <see cref="Merge"/> per-shard accumulators in any order, read
/// <see cref="Mean"/> or <see cref="Sum"/>.
/// </summary>
/// <remarks>
/// <para>Sums are exact: every added value goes into a superaccumulator (one 128-bit integer per binary exponent)
/// and is rounded once, to nearest, when read. So the result does not depend on how the data was split into calls
/// or shards, nor on the order of <see cref="Add(ReadOnlySpan{T})"/> and <see cref="Merge"/> calls: merging shard
/// accumulators gives the one-shot result bit for bit, in any order. A weighted element contributes the product
/// w·l rounded in <typeparamref name="T"/> (as the per-element loss of a weighted loss is), then summed exactly.</para>
/// <para>NaN anywhere, or both +∞ and −∞, gives NaN; otherwise an infinite loss gives that infinity (as IEEE
/// summation). <see cref="Mean"/> of nothing is NaN (as PyTorch's mean).</para>
/// <para>Use <see cref="ToBytes"/> and <see cref="FromBytes"/> to ship a shard's state to wherever shards are
/// combined. An instance is not thread-safe; give each thread or shard its own and merge them.</para>
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LossAccumulator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const uint Magic = 0x414C_4C46; // "FLLA"
    private const byte Version = 1;

    private readonly ExactSum _sum;
    private readonly ExactSum _weight;

    /// <summary>Initializes an empty accumulator.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public LossAccumulator()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"LossAccumulator<{typeof(T).Name}> is not supported: use float or double.");
        }

        _sum = new ExactSum(IsSingle);
        _weight = new ExactSum(IsSingle);
    }

    /// <summary>Gets the number of losses added.</summary>
    public long Count { get; private set; }

    /// <summary>Gets the sum of the (weighted) losses, exact and then rounded to nearest.</summary>
    public T Sum => Read(_sum);

    /// <summary>Gets the sum of the weights (the count when no weights were given), exact and then rounded to nearest.</summary>
    public T WeightTotal => Read(_weight);

    /// <summary>
    /// Gets <see cref="Sum"/> / <see cref="WeightTotal"/>: the mean for unweighted losses, and PyTorch's weighted mean
    /// Σ w·l / Σ w for weighted ones. NaN when nothing was added.
    /// </summary>
    public T Mean => Sum / WeightTotal;

    private static bool IsSingle => typeof(T) == typeof(float);

    /// <summary>Adds one loss with weight 1.</summary>
    /// <param name="loss">The loss.</param>
    public void Add(T loss)
    {
        AddValue(_sum, loss);
        _weight.AddInteger(1);
        Count++;
    }

    /// <summary>Adds one loss with a weight: the sum gains w·l (rounded in <typeparamref name="T"/>), the weight total w.</summary>
    /// <param name="loss">The loss.</param>
    /// <param name="weight">Its weight.</param>
    public void Add(T loss, T weight)
    {
        AddValue(_sum, weight * loss);
        AddValue(_weight, weight);
        Count++;
    }

    /// <summary>Adds per-element losses, each with weight 1 (e.g. what a loss's destination overload wrote).</summary>
    /// <param name="losses">The losses.</param>
    public void Add(ReadOnlySpan<T> losses)
    {
        if (IsSingle)
        {
            foreach (float value in MemoryMarshal.Cast<T, float>(losses))
            {
                _sum.Add(value);
            }
        }
        else
        {
            foreach (double value in MemoryMarshal.Cast<T, double>(losses))
            {
                _sum.Add(value);
            }
        }

        _weight.AddInteger(losses.Length);
        Count += losses.Length;
    }

    /// <summary>Adds per-element losses with per-element weights.</summary>
    /// <param name="losses">The losses.</param>
    /// <param name="weights">One weight per loss.</param>
    /// <exception cref="ArgumentException"><paramref name="weights"/> has another length than <paramref name="losses"/>.</exception>
    public void Add(ReadOnlySpan<T> losses, ReadOnlySpan<T> weights)
    {
        if (weights.Length != losses.Length)
        {
            throw new ArgumentException($"'weights' has {weights.Length} elements but 'losses' has {losses.Length}: one weight per loss.", nameof(weights));
        }

        for (int i = 0; i < losses.Length; i++)
        {
            AddValue(_sum, weights[i] * losses[i]);
            AddValue(_weight, weights[i]);
        }

        Count += losses.Length;
    }

    /// <summary>Adds everything another accumulator holds (it is not changed). Merging is exact, so any order gives the same bits.</summary>
    /// <param name="other">The accumulator to merge in.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public void Merge(LossAccumulator<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _sum.Merge(other._sum);
        _weight.Merge(other._weight);
        Count += other.Count;
    }

    /// <summary>Forgets everything added.</summary>
    public void Clear()
    {
        _sum.Clear();
        _weight.Clear();
        Count = 0;
    }

    /// <summary>Serializes the exact state (a few hundred bytes; only non-zero bins are written).</summary>
    /// <returns>The bytes, readable by <see cref="FromBytes"/> on any machine.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[4 + 1 + 1 + 8 + _sum.SerializedLength + _weight.SerializedLength];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        bytes[4] = Version;
        bytes[5] = (byte)Unsafe.SizeOf<T>();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(6), Count);
        int offset = 14;
        offset += _sum.Write(bytes.AsSpan(offset));
        _weight.Write(bytes.AsSpan(offset));
        return bytes;
    }

    /// <summary>Restores an accumulator serialized by <see cref="ToBytes"/>.</summary>
    /// <param name="data">The serialized state.</param>
    /// <returns>The accumulator.</returns>
    /// <exception cref="ArgumentException">The data is not a serialized <see cref="LossAccumulator{T}"/> of this element type.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "A factory of this type, called as LossAccumulator<float>.FromBytes, like ImmutableArray<T>.Empty.")]
    public static LossAccumulator<T> FromBytes(ReadOnlySpan<byte> data)
    {
        var result = new LossAccumulator<T>();
        if (data.Length < 14 || BinaryPrimitives.ReadUInt32LittleEndian(data) != Magic || data[4] != Version)
        {
            throw new ArgumentException("The data is not a serialized LossAccumulator (wrong header or version).", nameof(data));
        }

        if (data[5] != Unsafe.SizeOf<T>())
        {
            throw new ArgumentException($"The data holds a LossAccumulator of {data[5]}-byte elements, not {typeof(T).Name}.", nameof(data));
        }

        long count = BinaryPrimitives.ReadInt64LittleEndian(data[6..]);
        int used = result._sum.Read(data[14..]);
        int usedWeight = used < 0 ? -1 : result._weight.Read(data[(14 + used)..]);
        if (count < 0 || usedWeight < 0 || 14 + used + usedWeight != data.Length)
        {
            throw new ArgumentException("The serialized LossAccumulator is truncated or corrupt.", nameof(data));
        }

        result.Count = count;
        return result;
    }

    private static void AddValue(ExactSum sum, T value)
    {
        if (IsSingle)
        {
            sum.Add(Unsafe.BitCast<T, float>(value));
        }
        else
        {
            sum.Add(Unsafe.BitCast<T, double>(value));
        }
    }

    private static T Read(ExactSum sum)
        => IsSingle ? Unsafe.BitCast<float, T>(sum.ToSingle()) : Unsafe.BitCast<double, T>(sum.ToDouble());
}
