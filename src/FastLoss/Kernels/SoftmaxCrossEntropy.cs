using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// Softmax cross-entropy with class-index targets (torch's <c>cross_entropy</c> with an int64 target): validation and the
/// row kernel shared by every public overload, float and double, [N, C] and [N, C, spatial].
/// </summary>
/// <remarks>
/// <para>Per row (one sample, or one spatial position): m = max_c x_c; one pass computes e_c = exp(x_c − m), Σe (and
/// Σ w_c·(x_c − m) with label smoothing), storing e_c in the gradient row when a gradient is wanted; L = log Σe. Then
/// log_softmax_c = (x_c − m) − L as in torch, nll = −w_y·((x_y − m) − L), smooth = −Σ w_c·log_softmax_c =
/// L·Σw − Σ w_c·(x_c − m) (both terms have the same sign for non-negative weights), loss = (1 − ε)·nll + (ε/C)·smooth.
/// A second pass writes the gradient softmax·(a + b·Σw) − b·w_c − a·[c = y] with a = (1 − ε)·w_y·s and b = (ε/C)·s
/// (s = 1 / Σ w_{y_i} for the mean), which is torch's g − softmax·Σg for the log-softmax gradient g.</para>
/// <para>Speed without changing a bit: the logarithms are taken for a block of rows at once (PendingRows, one vector
/// Log off the rows' critical path), and rows of at most one block (C ≤ 16 floats / 8 doubles) are taken 16 (8) at a
/// time with rows in lanes (ShortRows): the row's max and its halving tree of Σe become lane-wise operations across
/// class columns, exactly the operations of the general pass per row (tested against the strided path bit for bit).</para>
/// <para>torch's special cases, reproduced: an ignored row contributes 0 to the loss and to the mean's denominator,
/// and gets a zero gradient (NaN where its softmax is NaN, i.e. the row holds NaN or +∞ or is all −∞, as torch's
/// 0 − p·0); every target ignored gives a NaN mean and a zero gradient; a zero total weight gives NaN; a negative
/// label smoothing is 0.</para>
/// </remarks>
internal static partial class SoftmaxCrossEntropy
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Indices<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<T> weight, int ignoreIndex, T labelSmoothing,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (bool mean, T total) = SoftmaxArguments.ClassIndexLoss(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, losses, inputGradient, outputs, reduction);
        var kernel = new IndexKernel<T>
        {
            Input = input,
            Target = target,
            Weight = weight,
            ClassCount = classCount,
            SpatialSize = spatialSize,
            IgnoreIndex = ignoreIndex,
            Smoothing = labelSmoothing > T.Zero ? labelSmoothing : T.Zero,
            Scale = mean ? T.One / total : T.One,
            Total = total,
            Mean = mean,
            Losses = losses,
            Gradient = inputGradient,
            Outputs = outputs,
        };
        return RowwiseDriver.Dispatch<T, IndexKernel<T>, T>(ref kernel);
    }

    /// <summary>The row loop, for one block type.</summary>
    private ref partial struct IndexKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<int> Target;
        public ReadOnlySpan<T> Weight;
        public int ClassCount;
        public int SpatialSize;
        public int IgnoreIndex;
        public T Smoothing;
        public T Scale;
        public T Total;
        public bool Mean;
        public Span<T> Losses;
        public Span<T> Gradient;
        public RowOutputs Outputs;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
            => SpatialSize != 1 ? Rows<TBlock, StridedRows>()
                : ClassCount <= Vector512<T>.Count ? ShortRows<TBlock>()
                : Rows<TBlock, ContiguousRows>();

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly unsafe T Rows<TBlock, TLayout>()
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            RowCascade<T>.Initialize(out RowCascade<T> nllSum);
            RowCascade<T>.Initialize(out RowCascade<T> smoothSum);
            int done = RunPartitions(&RowsPartition<TBlock, TLayout>, ref nllSum, ref smoothSum);
            RowRange<TBlock, TLayout>(done, Target.Length, ref nllSum, ref smoothSum);
            return Result(ref nllSum, ref smoothSum);
        }

        /// <summary>Rows [<paramref name="first"/>, <paramref name="end"/>): losses into the cascades, gradients written.</summary>
        private readonly void RowRange<TBlock, TLayout>(int first, int end, ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            int classes = ClassCount;
            nuint stride = (nuint)SpatialSize;
            bool smoothing = Smoothing > T.Zero;
            bool weighted = !Weight.IsEmpty;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            var weights = new ClassWeights<T, TBlock>(Weight);
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero;
            T weightSum = smoothing ? WeightSum<T, TBlock>(Weight, classes) : T.Zero;
            T nllScale = keep * Scale;
            T smoothScale = spread * Scale;

            bool losses = value || writeLosses;
            var pending = new PendingRows<T>(keep, spread, weightSum, smoothing, first);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            for (int r = first; r < end; r++)
            {
                int n = r / SpatialSize;
                int s = r - (n * SpatialSize);
                nint offset = ((nint)n * classes * SpatialSize) + s;
                var row = new RowRefs<T>
                {
                    First = ref Unsafe.Add(ref input, offset),
                    Output = ref Unsafe.Add(ref output, offset),
                    Stride = stride,
                    Count = classes,
                    Readable = Input.Length - offset,
                };

                int y = Target[r];
                if (y == IgnoreIndex)
                {
                    if (losses)
                    {
                        pending.AddIgnored();
                    }

                    if (gradient)
                    {
                        // torch: 0 − softmax·0, which is NaN exactly where the softmax is.
                        T max = RowwiseDriver.RowMax<T, TBlock, TLayout>(in row);
                        FillRow(ref row.Output, classes, stride, T.IsFinite(max) ? T.Zero : T.NaN);
                    }
                }
                else
                {
                    T m = RowwiseDriver.RowMax<T, TBlock, TLayout>(in row);
                    T xy = Unsafe.Add(ref row.First, (nuint)y * stride);
                    T sumExp, shifted;
                    if (smoothing)
                    {
                        var terms = new ExpShiftedDotTerms<T>(m);
                        RowwiseDriver.Pass<T, TBlock, TLayout, ExpShiftedDotTerms<T>>(ref terms, in row, in weights, gradient, out sumExp, out shifted, out _);
                    }
                    else
                    {
                        var terms = new ExpTerms<T>(m);
                        RowwiseDriver.Pass<T, TBlock, TLayout, ExpTerms<T>>(ref terms, in row, in weights, gradient, out sumExp, out _, out _);
                        shifted = T.Zero;
                    }

                    T wy = weighted ? Weight[y] : T.One;
                    if (losses)
                    {
                        pending.Add(sumExp, xy - m, wy, shifted);
                    }

                    if (gradient)
                    {
                        // torch: g_c − softmax_c·Σg with g_c = −a·[c = y] − b·w_c, Σg = −(a + b·Σw). The target's column
                        // is recomputed in that order so that exact cancellations (C = 1) stay exact zeros.
                        T a = wy * nllScale;
                        ref T outputY = ref Unsafe.Add(ref row.Output, (nuint)y * stride);
                        T ey = outputY;
                        row.First = ref row.Output;
                        if (smoothing)
                        {
                            T factor = (a + (smoothScale * weightSum)) / sumExp;
                            var terms = new SmoothedIndexGradientTerms<T>(factor, smoothScale);
                            RowwiseDriver.Pass<T, TBlock, TLayout, SmoothedIndexGradientTerms<T>>(ref terms, in row, in weights, true, out _, out _, out _);
                            outputY = (-a - (smoothScale * wy)) + (ey * factor);
                        }
                        else
                        {
                            T factor = a / sumExp;
                            var terms = new IndexGradientTerms<T>(factor);
                            RowwiseDriver.Pass<T, TBlock, TLayout, IndexGradientTerms<T>>(ref terms, in row, in weights, true, out _, out _, out _);
                            outputY = -a + (ey * factor);
                        }
                    }
                }

                if (losses && (pending.Full || r == end - 1))
                {
                    pending.Flush<TBlock>(writeLosses ? Losses : default, ref nllSum, ref smoothSum);
                }
            }
        }

        private readonly T Result(ref RowCascade<T> nllSum, ref RowCascade<T> smoothSum)
        {
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool smoothing = Smoothing > T.Zero;
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(ClassCount) : T.Zero;
            if (!value)
            {
                return T.Zero;
            }

            T nllTotal = nllSum.Total();
            if (!smoothing)
            {
                return Mean ? nllTotal / Total : nllTotal;
            }

            T smoothTotal = smoothSum.Total();
            return Mean ? (keep * (nllTotal / Total)) + ((smoothTotal / Total) * spread) : (keep * nllTotal) + (smoothTotal * spread);
        }
    }

    /// <summary>Σ_c w_c (C without weights), in the driver's layout.</summary>
    internal static T WeightSum<T, TBlock>(ReadOnlySpan<T> weight, int classes)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        if (weight.IsEmpty)
        {
            return T.CreateTruncating(classes);
        }

        var none = new ClassWeights<T, TBlock>(default);
        var row = new RowRefs<T>
        {
            First = ref MemoryMarshal.GetReference(weight),
            Stride = 1,
            Count = weight.Length,
            Readable = weight.Length,
        };
        var terms = default(PlainSumTerms<T>);
        RowwiseDriver.Pass<T, TBlock, ContiguousRows, PlainSumTerms<T>>(ref terms, in row, in none, false, out T sum, out _, out _);
        return sum;
    }

    /// <summary>Sets every class of a row to <paramref name="value"/>.</summary>
    internal static void FillRow<T>(ref T row, int classes, nuint stride, T value)
    {
        for (int c = 0; c < classes; c++)
        {
            Unsafe.Add(ref row, (nuint)c * stride) = value;
        }
    }
}
