using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// The [N, C, S] layout with S of at least one block (16 floats, 8 doubles): a block holds one class at L = Vector512<T>.Count
// consecutive positions of one sample (contiguous in memory), so the softmax runs across positions, lane by lane: m = max
// over the classes, e_c = exp(x_c − m), Σe added over c = 0, 1, …, p_c = e_c / Σe. The one-hot target and a valid mask
// (0 for ignored positions and the lanes past S) are 0/1 blocks, and each class's I, FP, FN come as whole blocks
// p·t, p·(valid − t), (1 − p)·t into its RowCascade: every lane is plain IEEE arithmetic plus the driver's Exp, so
// the result is the same on every width (other bits than the row path's, whose Σe is the driver's in-row sum).
internal static partial class SoftOverlapLogitsKernel
{
    /// <summary>Scratch for C classes: 3 rows of C (row path; a and b on both paths), then C·L exponentials, C·L one-hot, L valid.</summary>
    private static int ScratchLength<T>(int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (3 * classes) + (((2 * classes) + 1) * Vector512<T>.Count);

    private ref partial struct LogitsKernel<T>
    {
        /// <summary>The per-class sums, one block of positions at a time.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void AccumulatePositions<TBlock>(Span<T> scratch)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int classes = ClassCount;
            int block = classes * lanes;
            Span<T> e = scratch[..block], oneHot = scratch.Slice(block, block), valid = scratch.Slice(2 * block, lanes);
            oneHot.Clear();
            TBlock one = TBlock.Create(T.One);
            int samples = Target.Length / SpatialSize;
            for (int n = 0; n < samples; n++)
            {
                for (int s0 = 0; s0 < SpatialSize; s0 += lanes)
                {
                    int count = Math.Min(lanes, SpatialSize - s0);
                    TBlock sumExp = Exponentials<TBlock>(n, s0, count, e, oneHot, valid);
                    TBlock v = TBlock.Load(ref MemoryMarshal.GetReference(valid), 0);
                    for (int c = First; c < classes; c++)
                    {
                        TBlock p = TBlock.Divide(TBlock.Load(ref MemoryMarshal.GetReference(e), (nuint)(c * lanes)), sumExp);
                        TBlock t = TBlock.Load(ref MemoryMarshal.GetReference(oneHot), (nuint)(c * lanes));
                        Sums[3 * c].AddBlock(Wide(TBlock.Multiply(p, t)));
                        Sums[(3 * c) + 1].AddBlock(Wide(TBlock.Multiply(p, TBlock.Subtract(v, t))));
                        Sums[(3 * c) + 2].AddBlock(Wide(TBlock.Multiply(TBlock.Subtract(one, p), t)));
                    }

                    ClearOneHot(n, s0, count, oneHot, valid);
                }
            }
        }

        /// <summary>g_x,c = p_c·((a_c − b_c·t_c) − Σ_k p_k·(a_k − b_k·t_k)), one block of positions at a time; 0 where ignored.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void BackwardPositions<TBlock>(Span<T> scratch, ReadOnlySpan<T> a, ReadOnlySpan<T> b)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int classes = ClassCount;
            nint stride = SpatialSize;
            int block = classes * lanes;
            Span<T> e = scratch[..block], oneHot = scratch.Slice(block, block), valid = scratch.Slice(2 * block, lanes);
            oneHot.Clear();
            ref T exps = ref MemoryMarshal.GetReference(e);
            ref T targets = ref MemoryMarshal.GetReference(oneHot);
            int samples = Target.Length / SpatialSize;
            for (int n = 0; n < samples; n++)
            {
                for (int s0 = 0; s0 < SpatialSize; s0 += lanes)
                {
                    int count = Math.Min(lanes, SpatialSize - s0);
                    TBlock sumExp = Exponentials<TBlock>(n, s0, count, e, oneHot, valid);
                    TBlock dot = default;
                    for (int c = 0; c < classes; c++)
                    {
                        TBlock p = TBlock.Divide(TBlock.Load(ref exps, (nuint)(c * lanes)), sumExp);
                        TBlock.Store(p, ref exps, (nuint)(c * lanes));
                        TBlock g = TBlock.Subtract(TBlock.Create(a[c]), TBlock.Multiply(TBlock.Create(b[c]), TBlock.Load(ref targets, (nuint)(c * lanes))));
                        TBlock term = TBlock.Multiply(p, g);
                        dot = c == 0 ? term : TBlock.Add(dot, term);
                    }

                    ref T output = ref Unsafe.Add(ref MemoryMarshal.GetReference(Gradient), ((nint)n * classes * stride) + s0);
                    for (int c = 0; c < classes; c++)
                    {
                        TBlock g = TBlock.Subtract(TBlock.Create(a[c]), TBlock.Multiply(TBlock.Create(b[c]), TBlock.Load(ref targets, (nuint)(c * lanes))));
                        TBlock result = TBlock.Multiply(TBlock.Load(ref exps, (nuint)(c * lanes)), TBlock.Subtract(g, dot));
                        if (count == lanes)
                        {
                            TBlock.Store(result, ref output, (nuint)(c * stride));
                        }
                        else
                        {
                            TBlock.StoreFirst(result, ref output, (nuint)(c * stride), count);
                        }
                    }

                    for (int j = 0; j < count; j++)
                    {
                        if (valid[j] == T.Zero)
                        {
                            SoftmaxCrossEntropy.FillRow(ref Unsafe.Add(ref output, j), classes, (nuint)stride, T.Zero);
                        }
                    }

                    ClearOneHot(n, s0, count, oneHot, valid);
                }
            }
        }

        /// <summary>
        /// Positions s0 … s0 + count − 1 of sample n: sets valid and the one-hot targets, stores e_c = exp(x_c − m) per class
        /// (logits of ignored and missing lanes read as 0) and returns Σ_c e_c.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly TBlock Exponentials<TBlock>(int n, int s0, int count, Span<T> e, Span<T> oneHot, Span<T> valid)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int classes = ClassCount;
            nint stride = SpatialSize;
            int first = (n * SpatialSize) + s0;
            bool whole = count == lanes;
            for (int j = 0; j < lanes; j++)
            {
                int y = j < count ? Target[first + j] : IgnoreIndex;
                bool kept = j < count && y != IgnoreIndex;
                valid[j] = kept ? T.One : T.Zero;
                whole &= kept;
                if (kept)
                {
                    oneHot[(y * lanes) + j] = T.One;
                }
            }

            ref T x = ref Unsafe.Add(ref MemoryMarshal.GetReference(Input), ((nint)n * classes * stride) + s0);
            ref T exps = ref MemoryMarshal.GetReference(e);
            TBlock max = default;
            for (int c = 0; c < classes; c++)
            {
                TBlock xc;
                if (whole)
                {
                    xc = TBlock.Load(ref x, (nuint)(c * stride));
                    TBlock.Store(xc, ref exps, (nuint)(c * lanes));
                }
                else
                {
                    for (int j = 0; j < lanes; j++)
                    {
                        e[(c * lanes) + j] = valid[j] != T.Zero ? Unsafe.Add(ref x, (c * stride) + j) : T.Zero;
                    }

                    xc = TBlock.Load(ref exps, (nuint)(c * lanes));
                }

                max = c == 0 ? xc : TBlock.Max(max, xc);
            }

            TBlock sum = default;
            for (int c = 0; c < classes; c++)
            {
                TBlock ec = TBlock.Exp(TBlock.Subtract(TBlock.Load(ref exps, (nuint)(c * lanes)), max));
                TBlock.Store(ec, ref exps, (nuint)(c * lanes));
                sum = c == 0 ? ec : TBlock.Add(sum, ec);
            }

            return sum;
        }

        /// <summary>Resets the one-hot entries <see cref="Exponentials"/> set.</summary>
        private readonly void ClearOneHot(int n, int s0, int count, Span<T> oneHot, ReadOnlySpan<T> valid)
        {
            int lanes = Vector512<T>.Count;
            int first = (n * SpatialSize) + s0;
            for (int j = 0; j < count; j++)
            {
                if (valid[j] != T.Zero)
                {
                    oneHot[(Target[first + j] * lanes) + j] = T.Zero;
                }
            }
        }


        private static Vector512<T> Wide<TBlock>(TBlock value)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            Vector512<T> wide = default;
            TBlock.Store(value, ref Unsafe.As<Vector512<T>, T>(ref wide), 0);
            return wide;
        }
    }
}
