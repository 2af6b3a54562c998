namespace FastLoss;

/// <summary>
/// Declares the valid range of a per-element operand of a <see cref="LossFormulaAttribute"/> method (the input
/// included): the generated methods check every element before anything is written, and reject the first one outside
/// the range with an <see cref="ArgumentException"/> naming the parameter, the element's index and its value.
/// </summary>
/// <remarks>
/// The bounds mirror <see cref="HyperparameterAttribute"/>. NaN is out of range unless <see cref="AllowNaN"/> is set
/// (torch's <c>x &gt;= 0 &amp;&amp; x &lt;= 1</c> rejects NaN; its <c>var &lt; 0</c> lets NaN through). The check is one
/// vectorized pass over the operand. Not valid on a <see cref="HyperparameterAttribute"/> parameter (FL0017); the range
/// must not be empty (FL0018).
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class OperandAttribute : Attribute
{
    /// <summary>Gets or sets the smallest accepted value (inclusive unless <see cref="ExclusiveMinimum"/>).</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;

    /// <summary>Gets or sets a value indicating whether <see cref="Minimum"/> itself is rejected.</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary>Gets or sets the largest accepted value (inclusive unless <see cref="ExclusiveMaximum"/>).</summary>
    public double Maximum { get; set; } = double.PositiveInfinity;

    /// <summary>Gets or sets a value indicating whether <see cref="Maximum"/> itself is rejected.</summary>
    public bool ExclusiveMaximum { get; set; }

    /// <summary>Gets or sets a value indicating whether NaN elements are accepted (by default they are rejected).</summary>
    public bool AllowNaN { get; set; }

    /// <summary>
    /// Gets or sets the rule in words for the error message, e.g. torch's own message
    /// (<c>"torch: all elements of input should be between 0 and 1"</c>); optional.
    /// </summary>
    public string? Rule { get; set; }
}
