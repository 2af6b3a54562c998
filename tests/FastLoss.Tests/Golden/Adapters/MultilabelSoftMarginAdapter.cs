namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>multilabel_soft_margin_loss</c> (tensors <c>input</c> [N, C] or [C], float <c>target</c> of the input's shape,
/// optional <c>weight</c> [C] or [N, C]) →
/// <see cref="Loss.MultilabelSoftMargin(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>.
/// </summary>
public sealed class MultilabelSoftMarginAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "multilabel_soft_margin_loss";

    /// <inheritdoc/>
    public override string Name => "MultilabelSoftMargin";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        RowShape shape = RowShape.Read(goldenCase);
        GoldenTensor target = goldenCase.Inputs["target"];
        GoldenTensor input = goldenCase.Inputs["input"];
        if (!GoldenData.SameShape(target.Shape, input.Shape) && target.Data.Length == input.Data.Length)
        {
            throw new GoldenSkipException($"target {target.ShapeText} for input {input.ShapeText}: a shape-only rejection (the span API has no shapes and the element count is right)");
        }

        goldenCase.Inputs.TryGetValue("weight", out GoldenTensor? weight);
        object calls = typeof(T) == typeof(float)
            ? Single(shape, RowShape.Convert<float>(target.Data)!, RowShape.Convert<float>(weight?.Data))
            : Double(shape, RowShape.Convert<double>(target.Data)!, RowShape.Convert<double>(weight?.Data));
        return new RowLossInvocation<T>(calls, shape.Input.Length, shape.Samples);
    }

    private static RowCalls<float> Single(RowShape shape, float[] t, float[]? weight)
    {
        float[] x = RowShape.Convert<float>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultilabelSoftMargin(x, t, c, weight, r),
            d => Loss.MultilabelSoftMargin(x, t, c, d, weight),
            (g, r) => Loss.MultilabelSoftMarginGradient(x, t, c, g, weight, r),
            (g, r) => Loss.MultilabelSoftMarginWithGradient(x, t, c, g, weight, r));
    }

    private static RowCalls<double> Double(RowShape shape, double[] t, double[]? weight)
    {
        double[] x = RowShape.Convert<double>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultilabelSoftMargin(x, t, c, weight, r),
            d => Loss.MultilabelSoftMargin(x, t, c, d, weight),
            (g, r) => Loss.MultilabelSoftMarginGradient(x, t, c, g, weight, r),
            (g, r) => Loss.MultilabelSoftMarginWithGradient(x, t, c, g, weight, r));
    }
}
