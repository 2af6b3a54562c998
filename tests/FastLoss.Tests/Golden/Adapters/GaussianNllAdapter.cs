namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>gaussian_nll_loss</c> (tensors <c>input</c>, <c>target</c>, <c>var</c>; options <c>full</c>, <c>eps</c>) →
/// <see cref="Loss.GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> or,
/// for <c>full=True</c>, <see cref="Loss.GaussianNllFull(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>
/// (a boolean option is a separate formula: the generator's hyperparameters are numbers).
/// </summary>
/// <remarks>
/// FastLoss takes one variance per input element. torch's homoscedastic <c>var</c> shapes (the input's shape without
/// its last dimension, which Python unsqueezes, or with a last dimension of 1) are expanded here, as a caller would;
/// the input's gradient needs no reduction since the input keeps its shape, and the variance's gradient is summed back
/// to the variance's shape, as autograd does. Gradients are checked for input, target and var.
/// </remarks>
public sealed class GaussianNllAdapter : ThreeOperandLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "gaussian_nll_loss";

    /// <inheritdoc/>
    public override string Name => "GaussianNll";

    /// <inheritdoc/>
    public override (string A, string B) OperandNames => ("target", "var");

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target", "var"];

    /// <inheritdoc/>
    protected override double[] ExpandOperand(GoldenCase goldenCase, GoldenTensor input, GoldenTensor operand, string name)
        => Homoscedastic(input, operand, name) is { } unsqueezed
            ? GoldenData.Expand(operand.Data, unsqueezed, input.Shape)
            : base.ExpandOperand(goldenCase, input, operand, name);

    /// <inheritdoc/>
    protected override int[]? SumBackShape(GoldenTensor input, GoldenTensor operand, string name)
        => Homoscedastic(input, operand, name) ?? base.SumBackShape(input, operand, name);

    /// <summary>A homoscedastic var's shape with its size-1 last dimension (unsqueezed as Python does), or null.</summary>
    private static int[]? Homoscedastic(GoldenTensor input, GoldenTensor operand, string name)
    {
        if (name != "var" || GoldenData.SameShape(input.Shape, operand.Shape) || input.Shape.Length == 0)
        {
            return null;
        }

        int[] leading = input.Shape[..^1];
        return GoldenData.SameShape(leading, operand.Shape) ? [.. operand.Shape, 1]
            : operand.Shape.Length == input.Shape.Length && GoldenData.SameShape(leading, operand.Shape[..^1]) && operand.Shape[^1] == 1 ? operand.Shape
            : null;
    }

    /// <inheritdoc/>
    protected override ThreeOperandCalls<float> Single(GoldenCase goldenCase)
    {
        float eps = (float)goldenCase.Number("eps", 1e-6);
        return Full(goldenCase)
            ? new(
                (x, t, v, r) => Loss.GaussianNllFull(x, t, v, eps, r),
                (x, t, v, d) => Loss.GaussianNllFull(x, t, v, eps, d),
                (x, t, v, g, r) => Loss.GaussianNllFullGradient(x, t, v, eps, g, r),
                (x, t, v, g, r) => Loss.GaussianNllFullWithGradient(x, t, v, eps, g, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullGradients(x, t, v, eps, g, tg, vg, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullWithGradients(x, t, v, eps, g, tg, vg, r))
            : new(
                (x, t, v, r) => Loss.GaussianNll(x, t, v, eps, r),
                (x, t, v, d) => Loss.GaussianNll(x, t, v, eps, d),
                (x, t, v, g, r) => Loss.GaussianNllGradient(x, t, v, eps, g, r),
                (x, t, v, g, r) => Loss.GaussianNllWithGradient(x, t, v, eps, g, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllGradients(x, t, v, eps, g, tg, vg, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllWithGradients(x, t, v, eps, g, tg, vg, r));
    }

    /// <inheritdoc/>
    protected override ThreeOperandCalls<double> Double(GoldenCase goldenCase)
    {
        double eps = goldenCase.Number("eps", 1e-6);
        return Full(goldenCase)
            ? new(
                (x, t, v, r) => Loss.GaussianNllFull(x, t, v, eps, r),
                (x, t, v, d) => Loss.GaussianNllFull(x, t, v, eps, d),
                (x, t, v, g, r) => Loss.GaussianNllFullGradient(x, t, v, eps, g, r),
                (x, t, v, g, r) => Loss.GaussianNllFullWithGradient(x, t, v, eps, g, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullGradients(x, t, v, eps, g, tg, vg, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullWithGradients(x, t, v, eps, g, tg, vg, r))
            : new(
                (x, t, v, r) => Loss.GaussianNll(x, t, v, eps, r),
                (x, t, v, d) => Loss.GaussianNll(x, t, v, eps, d),
                (x, t, v, g, r) => Loss.GaussianNllGradient(x, t, v, eps, g, r),
                (x, t, v, g, r) => Loss.GaussianNllWithGradient(x, t, v, eps, g, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllGradients(x, t, v, eps, g, tg, vg, r),
                (x, t, v, g, tg, vg, r) => Loss.GaussianNllWithGradients(x, t, v, eps, g, tg, vg, r));
    }

    private static bool Full(GoldenCase goldenCase) => goldenCase.OptionNames.Contains("full") && goldenCase.Flag("full");
}
