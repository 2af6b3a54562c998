using System.Numerics;

namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>cross_entropy</c> (tensors <c>input</c>, <c>target</c> as int64 class indices or float probabilities, optional
/// <c>weight</c>; options <c>ignore_index</c>, <c>label_smoothing</c>) →
/// <see cref="Loss.CrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, float, Reduction)"/>,
/// its probability-target overloads and, for spatial input [N, C, d1, …], the <c>spatialSize</c> overloads.
/// </summary>
/// <remarks>
/// Unbatched input [C] is one row (N = 1). Shapes become (C, spatial size) as a caller would pass them; a target whose
/// shape is wrong but whose element count is right cannot be rejected by a span API and is skipped.
/// </remarks>
public sealed class CrossEntropyAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "cross_entropy";

    /// <inheritdoc/>
    public override string Name => "CrossEntropy";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        ClassRowCase rows = ClassRowCase.Read(goldenCase, allowProbabilities: true);
        int ignoreIndex = (int)goldenCase.Number("ignore_index", -100);
        double smoothing = goldenCase.Number("label_smoothing", 0.0);
        if (rows.Probabilities is not null && ignoreIndex >= 0)
        {
            throw new GoldenSkipException("torch rejects ignore_index >= 0 with probability targets; the probability overloads have no ignoreIndex");
        }

        return new CrossEntropyInvocation<T>(rows, ignoreIndex, smoothing);
    }
}

/// <summary>A cross-entropy case bound to FastLoss's overloads.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class CrossEntropyInvocation<T>(ClassRowCase rows, int ignoreIndex, double smoothing) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input = ClassRowCase.Convert<T>(rows.Input);
    private readonly T[]? _probabilities = rows.Probabilities is null ? null : ClassRowCase.Convert<T>(rows.Probabilities);
    private readonly T[]? _weight = rows.Weight is null ? null : ClassRowCase.Convert<T>(rows.Weight);

    public override double[] None()
    {
        T[] destination = Destination(rows.OutputLength);
        if (typeof(T) == typeof(float))
        {
            NoneSingle(As<float>(destination));
        }
        else
        {
            NoneDouble(As<double>(destination));
        }

        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction)
        => typeof(T) == typeof(float) ? ReduceSingle(reduction) : ReduceDouble(reduction);

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(_input.Length);
        if (typeof(T) == typeof(float))
        {
            GradientSingle(As<float>(gradient), reduction);
        }
        else
        {
            GradientDouble(As<double>(gradient), reduction);
        }

        return ToDouble(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(_input.Length);
        double loss = typeof(T) == typeof(float) ? WithGradientSingle(As<float>(buffer), reduction) : WithGradientDouble(As<double>(buffer), reduction);
        gradient = ToDouble(buffer);
        return loss;
    }

    private static TOut[] As<TOut>(T[] values) => (TOut[])(object)values;

    private float ReduceSingle(Reduction r)
    {
        float[] x = As<float>(_input);
        ReadOnlySpan<float> w = _weight is null ? default : As<float>(_weight);
        float ls = (float)smoothing;
        if (_probabilities is not null)
        {
            float[] t = As<float>(_probabilities);
            return rows.Spatial == 1
                ? Loss.CrossEntropy(x, t, rows.Classes, weight: w, labelSmoothing: ls, reduction: r)
                : Loss.CrossEntropy(x, t, rows.Classes, rows.Spatial, weight: w, labelSmoothing: ls, reduction: r);
        }

        return rows.Spatial == 1
            ? Loss.CrossEntropy(x, rows.Indices, rows.Classes, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r)
            : Loss.CrossEntropy(x, rows.Indices, rows.Classes, rows.Spatial, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r);
    }

    private double ReduceDouble(Reduction r)
    {
        double[] x = As<double>(_input);
        ReadOnlySpan<double> w = _weight is null ? default : As<double>(_weight);
        if (_probabilities is not null)
        {
            double[] t = As<double>(_probabilities);
            return rows.Spatial == 1
                ? Loss.CrossEntropy(x, t, rows.Classes, weight: w, labelSmoothing: smoothing, reduction: r)
                : Loss.CrossEntropy(x, t, rows.Classes, rows.Spatial, weight: w, labelSmoothing: smoothing, reduction: r);
        }

        return rows.Spatial == 1
            ? Loss.CrossEntropy(x, rows.Indices, rows.Classes, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r)
            : Loss.CrossEntropy(x, rows.Indices, rows.Classes, rows.Spatial, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r);
    }

    private void NoneSingle(float[] d)
    {
        float[] x = As<float>(_input);
        ReadOnlySpan<float> w = _weight is null ? default : As<float>(_weight);
        float ls = (float)smoothing;
        if (_probabilities is not null)
        {
            float[] t = As<float>(_probabilities);
            if (rows.Spatial == 1)
            {
                Loss.CrossEntropy(x, t, rows.Classes, d.AsSpan(), weight: w, labelSmoothing: ls);
            }
            else
            {
                Loss.CrossEntropy(x, t, rows.Classes, rows.Spatial, d.AsSpan(), weight: w, labelSmoothing: ls);
            }
        }
        else if (rows.Spatial == 1)
        {
            Loss.CrossEntropy(x, rows.Indices, rows.Classes, d.AsSpan(), weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls);
        }
        else
        {
            Loss.CrossEntropy(x, rows.Indices, rows.Classes, rows.Spatial, d.AsSpan(), weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls);
        }
    }

    private void NoneDouble(double[] d)
    {
        double[] x = As<double>(_input);
        ReadOnlySpan<double> w = _weight is null ? default : As<double>(_weight);
        if (_probabilities is not null)
        {
            double[] t = As<double>(_probabilities);
            if (rows.Spatial == 1)
            {
                Loss.CrossEntropy(x, t, rows.Classes, d.AsSpan(), weight: w, labelSmoothing: smoothing);
            }
            else
            {
                Loss.CrossEntropy(x, t, rows.Classes, rows.Spatial, d.AsSpan(), weight: w, labelSmoothing: smoothing);
            }
        }
        else if (rows.Spatial == 1)
        {
            Loss.CrossEntropy(x, rows.Indices, rows.Classes, d.AsSpan(), weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing);
        }
        else
        {
            Loss.CrossEntropy(x, rows.Indices, rows.Classes, rows.Spatial, d.AsSpan(), weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing);
        }
    }

    private void GradientSingle(float[] g, Reduction r)
    {
        float[] x = As<float>(_input);
        ReadOnlySpan<float> w = _weight is null ? default : As<float>(_weight);
        float ls = (float)smoothing;
        if (_probabilities is not null)
        {
            float[] t = As<float>(_probabilities);
            if (rows.Spatial == 1)
            {
                Loss.CrossEntropyGradient(x, t, rows.Classes, g, weight: w, labelSmoothing: ls, reduction: r);
            }
            else
            {
                Loss.CrossEntropyGradient(x, t, rows.Classes, rows.Spatial, g, weight: w, labelSmoothing: ls, reduction: r);
            }
        }
        else if (rows.Spatial == 1)
        {
            Loss.CrossEntropyGradient(x, rows.Indices, rows.Classes, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r);
        }
        else
        {
            Loss.CrossEntropyGradient(x, rows.Indices, rows.Classes, rows.Spatial, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r);
        }
    }

    private void GradientDouble(double[] g, Reduction r)
    {
        double[] x = As<double>(_input);
        ReadOnlySpan<double> w = _weight is null ? default : As<double>(_weight);
        if (_probabilities is not null)
        {
            double[] t = As<double>(_probabilities);
            if (rows.Spatial == 1)
            {
                Loss.CrossEntropyGradient(x, t, rows.Classes, g, weight: w, labelSmoothing: smoothing, reduction: r);
            }
            else
            {
                Loss.CrossEntropyGradient(x, t, rows.Classes, rows.Spatial, g, weight: w, labelSmoothing: smoothing, reduction: r);
            }
        }
        else if (rows.Spatial == 1)
        {
            Loss.CrossEntropyGradient(x, rows.Indices, rows.Classes, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r);
        }
        else
        {
            Loss.CrossEntropyGradient(x, rows.Indices, rows.Classes, rows.Spatial, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r);
        }
    }

    private float WithGradientSingle(float[] g, Reduction r)
    {
        float[] x = As<float>(_input);
        ReadOnlySpan<float> w = _weight is null ? default : As<float>(_weight);
        float ls = (float)smoothing;
        if (_probabilities is not null)
        {
            float[] t = As<float>(_probabilities);
            return rows.Spatial == 1
                ? Loss.CrossEntropyWithGradient(x, t, rows.Classes, g, weight: w, labelSmoothing: ls, reduction: r)
                : Loss.CrossEntropyWithGradient(x, t, rows.Classes, rows.Spatial, g, weight: w, labelSmoothing: ls, reduction: r);
        }

        return rows.Spatial == 1
            ? Loss.CrossEntropyWithGradient(x, rows.Indices, rows.Classes, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r)
            : Loss.CrossEntropyWithGradient(x, rows.Indices, rows.Classes, rows.Spatial, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: ls, reduction: r);
    }

    private double WithGradientDouble(double[] g, Reduction r)
    {
        double[] x = As<double>(_input);
        ReadOnlySpan<double> w = _weight is null ? default : As<double>(_weight);
        if (_probabilities is not null)
        {
            double[] t = As<double>(_probabilities);
            return rows.Spatial == 1
                ? Loss.CrossEntropyWithGradient(x, t, rows.Classes, g, weight: w, labelSmoothing: smoothing, reduction: r)
                : Loss.CrossEntropyWithGradient(x, t, rows.Classes, rows.Spatial, g, weight: w, labelSmoothing: smoothing, reduction: r);
        }

        return rows.Spatial == 1
            ? Loss.CrossEntropyWithGradient(x, rows.Indices, rows.Classes, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r)
            : Loss.CrossEntropyWithGradient(x, rows.Indices, rows.Classes, rows.Spatial, g, weight: w, ignoreIndex: ignoreIndex, labelSmoothing: smoothing, reduction: r);
    }
}

/// <summary>
/// The shapes of a class-scoring case (cross_entropy, nll_loss) mapped onto the span API: input [C] (one row),
/// [N, C] or [N, C, d1, …] becomes C and a spatial size d1·…·dK; targets are class indices (int) or probabilities.
/// </summary>
internal sealed class ClassRowCase
{
    private ClassRowCase(double[] input, int classes, int spatial, int[] indices, double[]? probabilities, double[]? weight, int outputLength)
    {
        Input = input;
        Classes = classes;
        Spatial = spatial;
        Indices = indices;
        Probabilities = probabilities;
        Weight = weight;
        OutputLength = outputLength;
    }

    public double[] Input { get; }

    public int Classes { get; }

    public int Spatial { get; }

    /// <summary>Class indices (empty for probability targets).</summary>
    public int[] Indices { get; }

    public double[]? Probabilities { get; }

    public double[]? Weight { get; }

    /// <summary>The length of the 'none' output.</summary>
    public int OutputLength { get; }

    public static ClassRowCase Read(GoldenCase goldenCase, bool allowProbabilities)
    {
        GoldenTensor input = goldenCase.Inputs["input"];
        GoldenTensor target = goldenCase.Inputs["target"];
        goldenCase.Inputs.TryGetValue("weight", out GoldenTensor? weight);
        if (input.DType is not ("float32" or "float64"))
        {
            throw new GoldenSkipException($"'input' has dtype {input.DType}: the span API takes only float/double logits");
        }

        if (input.Shape.Length == 0)
        {
            throw new GoldenSkipException("0-d input: a shape-only rejection (the span API has no shapes; one value is a valid [1, 1] input)");
        }

        if (weight is not null && weight.Shape.Length != 1 && weight.Data.Length == (input.Shape.Length == 1 ? input.Shape[0] : input.Shape[1]))
        {
            throw new GoldenSkipException($"weight of shape {weight.ShapeText}: a shape-only rejection (the span API has no shapes)");
        }

        int classes = input.Shape.Length == 1 ? input.Shape[0] : input.Shape[1];
        int spatial = input.Shape.Length <= 2 ? 1 : GoldenData.Count(input.Shape.Skip(2).ToArray());
        int batch = input.Shape.Length == 1 ? 1 : input.Shape[0];
        bool probabilities = target.DType is "float32" or "float64";
        if (probabilities && !allowProbabilities)
        {
            throw new InvalidDataException($"{goldenCase.Id}: float target for a class-index loss.");
        }

        int[] expectedShape = probabilities ? input.Shape
            : input.Shape.Length == 1 ? []
            : [input.Shape[0], .. input.Shape.Skip(2)];
        if (!GoldenData.SameShape(expectedShape, target.Shape) && target.Data.Length == GoldenData.Count(expectedShape))
        {
            throw new GoldenSkipException(
                $"target {target.ShapeText} for input {input.ShapeText}: a shape-only rejection (the span API has no shapes and the element count is right)");
        }

        int[] indices = probabilities ? [] : target.Integers!.Select(v => (int)Math.Clamp(v, int.MinValue, int.MaxValue)).ToArray();
        return new ClassRowCase(input.Data, classes, spatial, indices, probabilities ? target.Data : null, weight?.Data, batch * spatial);
    }

    public static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => T.CreateTruncating(v));
}
