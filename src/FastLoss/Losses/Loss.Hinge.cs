using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Hinge loss max(0, 1 − target·input) for targets ±1 (the SVM loss; not in <c>torch.nn.functional</c> as an
    /// element-wise loss — torch's <c>multi_margin_loss</c> is its row-wise multi-class form, and
    /// <c>hinge_embedding_loss</c> (<see cref="HingeEmbedding{T}(T, T, T)"/>) is a different loss).
    /// </summary>
    /// <remarks>
    /// Targets other than ±1 are used as given (0 gives 1). Gradient −target where 1 − target·input ≥ 0 and 0 where it
    /// is negative or NaN: like torch's clamp_min, the gradient passes at the kink (sklearn-style strict hinges give 0
    /// there). NaN propagates to the loss. Kernels vs this method: exact (0 ulp).
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The score.</param>
    /// <param name="target">The label, 1 or −1.</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula]
    public static T Hinge<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => T.Max(T.One - (target * input), T.Zero);
}
