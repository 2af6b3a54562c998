namespace FastLoss.Demo;

/// <summary>Losses declared by the demo itself: one C# method each; kernels, gradient and fused loss+gradient generated.</summary>
public static partial class DemoLosses
{
    /// <summary>
    /// The demo's "custom loss with parameters": a one-vs-rest smoothed margin loss on one logit x and its one-hot
    /// target t ∈ {0, 1}: with s = 2t − 1 (+1 for the true class, −1 for the others),
    /// <c>loss = τ · softplus((m − s·x) / τ)</c>.
    /// </summary>
    /// <remarks>
    /// The margin m asks the true class's logit to exceed +m and every other logit to stay below −m; the temperature τ
    /// sets how soft the corner is: τ → 0 gives the hinge max(0, m − s·x), and m = 0, τ = 1 is binary cross-entropy
    /// with logits. The generator derives the gradient, −s·sigmoid((m − s·x) / τ), and fuses it with the loss
    /// (<c>MarginLogisticWithGradient</c>). See the generated file under
    /// obj/Release/net10.0/generated/FastLoss.Generators/.
    /// </remarks>
    [LossFormula]
    public static float MarginLogistic(
        float input,
        float target,
        [Hyperparameter(Minimum = 0)] float margin = 1f,
        [Hyperparameter(Minimum = 0, ExclusiveMinimum = true)] float temperature = 1f)
    {
        float sign = (2f * target) - 1f;
        return temperature * LossMath.Softplus((margin - (sign * input)) / temperature);
    }
}
