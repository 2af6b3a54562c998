using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Binary cross-entropy on logits (<c>torch.nn.functional.binary_cross_entropy_with_logits</c>):
    /// (1 − target)·input − log σ(input).
    /// </summary>
    /// <remarks>
    /// Stable for every logit (±1e4 is fine): log σ is computed as −softplus(−x), never as log(1/(1+e^−x)). Targets
    /// are used as given (soft targets in [0, 1] are the usual case; others are accepted, as in PyTorch). Gradient
    /// (1 − target) − σ(−input) = σ(input) − target. torch's <c>weight</c> and <c>pos_weight</c>: the overloads with a
    /// <c>classCount</c> (<see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>).
    /// Kernels vs this method: a few ulp (see README, "Accuracy").
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The logit.</param>
    /// <param name="target">The target probability.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T BinaryCrossEntropyWithLogits<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => ((T.One - target) * input) - LossMath.LogSigmoid(input);
}
