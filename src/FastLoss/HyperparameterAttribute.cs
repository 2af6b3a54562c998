namespace FastLoss;

/// <summary>
/// Marks a parameter of a <see cref="LossFormulaAttribute"/> method as a scalar hyperparameter (a margin, a delta, a
/// focusing parameter…) rather than a per-element operand. Hyperparameters stay scalars in the generated API and keep
/// their default values.
/// </summary>
/// <remarks>
/// Generated methods reject a NaN hyperparameter, and one outside the stated range, with an
/// <see cref="ArgumentOutOfRangeException"/> naming it, before anything is written.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class HyperparameterAttribute : Attribute
{
    /// <summary>
    /// Gets or sets the default value used by the generated API. A C# default value on the parameter works too; this
    /// property is for generic formulas, whose <c>T</c> parameters cannot have one.
    /// </summary>
    public double Default { get; set; } = double.NaN;

    /// <summary>Gets or sets the smallest accepted value (inclusive unless <see cref="ExclusiveMinimum"/>).</summary>
    public double Minimum { get; set; } = double.NegativeInfinity;

    /// <summary>Gets or sets a value indicating whether <see cref="Minimum"/> itself is rejected.</summary>
    public bool ExclusiveMinimum { get; set; }

    /// <summary>Gets or sets the largest accepted value (inclusive unless <see cref="ExclusiveMaximum"/>).</summary>
    public double Maximum { get; set; } = double.PositiveInfinity;

    /// <summary>Gets or sets a value indicating whether <see cref="Maximum"/> itself is rejected.</summary>
    public bool ExclusiveMaximum { get; set; }
}
