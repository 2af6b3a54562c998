namespace FastLoss;

/// <summary>
/// Marks a static method as a loss formula: the FastLoss source generator reads its body, differentiates it
/// symbolically and adds span-based loss, gradient, fused loss-and-gradient and Hessian kernels for it
/// (Vector512, Vector256, Vector128 and scalar) to the containing <c>static partial</c> class.
/// </summary>
/// <remarks>
/// <para>The first parameter is the input (the prediction): gradients are taken with respect to it. Every other
/// parameter without <see cref="HyperparameterAttribute"/> is a per-element operand (a target, a weight, a variance…)
/// and becomes a <see cref="ReadOnlySpan{T}"/> of the same length as the input in the generated API.</para>
/// <para>The method itself is not changed: it stays callable and is the scalar reference the generated kernels are
/// tested against.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LossFormulaAttribute : Attribute
{
    /// <summary>
    /// Optional name of a method in the same class that computes d(loss)/d(input) by hand, used instead of the
    /// symbolic derivative where that is numerically unstable. It must have exactly the formula's parameter list and
    /// return type. The Hessian is then derived from this method.
    /// </summary>
    public string? Gradient { get; set; }
}
