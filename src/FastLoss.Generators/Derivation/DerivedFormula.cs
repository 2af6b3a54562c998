using FastLoss.Generators.Model;

namespace FastLoss.Generators.Derivation;

/// <summary>Stage 2's output: the formula with its first and second derivatives with respect to the input.</summary>
internal sealed record DerivedFormula(FormulaSpec Spec, Expr Loss, Expr Gradient, Expr Hessian)
{
    /// <summary>Differentiates a parsed formula (pure: no Roslyn types involved).</summary>
    public static DerivedFormula From(FormulaSpec spec)
    {
        Expr gradient = spec.GradientOverride?.Gradient ?? Differentiator.Differentiate(spec.Loss);
        Expr hessian = Differentiator.Differentiate(gradient);
        return new DerivedFormula(spec, spec.Loss, gradient, hessian);
    }
}
