using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

internal static partial class SoftmaxCrossEntropy
{
    /// <summary>
    /// One row's loss from (x_y − m), L = log Σe, w_y and Σ w_c·(x_c − m): nll = −((x_y − m) − L)·w_y; with smoothing
    /// smooth = −(Σ w_c·(x_c − m) − L·Σw) and loss = (1 − ε)·nll + smooth·ε/C, else smooth = 0 and loss = nll.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T RowLoss<T>(T shiftedTarget, T logSumExp, T weight, T shifted, bool smoothing, T keep, T spread, T weightSum, out T nll, out T smooth)
        where T : IBinaryFloatingPointIeee754<T>
    {
        nll = -(shiftedTarget - logSumExp) * weight;
        if (!smoothing)
        {
            smooth = T.Zero;
            return nll;
        }

        smooth = -(shifted - (logSumExp * weightSum));
        return (keep * nll) + (smooth * spread);
    }

    /// <summary>Lane <paramref name="lane"/> of a block, as a reference (to fill a block row by row, or read one back).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T Lane<T>(ref Vector512<T> block, int lane)
        where T : unmanaged
        => ref Unsafe.Add(ref Unsafe.As<Vector512<T>, T>(ref block), lane);

    private ref partial struct IndexKernel<T>
    {
        /// <summary>
        /// Rows of at most one block (C ≤ 16 floats / 8 doubles), L rows at a time with rows in lanes (see ShortRange):
        /// per row the same operations and order as <see cref="Rows{TBlock, TLayout}"/> on a single block masked to −0
        /// past C, so the same bits.
        /// </summary>
        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly unsafe T ShortRows<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            RowCascade<T>.Initialize(out RowCascade<T> nllSum);
            RowCascade<T>.Initialize(out RowCascade<T> smoothSum);
            int done = RunPartitions(&ShortRowsPartition<TBlock>, ref nllSum, ref smoothSum);
            ShortRange<TBlock>(done, Target.Length, ref nllSum, ref smoothSum);
            return Result(ref nllSum, ref smoothSum);
        }

        /// <summary>Short rows [<paramref name="first"/>, <paramref name="end"/>).</summary>
        /// <remarks>Fully optimized from the first call, without OSR or dynamic PGO (as the row driver's loops). The
        /// scratch blocks are written before they are read, so they are not zeroed.</remarks>
        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void ShortRange<TBlock>(int first, int end, ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            bool smoothing = Smoothing > T.Zero;
            bool weighted = !Weight.IsEmpty;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            bool losses = value || writeLosses;
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero;
            T weightSum = smoothing ? WeightSum<T, TBlock>(Weight, classes) : T.Zero;
            T nllScale = keep * Scale;
            T smoothScale = spread * Scale;

            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            var context = new ShortRowContext
            {
                Classes = classes,
                Smoothing = smoothing,
                Weighted = weighted,
                Losses = losses,
                Gradient = gradient,
                WeightSum = weightSum,
                Keep = keep,
                Spread = spread,
                NllScale = nllScale,
                SmoothScale = smoothScale,
            };

            // L rows at a time (L = the block's lanes), transposed: lane r of column block c is class c of row r. Every
            // per-row reduction of the row-at-a-time form (max across the row, the halving tree of Σe) becomes a
            // lane-wise operation across column blocks, in the same order, so every row gets the same bits; no lane is
            // wasted on padding (C = 10 used 10 of 16) and no horizontal shuffle sits on the critical path.
            int lanes = Vector512<T>.Count;
            Span<T> columns = stackalloc T[lanes * lanes];
            Span<T> tree = stackalloc T[lanes * lanes];
            Span<T> shiftedTree = context.Smoothing && losses ? stackalloc T[lanes * lanes] : default;
            for (int r = first; r < end; r += lanes)
            {
                int rows = int.Min(lanes, end - r);
                ShortGroup<TBlock>(ref input, ref output, r, rows, columns, tree, shiftedTree, in context, ref nllSum, ref smoothSum, writeLosses);
            }
        }

        /// <summary>
        /// Rows [<paramref name="first"/>, first + <paramref name="rows"/>) transposed into <paramref name="columns"/>;
        /// the same operations per row as the general row path: m = max, e = exp(x − m), Σe and Σ w·(x − m) by halving
        /// over the L class slots (slots past C are −0 and add nothing), log Σe, the loss, then the gradient.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void ShortGroup<TBlock>(
            ref T input, ref T output, int first, int rows, Span<T> columns, Span<T> tree, Span<T> shiftedTree, scoped in ShortRowContext context,
            ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum, bool writeLosses)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int classes = context.Classes;
            ref T cols = ref MemoryMarshal.GetReference(columns);
            ref T sums = ref MemoryMarshal.GetReference(tree);
            ref T row0 = ref Unsafe.Add(ref input, (nint)first * classes);
            for (int r = 0; r < rows; r++)
            {
                ref T row = ref Unsafe.Add(ref row0, (nint)r * classes);
                for (int c = 0; c < classes; c++)
                {
                    Unsafe.Add(ref cols, (c * lanes) + r) = Unsafe.Add(ref row, c);
                }
            }

            for (int r = rows; r < lanes; r++)
            {
                for (int c = 0; c < classes; c++)
                {
                    Unsafe.Add(ref cols, (c * lanes) + r) = T.Zero;
                }
            }

            TBlock max = TBlock.Load(ref cols, 0);
            for (int c = 1; c < classes; c++)
            {
                max = TBlock.Max(max, TBlock.Load(ref cols, (nuint)(c * lanes)));
            }

            bool shifted = context.Smoothing && context.Losses;
            for (int c = 0; c < classes; c++)
            {
                TBlock d = TBlock.Subtract(TBlock.Load(ref cols, (nuint)(c * lanes)), max);
                TBlock e = TBlock.Exp(d);
                TBlock.Store(e, ref cols, (nuint)(c * lanes));
                TBlock.Store(e, ref sums, (nuint)(c * lanes));
                if (shifted)
                {
                    T w = context.Weighted ? Weight[c] : T.One;
                    TBlock.Store(TBlock.Multiply(d, TBlock.Create(w)), ref MemoryMarshal.GetReference(shiftedTree), (nuint)(c * lanes));
                }
            }

            HalvingSum<TBlock>(ref sums, classes);
            if (shifted)
            {
                HalvingSum<TBlock>(ref MemoryMarshal.GetReference(shiftedTree), classes);
            }

            // The losses of the group: one vector Log, then per row RowLoss (the general row path's), in row
            // order into the cascades.
            Vector512<T> maxLanes = default, sumLanes = default, logLanes = default, factorLanes = default;
            TBlock sumExp = TBlock.Load(ref sums, 0);
            TBlock.Store(max, ref Unsafe.As<Vector512<T>, T>(ref maxLanes), 0);
            TBlock.Store(sumExp, ref Unsafe.As<Vector512<T>, T>(ref sumLanes), 0);
            if (context.Losses)
            {
                TBlock.Store(TBlock.Log(sumExp), ref Unsafe.As<Vector512<T>, T>(ref logLanes), 0);
            }

            ref T shiftedSums = ref MemoryMarshal.GetReference(shiftedTree);
            ReadOnlySpan<int> target = Target.Slice(first, rows);
            Vector512<T> nllLanes = default, smoothLanes = default;
            for (int r = 0; r < target.Length; r++)
            {
                int y = target[r];
                T nll = T.Zero, smooth = T.Zero, loss = T.Zero;
                if (y != IgnoreIndex)
                {
                    T wy = context.Weighted ? Weight[y] : T.One;
                    if (context.Losses)
                    {
                        T shiftedTarget = Unsafe.Add(ref input, ((nint)(first + r) * classes) + y) - maxLanes.GetElement(r);
                        T shiftedSum = context.Smoothing ? Unsafe.Add(ref shiftedSums, r) : T.Zero;
                        loss = RowLoss(shiftedTarget, logLanes.GetElement(r), wy, shiftedSum, context.Smoothing, context.Keep, context.Spread, context.WeightSum, out nll, out smooth);
                    }

                    if (context.Gradient)
                    {
                        T a = wy * context.NllScale;
                        Lane(ref factorLanes, r) = context.Smoothing
                            ? (a + (context.SmoothScale * context.WeightSum)) / sumLanes.GetElement(r)
                            : a / sumLanes.GetElement(r);
                    }
                }

                if (context.Losses)
                {
                    if (writeLosses)
                    {
                        Losses[first + r] = loss;
                    }

                    Lane(ref nllLanes, r) = nll;
                    Lane(ref smoothLanes, r) = smooth;
                }
            }

            if (context.Losses)
            {
                // A whole group is one cascade block (L rows, L lanes): one AddBlock each instead of L scalar appends,
                // the same state (see RowCascade.AddBlock). A partial last group, or a cascade mid-block, goes row by row.
                if (rows == lanes && nllSum.AtBlockBoundary && smoothSum.AtBlockBoundary)
                {
                    nllSum.AddBlock(nllLanes);
                    smoothSum.AddBlock(smoothLanes);
                }
                else
                {
                    for (int r = 0; r < rows; r++)
                    {
                        nllSum.Add(nllLanes.GetElement(r));
                        smoothSum.Add(smoothLanes.GetElement(r));
                    }
                }
            }

            if (context.Gradient)
            {
                ShortGradients<TBlock>(ref output, first, rows, ref cols, factorLanes, maxLanes, in context);
            }
        }

        /// <summary>
        /// Sums slots [0, <paramref name="count"/>) of L column blocks lane by lane as TBlock.Sum sums a block's lanes:
        /// halving (slot j += slot j + w for w = L/2 … 1), slots past <paramref name="count"/> being −0 (x + −0 = x, so
        /// those additions are skipped). The total is left in slot 0.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void HalvingSum<TBlock>(ref T slots, int count)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int live = count;
            for (int w = lanes / 2; w >= 1; w /= 2)
            {
                for (int j = 0; j + w < live && j < w; j++)
                {
                    TBlock sum = TBlock.Add(TBlock.Load(ref slots, (nuint)(j * lanes)), TBlock.Load(ref slots, (nuint)((j + w) * lanes)));
                    TBlock.Store(sum, ref slots, (nuint)(j * lanes));
                }

                live = int.Min(live, w);
            }
        }

        /// <summary>The gradient rows of a transposed group: e·factor (− ε/C·w with smoothing), the target's entry, ignored rows.</summary>
        private readonly void ShortGradients<TBlock>(
            ref T output, int first, int rows, ref T cols, Vector512<T> factorLanes, Vector512<T> maxLanes, scoped in ShortRowContext context)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int lanes = Vector512<T>.Count;
            int classes = context.Classes;
            TBlock factor = TBlock.Load(ref Unsafe.As<Vector512<T>, T>(ref factorLanes), 0);
            for (int c = 0; c < classes; c++)
            {
                TBlock e = TBlock.Load(ref cols, (nuint)(c * lanes));
                TBlock g = TBlock.Multiply(e, factor);
                if (context.Smoothing)
                {
                    T w = context.Weighted ? Weight[c] : T.One;
                    g = TBlock.Subtract(g, TBlock.Create(context.SmoothScale * w));
                }

                // Column c keeps e (for the target's entry below); the gradient goes straight to the rows.
                Vector512<T> gLanes = default;
                TBlock.Store(g, ref Unsafe.As<Vector512<T>, T>(ref gLanes), 0);
                for (int r = 0; r < rows; r++)
                {
                    Unsafe.Add(ref output, ((nint)(first + r) * classes) + c) = gLanes.GetElement(r);
                }
            }

            for (int r = 0; r < rows; r++)
            {
                int row = first + r;
                int y = Target[row];
                nint offset = (nint)row * classes;
                if (y == IgnoreIndex)
                {
                    // torch: 0 − softmax·0, which is NaN exactly where the softmax is.
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, offset), classes).Fill(T.IsFinite(maxLanes.GetElement(r)) ? T.Zero : T.NaN);
                    continue;
                }

                T wy = context.Weighted ? Weight[y] : T.One;
                T a = wy * context.NllScale;
                T f = factorLanes.GetElement(r);
                T ey = Unsafe.Add(ref cols, (y * lanes) + r);
                Unsafe.Add(ref output, offset + y) = context.Smoothing ? (-a - (context.SmoothScale * wy)) + (ey * f) : -a + (ey * f);
            }
        }

        /// <summary>The per-call constants of the short-row loop.</summary>
        private struct ShortRowContext
        {
            public int Classes;
            public bool Smoothing;
            public bool Weighted;
            public bool Losses;
            public bool Gradient;
            public T WeightSum;
            public T Keep;
            public T Spread;
            public T NllScale;
            public T SmoothScale;
        }
    }

    /// <summary>
    /// Rows whose loss waits for log Σe: the logarithms of a block of rows are taken together (one vector Log instead
    /// of a scalar one per row, off the rows' critical path); losses are then produced in row order.
    /// </summary>
    private struct PendingRows<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly T _keep;
        private readonly T _spread;
        private readonly T _weightSum;
        private readonly bool _smoothing;
        private Vector512<T> _sumExp;
        private Vector512<T> _target;
        private Vector512<T> _weight;
        private Vector512<T> _shifted;
        private ulong _ignored;
        private int _count;
        private int _first;

        public PendingRows(T keep, T spread, T weightSum, bool smoothing, int first)
        {
            _first = first;
            _keep = keep;
            _spread = spread;
            _weightSum = weightSum;
            _smoothing = smoothing;
            _sumExp = Vector512.Create(T.One);
        }

        public readonly bool Full => _count == Vector512<T>.Count;

        public void AddIgnored()
        {
            _ignored |= 1UL << _count;
            _count++;
        }

        public void Add(T sumExp, T shiftedTarget, T weight, T shifted)
        {
            Lane(ref _sumExp, _count) = sumExp;
            Lane(ref _target, _count) = shiftedTarget;
            Lane(ref _weight, _count) = weight;
            Lane(ref _shifted, _count) = shifted;
            _count++;
        }

        /// <summary>Takes the logarithms of the queued rows at once, then their losses (<see cref="RowLoss{T}"/>) in row order.</summary>
        public void Flush<TBlock>(Span<T> losses, ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            Vector512<T> logs = default;
            TBlock.Store(TBlock.Log(TBlock.Load(ref Lane(ref _sumExp, 0), 0)), ref Lane(ref logs, 0), 0);
            for (int j = 0; j < _count; j++)
            {
                T nll = T.Zero, smooth = T.Zero, loss = T.Zero;
                if ((_ignored & (1UL << j)) == 0)
                {
                    loss = RowLoss(Lane(ref _target, j), Lane(ref logs, j), Lane(ref _weight, j), Lane(ref _shifted, j), _smoothing, _keep, _spread, _weightSum, out nll, out smooth);
                }

                if (!losses.IsEmpty)
                {
                    losses[_first + j] = loss;
                }

                nllSum.Add(nll);
                smoothSum.Add(smooth);
            }

            _first += _count;
            _count = 0;
            _ignored = 0;
            _sumExp = Vector512.Create(T.One);
        }
    }
}
