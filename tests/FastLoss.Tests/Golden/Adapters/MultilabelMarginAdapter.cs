namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>multilabel_margin_loss</c> (tensors <c>input</c> [N, C] or [C], int64 <c>target</c> of the input's shape) →
/// <see cref="Loss.MultilabelMargin(ReadOnlySpan{float}, ReadOnlySpan{int}, int, Reduction)"/>.
/// </summary>
public sealed class MultilabelMarginAdapter : GoldenLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "multilabel_margin_loss";

    /// <inheritdoc/>
    public override string Name => "MultilabelMargin";

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        RowShape shape = RowShape.Read(goldenCase);
        int[] target = RowShape.Indices(goldenCase.Inputs["target"]);
        object calls = typeof(T) == typeof(float) ? Single(shape, target) : Double(shape, target);
        return new RowLossInvocation<T>(calls, shape.Input.Length, shape.Samples);
    }

    private static RowCalls<float> Single(RowShape shape, int[] target)
    {
        float[] x = RowShape.Convert<float>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultilabelMargin(x, target, c, r),
            d => Loss.MultilabelMargin(x, target, c, d),
            (g, r) => Loss.MultilabelMarginGradient(x, target, c, g, r),
            (g, r) => Loss.MultilabelMarginWithGradient(x, target, c, g, r));
    }

    private static RowCalls<double> Double(RowShape shape, int[] target)
    {
        double[] x = RowShape.Convert<double>(shape.Input)!;
        int c = shape.Classes;
        return new(
            r => Loss.MultilabelMargin(x, target, c, r),
            d => Loss.MultilabelMargin(x, target, c, d),
            (g, r) => Loss.MultilabelMarginGradient(x, target, c, g, r),
            (g, r) => Loss.MultilabelMarginWithGradient(x, target, c, g, r));
    }
}
