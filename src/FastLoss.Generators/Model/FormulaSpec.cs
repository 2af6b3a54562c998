namespace FastLoss.Generators.Model;

/// <summary>Everything the emitter needs about one <c>[LossFormula]</c> method; equatable for incremental caching.</summary>
/// <param name="Namespace">The containing namespace, or empty for the global namespace.</param>
/// <param name="ContainingTypes">The containing types, outermost first.</param>
/// <param name="Name">The formula's method name.</param>
/// <param name="Accessibility">The method's accessibility keyword(s), reused for the generated API.</param>
/// <param name="TypeParameter">The method's type parameter for a generic formula, or null.</param>
/// <param name="ElementTypes">The element types to generate: float, double, or both for a generic formula.</param>
/// <param name="Parameters">The parameters in declaration order.</param>
/// <param name="Loss">The loss expression.</param>
/// <param name="GradientOverride">The hand-written gradient's name and expression, or null for the symbolic one.</param>
internal sealed record FormulaSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Accessibility,
    string? TypeParameter,
    EquatableArray<ElementType> ElementTypes,
    EquatableArray<ParameterSpec> Parameters,
    Expr Loss,
    GradientOverride? GradientOverride);

/// <summary>A containing type declaration to reopen as <c>partial</c>.</summary>
internal sealed record ContainingType(string Keyword, string Name, bool IsStatic);

/// <summary>A hand-written gradient method.</summary>
internal sealed record GradientOverride(string MethodName, Expr Gradient);

/// <summary>A formula parameter.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Kind">Input, operand or hyperparameter.</param>
/// <param name="Default">A hyperparameter's default value, or null.</param>
/// <param name="Minimum">Lower bound a hyperparameter must respect.</param>
/// <param name="ExclusiveMinimum">Whether the lower bound itself is rejected.</param>
/// <param name="Maximum">Upper bound a hyperparameter must respect.</param>
/// <param name="ExclusiveMaximum">Whether the upper bound itself is rejected.</param>
/// <param name="Range">An operand's declared range (<c>[Operand]</c>), checked element by element, or null.</param>
/// <param name="Differentiable">Whether an operand other than the input gets a gradient (<c>[Differentiable]</c>).</param>
/// <param name="GradientOverride">The hand-written partial derivative of a differentiable operand, or null.</param>
internal sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    double? Default,
    double Minimum,
    bool ExclusiveMinimum,
    double Maximum,
    bool ExclusiveMaximum,
    OperandRange? Range = null,
    bool Differentiable = false,
    GradientOverride? GradientOverride = null);

/// <summary>The valid values of an operand (<c>[Operand]</c>): NaN is out of range unless allowed.</summary>
/// <param name="Minimum">The lower bound.</param>
/// <param name="ExclusiveMinimum">Whether the lower bound itself is rejected.</param>
/// <param name="Maximum">The upper bound.</param>
/// <param name="ExclusiveMaximum">Whether the upper bound itself is rejected.</param>
/// <param name="AllowNaN">Whether NaN is accepted.</param>
/// <param name="Rule">The rule in words for the message (e.g. torch's), or null.</param>
internal sealed record OperandRange(double Minimum, bool ExclusiveMinimum, double Maximum, bool ExclusiveMaximum, bool AllowNaN, string? Rule);

internal enum ElementType
{
    Single,
    Double,
}

/// <summary>The outcome of parsing one method: a spec, or diagnostics, or both (warnings).</summary>
internal sealed record FormulaResult(FormulaSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
