namespace FastLoss;

/// <summary>
/// Marks a per-element operand of a <see cref="LossFormulaAttribute"/> method (a target, a variance…) as
/// differentiable: besides the input's gradient, the generator then emits <c>NameGradients</c> and
/// <c>NameWithGradients</c> methods that also write d(reduced loss)/d(operand) to a span named
/// <c>operandGradient</c>, all gradients in one pass. Their own (plural) name keeps them apart from the input-only
/// <c>NameGradient</c> and any weighted overload of it, which one array per span could otherwise bind to.
/// </summary>
/// <remarks>
/// The derivative is symbolic, with the same subgradient conventions as the input's. Not valid on the input (always
/// differentiated) or on a <see cref="HyperparameterAttribute"/> parameter (FL0017).
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
    /// <summary>
    /// Optional name of a method in the same class that computes d(loss)/d(this operand) by hand, used instead of the
    /// symbolic derivative (e.g. where torch clamps the operand without recording the clamp). It must have exactly the
    /// formula's parameter list and return type (FL0009 otherwise).
    /// </summary>
    public string? Gradient { get; set; }
}
