using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Derivation;

/// <summary>
/// Stage 2's output: the formula with its first and second derivatives with respect to the input, and the first
/// derivative with respect to each <c>[Differentiable]</c> operand.
/// </summary>
internal sealed record DerivedFormula(FormulaSpec Spec, Expr Loss, Expr Gradient, Expr Hessian, EquatableArray<OperandGradient> OperandGradients)
{
    /// <summary>
    /// Whether the loss and its first derivatives are arithmetic only (no call lowered to VectorMath): such a kernel is
    /// a few instructions per vector and the driver inlines it four times per sum iteration.
    /// </summary>
    public bool IsArithmetic => !ExprNodes.Distinct(new[] { Loss, Gradient }.Concat(OperandGradients.Select(g => g.Gradient)))
        .Any(e => e is Call call && MathFunctions.LowersToVectorMath(call.Function));

    /// <summary>Differentiates a parsed formula (pure: no Roslyn types involved).</summary>
    public static DerivedFormula From(FormulaSpec spec)
    {
        Expr gradient = spec.GradientOverride?.Gradient ?? Differentiator.Differentiate(spec.Loss);
        Expr hessian = Differentiator.Differentiate(gradient);
        EquatableArray<OperandGradient> operandGradients = Enumerable.Range(0, spec.Parameters.Count)
            .Where(i => spec.Parameters[i].Differentiable)
            .Select(i => new OperandGradient(i, spec.Parameters[i].GradientOverride?.Gradient ?? Differentiator.Differentiate(spec.Loss, i)))
            .ToEquatableArray();
        return new DerivedFormula(spec, spec.Loss, gradient, hessian, operandGradients);
    }
}

/// <summary>d(loss)/d(operand) for the <c>[Differentiable]</c> operand at parameter <paramref name="Index"/>.</summary>
internal sealed record OperandGradient(int Index, Expr Gradient);
