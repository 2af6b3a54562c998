using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// The driver behind the row-wise losses (softmax cross-entropy, NLL, softmax focal): passes over one row of
/// <c>C</c> class values that map and sum lane-wise terms in the same logical layout as
/// <see cref="ElementwiseDriver"/> (64-byte blocks, four interleaved accumulators over chunks of 64 blocks, a pairwise
/// cascade of chunks, the tail masked to −0, halving), computed at the width chosen by the block type
/// (<see cref="Block512{T}"/> … <see cref="BlockScalar{T}"/>). Row sums, and the sums over rows
/// (<see cref="RowCascade{T}"/>), are therefore bit-identical on every SIMD width.
/// </summary>
/// <remarks>
/// A row's tail (the last C mod n values) is computed as a full block and masked: it is loaded directly when the
/// 64 bytes lie inside the operand (the lanes past the row belong to the next row and are discarded), otherwise copied
/// into a zero-padded block; outputs of the tail are stored with a masked store (element by element where the hardware
/// has none). Nothing is read or written outside the spans.
/// </remarks>
internal static class RowwiseDriver
{
    /// <summary>
    /// Test hook: when not 0, <see cref="Dispatch{T, TAction, TResult}"/> on this thread uses the block of this many
    /// bits (512, 256, 128) or the scalar block (1) instead of the widest accelerated one.
    /// </summary>
    [ThreadStatic]
    internal static int ForcedWidth;

    /// <summary>Picks the widest accelerated block type (or <see cref="ForcedWidth"/>) and runs <typeparamref name="TAction"/> with it.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <typeparam name="TAction">What to run.</typeparam>
    /// <typeparam name="TResult">Its result.</typeparam>
    /// <param name="action">The action.</param>
    /// <returns>The action's result.</returns>
    public static TResult Dispatch<T, TAction, TResult>(scoped ref TAction action)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TAction : struct, IBlockAction<T, TResult>, allows ref struct
    {
        switch (ForcedWidth)
        {
            case 512: return action.Run<Block512<T>>();
            case 256: return action.Run<Block256<T>>();
            case 128: return action.Run<Block128<T>>();
            case 1: return action.Run<BlockScalar<T>>();
            default: break;
        }

        if (Vector512.IsHardwareAccelerated)
        {
            return action.Run<Block512<T>>();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return action.Run<Block256<T>>();
        }

        return Vector128.IsHardwareAccelerated ? action.Run<Block128<T>>() : action.Run<BlockScalar<T>>();
    }

    /// <summary>The largest value of the row (NaN if any is NaN).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static T RowMax<T, TBlock, TLayout>(scoped in RowRefs<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        nuint count = (nuint)row.Count;
        TBlock acc = TBlock.Create(T.NegativeInfinity);
        nuint c = 0;
        for (; c + lanes <= count; c += lanes)
        {
            acc = TBlock.Max(acc, TLayout.Load<T, TBlock>(ref row.First, c, row.Stride));
        }

        if (c < count)
        {
            int rest = (int)(count - c);
            TBlock tail = TLayout.LoadPartial<T, TBlock>(ref row.First, c, rest, row.Stride, (nint)(c + lanes) <= row.Readable);
            acc = TBlock.Max(acc, TBlock.KeepFirst(tail, rest, T.NegativeInfinity));
        }

        return TBlock.MaxAcross(acc);
    }

    /// <summary>
    /// One pass over a row: for each block, <typeparamref name="TOp"/> maps the operands to an output block (stored
    /// when <paramref name="write"/>) and up to three summands, which are summed in the driver's layout.
    /// </summary>
    public static void Pass<T, TBlock, TLayout, TOp>(
        scoped ref TOp op, scoped in RowRefs<T> row, scoped in ClassWeights<T, TBlock> weights, bool write, out T sum0, out T sum1, out T sum2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
        where TOp : struct, IRowTerms<T>
    {
        int chunk = Vector512<T>.Count * 64;
        if (row.Count <= chunk)
        {
            Range<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, 0, (nuint)row.Count, out TBlock f0, out TBlock f1, out TBlock f2);
            sum0 = TOp.Sums > 0 ? TBlock.Sum(f0) : T.Zero;
            sum1 = TOp.Sums > 1 ? TBlock.Sum(f1) : T.Zero;
            sum2 = TOp.Sums > 2 ? TBlock.Sum(f2) : T.Zero;
        }
        else
        {
            LongPass<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, out sum0, out sum1, out sum2);
        }
    }

    /// <summary>Rows longer than one chunk: chunks are folded and combined by the pairwise cascade.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LongPass<T, TBlock, TLayout, TOp>(
        scoped ref TOp op, scoped in RowRefs<T> row, scoped in ClassWeights<T, TBlock> weights, bool write, out T sum0, out T sum1, out T sum2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
        where TOp : struct, IRowTerms<T>
    {
        nuint chunk = (nuint)Vector512<T>.Count * 64;
        nuint count = (nuint)row.Count;
        Levels<TBlock> l0 = default, l1 = default, l2 = default;
        ulong pushed = 0;
        for (nuint start = 0; start < count; start += chunk)
        {
            Range<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, start, nuint.Min(count, start + chunk), out TBlock f0, out TBlock f1, out TBlock f2);
            int level = 0;
            for (ulong carry = pushed; (carry & 1) != 0; carry >>= 1, level++)
            {
                f0 = TBlock.Add(l0[level], f0);
                f1 = TBlock.Add(l1[level], f1);
                f2 = TBlock.Add(l2[level], f2);
            }

            l0[level] = f0;
            l1[level] = f1;
            l2[level] = f2;
            pushed++;
        }

        TBlock t0 = TBlock.Create(T.NegativeZero), t1 = t0, t2 = t0;
        for (int level = 0; level < Levels<TBlock>.Length; level++)
        {
            if (((pushed >> level) & 1) != 0)
            {
                t0 = TBlock.Add(l0[level], t0);
                t1 = TBlock.Add(l1[level], t1);
                t2 = TBlock.Add(l2[level], t2);
            }
        }

        sum0 = TOp.Sums > 0 ? TBlock.Sum(t0) : T.Zero;
        sum1 = TOp.Sums > 1 ? TBlock.Sum(t1) : T.Zero;
        sum2 = TOp.Sums > 2 ? TBlock.Sum(t2) : T.Zero;
    }

    /// <summary>Elements [start, end) of the row (at most one chunk; a partial block only at the row's end).</summary>
    /// <remarks>
    /// A method of its own, fully optimized from the first call: inlined into the row loops it exhausted their inlining
    /// budget (Terms, the op and VectorMath's Exp were left as calls), and dynamic PGO of the tiered version made the
    /// loop several times slower (C = 1000: 4.5 ns instead of 0.7 ns per logit).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Range<T, TBlock, TLayout, TOp>(
        scoped ref TOp op, scoped in RowRefs<T> row, scoped in ClassWeights<T, TBlock> weights, bool write, nuint start, nuint end,
        out TBlock f0, out TBlock f1, out TBlock f2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
        where TOp : struct, IRowTerms<T>
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        TBlock identity = TBlock.Create(T.NegativeZero);
        TBlock a0 = identity, a1 = identity, a2 = identity, a3 = identity;
        TBlock b0 = identity, b1 = identity, b2 = identity, b3 = identity;
        TBlock c0 = identity, c1 = identity, c2 = identity, c3 = identity;
        nuint c = start;
        for (; c + (4 * lanes) <= end; c += 4 * lanes)
        {
            Terms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c, out TBlock s0, out TBlock s1, out TBlock s2);
            Add<T, TBlock, TOp>(ref a0, ref b0, ref c0, s0, s1, s2);
            Terms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c + lanes, out s0, out s1, out s2);
            Add<T, TBlock, TOp>(ref a1, ref b1, ref c1, s0, s1, s2);
            Terms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c + (2 * lanes), out s0, out s1, out s2);
            Add<T, TBlock, TOp>(ref a2, ref b2, ref c2, s0, s1, s2);
            Terms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c + (3 * lanes), out s0, out s1, out s2);
            Add<T, TBlock, TOp>(ref a3, ref b3, ref c3, s0, s1, s2);
        }

        int block = 0;
        for (; c < end; c += lanes, block++)
        {
            TBlock s0, s1, s2;
            if (c + lanes <= end)
            {
                Terms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c, out s0, out s1, out s2);
            }
            else
            {
                PartialTerms<T, TBlock, TLayout, TOp>(ref op, in row, in weights, write, c, (int)(end - c), out s0, out s1, out s2);
            }

            switch (block)
            {
                case 0: Add<T, TBlock, TOp>(ref a0, ref b0, ref c0, s0, s1, s2); break;
                case 1: Add<T, TBlock, TOp>(ref a1, ref b1, ref c1, s0, s1, s2); break;
                case 2: Add<T, TBlock, TOp>(ref a2, ref b2, ref c2, s0, s1, s2); break;
                default: Add<T, TBlock, TOp>(ref a3, ref b3, ref c3, s0, s1, s2); break;
            }
        }

        f0 = TBlock.Add(TBlock.Add(a0, a1), TBlock.Add(a2, a3));
        f1 = TOp.Sums > 1 ? TBlock.Add(TBlock.Add(b0, b1), TBlock.Add(b2, b3)) : identity;
        f2 = TOp.Sums > 2 ? TBlock.Add(TBlock.Add(c0, c1), TBlock.Add(c2, c3)) : identity;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T, TBlock, TOp>(ref TBlock a, ref TBlock b, ref TBlock c, TBlock s0, TBlock s1, TBlock s2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TOp : struct, IRowTerms<T>
    {
        if (TOp.Sums > 0)
        {
            a = TBlock.Add(a, s0);
        }

        if (TOp.Sums > 1)
        {
            b = TBlock.Add(b, s1);
        }

        if (TOp.Sums > 2)
        {
            c = TBlock.Add(c, s2);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Terms<T, TBlock, TLayout, TOp>(
        scoped ref TOp op, scoped in RowRefs<T> row, scoped in ClassWeights<T, TBlock> weights, bool write, nuint c, out TBlock s0, out TBlock s1, out TBlock s2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
        where TOp : struct, IRowTerms<T>
    {
        TBlock first = TLayout.Load<T, TBlock>(ref row.First, c, row.Stride);
        TBlock second = TOp.ReadsSecond ? TLayout.Load<T, TBlock>(ref row.Second, c, row.Stride) : default;
        TBlock weight = weights.Present ? TBlock.Load(ref weights.Values, c) : weights.One;
        TBlock output = op.Compute(first, second, weight, out s0, out s1, out s2);
        if (write)
        {
            TLayout.Store<T, TBlock>(output, ref row.Output, c, row.Stride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PartialTerms<T, TBlock, TLayout, TOp>(
        scoped ref TOp op, scoped in RowRefs<T> row, scoped in ClassWeights<T, TBlock> weights, bool write, nuint c, int count,
        out TBlock s0, out TBlock s1, out TBlock s2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        where TLayout : IRowLayout
        where TOp : struct, IRowTerms<T>
    {
        bool overRead = (nint)(c + (nuint)Vector512<T>.Count) <= row.Readable;
        TBlock first = TLayout.LoadPartial<T, TBlock>(ref row.First, c, count, row.Stride, overRead);
        TBlock second = TOp.ReadsSecond ? TLayout.LoadPartial<T, TBlock>(ref row.Second, c, count, row.Stride, overRead) : default;
        TBlock weight = weights.Present ? weights.Tail : weights.One;
        TBlock output = op.Compute(first, second, weight, out s0, out s1, out s2);
        if (TOp.Sums > 0)
        {
            s0 = TBlock.KeepFirst(s0, count, T.NegativeZero);
        }

        if (TOp.Sums > 1)
        {
            s1 = TBlock.KeepFirst(s1, count, T.NegativeZero);
        }

        if (TOp.Sums > 2)
        {
            s2 = TBlock.KeepFirst(s2, count, T.NegativeZero);
        }
        if (write)
        {
            TLayout.StorePartial<T, TBlock>(output, ref row.Output, c, count, row.Stride);
        }
    }

    [InlineArray(Length)]
    private struct Levels<TBlock>
    {
        public const int Length = 26;
        private TBlock _element;
    }
}

/// <summary>Runs a computation with the block type <see cref="RowwiseDriver.Dispatch{T, TAction, TResult}"/> picked.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TResult">The result.</typeparam>
internal interface IBlockAction<T, TResult>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    TResult Run<TBlock>()
        where TBlock : struct, IRowBlock<TBlock, T>;
}

/// <summary>The lane-wise terms of one pass: an output block and up to three summands per block.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal interface IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Gets how many of the summands are used (0 to 3).</summary>
    static abstract int Sums { get; }

    /// <summary>Gets a value indicating whether the second per-row operand is read.</summary>
    static abstract bool ReadsSecond { get; }

    TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>;
}
