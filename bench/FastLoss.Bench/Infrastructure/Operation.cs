namespace FastLoss.Bench.Infrastructure;

/// <summary>What one benchmark invocation computes.</summary>
public enum Operation
{
    /// <summary>The reduced loss (mean over the elements): reads the operands, writes nothing.</summary>
    Forward,

    /// <summary>The gradient of the mean loss with respect to the input: reads the operands, writes one span.</summary>
    Gradient,

    /// <summary>The mean loss and its gradient together (FastLoss' <c>NameWithGradient</c>).</summary>
    Fused,
}
