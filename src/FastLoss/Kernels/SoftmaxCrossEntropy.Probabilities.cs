using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>Softmax cross-entropy with probability targets (torch's float target of the input's shape).</summary>
/// <remarks>
/// Per row: t'_c = t_c·(1 − ε) + ε/C (t as given for ε ≤ 0; targets are not checked, as in torch); a first pass computes
/// Σ exp(x_c − m) and Q = Σ t'_c·w_c, L = log Σe; a second pass computes torch's log_softmax_c = (x_c − m) − L, the loss
/// −Σ (log_softmax_c·t'_c)·w_c (so non-finite targets give torch's infinities and NaNs) and, for the gradient,
/// exp(log_softmax_c)·s·Q − s·t'_c·w_c (torch's g − softmax·Σg; exact zeros where torch's cancel). Two exponentials per
/// value with the gradient, one without; in place is safe. The mean divides by the number of rows (N × spatial size),
/// not by a weight sum, as torch.
/// </remarks>
internal static partial class SoftmaxCrossEntropy
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Probabilities<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount, int spatialSize, ReadOnlySpan<T> weight, T labelSmoothing,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        if (classCount >= 1 && target.Length != input.Length)
        {
            throw new ArgumentException(
                $"'target' has {target.Length} elements but 'input' has {input.Length}: probability targets have the input's shape.", nameof(target));
        }

        long rows = classCount >= 1 ? target.Length / classCount : 0;
        SoftmaxArguments.Shape(input, rows, classCount, spatialSize, nameof(target));
        SoftmaxArguments.PerClass(weight, classCount, nameof(weight));
        SoftmaxArguments.LabelSmoothing(labelSmoothing);
        if ((outputs & RowOutputs.Losses) != 0)
        {
            SoftmaxArguments.Losses(losses, (int)rows, input, target, weight);
        }

        if ((outputs & RowOutputs.Gradient) != 0)
        {
            SoftmaxArguments.Gradient(inputGradient, input, target, weight);
        }

        bool mean = reduction == Reduction.Mean;
        var kernel = new ProbabilityKernel<T>
        {
            Input = input,
            Target = target,
            Weight = weight,
            ClassCount = classCount,
            SpatialSize = spatialSize,
            Smoothing = labelSmoothing > T.Zero ? labelSmoothing : T.Zero,
            Scale = mean ? T.One / T.CreateTruncating(rows) : T.One,
            Rows = T.CreateTruncating(rows),
            Mean = mean,
            Losses = losses,
            Gradient = inputGradient,
            Outputs = outputs,
        };
        return RowwiseDriver.Dispatch<T, ProbabilityKernel<T>, T>(ref kernel);
    }

    /// <summary>The row loop, for one block type.</summary>
    private ref struct ProbabilityKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<T> Target;
        public ReadOnlySpan<T> Weight;
        public int ClassCount;
        public int SpatialSize;
        public T Smoothing;
        public T Scale;
        public T Rows;
        public bool Mean;
        public Span<T> Losses;
        public Span<T> Gradient;
        public RowOutputs Outputs;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
            => SpatialSize != 1 ? Loop<TBlock, StridedRows>()
                : ClassCount <= Vector512<T>.Count ? ShortLoop<TBlock>()
                : Loop<TBlock, ContiguousRows>();

        /// <summary>
        /// Rows of at most one block, kept in registers: exactly the operations of <see cref="ExpMassTerms{T}"/> and
        /// <see cref="ProbabilityLossGradientTerms{T}"/> on a single block masked past C, so the same bits as
        /// <see cref="Loop{TBlock, TLayout}"/>.
        /// </summary>
        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly T ShortLoop<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            bool smoothing = Smoothing > T.Zero;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            var weights = new ClassWeights<T, TBlock>(Weight);
            TBlock weight = !weights.Present ? weights.One : classes == Vector512<T>.Count ? TBlock.Load(ref weights.Values, 0) : weights.Tail;
            TBlock keep = TBlock.Create(smoothing ? T.One - Smoothing : T.One);
            TBlock spread = TBlock.Create(smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero);

            RowCascade<T>.Initialize(out RowCascade<T> lossSum);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T target = ref MemoryMarshal.GetReference(Target);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            int rows = Input.Length / classes;
            for (int r = 0; r < rows; r++)
            {
                nint offset = (nint)r * classes;
                bool whole = offset + Vector512<T>.Count <= Input.Length;
                TBlock x = whole ? TBlock.Load(ref input, (nuint)offset) : RowLayouts.Copy<T, TBlock>(ref input, (nuint)offset, classes, 1);
                TBlock t = whole ? TBlock.Load(ref target, (nuint)offset) : RowLayouts.Copy<T, TBlock>(ref target, (nuint)offset, classes, 1);
                T m = TBlock.MaxAcross(TBlock.KeepFirst(x, classes, T.NegativeInfinity));
                TBlock d = TBlock.Subtract(x, TBlock.Create(m));
                TBlock smoothed = TBlock.Add(TBlock.Multiply(t, keep), spread);
                TBlock mass = TBlock.Multiply(smoothed, weight);
                T sumExp = TBlock.Sum(TBlock.KeepFirst(TBlock.Exp(d), classes, T.NegativeZero));
                T lse = BlockMath.Log(sumExp);
                TBlock logSoftmax = TBlock.Subtract(d, TBlock.Create(lse));
                T loss = -TBlock.Sum(TBlock.KeepFirst(TBlock.Multiply(TBlock.Multiply(logSoftmax, smoothed), weight), classes, T.NegativeZero));
                if (value)
                {
                    lossSum.Add(loss);
                }

                if (writeLosses)
                {
                    Losses[r] = loss;
                }

                if (gradient)
                {
                    T factor = Scale * TBlock.Sum(TBlock.KeepFirst(mass, classes, T.NegativeZero));
                    TBlock g = TBlock.Subtract(TBlock.Multiply(TBlock.Exp(logSoftmax), TBlock.Create(factor)), TBlock.Multiply(mass, TBlock.Create(Scale)));
                    TBlock.StoreFirst(g, ref output, (nuint)offset, classes);
                }
            }

            if (!value)
            {
                return T.Zero;
            }

            T total = lossSum.Total();
            return Mean ? total / Rows : total;
        }

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly T Loop<TBlock, TLayout>()
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            int classes = ClassCount;
            nuint stride = (nuint)SpatialSize;
            bool smoothing = Smoothing > T.Zero;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            var weights = new ClassWeights<T, TBlock>(Weight);
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero;

            RowCascade<T>.Initialize(out RowCascade<T> lossSum);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T target = ref MemoryMarshal.GetReference(Target);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            int rows = Input.Length / classes;
            for (int r = 0; r < rows; r++)
            {
                int n = r / SpatialSize;
                int s = r - (n * SpatialSize);
                nint offset = ((nint)n * classes * SpatialSize) + s;
                var row = new RowRefs<T>
                {
                    First = ref Unsafe.Add(ref input, offset),
                    Second = ref Unsafe.Add(ref target, offset),
                    Output = ref Unsafe.Add(ref output, offset),
                    Stride = stride,
                    Count = classes,
                    Readable = Input.Length - offset,
                };

                T m = RowwiseDriver.RowMax<T, TBlock, TLayout>(in row);
                var massTerms = new ExpMassTerms<T>(m, keep, spread);
                RowwiseDriver.Pass<T, TBlock, TLayout, ExpMassTerms<T>>(ref massTerms, in row, in weights, false, out T sumExp, out T mass, out _);
                T lse = BlockMath.Log(sumExp);
                T dot;
                if (gradient)
                {
                    var terms = new ProbabilityLossGradientTerms<T>(m, lse, keep, spread, Scale * mass, Scale);
                    RowwiseDriver.Pass<T, TBlock, TLayout, ProbabilityLossGradientTerms<T>>(ref terms, in row, in weights, true, out dot, out _, out _);
                }
                else
                {
                    var terms = new ProbabilityLossTerms<T>(m, lse, keep, spread);
                    RowwiseDriver.Pass<T, TBlock, TLayout, ProbabilityLossTerms<T>>(ref terms, in row, in weights, false, out dot, out _, out _);
                }

                T loss = -dot;
                if (value)
                {
                    lossSum.Add(loss);
                }

                if (writeLosses)
                {
                    Losses[r] = loss;
                }
            }

            if (!value)
            {
                return T.Zero;
            }

            T total = lossSum.Total();
            return Mean ? total / Rows : total;
        }
    }
}
