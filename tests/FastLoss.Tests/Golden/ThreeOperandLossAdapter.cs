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
/// <param name="Gradients">The all-gradients overload (input and both operands), when both operands are <c>[Differentiable]</c>.</param>
/// <param name="WithGradients">The fused all-gradients overload.</param>
public sealed record ThreeOperandCalls<T>(
    ReduceCall3<T> Reduce, NoneCall3<T> None, GradientCall3<T> Gradient, WithGradientCall3<T> WithGradient,
    GradientsCall3<T>? Gradients = null, WithGradientsCall3<T>? WithGradients = null);

/// <summary>The all-gradients <c>NameGradients</c> of a three-operand loss: the input's gradient and both operands'.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void GradientsCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient, Span<T> aGradient, Span<T> bGradient, Reduction reduction);

/// <summary>The fused all-gradients <c>NameWithGradients</c> of a three-operand loss.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T WithGradientsCall3<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> inputGradient, Span<T> aGradient, Span<T> bGradient, Reduction reduction);

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
        GoldenTensor operandA = Tensor(goldenCase, OperandNames.A), operandB = Tensor(goldenCase, OperandNames.B);
        double[] a = ExpandOperand(goldenCase, input, operandA, OperandNames.A);
        double[] b = ExpandOperand(goldenCase, input, operandB, OperandNames.B);
        ThreeOperandCalls<T> calls = typeof(T) == typeof(float) ? (ThreeOperandCalls<T>)(object)Single(goldenCase)
            : typeof(T) == typeof(double) ? (ThreeOperandCalls<T>)(object)Double(goldenCase)
            : throw new NotSupportedException(typeof(T).Name);
        var names = new[] { PredictionName, OperandNames.A, OperandNames.B };
        int[]?[] sumBack = [null, SumBackShape(input, operandA, OperandNames.A), SumBackShape(input, operandB, OperandNames.B)];
        return new ThreeOperandInvocation<T>(calls, Convert<T>(input.Data), Convert<T>(a), Convert<T>(b), input.Shape, names, sumBack);
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

    /// <summary>
    /// The shape an expanded operand's gradient is summed back to (as autograd does), in the alignment
    /// <see cref="ExpandOperand"/> used; null when the operand was passed as it is.
    /// </summary>
    /// <param name="input">The prediction.</param>
    /// <param name="operand">The operand.</param>
    /// <param name="name">The operand's golden name.</param>
    /// <returns>The shape, or null.</returns>
    protected virtual int[]? SumBackShape(GoldenTensor input, GoldenTensor operand, string name)
        => GoldenData.SameShape(input.Shape, operand.Shape) ? null : operand.Shape;

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

/// <summary>The calls of a <see cref="ThreeOperandLossAdapter"/> on one case (an operand's gradient has the operand's length, which is the input's unless the API broadcasts it).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ThreeOperandInvocation<T>(ThreeOperandCalls<T> calls, T[] input, T[] a, T[] b, int[] inputShape, string[] names, int[]?[] sumBack)
    : LossInvocation<T>
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

    public override IReadOnlyDictionary<string, double[]>? Gradients(Reduction reduction)
    {
        if (calls.Gradients is null)
        {
            return null;
        }

        T[][] buffers = [Destination(input.Length), Destination(a.Length), Destination(b.Length)];
        calls.Gradients(input, a, b, buffers[0], buffers[1], buffers[2], reduction);
        return All(buffers);
    }

    public override IReadOnlyDictionary<string, double[]>? WithGradients(Reduction reduction, out double loss)
    {
        loss = double.NaN;
        if (calls.WithGradients is null)
        {
            return null;
        }

        T[][] buffers = [Destination(input.Length), Destination(a.Length), Destination(b.Length)];
        loss = double.CreateTruncating(calls.WithGradients(input, a, b, buffers[0], buffers[1], buffers[2], reduction));
        return All(buffers);
    }

    private Dictionary<string, double[]> All(T[][] buffers)
    {
        var result = new Dictionary<string, double[]>();
        for (int k = 0; k < 3; k++)
        {
            double[] values = ToDouble(buffers[k]);
            result[names[k]] = sumBack[k] is { } shape ? GoldenData.SumTo(values, shape, inputShape) : values;
        }

        return result;
    }
}
