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
}
