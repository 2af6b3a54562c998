namespace FastLoss;

/// <summary>How per-element losses are combined into one value (PyTorch's <c>reduction</c> argument).</summary>
/// <remarks>
/// PyTorch's <c>reduction='none'</c> is the overload that writes per-element losses to a destination span; its
/// gradient is the gradient of the sum, i.e. <see cref="Sum"/>.
/// </remarks>
public enum Reduction
{
    /// <summary>The mean of the per-element losses. The mean of an empty input is NaN, as in PyTorch.</summary>
    Mean = 0,

    /// <summary>The sum of the per-element losses. The sum of an empty input is 0.</summary>
    Sum = 1,

    /// <summary>
    /// torch's <c>'batchmean'</c> (<c>kl_div</c> only): the sum divided by the batch size (the input's first dimension),
    /// the mathematically correct KL divergence per sample. Only the overloads that take a <c>batchSize</c>
    /// (<c>Loss.KlDiv</c>, <c>Loss.KlDivLogTarget</c>) accept it; every other method throws an
    /// <see cref="ArgumentOutOfRangeException"/>. An empty batch gives NaN (0 / 0), as in torch.
    /// </summary>
    BatchMean = 2,
}
