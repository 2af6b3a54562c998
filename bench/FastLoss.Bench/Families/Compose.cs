using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>TensorPrimitives building blocks that several families' compositions share.</summary>
internal static class Compose
{
    /// <summary>
    /// destination = softplus(x) − x·t, the per-element BCE with logits, in the stable form
    /// max(x, 0) + log1p(e^−|x|) − x·t (the naive log(1 + e^x) overflows for x ≳ 88 in float).
    /// </summary>
    public static void BinaryCrossEntropyWithLogits<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> t, Span<T> destination, Span<T> temp)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TP.Abs(x, destination);
        TP.Negate(destination, destination);
        TP.Exp(destination, destination);
        TP.LogP1(destination, destination);
        TP.Max(x, T.Zero, temp);
        TP.Add(destination, temp, destination);
        TP.Multiply(x, t, temp);
        TP.Subtract(destination, temp, destination);
    }

    /// <summary>
    /// Σ Huber_δ(x − t) with the branch-free identity Huber_δ(d) = m·(|d| − ½m), m = min(|d|, δ); <paramref name="difference"/>
    /// receives x − t.
    /// </summary>
    public static T HuberSum<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> t, T delta, Span<T> difference, Span<T> s0, Span<T> s1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TP.Subtract(x, t, difference);
        TP.Abs(difference, s0);                                     // z = |d|
        TP.Min(s0, delta, s1);                                      // m = min(z, δ)
        TP.MultiplyAdd(s1, -T.CreateTruncating(0.5), s0, s0);      // z − ½m
        return TP.Dot(s0, s1);                                      // Σ m(z − ½m)
    }

    /// <summary>gradient = clamp(d, −δ, δ) · scale, the Huber derivative (d = x − t already in <paramref name="gradient"/>).</summary>
    public static void HuberGradientInPlace<T>(Span<T> gradient, T delta, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TP.Clamp(gradient, -delta, delta, gradient);
        TP.Multiply(gradient, scale, gradient);
    }
}
