using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// Multiclass soft Dice and Tversky from logits [N, C, S] and class indices [N, S] (MONAI's
/// <c>DiceLoss(softmax=True, to_onehot_y=True, batch=True)</c>): p = softmax over C per (sample, position), t = onehot(y),
/// and per class c over every position not ignored I_c = Σ p_c·t_c, FP_c = Σ p_c·(1 − t_c), FN_c = Σ (1 − p_c)·t_c,
/// loss_c = (α·FP_c + β·FN_c) / (k·I_c + α·FP_c + β·FN_c + s) as <see cref="SoftOverlapKernel"/>.
/// </summary>
/// <remarks>
/// <para>S of at least one block (<see cref="Vector512{T}.Count"/> positions): the softmax runs across positions, a block
/// of positions per class at a time (SoftOverlapLogits.Positions.cs). Smaller S ([N, C] included), one row per
/// position (classes S apart, as the spatial cross-entropy's): the C logits are gathered into a contiguous
/// scratch row, m = max (<see cref="RowwiseDriver.RowMax{T, TBlock, TLayout}"/>), e_c = exp(x_c − m) and Σe in one
/// <see cref="RowwiseDriver"/> pass (the e stored in the scratch row), p_c = e_c / Σe. With one-hot targets a row adds
/// p_y to I_y, 1 − p_y to FN_y and p_c to FP_c for every other class; each class's three sums are
/// <see cref="RowCascade{T}"/> streams in row order. Every value is width-independent, so the result is bit-identical on
/// the Vector512, Vector256, Vector128 and scalar paths.</para>
/// <para>Gradient: d loss / d p_c = a_c − b_c·t_c per class (<see cref="SoftOverlapKernel"/>'s a and b; 0 for an excluded
/// background class), through the softmax g_x,c = p_c·(g_c − Σ_k p_k·g_k) with Σ_k p_k·g_k = (Σ_k e_k·a_k) / Σe − b_y·p_y,
/// the dot product one driver pass with a as the class weights. A second sweep over the rows recomputes the softmax, so
/// the gradient may overwrite the logits (in place). Ignored positions get a zero gradient.</para>
/// <para>Scratch: three rows of C values and the position blocks on the stack up to <see cref="StackClasses"/> classes (else rented), and the 3·C
/// cascades rented from <see cref="ArrayPool{T}.Shared"/>; no allocation once the pool holds them.</para>
/// </remarks>
internal static partial class SoftOverlapLogitsKernel
{
    /// <summary>Up to this many classes the scratch lives on the stack (at most 5 KB).</summary>
    private const int StackClasses = 32;

    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int spatialSize, SoftOverlapKernel.Shape<T> shape, int ignoreIndex,
        bool includeBackground, Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        SoftmaxArguments.Shape(input, target.Length, classCount, spatialSize, nameof(target));
        if (!includeBackground && classCount < 2)
        {
            throw new ArgumentException("'includeBackground' is false, which needs at least 2 classes (class 0 is the background).", nameof(includeBackground));
        }

        int first = includeBackground ? 0 : 1;
        int groups = classCount - first;
        if ((outputs & RowOutputs.Losses) != 0)
        {
            SoftmaxArguments.Losses(losses, groups, input, default, default);
        }

        if ((outputs & RowOutputs.Gradient) != 0)
        {
            SoftmaxArguments.Gradient(inputGradient, input, default, default);
        }

        SoftmaxArguments.Targets<T>(target, classCount, ignoreIndex, default, total: false);
        RowCascade<T>[] sums = ArrayPool<RowCascade<T>>.Shared.Rent(3 * classCount);
        try
        {
            var kernel = new LogitsKernel<T>
            {
                Input = input,
                Target = target,
                ClassCount = classCount,
                SpatialSize = spatialSize,
                IgnoreIndex = ignoreIndex,
                First = first,
                Shape = shape,
                Scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(groups) : T.One,
                Mean = reduction == Reduction.Mean,
                Sums = sums.AsSpan(0, 3 * classCount),
                Losses = losses,
                Gradient = inputGradient,
                Outputs = outputs,
            };
            return RowwiseDriver.Dispatch<T, LogitsKernel<T>, T>(ref kernel);
        }
        finally
        {
            ArrayPool<RowCascade<T>>.Shared.Return(sums);
        }
    }

    /// <summary>The two sweeps over the position rows, for one block type.</summary>
    private ref partial struct LogitsKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<int> Target;
        public int ClassCount;
        public int SpatialSize;
        public int IgnoreIndex;
        public int First;
        public SoftOverlapKernel.Shape<T> Shape;
        public T Scale;
        public bool Mean;

        /// <summary>Per class c: I at 3c, FP at 3c + 1, FN at 3c + 2.</summary>
        public Span<RowCascade<T>> Sums;
        public Span<T> Losses;
        public Span<T> Gradient;
        public RowOutputs Outputs;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            T[]? rented = null;
            Span<T> scratch = classes <= StackClasses ? stackalloc T[ScratchLength<T>(StackClasses)] : (rented = ArrayPool<T>.Shared.Rent(ScratchLength<T>(classes)));
            try
            {
                return Sweep<TBlock>(scratch[..classes], scratch.Slice(classes, classes), scratch.Slice(2 * classes, classes), scratch[(3 * classes)..]);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<T>.Shared.Return(rented);
                }
            }
        }

        // Called once per call: compiled fully optimized at once (no tier-0 loop, no OSR), as RowwiseDriver's loops.
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        [SkipLocalsInit]
        private readonly T Sweep<TBlock>(Span<T> row, Span<T> a, Span<T> b, Span<T> positions)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            bool blocks = SpatialSize >= Vector512<T>.Count;
            int classes = ClassCount;
            for (int i = 0; i < Sums.Length; i++)
            {
                RowCascade<T>.Initialize(out Sums[i]);
            }

            if (blocks)
            {
                AccumulatePositions<TBlock>(positions);
            }
            else
            {
                AccumulateRows<TBlock>(row);
            }

            // SoftOverlapKernel's group combination, per class.
            (T k, T alpha, T beta, T smooth) = Shape;
            RowCascade<T>.Initialize(out RowCascade<T> lossSum);
            a.Clear();
            b.Clear();
            for (int c = First; c < classes; c++)
            {
                T errors = (alpha * Sums[(3 * c) + 1].Total()) + (beta * Sums[(3 * c) + 2].Total());
                T overlap = (k * Sums[3 * c].Total()) + smooth;
                T denominator = overlap + errors;
                T loss = errors / denominator;
                lossSum.Add(loss);
                if (writeLosses)
                {
                    Losses[c - First] = loss;
                }

                T rest = overlap / denominator;
                a[c] = Scale * (alpha * rest / denominator);
                b[c] = Scale * ((((alpha + beta) * rest) + (k * loss)) / denominator);
            }

            if (gradient && blocks)
            {
                BackwardPositions<TBlock>(positions, a, b);
            }
            else if (gradient)
            {
                Backward<TBlock>(row, a, b);
            }

            if (!value)
            {
                return T.Zero;
            }

            T total = lossSum.Total();
            return Mean ? total / T.CreateTruncating(classes - First) : total;
        }

        /// <summary>The per-class sums, one position row at a time (S below one block).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void AccumulateRows<TBlock>(Span<T> row)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            for (int r = 0; r < Target.Length; r++)
            {
                int y = Target[r];
                if (y == IgnoreIndex)
                {
                    continue;
                }

                T sumExp = Softmax<TBlock>(r, row);
                for (int c = First; c < classes; c++)
                {
                    T p = row[c] / sumExp;
                    if (c == y)
                    {
                        Sums[3 * c].Add(p);
                        Sums[(3 * c) + 2].Add(T.One - p);
                    }
                    else
                    {
                        Sums[(3 * c) + 1].Add(p);
                    }
                }
            }

        }

        /// <summary>g_x,c = p_c·(a_c − b_c·[c = y] − Σ_k p_k·g_k) for every position; 0 where ignored.</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private readonly void Backward<TBlock>(Span<T> row, ReadOnlySpan<T> a, ReadOnlySpan<T> b)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            var weights = new ClassWeights<T, TBlock>(a);
            for (int r = 0; r < Target.Length; r++)
            {
                ref T first = ref Unsafe.Add(ref output, Offset(r));
                int y = Target[r];
                if (y == IgnoreIndex)
                {
                    SoftmaxCrossEntropy.FillRow(ref first, classes, (nuint)SpatialSize, T.Zero);
                    continue;
                }

                T sumExp = Softmax<TBlock>(r, row);
                var refs = Contiguous(row);
                var terms = default(WeightedSumTerms<T>);
                RowwiseDriver.Pass<T, TBlock, ContiguousRows, WeightedSumTerms<T>>(ref terms, in refs, in weights, false, out T weighted, out _, out _);
                T dot = (weighted / sumExp) - (b[y] * (row[y] / sumExp));
                for (int c = 0; c < classes; c++)
                {
                    T g = c == y ? a[c] - b[c] : a[c];
                    Unsafe.Add(ref first, (nint)c * SpatialSize) = (row[c] / sumExp) * (g - dot);
                }
            }
        }

        /// <summary>Gathers position row <paramref name="r"/>'s logits into <paramref name="row"/>, replaces them by exp(x − max) and returns their sum.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly T Softmax<TBlock>(int r, Span<T> row)
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            ref T x = ref Unsafe.Add(ref MemoryMarshal.GetReference(Input), Offset(r));
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = Unsafe.Add(ref x, (nint)c * SpatialSize);
            }

            var refs = Contiguous(row);
            var none = new ClassWeights<T, TBlock>(default);
            var terms = new ExpTerms<T>(RowwiseDriver.RowMax<T, TBlock, ContiguousRows>(in refs));
            RowwiseDriver.Pass<T, TBlock, ContiguousRows, ExpTerms<T>>(ref terms, in refs, in none, true, out T sumExp, out _, out _);
            return sumExp;
        }

        /// <summary>Row r = (n, s) starts at n·C·S + s.</summary>
        private readonly nint Offset(int r)
        {
            int n = r / SpatialSize;
            int s = r - (n * SpatialSize);
            return ((nint)n * ClassCount * SpatialSize) + s;
        }

        private static RowRefs<T> Contiguous(Span<T> row) => new()
        {
            First = ref MemoryMarshal.GetReference(row),
            Output = ref MemoryMarshal.GetReference(row),
            Stride = 1,
            Count = row.Length,
            Readable = row.Length,
        };
    }
}

/// <summary>Sums first·weight (a dot product with the class weights).</summary>
internal readonly struct WeightedSumTerms<T> : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = TBlock.Multiply(first, weight);
        sum1 = default;
        sum2 = default;
        return first;
    }
}
