using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>cosine_embedding_loss</c> over rows of D values, op for op as ATen computes it (so that overflow, zero
/// vectors and NaN behave the same): cos = Σx1·x2 / sqrt((Σx1² + ε)·(Σx2² + ε)) with ε = 1e-12 rounded to float (also in
/// double), loss = 1 − cos where y = 1, max(0, cos − margin) where y = −1, 0 for any other y.
/// </summary>
/// <remarks>
/// The three row sums are taken in the element-wise driver's logical layout (<see cref="RowCascade{T}"/>), as are the
/// sums over rows, so the results do not depend on the SIMD width. Gradients follow autograd's chain through the same
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

        T epsilon = T.CreateTruncating(1e-12f);
        T two = T.One + T.One;
        T scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(rows) : T.One;
        RowCascade<T> total = RowCascade<T>.Create();
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<T> x1 = input1.Slice(i * dimension, dimension);
            ReadOnlySpan<T> x2 = input2.Slice(i * dimension, dimension);
            RowCascade<T> dot = RowCascade<T>.Create(), square1 = RowCascade<T>.Create(), square2 = RowCascade<T>.Create();
            for (int j = 0; j < x1.Length; j++)
            {
                dot.Add(x1[j] * x2[j]);
                square1.Add(x1[j] * x1[j]);
                square2.Add(x2[j] * x2[j]);
            }

            T product = dot.Total();
            T magnitude1 = square1.Total() + epsilon;
            T magnitude2 = square2.Total() + epsilon;
            T denominator = T.Sqrt(magnitude1 * magnitude2);
            T cos = product / denominator;
            T y = target[i];
            T loss = (y == T.One ? T.One - cos : T.Zero) + (y == T.NegativeOne ? T.Max(cos - margin, T.Zero) : T.Zero);
            total.Add(loss);
            if (writeLosses)
            {
                losses[i] = loss;
            }

            if (gradient)
            {
                // d loss / d cos: −1 for y = 1; 1 for y = −1 where cos − margin ≥ 0 (clamp_min passes at the kink, not at NaN).
                T gCos = (y == T.One ? -scale : T.Zero) + (y == T.NegativeOne && cos - margin >= T.Zero ? scale : T.Zero);
                T gProduct = gCos / denominator;
                T gDenominator = -gCos * (cos / denominator);    // autograd's div backward: −g·((a / b) / b)
                T gRoot = gDenominator / (two * denominator);
                T g1 = two * (gRoot * magnitude2);
                T g2 = two * (gRoot * magnitude1);
                Span<T> d1 = input1Gradient.Slice(i * dimension, dimension);
                Span<T> d2 = input2Gradient.Slice(i * dimension, dimension);
                for (int j = 0; j < x1.Length; j++)
                {
                    T a = x1[j], b = x2[j];
                    d1[j] = (gProduct * b) + (g1 * a);
                    d2[j] = (gProduct * a) + (g2 * b);
                }
            }
        }

        if ((outputs & RowOutputs.Value) == 0)
        {
            return T.Zero;
        }

        T sum = total.Total();
        return reduction == Reduction.Mean ? sum / T.CreateTruncating(rows) : sum;
    }
}
