namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>gaussian_nll_loss</c> (tensors <c>input</c>, <c>target</c>, <c>var</c>; options <c>full</c>, <c>eps</c>) →
/// <see cref="Loss.GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/> or,
/// for <c>full=True</c>, <see cref="Loss.GaussianNllFull(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, float, Reduction)"/>
/// (a boolean option is a separate formula: the generator's hyperparameters are numbers).
/// </summary>
/// <remarks>
/// torch's homoscedastic <c>var</c> shapes (the input's shape without its last dimension, which Python unsqueezes, or
/// with a last dimension of 1) are passed as they are to the broadcasting overloads that take the last dimension
/// (<see cref="Loss.GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>),
/// which return the variance's gradient in its own shape (summed over the broadcast, as autograd does). Other shapes
/// go to the per-element overloads. Gradients are checked for input, target and var.
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
        => Homoscedastic(input, operand, name) is not null ? operand.Data : base.ExpandOperand(goldenCase, input, operand, name);

    /// <inheritdoc/>
    protected override int[]? SumBackShape(GoldenTensor input, GoldenTensor operand, string name)
        => Homoscedastic(input, operand, name) is not null ? null : base.SumBackShape(input, operand, name);

    /// <summary>The input's last dimension when <c>var</c> has a homoscedastic shape (the broadcasting overloads apply), else null.</summary>
    private static int? BroadcastDimension(GoldenCase goldenCase)
    {
        if (!goldenCase.Inputs.TryGetValue("input", out GoldenTensor? input) || !goldenCase.Inputs.TryGetValue("var", out GoldenTensor? variance)
            || Homoscedastic(input, variance, "var") is null)
        {
            return null;
        }

        return input.Shape[^1];
    }

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
        if (BroadcastDimension(goldenCase) is int dim)
        {
            return Full(goldenCase)
                ? new(
                    (x, t, v, r) => Loss.GaussianNllFull(x, t, dim, v, eps, r),
                    (x, t, v, d) => Loss.GaussianNllFull(x, t, dim, v, eps, d),
                    (x, t, v, g, r) => Loss.GaussianNllFullGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, r) => Loss.GaussianNllFullWithGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullGradients(x, t, dim, v, eps, g, tg, vg, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullWithGradients(x, t, dim, v, eps, g, tg, vg, r))
                : new(
                    (x, t, v, r) => Loss.GaussianNll(x, t, dim, v, eps, r),
                    (x, t, v, d) => Loss.GaussianNll(x, t, dim, v, eps, d),
                    (x, t, v, g, r) => Loss.GaussianNllGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, r) => Loss.GaussianNllWithGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllGradients(x, t, dim, v, eps, g, tg, vg, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllWithGradients(x, t, dim, v, eps, g, tg, vg, r));
        }

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
        if (BroadcastDimension(goldenCase) is int dim)
        {
            return Full(goldenCase)
                ? new(
                    (x, t, v, r) => Loss.GaussianNllFull(x, t, dim, v, eps, r),
                    (x, t, v, d) => Loss.GaussianNllFull(x, t, dim, v, eps, d),
                    (x, t, v, g, r) => Loss.GaussianNllFullGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, r) => Loss.GaussianNllFullWithGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullGradients(x, t, dim, v, eps, g, tg, vg, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllFullWithGradients(x, t, dim, v, eps, g, tg, vg, r))
                : new(
                    (x, t, v, r) => Loss.GaussianNll(x, t, dim, v, eps, r),
                    (x, t, v, d) => Loss.GaussianNll(x, t, dim, v, eps, d),
                    (x, t, v, g, r) => Loss.GaussianNllGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, r) => Loss.GaussianNllWithGradient(x, t, dim, v, eps, g, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllGradients(x, t, dim, v, eps, g, tg, vg, r),
                    (x, t, v, g, tg, vg, r) => Loss.GaussianNllWithGradients(x, t, dim, v, eps, g, tg, vg, r));
        }

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
