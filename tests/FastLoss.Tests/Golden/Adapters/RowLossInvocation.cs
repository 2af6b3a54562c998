using System.Numerics;

namespace FastLoss.Tests.Golden.Adapters;

/// <summary>A row-wise loss's reduced overload, every operand and option bound.</summary>
/// <typeparam name="TE">float or double.</typeparam>
/// <param name="reduction">The reduction.</param>
/// <returns>The loss.</returns>
internal delegate TE RowReduce<TE>(Reduction reduction);

/// <summary>A row-wise loss's per-sample overload, every operand and option bound.</summary>
/// <typeparam name="TE">float or double.</typeparam>
/// <param name="destination">The per-sample losses.</param>
internal delegate void RowNone<TE>(Span<TE> destination);

/// <summary>A row-wise loss's gradient overload, every operand and option bound.</summary>
/// <typeparam name="TE">float or double.</typeparam>
/// <param name="inputGradient">The gradient.</param>
/// <param name="reduction">The reduction.</param>
internal delegate void RowGradient<TE>(Span<TE> inputGradient, Reduction reduction);

/// <summary>A row-wise loss's fused overload, every operand and option bound.</summary>
/// <typeparam name="TE">float or double.</typeparam>
/// <param name="inputGradient">The gradient.</param>
/// <param name="reduction">The reduction.</param>
/// <returns>The loss.</returns>
internal delegate TE RowWithGradient<TE>(Span<TE> inputGradient, Reduction reduction);

/// <summary>The four overloads of a row-wise loss for one element type, operands captured.</summary>
/// <typeparam name="TE">float or double.</typeparam>
internal sealed record RowCalls<TE>(RowReduce<TE> Reduce, RowNone<TE> None, RowGradient<TE> Gradient, RowWithGradient<TE> WithGradient);

/// <summary>
/// A row-wise loss case (input [N, C] or [C]) bound to FastLoss's overloads: <paramref name="calls"/> is the
/// <see cref="RowCalls{TE}"/> of <typeparamref name="T"/>, <paramref name="inputLength"/> the gradient's length and
/// <paramref name="samples"/> the length of the 'none' output.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class RowLossInvocation<T>(object calls, int inputLength, int samples) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RowCalls<T> _calls = (RowCalls<T>)calls;

    public override double[] None()
    {
        T[] destination = Destination(samples);
        _calls.None(destination);
        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction) => double.CreateTruncating(_calls.Reduce(reduction));

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(inputLength);
        _calls.Gradient(gradient, reduction);
        return ToDouble(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(inputLength);
        double loss = double.CreateTruncating(_calls.WithGradient(buffer, reduction));
        gradient = ToDouble(buffer);
        return loss;
    }
}

/// <summary>The shape of a row-wise case: C, the number of samples, and the input as given.</summary>
/// <param name="Classes">C (the last dimension).</param>
/// <param name="Samples">N (1 for an unbatched [C] input).</param>
/// <param name="Input">The input's values.</param>
internal sealed record RowShape(int Classes, int Samples, double[] Input)
{
    /// <summary>Reads input [N, C] or [C]; other ranks cannot be told apart by a span API and are skipped.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The shape.</returns>
    /// <exception cref="GoldenSkipException">The input is 0-d or has more than two dimensions.</exception>
    public static RowShape Read(GoldenCase goldenCase)
    {
        GoldenTensor input = goldenCase.Inputs["input"];
        if (input.Shape.Length is 0 or > 2)
        {
            throw new GoldenSkipException($"{input.Shape.Length}-d input {input.ShapeText}: a shape-only rejection (the span API takes [N, C] as N·C values and a class count, so the same values are a valid [N·…, C] input)");
        }

        int classes = input.Shape[^1];
        if (classes == 0)
        {
            throw new GoldenSkipException($"input {input.ShapeText} with zero classes: the span API derives N from the input's length and C (at least 1), so [N, 0] has no row count to express");
        }

        return new RowShape(classes, input.Shape.Length == 1 ? 1 : input.Shape[0], input.Data);
    }

    /// <summary>Converts values to the element type.</summary>
    /// <typeparam name="TE">float or double.</typeparam>
    /// <param name="values">The values, or null.</param>
    /// <returns>The converted values, or null.</returns>
    public static TE[]? Convert<TE>(double[]? values)
        where TE : IFloatingPointIeee754<TE>
        => values is null ? null : Array.ConvertAll(values, v => TE.CreateTruncating(v));

    /// <summary>The int class indices of an int64 tensor (clamped into int's range, so huge values stay out of range).</summary>
    /// <param name="tensor">The tensor.</param>
    /// <returns>The indices.</returns>
    public static int[] Indices(GoldenTensor tensor)
        => tensor.Integers?.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue)).ToArray()
           ?? throw new GoldenSkipException($"'target' has dtype {tensor.DType}: the span API takes int class indices (a float target is a type error in C#)");
}
