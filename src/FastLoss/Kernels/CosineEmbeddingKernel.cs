using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>cosine_embedding_loss</c> over rows of D values, op for op as ATen computes it (so that overflow, zero
/// vectors and NaN behave the same): cos = Σx1·x2 / sqrt((Σx1² + ε)·(Σx2² + ε)) with ε = 1e-12 rounded to float (also in
/// double), loss = 1 − cos where y = 1, max(0, cos − margin) where y = −1, 0 for any other y.
/// </summary>
/// <remarks>
/// The three row sums are one <see cref="RowwiseDriver"/> pass per row (vectorized, in the element-wise driver's logical
/// layout), the sum over rows a <see cref="RowCascade{T}"/>, so the results do not depend on the SIMD width. Gradients follow autograd's chain through the same
/// ops: d cos / d x1 = x2 / denom + 2·(−prod / denom² / (2·denom))·(Σx2² + ε)·x1.
/// </remarks>
internal static class CosineEmbeddingKernel
{
    /// <summary>Runs the loss: reduced value, per-row losses and/or both gradients, as <paramref name="outputs"/> says.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> input1, ReadOnlySpan<T> input2, ReadOnlySpan<T> target, int dimension, T margin,
        Span<T> losses, Span<T> input1Gradient, Span<T> input2Gradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        int rows = EmbeddingArguments.Rows(input1.Length, nameof(input1), dimension, input2.Length, nameof(input2));
        if (target.Length != rows)
        {
            throw new ArgumentException($"'target' has {target.Length} elements but the inputs have {rows} rows of {dimension}: one target per row.", nameof(target));
        }

        ThrowHelper.ValidateHyperparameter(!T.IsNaN(margin), margin, nameof(margin), "a number (not NaN)");
        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if (writeLosses)
        {
            SoftmaxArguments.Losses(losses, rows, input1, input2, target);
            losses = losses[..rows];
        }

        if (gradient)
        {
            input1Gradient = EmbeddingArguments.Gradient(input1Gradient, nameof(input1Gradient), input1);
            input2Gradient = EmbeddingArguments.Gradient(input2Gradient, nameof(input2Gradient), input2);
            EmbeddingArguments.Disjoint(input1Gradient, nameof(input1Gradient), input2, nameof(input2));
            EmbeddingArguments.Disjoint(input1Gradient, nameof(input1Gradient), target, nameof(target));
            EmbeddingArguments.Disjoint(input2Gradient, nameof(input2Gradient), input1, nameof(input1));
            EmbeddingArguments.Disjoint(input2Gradient, nameof(input2Gradient), target, nameof(target));
            EmbeddingArguments.Disjoint(input1Gradient, nameof(input1Gradient), input2Gradient, nameof(input2Gradient));
        }

        var kernel = new CosineRows<T>
        {
            Input1 = input1,
            Input2 = input2,
            Target = target,
            Dimension = dimension,
            Rows = rows,
            Margin = margin,
            Scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(rows) : T.One,
            Losses = writeLosses ? losses : default,
            Input1Gradient = gradient ? input1Gradient : default,
            Input2Gradient = gradient ? input2Gradient : default,
        };
        T sum = RowwiseDriver.Dispatch<T, CosineRows<T>, T>(ref kernel);
        if ((outputs & RowOutputs.Value) == 0)
        {
            return T.Zero;
        }

        return reduction == Reduction.Mean ? sum / T.CreateTruncating(rows) : sum;
    }

    /// <summary>The row loop for one block type: the three row sums in one <see cref="RowwiseDriver"/> pass, then the scalar tail of the formula.</summary>
    private ref struct CosineRows<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input1;
        public ReadOnlySpan<T> Input2;
        public ReadOnlySpan<T> Target;
        public int Dimension;
        public int Rows;
        public T Margin;
        public T Scale;
        public Span<T> Losses;
        public Span<T> Input1Gradient;
        public Span<T> Input2Gradient;

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            T epsilon = T.CreateTruncating(1e-12f);
            T two = T.One + T.One;
            var none = new ClassWeights<T, TBlock>(default);
            var terms = default(CosineTerms<T>);
            RowCascade<T>.Initialize(out RowCascade<T> total);
            for (int i = 0; i < Rows; i++)
            {
                int offset = i * Dimension;
                var row = new RowRefs<T>
                {
                    First = ref Unsafe.AsRef(in Input1[offset]),
                    Second = ref Unsafe.AsRef(in Input2[offset]),
                    Stride = 1,
                    Count = Dimension,
                    Readable = Input1.Length - offset,
                };
                RowwiseDriver.Pass<T, TBlock, ContiguousRows, CosineTerms<T>>(ref terms, in row, in none, false, out T product, out T square1, out T square2);
                T magnitude1 = square1 + epsilon;
                T magnitude2 = square2 + epsilon;
                T denominator = T.Sqrt(magnitude1 * magnitude2);
                T cos = product / denominator;
                T y = Target[i];
                T loss = (y == T.One ? T.One - cos : T.Zero) + (y == T.NegativeOne ? T.Max(cos - Margin, T.Zero) : T.Zero);
                total.Add(loss);
                if (!Losses.IsEmpty)
                {
                    Losses[i] = loss;
                }

                if (Input1Gradient.IsEmpty)
                {
                    continue;
                }

                // d loss / d cos: −1 for y = 1; 1 for y = −1 where cos − margin ≥ 0 (clamp_min passes at the kink, not at NaN).
                // Then autograd's chain in its own order: div (−g·((a / b) / b) for the denominator), sqrt (g / (2·result)),
                // the product of the squared norms, and x·x (two equal terms, 2·(g·x) exactly).
                T gCos = (y == T.One ? -Scale : T.Zero) + (y == T.NegativeOne && cos - Margin >= T.Zero ? Scale : T.Zero);
                T gProduct = gCos / denominator;
                T gDenominator = -gCos * (cos / denominator);
                T gRoot = gDenominator / (two * denominator);
                T g1 = two * (gRoot * magnitude2);
                T g2 = two * (gRoot * magnitude1);
                ReadOnlySpan<T> x1 = Input1.Slice(offset, Dimension);
                ReadOnlySpan<T> x2 = Input2.Slice(offset, Dimension);
                Span<T> d1 = Input1Gradient.Slice(offset, Dimension);
                Span<T> d2 = Input2Gradient.Slice(offset, Dimension);
                for (int j = 0; j < x1.Length; j++)
                {
                    T a = x1[j], b = x2[j];
                    d1[j] = (gProduct * b) + (g1 * a);
                    d2[j] = (gProduct * a) + (g2 * b);
                }
            }

            return total.Total();
        }
    }
}

/// <summary>The cosine's row sums of x1 (first) and x2 (second): x1·x2, x1·x1, x2·x2.</summary>
internal readonly struct CosineTerms<T> : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 3;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = TBlock.Multiply(first, second);
        sum1 = TBlock.Multiply(first, first);
        sum2 = TBlock.Multiply(second, second);
        return first;
    }
}
