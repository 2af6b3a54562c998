using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>triplet_margin_loss</c> over rows of D values: d(x, y) = ‖x − y + eps‖_p (eps added to the difference, as
/// <c>pairwise_distance</c> does), d_neg = d(a, n) or, with swap, min(d(a, n), d(p, n)); loss = max(0, margin + d(a, p) − d_neg).
/// </summary>
/// <remarks>
/// <para>Norms: p = 1 (Σ|u|), p = 2 (sqrt(Σu²)), p = ∞ (max|u|) and any other p &gt; 0 ((Σ|u|^p)^(1/p)). Their gradients
/// are torch's <c>norm_backward</c>: 0 for a zero norm (p ≥ 1), sgn(u) for p = 1, the gradient shared among the maximal
/// |u| for p = ∞. The gradient of min at a tie is split in halves (torch's <c>minimum</c>), and clamp_min passes it at 0.</para>
/// <para>Row sums and the sum over rows are taken in the element-wise driver's logical layout (<see cref="RowCascade{T}"/>):
/// the results do not depend on the SIMD width.</para>
/// </remarks>
internal static class TripletMarginKernel
{
    /// <summary>Checks margin (&gt; 0), p (&gt; 0) and eps (finite), as torch's Python wrapper checks the margin.</summary>
    public static void Validate<T>(T margin, T p, T eps)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ThrowHelper.ValidateHyperparameter(margin > T.Zero, margin, nameof(margin), "greater than 0 (torch: margin must be greater than 0)");
        ThrowHelper.ValidateHyperparameter(p > T.Zero, p, nameof(p), "greater than 0 (∞ for the maximum norm)");
        ThrowHelper.ValidateHyperparameter(T.IsFinite(eps), eps, nameof(eps), "a finite number");
    }

    /// <summary>Runs the loss: reduced value, per-row losses and/or the three gradients, as <paramref name="outputs"/> says.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> anchor, ReadOnlySpan<T> positive, ReadOnlySpan<T> negative, int dimension, T margin, T p, T eps, bool swap,
        Span<T> losses, Span<T> anchorGradient, Span<T> positiveGradient, Span<T> negativeGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        int rows = EmbeddingArguments.Rows(anchor.Length, nameof(anchor), dimension, positive.Length, nameof(positive), negative.Length, nameof(negative));
        Validate(margin, p, eps);
        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if (writeLosses)
        {
            SoftmaxArguments.Losses(losses, rows, anchor, positive, negative);
            losses = losses[..rows];
        }

        if (gradient)
        {
            anchorGradient = EmbeddingArguments.Gradient(anchorGradient, nameof(anchorGradient), anchor);
            positiveGradient = EmbeddingArguments.Gradient(positiveGradient, nameof(positiveGradient), positive);
            negativeGradient = EmbeddingArguments.Gradient(negativeGradient, nameof(negativeGradient), negative);
            EmbeddingArguments.Disjoint(anchorGradient, nameof(anchorGradient), positive, nameof(positive));
            EmbeddingArguments.Disjoint(anchorGradient, nameof(anchorGradient), negative, nameof(negative));
            EmbeddingArguments.Disjoint(positiveGradient, nameof(positiveGradient), anchor, nameof(anchor));
            EmbeddingArguments.Disjoint(positiveGradient, nameof(positiveGradient), negative, nameof(negative));
            EmbeddingArguments.Disjoint(negativeGradient, nameof(negativeGradient), anchor, nameof(anchor));
            EmbeddingArguments.Disjoint(negativeGradient, nameof(negativeGradient), positive, nameof(positive));
            EmbeddingArguments.Disjoint(anchorGradient, nameof(anchorGradient), positiveGradient, nameof(positiveGradient));
            EmbeddingArguments.Disjoint(anchorGradient, nameof(anchorGradient), negativeGradient, nameof(negativeGradient));
            EmbeddingArguments.Disjoint(positiveGradient, nameof(positiveGradient), negativeGradient, nameof(negativeGradient));
        }

        var norm = new PNorm<T>(p);
        T scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(rows) : T.One;
        T half = T.CreateTruncating(0.5);
        RowCascade<T> total = RowCascade<T>.Create();
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<T> a = anchor.Slice(i * dimension, dimension);
            ReadOnlySpan<T> b = positive.Slice(i * dimension, dimension);
            ReadOnlySpan<T> c = negative.Slice(i * dimension, dimension);
            T toPositive = norm.Distance(a, b, eps);
            T toNegative = norm.Distance(a, c, eps);
            T swapped = swap ? norm.Distance(b, c, eps) : T.Zero;
            T nearest = swap ? T.Min(toNegative, swapped) : toNegative;
            T hinge = margin + toPositive - nearest;
            T loss = T.Max(hinge, T.Zero);
            total.Add(loss);
            if (writeLosses)
            {
                losses[i] = loss;
            }

            if (!gradient)
            {
                continue;
            }

            T g = hinge >= T.Zero ? scale : T.Zero;
            T gNegative = -g;

            // torch's minimum: the gradient goes to the smaller side, halved at a tie (and to both at NaN).
            T gAn = gNegative, gPn = T.Zero;
            if (swap)
            {
                bool tie = toNegative == swapped;
                gAn = tie ? gNegative * half : toNegative > swapped ? T.Zero : gNegative;
                gPn = tie ? gNegative * half : toNegative < swapped ? T.Zero : gNegative;
            }

            var ap = norm.Backward(a, b, eps, toPositive, g);
            var an = norm.Backward(a, c, eps, toNegative, gAn);
            var pn = swap ? norm.Backward(b, c, eps, swapped, gPn) : default;
            Span<T> da = anchorGradient.Slice(i * dimension, dimension);
            Span<T> db = positiveGradient.Slice(i * dimension, dimension);
            Span<T> dc = negativeGradient.Slice(i * dimension, dimension);
            for (int j = 0; j < a.Length; j++)
            {
                T aj = a[j], bj = b[j], cj = c[j];
                T fromAp = ap.At(aj - bj + eps);
                T fromAn = an.At(aj - cj + eps);
                T fromPn = swap ? pn.At(bj - cj + eps) : T.Zero;
                da[j] = fromAp + fromAn;
                db[j] = swap ? fromPn - fromAp : -fromAp;
                dc[j] = swap ? -fromAn - fromPn : -fromAn;
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

/// <summary>A p-norm of difference vectors u = x − y + eps and its backward (torch's <c>norm</c> and <c>norm_backward</c>).</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct PNorm<T>(T p)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _p = p;

    /// <summary>‖x − y + eps‖_p.</summary>
    public T Distance(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T eps)
    {
        if (T.IsPositiveInfinity(_p))
        {
            T max = T.Zero;
            for (int j = 0; j < x.Length; j++)
            {
                T u = T.Abs(x[j] - y[j] + eps);
                max = T.IsNaN(u) || T.IsNaN(max) ? T.NaN : T.Max(max, u);
            }

            return max;
        }

        RowCascade<T> sum = RowCascade<T>.Create();
        T two = T.One + T.One;
        for (int j = 0; j < x.Length; j++)
        {
            T u = x[j] - y[j] + eps;
            sum.Add(_p == T.One ? T.Abs(u) : _p == two ? u * u : T.Pow(T.Abs(u), _p));
        }

        T total = sum.Total();
        return _p == T.One ? total : _p == two ? T.Sqrt(total) : T.Pow(total, T.One / _p);
    }

    /// <summary>The per-element backward of one norm: <see cref="NormGradient{T}.At"/> maps u to d(g·‖·‖)/du.</summary>
    public NormGradient<T> Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T eps, T norm, T g)
    {
        T two = T.One + T.One;
        if (T.IsPositiveInfinity(_p))
        {
            // The gradient is shared among the elements whose |u| is the maximum (or NaN).
            int count = 0;
            for (int j = 0; j < x.Length; j++)
            {
                T u = T.Abs(x[j] - y[j] + eps);
                count += u == norm || T.IsNaN(u) ? 1 : 0;
            }

            return new NormGradient<T>(NormKind.Maximum, g / T.CreateTruncating(count), norm, _p);
        }

        if (_p == T.One)
        {
            return new NormGradient<T>(NormKind.One, g, norm, _p);
        }

        if (_p == two)
        {
            return new NormGradient<T>(NormKind.Two, g, norm, _p);
        }

        if (_p < T.One)
        {
            return new NormGradient<T>(NormKind.Below1, g * T.Pow(norm, T.One - _p), norm, _p);
        }

        T factor = norm == T.Zero ? T.Zero : g / T.Pow(norm, _p - T.One);
        return new NormGradient<T>(_p < two ? NormKind.Below2 : NormKind.Above2, factor, norm, _p);
    }
}

/// <summary>Which branch of torch's <c>norm_backward</c> applies.</summary>
internal enum NormKind
{
    /// <summary>p = 1: sgn(u)·g.</summary>
    One,

    /// <summary>p = 2: g·(u / ‖u‖), 0 for a zero norm.</summary>
    Two,

    /// <summary>p = ∞: sgn(u)·g / count where |u| is the maximum.</summary>
    Maximum,

    /// <summary>p &lt; 1: sgn(u)·|u|^(p−1) (0 at u = 0)·g·‖u‖^(1−p).</summary>
    Below1,

    /// <summary>1 &lt; p &lt; 2: sgn(u)·|u|^(p−1)·g / ‖u‖^(p−1).</summary>
    Below2,

    /// <summary>p &gt; 2: u·|u|^(p−2)·g / ‖u‖^(p−1).</summary>
    Above2,
}

/// <summary>The element map of one norm's backward.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct NormGradient<T>(NormKind kind, T factor, T norm, T p)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>d(g·‖·‖)/du at u.</summary>
    public T At(T u) => kind switch
    {
        NormKind.One => Sign(u) * factor,
        NormKind.Two => factor * (norm == T.Zero ? T.Zero : u / norm),
        NormKind.Maximum => T.Abs(u) == norm || T.IsNaN(u) ? Sign(u) * factor : T.Zero,
        NormKind.Below1 => u == T.Zero ? T.Zero : Sign(u) * T.Pow(T.Abs(u), p - T.One) * factor,
        NormKind.Below2 => Sign(u) * T.Pow(T.Abs(u), p - T.One) * factor,
        _ => u * T.Pow(T.Abs(u), p - (T.One + T.One)) * factor,
    };

    /// <summary>torch's sgn of a real number: −1, 0 or 1 (0 for NaN).</summary>
    private static T Sign(T u) => u > T.Zero ? T.One : u < T.Zero ? T.NegativeOne : T.Zero;
}
