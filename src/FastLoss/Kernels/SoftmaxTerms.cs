using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastLoss.Kernels;

// The lane-wise terms of the softmax passes (see RowwiseDriver.Pass). Every term is plain IEEE arithmetic on blocks
// plus VectorMath.Exp, in a fixed order and without fused multiply-adds, so each lane is the same on every width.

/// <summary>e = exp(x − m); sums e. Writes e.</summary>
internal readonly struct ExpTerms<T>(T max) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock e = TBlock.Exp(TBlock.Subtract(first, TBlock.Create(max)));
        sum0 = e;
        sum1 = default;
        sum2 = default;
        return e;
    }
}

/// <summary>d = x − m, e = exp(d); sums e and w·d (label smoothing's Σ w_c·(x_c − m)). Writes e.</summary>
internal readonly struct ExpShiftedDotTerms<T>(T max) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 2;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock d = TBlock.Subtract(first, TBlock.Create(max));
        TBlock e = TBlock.Exp(d);
        sum0 = e;
        sum1 = TBlock.Multiply(d, weight);
        sum2 = default;
        return e;
    }
}

/// <summary>Probability targets, first pass: e = exp(x − m), t' = t·(1 − ε) + ε/C; sums e and t'·w.</summary>
internal readonly struct ExpMassTerms<T>(T max, T keep, T spread) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 2;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock e = TBlock.Exp(TBlock.Subtract(first, TBlock.Create(max)));
        TBlock t = TBlock.Add(TBlock.Multiply(second, TBlock.Create(keep)), TBlock.Create(spread));
        sum0 = e;
        sum1 = TBlock.Multiply(t, weight);
        sum2 = default;
        return e;
    }
}

/// <summary>Probability targets, second pass: log_softmax = (x − m) − L as torch; sums (log_softmax·t')·w.</summary>
internal readonly struct ProbabilityLossTerms<T>(T max, T logSumExp, T keep, T spread) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock logSoftmax = TBlock.Subtract(TBlock.Subtract(first, TBlock.Create(max)), TBlock.Create(logSumExp));
        TBlock t = TBlock.Add(TBlock.Multiply(second, TBlock.Create(keep)), TBlock.Create(spread));
        sum0 = TBlock.Multiply(TBlock.Multiply(logSoftmax, t), weight);
        sum1 = default;
        sum2 = default;
        return logSoftmax;
    }
}

/// <summary>
/// Probability targets, second pass with the gradient: as <see cref="ProbabilityLossTerms{T}"/>, and writes
/// exp(log_softmax)·(s·Q) − (t'·w)·s (torch's g − softmax·Σg, softmax recomputed from log_softmax as torch does, so
/// the pass is safe in place).
/// </summary>
internal readonly struct ProbabilityLossGradientTerms<T>(T max, T logSumExp, T keep, T spread, T factor, T scale) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock logSoftmax = TBlock.Subtract(TBlock.Subtract(first, TBlock.Create(max)), TBlock.Create(logSumExp));
        TBlock t = TBlock.Add(TBlock.Multiply(second, TBlock.Create(keep)), TBlock.Create(spread));
        TBlock tw = TBlock.Multiply(t, weight);
        sum0 = TBlock.Multiply(TBlock.Multiply(logSoftmax, t), weight);
        sum1 = default;
        sum2 = default;
        return TBlock.Subtract(TBlock.Multiply(TBlock.Exp(logSoftmax), TBlock.Create(factor)), TBlock.Multiply(tw, TBlock.Create(scale)));
    }
}

/// <summary>Gradient from stored exponentials e: e·k (the one-hot part is subtracted by the caller).</summary>
internal readonly struct IndexGradientTerms<T>(T factor) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 0;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = default;
        sum1 = default;
        sum2 = default;
        return TBlock.Multiply(first, TBlock.Create(factor));
    }
}

/// <summary>Gradient with label smoothing from stored exponentials e: e·k − b·w.</summary>
internal readonly struct SmoothedIndexGradientTerms<T>(T factor, T smoothing) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 0;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = default;
        sum1 = default;
        sum2 = default;
        return TBlock.Subtract(TBlock.Multiply(first, TBlock.Create(factor)), TBlock.Multiply(TBlock.Create(smoothing), weight));
    }
}

/// <summary>Sums the first operand (the class weights' total).</summary>
internal readonly struct PlainSumTerms<T> : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 1;

    public static bool ReadsSecond => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = first;
        sum1 = default;
        sum2 = default;
        return first;
    }
}
