namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>multi_margin_loss</c> (tensors <c>input</c> [N, C] or [C], int64 <c>target</c>, optional <c>weight</c>; options
/// <c>p</c>, <c>margin</c>) →
/// <see cref="Loss.MultiMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, float, ReadOnlySpan{float}, Reduction)"/>.
/// </summary>
public sealed class MultiMarginAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "multi_margin_loss";

    /// <inheritdoc/>
    public override string Name => "MultiMargin";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        RowShape shape = RowShape.Read(goldenCase);
        int[] target = RowShape.Indices(goldenCase.Inputs["target"]);
        goldenCase.Inputs.TryGetValue("weight", out GoldenTensor? weight);
        if (weight is not null && weight.Shape.Length != 1 && weight.Data.Length == shape.Classes)
        {
            throw new GoldenSkipException($"weight of shape {weight.ShapeText}: a shape-only rejection (the span API has no shapes; its {shape.Classes} values are a valid per-class weight)");
        }

        int p = (int)goldenCase.Number("p", 1);
        double margin = goldenCase.Number("margin", 1.0);
        object calls = typeof(T) == typeof(float)
            ? Single(shape, target, p, (float)margin, RowShape.Convert<float>(weight?.Data))
            : Double(shape, target, p, margin, RowShape.Convert<double>(weight?.Data));
        return new RowLossInvocation<T>(calls, shape.Input.Length, shape.Samples);
    }

    private static RowCalls<float> Single(RowShape shape, int[] target, int p, float margin, float[]? weight)
    {
        float[] x = RowShape.Convert<float>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultiMargin(x, target, c, p, margin, weight, r),
            d => Loss.MultiMargin(x, target, c, d, p, margin, weight),
            (g, r) => Loss.MultiMarginGradient(x, target, c, g, p, margin, weight, r),
            (g, r) => Loss.MultiMarginWithGradient(x, target, c, g, p, margin, weight, r));
    }

    private static RowCalls<double> Double(RowShape shape, int[] target, int p, double margin, double[]? weight)
    {
        double[] x = RowShape.Convert<double>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultiMargin(x, target, c, p, margin, weight, r),
            d => Loss.MultiMargin(x, target, c, d, p, margin, weight),
            (g, r) => Loss.MultiMarginGradient(x, target, c, g, p, margin, weight, r),
            (g, r) => Loss.MultiMarginWithGradient(x, target, c, g, p, margin, weight, r));
    }
}
