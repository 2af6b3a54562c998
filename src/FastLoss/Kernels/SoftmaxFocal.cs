using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// Categorical (softmax) focal loss, Lin et al. 2017: loss_i = −α_{y_i}·(1 − p_i)^γ·log p_i with p_i = softmax(x_i)[y_i].
/// </summary>
/// <remarks>
/// <para>Per row: m = max, one pass for Σ exp(x_c − m) (storing the exponentials in the gradient row), L = log Σe,
/// log p = (x_y − m) − L, and 1 − p = −expm1(log p) computed as −2τ/(1 − τ) with τ = tanh(log p / 2), accurate even
/// when p rounds to 1 (where 1 − p by subtraction would be 0 or noise).</para>
/// <para>Gradient, derived analytically: with q = p_i, d loss/d x_c = G·(softmax_c − [c = y]) where
/// G = α·[(1 − q)^γ − γ·q·(1 − q)^(γ−1)·log q] = α·(1 − q)^γ·(1 − γ·q·log q / (1 − q)). The last form never evaluates
/// (1 − q)^(γ−1), so it is finite for γ &lt; 1 too; log q / (1 − q) → −1 as q → 1 (used when 1 − q is exactly 0) and
/// q·log q / (1 − q) → 0 as q → 0. γ = 0 gives G = α, i.e. α·cross-entropy.</para>
/// </remarks>
internal static class SoftmaxFocalKernel
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, ReadOnlySpan<T> alphas, T alpha, T gamma, int ignoreIndex,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        SoftmaxArguments.Shape(input, target.Length, classCount, 1, nameof(target));
        SoftmaxArguments.PerClass(alphas, classCount, nameof(alpha));
        ThrowHelper.ValidateHyperparameter(!T.IsNaN(alpha), alpha, nameof(alpha), "a number");
        ThrowHelper.ValidateHyperparameter(gamma >= T.Zero, gamma, nameof(gamma), "a number greater than or equal to 0");
        if ((outputs & RowOutputs.Losses) != 0)
        {
            SoftmaxArguments.Losses(losses, target.Length, input, default, alphas);
        }

        if ((outputs & RowOutputs.Gradient) != 0)
        {
            SoftmaxArguments.Gradient(inputGradient, input, default, alphas);
        }

        bool mean = reduction == Reduction.Mean && (outputs & (RowOutputs.Value | RowOutputs.Gradient)) != 0;
        T count = SoftmaxArguments.Targets<T>(target, classCount, ignoreIndex, default, mean);
        var kernel = new FocalKernel<T>
        {
            Input = input,
            Target = target,
            Alphas = alphas,
            Alpha = alpha,
            Gamma = gamma,
            ClassCount = classCount,
            IgnoreIndex = ignoreIndex,
            Scale = mean ? T.One / count : T.One,
            Count = count,
            Mean = mean,
            Losses = losses,
            Gradient = inputGradient,
            Outputs = outputs,
        };
        return RowwiseDriver.Dispatch<T, FocalKernel<T>, T>(ref kernel);
    }

    /// <summary>The row loop, for one block type.</summary>
    private ref struct FocalKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<int> Target;
        public ReadOnlySpan<T> Alphas;
        public T Alpha;
        public T Gamma;
        public int ClassCount;
        public int IgnoreIndex;
        public T Scale;
        public T Count;
        public bool Mean;
        public Span<T> Losses;
        public Span<T> Gradient;
        public RowOutputs Outputs;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            int classes = ClassCount;
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            var weights = new ClassWeights<T, TBlock>(default);
            T half = T.One / (T.One + T.One);

            RowCascade<T>.Initialize(out RowCascade<T> lossSum);
            ref T input = ref MemoryMarshal.GetReference(Input);
            ref T output = ref MemoryMarshal.GetReference(Gradient);
            for (int r = 0; r < Target.Length; r++)
            {
                nint offset = (nint)r * classes;
                var row = new RowRefs<T>
                {
                    First = ref Unsafe.Add(ref input, offset),
                    Output = ref Unsafe.Add(ref output, offset),
                    Stride = 1,
                    Count = classes,
                    Readable = Input.Length - offset,
                };

                int y = Target[r];
                if (y == IgnoreIndex)
                {
                    if (writeLosses)
                    {
                        Losses[r] = T.Zero;
                    }

                    if (value)
                    {
                        lossSum.Add(T.Zero);
                    }

                    if (gradient)
                    {
                        MemoryMarshal.CreateSpan(ref row.Output, classes).Clear();
                    }

                    continue;
                }

                T m = RowwiseDriver.RowMax<T, TBlock, ContiguousRows>(in row);
                T xy = Unsafe.Add(ref row.First, y);
                var terms = new ExpTerms<T>(m);
                RowwiseDriver.Pass<T, TBlock, ContiguousRows, ExpTerms<T>>(ref terms, in row, in weights, gradient, out T sumExp, out _, out _);
                T logP = (xy - m) - BlockMath.Log(sumExp);
                T tau = BlockMath.Tanh(logP * half);
                T oneMinusP = T.Abs((tau + tau) / (T.One - tau));
                T modulation = Gamma == T.Zero ? T.One : BlockMath.Pow(oneMinusP, Gamma);
                T alpha = Alphas.IsEmpty ? Alpha : Alphas[y];
                T loss = -(alpha * modulation * logP);
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
                    T g = alpha;
                    if (Gamma != T.Zero)
                    {
                        T p = BlockMath.Exp(logP);
                        T ratio = oneMinusP == T.Zero ? -T.One : logP / oneMinusP;
                        T pRatio = p == T.Zero ? T.Zero : p * ratio;
                        g = alpha * modulation * (T.One - (Gamma * pRatio));
                    }

                    T a = g * Scale;
                    ref T outputY = ref Unsafe.Add(ref row.Output, y);
                    T ey = outputY;
                    T factor = a / sumExp;
                    row.First = ref row.Output;
                    var gradientTerms = new IndexGradientTerms<T>(factor);
                    RowwiseDriver.Pass<T, TBlock, ContiguousRows, IndexGradientTerms<T>>(ref gradientTerms, in row, in weights, true, out _, out _, out _);
                    outputY = -a + (ey * factor);
                }
            }

            if (!value)
            {
                return T.Zero;
            }

            T total = lossSum.Total();
            return Mean ? total / Count : total;
        }
    }
}
