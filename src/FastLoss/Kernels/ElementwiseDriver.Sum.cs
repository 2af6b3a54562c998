using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

public static partial class ElementwiseDriver
{
    /// <summary>Steps of four interleaved block accumulators that are folded into one cascade entry.</summary>
    private const int StepsPerChunk = 16;

    /// <summary>The per-element losses summed in the fixed logical layout described on <see cref="ElementwiseDriver"/>.</summary>
    private static T Sum<T, TKernel, TBlocks>(scoped ref TKernel kernel, scoped ref GradientSink<T> sink)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
    {
        nuint length = (nuint)kernel.Length;
        if (length == 0)
        {
            return T.Zero;
        }

        nuint lanes = (nuint)Vector512<T>.Count;
        nuint chunk = lanes * 4 * StepsPerChunk;
        Vector512<T> identity = Vector512.Create(T.NegativeZero);
        PairwiseCascade<T> cascade = default;
        nuint i = 0;

        for (; i + chunk <= length;)
        {
            Vector512<T> a0 = identity, a1 = identity, a2 = identity, a3 = identity;
            for (int step = 0; step < StepsPerChunk; step++, i += 4 * lanes)
            {
                a0 += TBlocks.Block(ref kernel, i, ref sink);
                a1 += TBlocks.Block(ref kernel, i + lanes, ref sink);
                a2 += TBlocks.Block(ref kernel, i + (2 * lanes), ref sink);
                a3 += TBlocks.Block(ref kernel, i + (3 * lanes), ref sink);
            }

            cascade.Push((a0 + a1) + (a2 + a3));
        }

        if (i < length)
        {
            // The last, partial chunk: the same interleaving, block by block, then one scalar block padded with -0.
            Vector512<T> a0 = identity, a1 = identity, a2 = identity, a3 = identity;
            int block = 0;
            for (; i + lanes <= length; i += lanes, block++)
            {
                Accumulate(ref a0, ref a1, ref a2, ref a3, block, TBlocks.Block(ref kernel, i, ref sink));
            }

            if (i < length)
            {
                Accumulate(ref a0, ref a1, ref a2, ref a3, block, ScalarBlock<T, TKernel, TBlocks>(ref kernel, i, (int)(length - i), ref sink));
            }

            cascade.Push((a0 + a1) + (a2 + a3));
        }

        return HorizontalSum(cascade.Total());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T>(ref Vector512<T> a0, ref Vector512<T> a1, ref Vector512<T> a2, ref Vector512<T> a3, int block, Vector512<T> value)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        switch (block & 3)
        {
            case 0: a0 += value; break;
            case 1: a1 += value; break;
            case 2: a2 += value; break;
            default: a3 += value; break;
        }
    }

    /// <summary>A 64-byte block of <paramref name="count"/> elements from scalar code; the rest of the lanes are −0.</summary>
    private static Vector512<T> ScalarBlock<T, TKernel, TBlocks>(scoped ref TKernel kernel, nuint i, int count, scoped ref GradientSink<T> sink)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
    {
        Vector512<T> block = Vector512.Create(T.NegativeZero);
        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref block);
        for (int j = 0; j < count; j++)
        {
            Unsafe.Add(ref lane, j) = TBlocks.Element(ref kernel, i + (nuint)j, ref sink);
        }

        return block;
    }

    /// <summary>Adds the lanes of a block by halving: lane j + lane j + n/2, recursively.</summary>
    private static T HorizontalSum<T>(Vector512<T> block)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref block);
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
    /// Pairwise summation of blocks as a binary counter: the k-th pushed block is merged with its neighbours the way
    /// the bits of k carry, so every value takes part in about log2(blocks) additions and the tree is fixed by the
    /// count alone.
    /// </summary>
    private struct PairwiseCascade<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private Levels _levels;
        private ulong _count;

        public void Push(Vector512<T> value)
        {
            int level = 0;
            for (ulong carry = _count; (carry & 1) != 0; carry >>= 1, level++)
            {
                value = _levels[level] + value;
            }

            _levels[level] = value;
            _count++;
        }

        public readonly Vector512<T> Total()
        {
            Vector512<T> total = Vector512.Create(T.NegativeZero);
            for (int level = 0; level < Levels.Length; level++)
            {
                if (((_count >> level) & 1) != 0)
                {
                    total = _levels[level] + total;
                }
            }

            return total;
        }

        [InlineArray(Length)]
        private struct Levels
        {
            public const int Length = 48;
            private Vector512<T> _element;
        }
    }
}
