using System.Numerics;

namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>ctc_loss</c> (tensors <c>log_probs</c> [T, N, C] or unbatched [T, C], int64 <c>targets</c> padded [N, S] or
/// concatenated 1-d, int64 <c>input_lengths</c> and <c>target_lengths</c>; options <c>blank</c>, <c>zero_infinity</c>)
/// → <see cref="Loss.Ctc(ReadOnlySpan{float}, int, int, ReadOnlySpan{int}, CtcTargetLayout, ReadOnlySpan{int}, ReadOnlySpan{int}, int, bool, Reduction)"/>.
/// N and C come from the log_probs shape (unbatched: N = 1), the layout from the targets' rank (1-d: concatenated, as
/// torch reads it, also for unbatched calls).
/// </summary>
public sealed class CtcAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "ctc_loss";

    /// <inheritdoc/>
    public override string Name => "Ctc";

    /// <inheritdoc/>
    public override string PredictionName => "log_probs";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        GoldenTensor logProbs = goldenCase.Inputs["log_probs"];
        GoldenTensor targets = goldenCase.Inputs["targets"];
        int[] shape = logProbs.Shape;
        if (shape.Length is not (2 or 3))
        {
            throw new GoldenSkipException($"log_probs of shape {logProbs.ShapeText}: torch requires [T, N, C] or [T, C]; the span API takes N and C as numbers, so the rank check is the caller's");
        }

        if (targets.Shape.Length is not (1 or 2))
        {
            throw new GoldenSkipException($"targets of shape {targets.ShapeText}: the span API takes padded [N, S] or concatenated 1-d targets");
        }

        var call = new CtcCall(
            BatchSize: shape.Length == 3 ? shape[1] : 1,
            ClassCount: shape[^1],
            Targets: Ints(targets),
            Layout: targets.Shape.Length == 1 ? CtcTargetLayout.Concatenated : CtcTargetLayout.Padded,
            InputLengths: Ints(goldenCase.Inputs["input_lengths"]),
            TargetLengths: Ints(goldenCase.Inputs["target_lengths"]),
            Blank: (int)goldenCase.Number("blank", 0),
            ZeroInfinity: goldenCase.Flag("zero_infinity"));
        return new CtcInvocation<T>(call, Array.ConvertAll(logProbs.Data, v => T.CreateTruncating(v)));
    }

    private static int[] Ints(GoldenTensor tensor)
        => Array.ConvertAll(tensor.Integers ?? throw new GoldenSkipException($"a CTC index tensor has dtype {tensor.DType}, not int64"), v => checked((int)v));
}

/// <summary>The non-floating arguments of one ctc_loss case.</summary>
internal sealed record CtcCall(
    int BatchSize, int ClassCount, int[] Targets, CtcTargetLayout Layout, int[] InputLengths, int[] TargetLengths, int Blank, bool ZeroInfinity);

/// <summary>A ctc_loss case bound to FastLoss's overloads.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class CtcInvocation<T>(CtcCall a, T[] logProbs) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double[] None()
    {
        T[] destination = Destination(a.BatchSize);
        if (typeof(T) == typeof(float))
        {
            Loss.Ctc(As<float>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<float>(destination).AsSpan(), a.Blank, a.ZeroInfinity);
        }
        else
        {
            Loss.Ctc(As<double>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<double>(destination).AsSpan(), a.Blank, a.ZeroInfinity);
        }

        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction)
        => typeof(T) == typeof(float)
            ? Loss.Ctc(As<float>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, a.Blank, a.ZeroInfinity, reduction)
            : Loss.Ctc(As<double>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, a.Blank, a.ZeroInfinity, reduction);

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(logProbs.Length);
        if (typeof(T) == typeof(float))
        {
            Loss.CtcGradient(As<float>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<float>(gradient), a.Blank, a.ZeroInfinity, reduction);
        }
        else
        {
            Loss.CtcGradient(As<double>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<double>(gradient), a.Blank, a.ZeroInfinity, reduction);
        }

        return ToDouble(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(logProbs.Length);
        double loss = typeof(T) == typeof(float)
            ? Loss.CtcWithGradient(As<float>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<float>(buffer), a.Blank, a.ZeroInfinity, reduction)
            : Loss.CtcWithGradient(As<double>(logProbs), a.BatchSize, a.ClassCount, a.Targets, a.Layout, a.InputLengths, a.TargetLengths, As<double>(buffer), a.Blank, a.ZeroInfinity, reduction);
        gradient = ToDouble(buffer);
        return loss;
    }

    private static TOut[] As<TOut>(T[] values) => (TOut[])(object)values;
}
