using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

internal static partial class SoftmaxCrossEntropy
{
    private ref partial struct IndexKernel<T>
    {
        /// <summary>
        /// Rows of at most one block (C ≤ 16 floats / 8 doubles), kept in registers: the same operations and layout as
        /// <see cref="Rows{TBlock, TLayout}"/> (a single block per row, masked to −0 past C), so the same bits.
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

        /// <summary>Short rows [<paramref name="first"/>, <paramref name="end"/>) (<paramref name="first"/> even).</summary>
        /// <remarks>Fully optimized from the first call, without OSR or dynamic PGO (as the row driver's loops).</remarks>
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
            var weights = new ClassWeights<T, TBlock>(Weight);
            TBlock weightBlock = !weighted ? weights.One : classes == Vector512<T>.Count ? TBlock.Load(ref weights.Values, 0) : weights.Tail;
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero;
            T weightSum = smoothing ? WeightSum<T, TBlock>(Weight, classes) : T.Zero;
            T nllScale = keep * Scale;
            T smoothScale = spread * Scale;

            var pending = new PendingRows<T>(keep, spread, weightSum, smoothing, first);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            var context = new ShortRowContext<TBlock>
            {
                Classes = classes,
                Smoothing = smoothing,
                Weighted = weighted,
                Losses = losses,
                Gradient = gradient,
                WeightBlock = weightBlock,
                WeightSum = weightSum,
                NllScale = nllScale,
                SmoothScale = smoothScale,
            };

            // Two rows at a time: their dependency chains (max → exp → sum) are independent, so interleaving them
            // roughly doubles the instruction-level parallelism of short rows. Results are produced in row order.
            for (int r = first; r < end; r += 2)
            {
                TBlock e0 = ShortFront(ref input, r, in context, out T m0, out T sumExp0, out T shifted0);
                bool second = r + 1 < end;
                TBlock e1 = second ? ShortFront(ref input, r + 1, in context, out T m1, out T sumExp1, out T shifted1) : ShortFront(ref input, r, in context, out m1, out sumExp1, out shifted1);
                ShortBack(ref input, ref output, r, e0, m0, sumExp0, shifted0, in context, ref pending);
                if (losses && (pending.Full || r == end - 1))
                {
                    pending.Flush<TBlock>(writeLosses ? Losses : default, ref nllSum, ref smoothSum);
                }

                if (second)
                {
                    ShortBack(ref input, ref output, r + 1, e1, m1, sumExp1, shifted1, in context, ref pending);
                    if (losses && (pending.Full || r + 1 == end - 1))
                    {
                        pending.Flush<TBlock>(writeLosses ? Losses : default, ref nllSum, ref smoothSum);
                    }
                }
            }
        }

        /// <summary>Loads a short row and computes m, e = exp(x − m), Σe and (with smoothing) Σ w·(x − m).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly TBlock ShortFront<TBlock>(ref T input, int r, scoped in ShortRowContext<TBlock> context, out T max, out T sumExp, out T shifted)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = context.Classes;
            nint offset = (nint)r * classes;
            TBlock x = offset + Vector512<T>.Count <= Input.Length
                ? TBlock.Load(ref input, (nuint)offset)
                : RowLayouts.Copy<T, TBlock>(ref input, (nuint)offset, classes, 1);
            max = TBlock.MaxAcross(TBlock.KeepFirst(x, classes, T.NegativeInfinity));
            TBlock d = TBlock.Subtract(x, TBlock.Create(max));
            TBlock e = TBlock.Exp(d);
            sumExp = TBlock.Sum(TBlock.KeepFirst(e, classes, T.NegativeZero));
            shifted = context.Smoothing && context.Losses
                ? TBlock.Sum(TBlock.KeepFirst(TBlock.Multiply(d, context.WeightBlock), classes, T.NegativeZero))
                : T.Zero;
            return e;
        }

        /// <summary>Queues a short row's loss and writes its gradient.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly void ShortBack<TBlock>(
            ref T input, ref T output, int r, TBlock e, T max, T sumExp, T shifted, scoped in ShortRowContext<TBlock> context, ref PendingRows<T> pending)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = context.Classes;
            nint offset = (nint)r * classes;
            int y = Target[r];
            if (y == IgnoreIndex)
            {
                if (context.Losses)
                {
                    pending.AddIgnored();
                }

                if (context.Gradient)
                {
                    // torch: 0 − softmax·0, which is NaN exactly where the softmax is.
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, offset), classes).Fill(T.IsFinite(max) ? T.Zero : T.NaN);
                }

                return;
            }

            T wy = context.Weighted ? Weight[y] : T.One;
            if (context.Losses)
            {
                pending.Add(sumExp, Unsafe.Add(ref input, offset + y) - max, wy, shifted);
            }

            if (context.Gradient)
            {
                Vector512<T> lanesOfE = default;
                TBlock.Store(e, ref Unsafe.As<Vector512<T>, T>(ref lanesOfE), 0);
                T ey = lanesOfE.GetElement(y);
                T a = wy * context.NllScale;
                T factor;
                TBlock g;
                if (context.Smoothing)
                {
                    factor = (a + (context.SmoothScale * context.WeightSum)) / sumExp;
                    g = TBlock.Subtract(TBlock.Multiply(e, TBlock.Create(factor)), TBlock.Multiply(TBlock.Create(context.SmoothScale), context.WeightBlock));
                }
                else
                {
                    factor = a / sumExp;
                    g = TBlock.Multiply(e, TBlock.Create(factor));
                }

                TBlock.StoreFirst(g, ref output, (nuint)offset, classes);
                Unsafe.Add(ref output, offset + y) = context.Smoothing ? (-a - (context.SmoothScale * wy)) + (ey * factor) : -a + (ey * factor);
            }
        }

        /// <summary>The per-call constants of the short-row loop.</summary>
        private struct ShortRowContext<TBlock>
        {
            public int Classes;
            public bool Smoothing;
            public bool Weighted;
            public bool Losses;
            public bool Gradient;
            public TBlock WeightBlock;
            public T WeightSum;
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

        /// <summary>nll = −((x_y − m) − L)·w_y; smooth = −(Σ w_c·(x_c − m) − L·Σw); loss = (1 − ε)·nll + smooth·ε/C.</summary>
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
                    T lse = Lane(ref logs, j);
                    nll = -(Lane(ref _target, j) - lse) * Lane(ref _weight, j);
                    loss = nll;
                    if (_smoothing)
                    {
                        smooth = -(Lane(ref _shifted, j) - (lse * _weightSum));
                        loss = (_keep * nll) + (smooth * _spread);
                    }
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

        private static ref T Lane(ref Vector512<T> block, int lane) => ref Unsafe.Add(ref Unsafe.As<Vector512<T>, T>(ref block), lane);
    }
}
