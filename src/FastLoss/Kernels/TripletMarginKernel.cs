using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

        var kernel = new TripletRows<T>
        {
            Anchor = anchor,
            Positive = positive,
            Negative = negative,
            Dimension = dimension,
            Rows = rows,
            Margin = margin,
            P = p,
            Eps = eps,
            Swap = swap,
            Scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(rows) : T.One,
            Losses = writeLosses ? losses : default,
            AnchorGradient = gradient ? anchorGradient : default,
            PositiveGradient = gradient ? positiveGradient : default,
            NegativeGradient = gradient ? negativeGradient : default,
        };
        T sum = RowwiseDriver.Dispatch<T, TripletRows<T>, T>(ref kernel);
        if ((outputs & RowOutputs.Value) == 0)
        {
            return T.Zero;
        }

        return reduction == Reduction.Mean ? sum / T.CreateTruncating(rows) : sum;
    }

    /// <summary>The row loop for one block type (p = 2 distances are vectorized <see cref="RowwiseDriver"/> passes).</summary>
    private ref struct TripletRows<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Anchor;
        public ReadOnlySpan<T> Positive;
        public ReadOnlySpan<T> Negative;
        public int Dimension;
        public int Rows;
        public T Margin;
        public T P;
        public T Eps;
        public bool Swap;
        public T Scale;
        public Span<T> Losses;
        public Span<T> AnchorGradient;
        public Span<T> PositiveGradient;
        public Span<T> NegativeGradient;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
        {
            var norm = new PNorm<T>(P);
            T half = T.CreateTruncating(0.5);
            RowCascade<T>.Initialize(out RowCascade<T> total);
            for (int i = 0; i < Rows; i++)
            {
                ReadOnlySpan<T> a = Anchor.Slice(i * Dimension, Dimension);
                ReadOnlySpan<T> b = Positive.Slice(i * Dimension, Dimension);
                ReadOnlySpan<T> c = Negative.Slice(i * Dimension, Dimension);
                T toPositive = norm.Distance<TBlock>(a, b, Eps);
                T toNegative = norm.Distance<TBlock>(a, c, Eps);
                T swapped = Swap ? norm.Distance<TBlock>(b, c, Eps) : T.Zero;
                T nearest = Swap ? T.Min(toNegative, swapped) : toNegative;
                T hinge = Margin + toPositive - nearest;
                T loss = T.Max(hinge, T.Zero);
                total.Add(loss);
                if (!Losses.IsEmpty)
                {
                    Losses[i] = loss;
                }

                if (AnchorGradient.IsEmpty)
                {
                    continue;
                }

                T g = hinge >= T.Zero ? Scale : T.Zero;
                T gNegative = -g;

                // torch's minimum: the gradient goes to the smaller side, halved at a tie (and to both at NaN).
                T gAn = gNegative, gPn = T.Zero;
                if (Swap)
                {
                    bool tie = toNegative == swapped;
                    gAn = tie ? gNegative * half : toNegative > swapped ? T.Zero : gNegative;
                    gPn = tie ? gNegative * half : toNegative < swapped ? T.Zero : gNegative;
                }

                var ap = norm.Backward(a, b, Eps, toPositive, g);
                var an = norm.Backward(a, c, Eps, toNegative, gAn);
                var pn = Swap ? norm.Backward(b, c, Eps, swapped, gPn) : default;
                Span<T> da = AnchorGradient.Slice(i * Dimension, Dimension);
                Span<T> db = PositiveGradient.Slice(i * Dimension, Dimension);
                Span<T> dc = NegativeGradient.Slice(i * Dimension, Dimension);
                for (int j = 0; j < a.Length; j++)
                {
                    T aj = a[j], bj = b[j], cj = c[j];
                    T fromAp = ap.At(aj - bj + Eps);
                    T fromAn = an.At(aj - cj + Eps);
                    T fromPn = Swap ? pn.At(bj - cj + Eps) : T.Zero;
                    da[j] = fromAp + fromAn;
                    db[j] = Swap ? fromPn - fromAp : -fromAp;
                    dc[j] = Swap ? -fromAn - fromPn : -fromAn;
                }
            }

            return total.Total();
        }
    }

}

/// <summary>A p-norm of difference vectors u = x − y + eps and its backward (torch's <c>norm</c> and <c>norm_backward</c>).</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct PNorm<T>(T p)
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly T _p = p;

    /// <summary>‖x − y + eps‖_p; for p = 2 the sum of squares is one <see cref="RowwiseDriver"/> pass (the same bits as the scalar cascade).</summary>
    public T Distance<TBlock>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, T eps)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        if (_p == T.One + T.One && !x.IsEmpty)
        {
            var row = new RowRefs<T>
            {
                First = ref MemoryMarshal.GetReference(x),
                Second = ref MemoryMarshal.GetReference(y),
                Stride = 1,
                Count = x.Length,
                Readable = x.Length,
            };
            var terms = new SquaredDifferenceTerms<T>(eps);
            var none = new ClassWeights<T, TBlock>(default);
            RowwiseDriver.Pass<T, TBlock, ContiguousRows, SquaredDifferenceTerms<T>>(ref terms, in row, in none, false, out T squares, out _, out _);
            return T.Sqrt(squares);
        }

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

        RowCascade<T>.Initialize(out RowCascade<T> sum);
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

/// <summary>The p = 2 distance's summand (x − y + eps)² of x (first) and y (second).</summary>
internal readonly struct SquaredDifferenceTerms<T>(T eps) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock u = TBlock.Add(TBlock.Subtract(first, second), TBlock.Create(eps));
        sum0 = TBlock.Multiply(u, u);
        sum1 = default;
        sum2 = default;
        return first;
    }
}
