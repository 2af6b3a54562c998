using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// A stream of values (one per row: a per-sample loss, a class weight) summed in exactly the logical layout of
/// <see cref="ElementwiseDriver"/>: value k goes to lane k mod n of block k / n (n = 16 floats or 8 doubles), four
/// interleaved block accumulators over chunks of 64 blocks, each chunk folded as (a0 + a1) + (a2 + a3) and pushed into
/// a binary-counter cascade, the last block padded with −0, the lanes of the total added by halving. So a row-wise
/// loss's reduction is the sum the driver would compute over its per-sample losses, bit for bit, on every SIMD width.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal struct RowCascade<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private const int BlocksPerChunk = 64;

    private Vector512<T> _block;
    private Vector512<T> _a0;
    private Vector512<T> _a1;
    private Vector512<T> _a2;
    private Vector512<T> _a3;
    private int _lane;
    private int _blocks;
    private ulong _chunks;
    private long _count;
    private Levels _levels;

    /// <summary>
    /// Makes <paramref name="cascade"/> an empty stream in place, without zeroing its 1.6 KB of levels: a level is only
    /// read after it was written (its bit of the chunk count is set). Hold the stream in a [SkipLocalsInit] method that is
    /// never inlined, so the local is not zeroed in some caller's prologue either; zeroing and copying these structs
    /// (a returned one was copied into the caller's local) was most of a short cross-entropy call.
    /// </summary>
    /// <param name="cascade">The stream to initialize.</param>
    public static void Initialize(out RowCascade<T> cascade)
    {
        Unsafe.SkipInit(out cascade);
        Vector512<T> identity = Vector512.Create(T.NegativeZero);
        cascade._block = identity;
        cascade._a0 = identity;
        cascade._a1 = identity;
        cascade._a2 = identity;
        cascade._a3 = identity;
        cascade._lane = 0;
        cascade._blocks = 0;
        cascade._chunks = 0;
        cascade._count = 0;
    }

    /// <summary>Appends one value.</summary>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        Unsafe.Add(ref Unsafe.As<Vector512<T>, T>(ref _block), _lane) = value;
        _count++;
        if (++_lane == Vector512<T>.Count)
        {
            Accumulate(_block);
            _block = Vector512.Create(T.NegativeZero);
            _lane = 0;
        }
    }

    /// <summary>Gets a value indicating whether the next value starts a block (<see cref="AddBlock"/> may be used).</summary>
    public readonly bool AtBlockBoundary => _lane == 0;

    /// <summary>
    /// Appends <see cref="Vector512{T}.Count"/> values at once, value j in lane j: the state that adding them one by one
    /// leaves. Only at a block boundary (when every value so far came in blocks).
    /// </summary>
    /// <param name="block">The values.</param>
    public void AddBlock(Vector512<T> block)
    {
        Debug.Assert(_lane == 0, "Not at a block boundary.");
        _count += Vector512<T>.Count;
        Accumulate(block);
    }

    /// <summary>The sum of every value added (0 when none was).</summary>
    /// <returns>The sum.</returns>
    /// <remarks>
    /// The sum a copy would give after accumulating the partial block and pushing the partial chunk, computed without
    /// the copy: the pushed value carries through the levels whose bits are set, then the levels of the incremented
    /// count are added from the lowest, the pushed one in its place.
    /// </remarks>
    public readonly T Total()
    {
        if (_count == 0)
        {
            return T.Zero;
        }

        ulong chunks = _chunks;
        int pushedLevel = -1;
        Vector512<T> pushed = default;
        if (_lane > 0 || _blocks > 0)
        {
            Vector512<T> a0 = _a0, a1 = _a1, a2 = _a2, a3 = _a3;
            if (_lane > 0)
            {
                switch (_blocks & 3)
                {
                    case 0: a0 += _block; break;
                    case 1: a1 += _block; break;
                    case 2: a2 += _block; break;
                    default: a3 += _block; break;
                }
            }

            pushed = (a0 + a1) + (a2 + a3);
            int level = 0;
            for (ulong carry = chunks; (carry & 1) != 0; carry >>= 1, level++)
            {
                pushed = _levels[level] + pushed;
            }

            pushedLevel = level;
            chunks++;
        }

        Vector512<T> total = Vector512.Create(T.NegativeZero);
        for (ulong pending = chunks; pending != 0; pending &= pending - 1)
        {
            int level = BitOperations.TrailingZeroCount(pending);
            total = (level == pushedLevel ? pushed : _levels[level]) + total;
        }

        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref total);
        for (int width = Vector512<T>.Count / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                Unsafe.Add(ref lane, j) += Unsafe.Add(ref lane, j + width);
            }
        }

        return lane;
    }

    /// <summary>
    /// Appends the sum of 2^<paramref name="level"/> chunks (<paramref name="count"/> values) that another cascade
    /// built (<see cref="Complete"/>). This cascade must be at a chunk boundary with a multiple of 2^level chunks, as it
    /// is at a parallel partition's start: it is then in the state that adding those values one by one leaves.
    /// </summary>
    /// <param name="value">The partition's chunk tree.</param>
    /// <param name="level">Its level.</param>
    /// <param name="count">The number of values it holds.</param>
    public void Push(Vector512<T> value, int level, long count)
    {
        Debug.Assert(_lane == 0 && _blocks == 0 && (_chunks & ((1UL << level) - 1)) == 0, "Not at a partition boundary.");
        ulong chunks = _chunks;
        _chunks += 1UL << level;
        _count += count;
        for (ulong carry = chunks >> level; (carry & 1) != 0; carry >>= 1, level++)
        {
            value = _levels[level] + value;
        }

        _levels[level] = value;
    }

    /// <summary>
    /// The chunk tree of a cascade that holds exactly 2^<paramref name="level"/> chunks (−0 for one that was never
    /// fed, as when a pass computes gradients only).
    /// </summary>
    /// <param name="level">The level.</param>
    /// <returns>The root of the tree.</returns>
    public readonly Vector512<T> Complete(int level)
    {
        Debug.Assert(_lane == 0 && _blocks == 0 && (_chunks == 0 || _chunks == 1UL << level), "Not exactly one complete tree.");
        return _chunks == 0 ? Vector512.Create(T.NegativeZero) : _levels[level];
    }

    private void Accumulate(Vector512<T> block)
    {
        switch (_blocks & 3)
        {
            case 0: _a0 += block; break;
            case 1: _a1 += block; break;
            case 2: _a2 += block; break;
            default: _a3 += block; break;
        }

        if (++_blocks == BlocksPerChunk)
        {
            Push();
        }
    }

    private void Push()
    {
        Vector512<T> value = (_a0 + _a1) + (_a2 + _a3);
        int level = 0;
        for (ulong carry = _chunks; (carry & 1) != 0; carry >>= 1, level++)
        {
            value = _levels[level] + value;
        }

        _levels[level] = value;
        _chunks++;
        Vector512<T> identity = Vector512.Create(T.NegativeZero);
        _a0 = identity;
        _a1 = identity;
        _a2 = identity;
        _a3 = identity;
        _blocks = 0;
    }

    /// <summary>2^26 chunks of at least 512 values: more than any span holds.</summary>
    [InlineArray(Length)]
    private struct Levels
    {
        public const int Length = 26;
        private Vector512<T> _element;
    }
}
