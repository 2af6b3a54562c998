namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// torchvision's <c>sigmoid_focal_loss</c> (tensors <c>inputs</c>/<c>targets</c>, options <c>alpha</c>, <c>gamma</c>) →
/// <see cref="Loss.SigmoidFocal(ReadOnlySpan{float}, ReadOnlySpan{float}, float, float, Reduction)"/>.
/// </summary>
public sealed class SigmoidFocalAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "sigmoid_focal_loss";

    /// <inheritdoc/>
    public override string Name => "SigmoidFocal";

    /// <inheritdoc/>
    public override string PredictionName => "inputs";

    /// <inheritdoc/>
    public override string TargetName => "targets";

    /// <inheritdoc/>
    public override bool Broadcasts => false;

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase)
    {
        float alpha = (float)goldenCase.Number("alpha", 0.25);
        float gamma = (float)goldenCase.Number("gamma", 2.0);
        return new(
            (x, t, r) => Loss.SigmoidFocal(x, t, alpha, gamma, r),
            (x, t, d) => Loss.SigmoidFocal(x, t, alpha, gamma, d),
            (x, t, g, r) => Loss.SigmoidFocalGradient(x, t, alpha, gamma, g, r),
            (x, t, g, r) => Loss.SigmoidFocalWithGradient(x, t, alpha, gamma, g, r));
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase)
    {
        double alpha = goldenCase.Number("alpha", 0.25);
        double gamma = goldenCase.Number("gamma", 2.0);
        return new(
            (x, t, r) => Loss.SigmoidFocal(x, t, alpha, gamma, r),
            (x, t, d) => Loss.SigmoidFocal(x, t, alpha, gamma, d),
            (x, t, g, r) => Loss.SigmoidFocalGradient(x, t, alpha, gamma, g, r),
            (x, t, g, r) => Loss.SigmoidFocalWithGradient(x, t, alpha, gamma, g, r));
    }
}
