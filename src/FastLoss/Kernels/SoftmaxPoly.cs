using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// Poly-1 cross-entropy, Leng et al. 2022, [N, C] or [N, C, S] (rows addressed as SoftmaxCrossEntropy's): loss_i = CE_i + ε·w_{y_i}·(1 − p_i) with p_i = softmax(x_i)[y_i] and CE_i
/// torch's cross-entropy of the row (class weights, ignore index, label smoothing).
/// </summary>
/// <remarks>
/// <para>The cross-entropy part repeats the operations of <see cref="SoftmaxCrossEntropy"/>'s row kernel in the same
/// order (m = max, one pass for Σ exp(x_c − m) and, with smoothing, Σ w_c·(x_c − m); L = log Σe; nll, smooth and the
/// per-sample loss as its PendingRows; the two per-row cascades; the same final combination), so ε = 0 gives the
/// cross-entropy's bits, loss and gradient: the poly term is added only when ε ≠ 0.</para>
/// <para>1 − p = −expm1(log p) is computed as −2τ/(1 − τ) with τ = tanh(log p / 2), without cancellation when p rounds
/// to 1. The poly term's gradient ε·w_y·p·(softmax − onehot(y)) has the cross-entropy's shape, so it enters as
/// a' = a + ε·s·w_y·p in the cross-entropy gradient softmax·(a' + b·Σw) − b·w_c − a'·[c = y].</para>
/// </remarks>
internal static class SoftmaxPolyKernel
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int spatialSize, T epsilon, ReadOnlySpan<T> weight, int ignoreIndex, T labelSmoothing,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ThrowHelper.ValidateHyperparameter(T.IsFinite(epsilon), epsilon, nameof(epsilon), "a finite number");
        (bool mean, T total) = SoftmaxArguments.ClassIndexLoss(input, target, classCount, spatialSize, weight, ignoreIndex, labelSmoothing, losses, inputGradient, outputs, reduction);
        var kernel = new PolyKernel<T>
        {
            Input = input,
            Target = target,
            Weight = weight,
            Epsilon = epsilon,
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
        return RowwiseDriver.Dispatch<T, PolyKernel<T>, T>(ref kernel);
    }

    /// <summary>The row loop, for one block type.</summary>
    private ref struct PolyKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<int> Target;
        public ReadOnlySpan<T> Weight;
        public T Epsilon;
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
            => SpatialSize != 1 ? Rows<TBlock, StridedRows>() : Rows<TBlock, ContiguousRows>();

        /// <summary>Every row: one sample ([N, C], contiguous) or one (sample, position) ([N, C, S], classes S apart).</summary>
        private readonly T Rows<TBlock, TLayout>()
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            int classes = ClassCount;
            nuint stride = (nuint)SpatialSize;
            bool smoothing = Smoothing > T.Zero;
            bool weighted = !Weight.IsEmpty;
            bool poly = Epsilon != T.Zero;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            bool losses = value || writeLosses;
            var weights = new ClassWeights<T, TBlock>(Weight);
            T keep = smoothing ? T.One - Smoothing : T.One;
            T spread = smoothing ? Smoothing / T.CreateTruncating(classes) : T.Zero;
            T weightSum = smoothing ? SoftmaxCrossEntropy.WeightSum<T, TBlock>(Weight, classes) : T.Zero;
            T nllScale = keep * Scale;
            T smoothScale = spread * Scale;
            T polyScale = Epsilon * Scale;
            T half = T.One / (T.One + T.One);

            RowCascade<T>.Initialize(out RowCascade<T> nllSum);
            RowCascade<T>.Initialize(out RowCascade<T> smoothSum);
            RowCascade<T>.Initialize(out RowCascade<T> polySum);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            for (int r = 0; r < Target.Length; r++)
            {
                // SoftmaxCrossEntropy's row addressing: row r = (n, s) starts at n·C·S + s.
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
                        nllSum.Add(T.Zero);
                        smoothSum.Add(T.Zero);
                        polySum.Add(T.Zero);
                        if (writeLosses)
                        {
                            Losses[r] = T.Zero;
                        }
                    }

                    if (gradient)
                    {
                        // As cross-entropy (torch): 0 − softmax·0, NaN exactly where the softmax is.
                        T max = RowwiseDriver.RowMax<T, TBlock, TLayout>(in row);
                        SoftmaxCrossEntropy.FillRow(ref row.Output, classes, stride, T.IsFinite(max) ? T.Zero : T.NaN);
                    }

                    continue;
                }

                T m = RowwiseDriver.RowMax<T, TBlock, TLayout>(in row);
                T shiftedTarget = Unsafe.Add(ref row.First, (nuint)y * stride) - m;
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
                T lse = BlockMath.Log(sumExp);
                T logP = shiftedTarget - lse;
                if (losses)
                {
                    // CrossEntropy's row loss, operation for operation.
                    T loss = SoftmaxCrossEntropy.RowLoss(shiftedTarget, lse, wy, shifted, smoothing, keep, spread, weightSum, out T nll, out T smooth);

                    T polyTerm = T.Zero;
                    if (poly)
                    {
                        T tau = BlockMath.Tanh(logP * half);
                        polyTerm = wy * T.Abs((tau + tau) / (T.One - tau));
                        loss += Epsilon * polyTerm;
                    }

                    nllSum.Add(nll);
                    smoothSum.Add(smooth);
                    polySum.Add(polyTerm);
                    if (writeLosses)
                    {
                        Losses[r] = loss;
                    }
                }

                if (gradient)
                {
                    T a = wy * nllScale;
                    if (poly)
                    {
                        a += wy * polyScale * BlockMath.Exp(logP);
                    }

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

            if (!value)
            {
                return T.Zero;
            }

            // SoftmaxCrossEntropy's Result, plus the poly term.
            T nllTotal = nllSum.Total();
            T result;
            if (!smoothing)
            {
                result = Mean ? nllTotal / Total : nllTotal;
            }
            else
            {
                T smoothTotal = smoothSum.Total();
                result = Mean ? (keep * (nllTotal / Total)) + ((smoothTotal / Total) * spread) : (keep * nllTotal) + (smoothTotal * spread);
            }

            if (poly)
            {
                T polyTotal = polySum.Total();
                result += Epsilon * (Mean ? polyTotal / Total : polyTotal);
            }

            return result;
        }
    }
}
