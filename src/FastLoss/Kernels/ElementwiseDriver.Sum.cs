using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

public static partial class ElementwiseDriver
{
    /// <summary>Steps of four interleaved block accumulators that are folded into one cascade entry.</summary>
    private const int StepsPerChunk = 16;

    /// <summary>
    /// A parallel partition is 2^PartitionLevel chunks (256 KB of every operand, 256 Ki floats or 128 Ki doubles): a
    /// complete subtree of the cascade, so partitions summed on any threads and pushed in order give the
    /// single-threaded bits.
    /// </summary>
    internal const int PartitionLevel = 8;

    /// <summary>The per-element losses summed in the fixed logical layout, with <see cref="LossOptions.Current"/>.</summary>
    private static T Sum<T, TKernel, TBlocks>(scoped ref TKernel kernel, scoped ref GradientSink<T> sink)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
        => Sum<T, TKernel, TBlocks>(ref kernel, ref sink, LossOptions.Current);

    /// <summary>
    /// The per-element losses summed in the fixed logical layout described on <see cref="ElementwiseDriver"/>. Above the
    /// options' threshold, whole partitions (<see cref="PartitionLevel"/>) are summed on worker threads; their sums
    /// enter the cascade at their own level, in partition order, then the rest continues on the calling thread.
    /// </summary>
    /// <remarks>
    /// Never inlined: the cascade (3 KB) is this method's local and is not zeroed here ([SkipLocalsInit]), but inlined
    /// into a caller without that attribute (Reduce, or a generated API method in the user's assembly) it was zeroed in
    /// the caller's prologue on every call: 3,168 bytes, about 55 ns, 40 % of Mse at n = 1,024.
    /// </remarks>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe T Sum<T, TKernel, TBlocks>(scoped ref TKernel kernel, scoped ref GradientSink<T> sink, LossOptions options)
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
        PairwiseCascade<T>.Initialize(out PairwiseCascade<T> cascade);
        nuint i = 0;

        int partitions = (int)(length / (chunk << PartitionLevel));
        int threads = options.ThreadsFor(kernel.Length);
        if (partitions >= 2 && threads > 1 && ParallelRunner.TryEnter(partitions))
        {
            try
            {
                var job = new SumJob
                {
                    Kernel = Unsafe.AsPointer(ref kernel),
                    Sink = Unsafe.AsPointer(ref sink),
                    Results = ParallelRunner.Results,
                };
                ParallelRunner.Run(&SumPartition<T, TKernel, TBlocks>, &job, partitions, threads);
                for (int p = 0; p < partitions; p++)
                {
                    cascade.Push(((Vector512<T>*)job.Results)[p], PartitionLevel);
                }

                i = (nuint)partitions * (chunk << PartitionLevel);
            }
            finally
            {
                ParallelRunner.Exit();
            }
        }

        i = SumChunks<T, TKernel, TBlocks>(ref kernel, ref sink, ref cascade, i, length);

        if (i < length)
        {
            SumLastChunk<T, TKernel, TBlocks>(ref kernel, ref sink, ref cascade, i, length);
        }

        return HorizontalSum(cascade.Total());
    }

    // SumChunks and SumLastChunk each inline the kernel once and are never inlined themselves: the JIT's inlining
    // budget is per method, and a big kernel (a fused focal loss is several exponentials, logarithms and a power)
    // inlined at two call sites of one method exhausted it, leaving calls to VectorMath that pass every vector
    // through memory in the hot loop. AggressiveOptimization compiles them once, fully optimised, without tiering:
    // with dynamic PGO the profile of a kernel with a rarely taken call (Pow's general path) sometimes laid the hot
    // loop out with its vectors spilled around that call, two to three times slower from one process to the next.

    /// <summary>Pushes the full chunks of elements [<paramref name="i"/>, <paramref name="end"/>) into the cascade.</summary>
    /// <returns>The index after the last full chunk.</returns>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nuint SumChunks<T, TKernel, TBlocks>(scoped ref TKernel kernel, scoped ref GradientSink<T> sink, ref PairwiseCascade<T> cascade, nuint i, nuint end)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
    {
        nuint lanes = (nuint)Vector512<T>.Count;
        nuint chunk = lanes * 4 * StepsPerChunk;
        Vector512<T> identity = Vector512.Create(T.NegativeZero);

        // Local copies: read through the caller's references, the operand references and hyperparameters were loaded
        // again for every block (the JIT does not hoist loads through a ref parameter); copies whose address is
        // never taken live in registers.
        TKernel local = kernel;
        GradientSink<T> localSink = sink;
        for (; i + chunk <= end;)
        {
            // Block b goes to accumulator b mod 4 either way, so both loops give the same sums. An arithmetic kernel
            // (a few instructions per block) is inlined four times, one block per accumulator: the loop's
            // bookkeeping and accumulator moves were a quarter of its instructions. A kernel calling VectorMath is
            // inlined once and the accumulators rotate: four (or two) copies of an exponential or a logarithm need
            // more than the 32 vector registers, and the spilled constants made those loops 1.2 to 2 times slower.
            Vector512<T> a0 = identity, a1 = identity, a2 = identity, a3 = identity;
            if (TKernel.IsArithmetic)
            {
                for (int step = 0; step < StepsPerChunk; step++, i += 4 * lanes)
                {
                    a0 += TBlocks.Block(ref local, i, ref localSink);
                    a1 += TBlocks.Block(ref local, i + lanes, ref localSink);
                    a2 += TBlocks.Block(ref local, i + (2 * lanes), ref localSink);
                    a3 += TBlocks.Block(ref local, i + (3 * lanes), ref localSink);
                }
            }
            else
            {
                for (int block = 0; block < 4 * StepsPerChunk; block++, i += lanes)
                {
                    Vector512<T> next = a0 + TBlocks.Block(ref local, i, ref localSink);
                    a0 = a1;
                    a1 = a2;
                    a2 = a3;
                    a3 = next;
                }
            }

            cascade.Push((a0 + a1) + (a2 + a3));
        }

        return i;
    }

    /// <summary>Pushes the last, partial chunk [<paramref name="i"/>, <paramref name="length"/>) into the cascade.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SumLastChunk<T, TKernel, TBlocks>(scoped ref TKernel kernel, scoped ref GradientSink<T> sink, ref PairwiseCascade<T> cascade, nuint i, nuint length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
    {
        // The same interleaving, block by block, then one scalar block padded with -0.
        nuint lanes = (nuint)Vector512<T>.Count;
        Vector512<T> identity = Vector512.Create(T.NegativeZero);
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

    /// <summary>Sums partition <paramref name="p"/> on a worker thread into its result slot.</summary>
    [SkipLocalsInit]
    private static unsafe void SumPartition<T, TKernel, TBlocks>(void* context, int p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TBlocks : IBlockFunction<T>
    {
        SumJob* job = (SumJob*)context;
        ref TKernel kernel = ref Unsafe.AsRef<TKernel>(job->Kernel);
        ref GradientSink<T> sink = ref Unsafe.AsRef<GradientSink<T>>(job->Sink);
        nuint size = ((nuint)Vector512<T>.Count * 4 * StepsPerChunk) << PartitionLevel;
        PairwiseCascade<T>.Initialize(out PairwiseCascade<T> cascade);
        SumChunks<T, TKernel, TBlocks>(ref kernel, ref sink, ref cascade, (nuint)p * size, ((nuint)p + 1) * size);
        ((Vector512<T>*)job->Results)[p] = cascade.Complete(PartitionLevel);
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
    [MethodImpl(MethodImplOptions.NoInlining)]
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

        /// <summary>
        /// An empty cascade without zeroing its 3 KB of levels (in a [SkipLocalsInit] method): a level is only read
        /// after it was written, when its bit of the count is set. Zeroing cost a small call more than its sum.
        /// </summary>
        public static void Initialize(out PairwiseCascade<T> cascade)
        {
            Unsafe.SkipInit(out cascade);
            cascade._count = 0;
        }

        public void Push(Vector512<T> value) => Push(value, 0);

        /// <summary>
        /// Pushes the sum of 2^<paramref name="level"/> blocks that form a complete subtree (the count of blocks pushed so
        /// far is a multiple of 2^level): the cascade is then in the state that pushing those blocks one by one leaves.
        /// </summary>
        public void Push(Vector512<T> value, int level)
        {
            ulong count = _count;
            _count += 1UL << level;
            for (ulong carry = count >> level; (carry & 1) != 0; carry >>= 1, level++)
            {
                value = _levels[level] + value;
            }

            _levels[level] = value;
        }

        /// <summary>The sum of exactly 2^<paramref name="level"/> pushed blocks: the root of their complete tree.</summary>
        public readonly Vector512<T> Complete(int level) => _levels[level];

        public readonly Vector512<T> Total()
        {
            // The set bits of the count, lowest first (the order of the full 48-level scan it replaces, same bits): a
            // small input has one or two, and scanning all 48 levels was a tenth of a 1,024-element call.
            Vector512<T> total = Vector512.Create(T.NegativeZero);
            for (ulong pending = _count; pending != 0; pending &= pending - 1)
            {
                total = _levels[BitOperations.TrailingZeroCount(pending)] + total;
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

    /// <summary>What a worker needs to sum a partition: pointers to the caller's kernel, sink and result slots.</summary>
    private unsafe struct SumJob
    {
        public void* Kernel;
        public void* Sink;
        public Vector512<byte>* Results;
    }
}
