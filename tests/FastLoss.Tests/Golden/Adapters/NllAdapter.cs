using System.Numerics;

namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>nll_loss</c> (tensors <c>input</c>, int64 <c>target</c>, optional <c>weight</c>; option <c>ignore_index</c>) →
/// <see cref="Loss.Nll(ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{float}, int, Reduction)"/> and, for
/// spatial input [N, C, d1, …], the <c>spatialSize</c> overloads. Shapes are mapped as for cross_entropy.
/// </summary>
public sealed class NllAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "nll_loss";

    /// <inheritdoc/>
    public override string Name => "Nll";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        GoldenTensor target = goldenCase.Inputs["target"];
        if (target.DType != "int64")
        {
            throw new GoldenSkipException($"'target' has dtype {target.DType}: Loss.Nll takes int class indices (a float target is a type error in C#)");
        }

        ClassRowCase rows = ClassRowCase.Read(goldenCase, allowProbabilities: false);
        return new NllInvocation<T>(rows, (int)goldenCase.Number("ignore_index", -100));
    }
}

/// <summary>An nll_loss case bound to FastLoss's overloads.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class NllInvocation<T>(ClassRowCase rows, int ignoreIndex) : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _input = ClassRowCase.Convert<T>(rows.Input);
    private readonly T[]? _weight = rows.Weight is null ? null : ClassRowCase.Convert<T>(rows.Weight);

    public override double[] None()
    {
        T[] destination = Destination(rows.OutputLength);
        if (typeof(T) == typeof(float))
        {
            float[] d = As<float>(destination);
            ReadOnlySpan<float> w = W<float>();
            if (rows.Spatial == 1)
            {
                Loss.Nll(As<float>(_input), rows.Indices, rows.Classes, d.AsSpan(), w, ignoreIndex);
            }
            else
            {
                Loss.Nll(As<float>(_input), rows.Indices, rows.Classes, rows.Spatial, d.AsSpan(), w, ignoreIndex);
            }
        }
        else
        {
            double[] d = As<double>(destination);
            ReadOnlySpan<double> w = W<double>();
            if (rows.Spatial == 1)
            {
                Loss.Nll(As<double>(_input), rows.Indices, rows.Classes, d.AsSpan(), w, ignoreIndex);
            }
            else
            {
                Loss.Nll(As<double>(_input), rows.Indices, rows.Classes, rows.Spatial, d.AsSpan(), w, ignoreIndex);
            }
        }

        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction)
    {
        if (typeof(T) == typeof(float))
        {
            return rows.Spatial == 1
                ? Loss.Nll(As<float>(_input), rows.Indices, rows.Classes, W<float>(), ignoreIndex, reduction)
                : Loss.Nll(As<float>(_input), rows.Indices, rows.Classes, rows.Spatial, W<float>(), ignoreIndex, reduction);
        }

        return rows.Spatial == 1
            ? Loss.Nll(As<double>(_input), rows.Indices, rows.Classes, W<double>(), ignoreIndex, reduction)
            : Loss.Nll(As<double>(_input), rows.Indices, rows.Classes, rows.Spatial, W<double>(), ignoreIndex, reduction);
    }

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(_input.Length);
        if (typeof(T) == typeof(float))
        {
            if (rows.Spatial == 1)
            {
                Loss.NllGradient(As<float>(_input), rows.Indices, rows.Classes, As<float>(gradient), W<float>(), ignoreIndex, reduction);
            }
            else
            {
                Loss.NllGradient(As<float>(_input), rows.Indices, rows.Classes, rows.Spatial, As<float>(gradient), W<float>(), ignoreIndex, reduction);
            }
        }
        else if (rows.Spatial == 1)
        {
            Loss.NllGradient(As<double>(_input), rows.Indices, rows.Classes, As<double>(gradient), W<double>(), ignoreIndex, reduction);
        }
        else
        {
            Loss.NllGradient(As<double>(_input), rows.Indices, rows.Classes, rows.Spatial, As<double>(gradient), W<double>(), ignoreIndex, reduction);
        }

        return ToDouble(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(_input.Length);
        double loss;
        if (typeof(T) == typeof(float))
        {
            loss = rows.Spatial == 1
                ? Loss.NllWithGradient(As<float>(_input), rows.Indices, rows.Classes, As<float>(buffer), W<float>(), ignoreIndex, reduction)
                : Loss.NllWithGradient(As<float>(_input), rows.Indices, rows.Classes, rows.Spatial, As<float>(buffer), W<float>(), ignoreIndex, reduction);
        }
        else
        {
            loss = rows.Spatial == 1
                ? Loss.NllWithGradient(As<double>(_input), rows.Indices, rows.Classes, As<double>(buffer), W<double>(), ignoreIndex, reduction)
                : Loss.NllWithGradient(As<double>(_input), rows.Indices, rows.Classes, rows.Spatial, As<double>(buffer), W<double>(), ignoreIndex, reduction);
        }

        gradient = ToDouble(buffer);
        return loss;
    }

    private static TOut[] As<TOut>(T[] values) => (TOut[])(object)values;

    private ReadOnlySpan<TOut> W<TOut>() => _weight is null ? default : (TOut[])(object)_weight;
}
