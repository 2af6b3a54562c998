using System.Numerics;

namespace FastLoss.Tests.Golden;

/// <summary>The reduced overload of a three-operand element-wise loss, hyperparameters bound.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T ReduceCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Reduction reduction);

/// <summary>The destination ('none') overload of a three-operand loss.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void NoneCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination);

/// <summary>The <c>NameGradient</c> overload of a three-operand loss.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void GradientCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient, Reduction reduction);

/// <summary>The <c>NameWithGradient</c> overload of a three-operand loss.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T WithGradientCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient, Reduction reduction);

/// <summary>The four span overloads of a three-operand element-wise loss for one element type.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Reduce">The reduced overload.</param>
/// <param name="None">The destination overload.</param>
/// <param name="Gradient">The gradient overload.</param>
/// <param name="WithGradient">The fused overload.</param>
public sealed record ThreeOperandCalls<T>(ReduceCall3<T> Reduce, NoneCall3<T> None, GradientCall3<T> Gradient, WithGradientCall3<T> WithGradient);

/// <summary>
/// An element-wise loss of (prediction, two per-element operands) with scalar hyperparameters, e.g. gaussian_nll_loss's
/// (input, target, var). The operands must end up with one value per prediction element: a subclass maps each golden
/// operand onto the prediction's shape (<see cref="ExpandOperand"/>), as a caller of the span API would.
/// </summary>
public abstract class ThreeOperandLossAdapter : GoldenLossAdapter
{
    /// <summary>The golden names of the two operands after the prediction, in formula order.</summary>
    public abstract (string A, string B) OperandNames { get; }

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        GoldenTensor input = Tensor(goldenCase, PredictionName);
        double[] a = ExpandOperand(goldenCase, input, Tensor(goldenCase, OperandNames.A), OperandNames.A);
        double[] b = ExpandOperand(goldenCase, input, Tensor(goldenCase, OperandNames.B), OperandNames.B);
        ThreeOperandCalls<T> calls = typeof(T) == typeof(float) ? (ThreeOperandCalls<T>)(object)Single(goldenCase)
            : typeof(T) == typeof(double) ? (ThreeOperandCalls<T>)(object)Double(goldenCase)
            : throw new NotSupportedException(typeof(T).Name);
        return new ThreeOperandInvocation<T>(calls, Convert<T>(input.Data), Convert<T>(a), Convert<T>(b));
    }

    /// <summary>
    /// One value of the operand per prediction element. The default takes an operand of the prediction's shape as it
    /// is; an operand of another shape is passed unchanged when its element count differs (FastLoss must then reject
    /// the length mismatch) and skipped when it has the same count (a shape check the span API cannot make).
    /// </summary>
    /// <param name="goldenCase">The case.</param>
    /// <param name="input">The prediction.</param>
    /// <param name="operand">The operand.</param>
    /// <param name="name">The operand's golden name.</param>
    /// <returns>The operand's values as FastLoss receives them.</returns>
    /// <exception cref="GoldenSkipException">The case cannot be expressed in the span API.</exception>
    protected virtual double[] ExpandOperand(GoldenCase goldenCase, GoldenTensor input, GoldenTensor operand, string name)
    {
        if (GoldenData.SameShape(input.Shape, operand.Shape) || operand.Data.Length != input.Data.Length)
        {
            return operand.Data;
        }

        throw new GoldenSkipException(
            $"'{name}' {operand.ShapeText} differs from {PredictionName} {input.ShapeText} but has the same element count: " +
            "the span API has no shapes, so this check is the caller's");
    }

    /// <summary>Binds the float overloads.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The calls.</returns>
    protected abstract ThreeOperandCalls<float> Single(GoldenCase goldenCase);

    /// <summary>Binds the double overloads.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The calls.</returns>
    protected abstract ThreeOperandCalls<double> Double(GoldenCase goldenCase);

    private static GoldenTensor Tensor(GoldenCase goldenCase, string name)
    {
        if (!goldenCase.Inputs.TryGetValue(name, out GoldenTensor? tensor))
        {
            throw new InvalidDataException($"{goldenCase.Id}: no input '{name}' (has: {string.Join(", ", goldenCase.Inputs.Keys)}).");
        }

        return tensor.DType is "float32" or "float64"
            ? tensor
            : throw new GoldenSkipException($"'{name}' has dtype {tensor.DType}: the span API takes only float/double, so integer tensors are not expressible");
    }

    private static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => T.CreateTruncating(v));
}

/// <summary>The calls of a <see cref="ThreeOperandLossAdapter"/> on one case.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ThreeOperandInvocation<T>(ThreeOperandCalls<T> calls, T[] input, T[] a, T[] b) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double[] None()
    {
        T[] destination = Destination(input.Length);
        calls.None(input, a, b, destination);
        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction) => double.CreateTruncating(calls.Reduce(input, a, b, reduction));

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(input.Length);
        calls.Gradient(input, a, b, gradient, reduction);
        return ToDouble(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(input.Length);
        T loss = calls.WithGradient(input, a, b, buffer, reduction);
        gradient = ToDouble(buffer);
        return double.CreateTruncating(loss);
    }
}
