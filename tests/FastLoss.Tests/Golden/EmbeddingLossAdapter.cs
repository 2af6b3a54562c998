using System.Numerics;

namespace FastLoss.Tests.Golden;

/// <summary>The reduced overload of an embedding loss: operands (the differentiable ones, then a per-row target if any).</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T EmbeddingReduce<T>(T[][] operands, Reduction reduction);

/// <summary>The destination ('none') overload of an embedding loss.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void EmbeddingNone<T>(T[][] operands, T[] destination);

/// <summary>The all-gradients overload (<c>NameGradients</c>): one gradient per differentiable operand.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void EmbeddingGradients<T>(T[][] operands, T[][] gradients, Reduction reduction);

/// <summary>The fused overload (<c>NameWithGradient</c>).</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T EmbeddingWithGradients<T>(T[][] operands, T[][] gradients, Reduction reduction);

/// <summary>The four span overloads of an embedding loss for one element type, hyperparameters and D bound.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Reduce">The reduced overload.</param>
/// <param name="None">The destination overload.</param>
/// <param name="Gradients">The gradient overload.</param>
/// <param name="WithGradients">The fused overload.</param>
public sealed record EmbeddingCalls<T>(EmbeddingReduce<T> Reduce, EmbeddingNone<T> None, EmbeddingGradients<T> Gradients, EmbeddingWithGradients<T> WithGradients);

/// <summary>
/// A row-wise loss of embeddings [N, D] (or [D], or [d0, …, D]: rows over the last dimension) with a gradient for every
/// floating input, e.g. cosine_embedding_loss (input1, input2, a target per row) or triplet_margin_loss (anchor,
/// positive, negative). The first input is the prediction; the others' gradients are checked as operand gradients.
/// </summary>
public abstract class EmbeddingLossAdapter : GoldenLossAdapter
{
    /// <summary>Gets the golden names of the differentiable inputs, the prediction first.</summary>
    protected abstract string[] InputNames { get; }

    /// <summary>Gets the golden name of the per-row target (one value per row), or null.</summary>
    protected virtual string? TargetName => null;

    /// <inheritdoc/>
    public override string PredictionName => InputNames[0];

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => InputNames[1..];

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        GoldenTensor[] inputs = Array.ConvertAll(InputNames, n => goldenCase.Inputs[n]);
        GoldenTensor first = inputs[0];
        int dimension = first.Shape.Length == 0 ? 1 : first.Shape[^1];
        foreach (GoldenTensor other in inputs[1..])
        {
            if (!GoldenData.SameShape(first.Shape, other.Shape) && other.Data.Length == first.Data.Length)
            {
                throw new GoldenSkipException(
                    $"inputs {first.ShapeText} and {other.ShapeText} differ but have the same element count: the span API has no shapes, so this check is the caller's");
            }
        }

        var operands = inputs.Select(t => t.Data).ToList();
        if (TargetName is { } targetName)
        {
            GoldenTensor target = goldenCase.Inputs[targetName];
            int[] rowShape = first.Shape.Length == 0 ? [] : first.Shape[..^1];
            int rows = dimension == 0 ? 0 : first.Data.Length / dimension;
            if (!GoldenData.SameShape(rowShape, target.Shape) && target.Data.Length == rows)
            {
                throw new GoldenSkipException(
                    $"target {target.ShapeText} for inputs {first.ShapeText} has one value per row but torch wants shape {GoldenData.ShapeText(rowShape)}: the span API has no shapes, so this check is the caller's");
            }

            operands.Add(target.Data);
        }

        T[][] values = [.. operands.Select(d => Array.ConvertAll(d, v => T.CreateTruncating(v)))];
        EmbeddingCalls<T> calls = typeof(T) == typeof(float) ? (EmbeddingCalls<T>)(object)Single(goldenCase, dimension)
            : typeof(T) == typeof(double) ? (EmbeddingCalls<T>)(object)Double(goldenCase, dimension)
            : throw new NotSupportedException(typeof(T).Name);
        return new EmbeddingInvocation<T>(calls, values, InputNames, dimension);
    }

    /// <summary>Binds the float overloads.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <param name="dimension">D, the last dimension of the inputs.</param>
    /// <returns>The calls.</returns>
    protected abstract EmbeddingCalls<float> Single(GoldenCase goldenCase, int dimension);

    /// <summary>Binds the double overloads.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <param name="dimension">D, the last dimension of the inputs.</param>
    /// <returns>The calls.</returns>
    protected abstract EmbeddingCalls<double> Double(GoldenCase goldenCase, int dimension);
}

/// <summary>The calls of an <see cref="EmbeddingLossAdapter"/> on one case.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class EmbeddingInvocation<T>(EmbeddingCalls<T> calls, T[][] operands, string[] names, int dimension) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double[] None()
    {
        T[] destination = Destination(dimension == 0 ? 0 : operands[0].Length / dimension);
        calls.None(operands, destination);
        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction) => double.CreateTruncating(calls.Reduce(operands, reduction));

    public override double[] Gradient(Reduction reduction) => Gradients(reduction)[names[0]];

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        IReadOnlyDictionary<string, double[]> all = WithGradients(reduction, out double loss);
        gradient = all[names[0]];
        return loss;
    }

    public override IReadOnlyDictionary<string, double[]> Gradients(Reduction reduction)
    {
        T[][] buffers = Buffers();
        calls.Gradients(operands, buffers, reduction);
        return Named(buffers);
    }

    public override IReadOnlyDictionary<string, double[]> WithGradients(Reduction reduction, out double loss)
    {
        T[][] buffers = Buffers();
        loss = double.CreateTruncating(calls.WithGradients(operands, buffers, reduction));
        return Named(buffers);
    }

    private T[][] Buffers() => [.. names.Select((_, k) => Destination(operands[k].Length))];

    private Dictionary<string, double[]> Named(T[][] buffers) => names.Select((n, k) => (n, k)).ToDictionary(e => e.n, e => ToDouble(buffers[e.k]));
}
