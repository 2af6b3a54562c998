using System;
using System.Collections.Generic;
using FastLoss.Generators.Model;
using static FastLoss.Generators.Derivation.Build;

namespace FastLoss.Generators.Derivation;

/// <summary>
/// Symbolic differentiation with respect to one parameter: the formula's input (variable 0) by default, or a
/// <c>[Differentiable]</c> operand. Pure: Expr → Expr.
/// </summary>
/// <remarks>
/// Subgradients follow PyTorch: d|u| is 0 at u = 0 and at NaN (torch's sgn); max(u, c) and min(u, c) with a
/// constant side are clamp_min/clamp_max and pass the gradient at the tie; max(u, v) with both sides varying is
/// torch.maximum (half to each side at a tie); clamp passes the gradient inside [lo, hi] inclusive; pow with an
/// exponent of 0 contributes no gradient. Conditionals differentiate their branches (the test is piecewise constant).
/// </remarks>
internal sealed class Differentiator
{
    private readonly Dictionary<Expr, Expr> _derivatives = new();
    private readonly Dictionary<Expr, bool> _dependsOnInput = new();
    private readonly int _variable;

    /// <summary>Creates a differentiator with respect to parameter <paramref name="variable"/> (0: the input).</summary>
    public Differentiator(int variable = 0) => _variable = variable;

    /// <summary>d(expression)/d(parameter <paramref name="variable"/>), simplified.</summary>
    public static Expr Differentiate(Expr expression, int variable = 0) => new Differentiator(variable).D(expression);

    public Expr D(Expr e)
    {
        if (_derivatives.TryGetValue(e, out Expr? cached))
        {
            return cached;
        }

        Expr result = !DependsOnInput(e) ? Constant.Zero : e switch
        {
            Variable v => v.Index == _variable ? Constant.One : Constant.Zero,
            Unary { Operator: UnaryOperator.Negate } u => Neg(D(u.Operand)),
            Binary b => Binary(b),
            Conditional c => Select(c.Test, D(c.WhenTrue), D(c.WhenFalse)),
            Call call => CallDerivative(call),
            _ => Constant.Zero,
        };

        _derivatives[e] = result;
        return result;
    }

    /// <summary>Whether <paramref name="e"/> depends on the variable of differentiation (the input by default).</summary>
    public bool DependsOnInput(Expr e)
    {
        if (_dependsOnInput.TryGetValue(e, out bool cached))
        {
            return cached;
        }

        bool result = e switch
        {
            Variable v => v.Index == _variable,
            Constant => false,
            Unary u => DependsOnInput(u.Operand),
            Binary b => DependsOnInput(b.Left) || DependsOnInput(b.Right),
            Conditional c => DependsOnInput(c.Test) || DependsOnInput(c.WhenTrue) || DependsOnInput(c.WhenFalse),
            Call call => AnyDepends(call.Arguments),
            _ => throw new InvalidOperationException("Unknown node " + e.GetType().Name),
        };

        _dependsOnInput[e] = result;
        return result;
    }

    private bool AnyDepends(EquatableArray<Expr> arguments)
    {
        foreach (Expr argument in arguments)
        {
            if (DependsOnInput(argument))
            {
                return true;
            }
        }

        return false;
    }

    private Expr Binary(Binary b) => b.Operator switch
    {
        BinaryOperator.Add => Add(D(b.Left), D(b.Right)),
        BinaryOperator.Subtract => Sub(D(b.Left), D(b.Right)),
        // (uv)' = u'v + uv'
        BinaryOperator.Multiply => Add(Mul(D(b.Left), b.Right), Mul(b.Left, D(b.Right))),
        // (u/v)' = u'/v - (u/v)·v'/v, the quotient itself reused (it is a subexpression of the loss): the textbook
        // u·v'/v² overflows (u·v', v²) or underflows (v²) where the gradient is finite, e.g. x/(1 + x²) at large x
        // gave inf/inf = NaN. The second term vanishes for constant v.
        BinaryOperator.Divide => DependsOnInput(b.Right)
            ? Sub(Div(D(b.Left), b.Right), Div(Mul(b, D(b.Right)), b.Right))
            : Div(D(b.Left), b.Right),
        // Truth values are piecewise constant.
        _ => Constant.Zero,
    };

    private Expr CallDerivative(Call call)
    {
        EquatableArray<Expr> a = call.Arguments;
        switch (call.Function)
        {
            case MathFunction.Abs:
                // torch: grad · sgn(u), with sgn(0) = sgn(NaN) = 0. A select, so an infinite u' at u = 0 gives 0, not NaN.
                return Select(Compare(BinaryOperator.GreaterThan, a[0], Constant.Zero), D(a[0]),
                    Select(Compare(BinaryOperator.LessThan, a[0], Constant.Zero), Neg(D(a[0])), Constant.Zero));

            case MathFunction.Max:
            case MathFunction.Min:
                return Extremum(call.Function == MathFunction.Max, a[0], a[1]);

            case MathFunction.Clamp:
                // torch.clamp: the gradient passes to u where lo <= u <= hi (false for NaN); with tensor bounds, to lo
                // where u < lo and to hi where u > hi (the bound is the value there).
                return Select(
                    Logical(BinaryOperator.And, Compare(BinaryOperator.GreaterThanOrEqual, a[0], a[1]), Compare(BinaryOperator.LessThanOrEqual, a[0], a[2])),
                    D(a[0]),
                    Select(Compare(BinaryOperator.LessThan, a[0], a[1]), D(a[1]),
                        Select(Compare(BinaryOperator.GreaterThan, a[0], a[2]), D(a[2]), Constant.Zero)));

            case MathFunction.Pow:
                return PowDerivative(call, a[0], a[1]);

            default:
                // Chain rule with the table's partial derivative: f'(u) · u'.
                PartialDerivative partial = MathFunctions.Row(call.Function).Partial
                    ?? throw new InvalidOperationException("No derivative rule for " + call.Function);
                return Mul(partial(a, call, 0), D(a[0]));
        }
    }

    private Expr Extremum(bool isMax, Expr u, Expr v)
    {
        bool uVaries = DependsOnInput(u), vVaries = DependsOnInput(v);
        BinaryOperator keepU = isMax ? BinaryOperator.GreaterThanOrEqual : BinaryOperator.LessThanOrEqual;
        if (!vVaries)
        {
            // clamp_min / clamp_max: the gradient passes at the tie, and is 0 where u is NaN.
            return Select(Compare(keepU, u, v), D(u), Constant.Zero);
        }

        if (!uVaries)
        {
            return Select(Compare(keepU, v, u), D(v), Constant.Zero);
        }

        // torch.maximum/minimum: strict winner takes the gradient, a tie splits it.
        BinaryOperator strict = isMax ? BinaryOperator.GreaterThan : BinaryOperator.LessThan;
        return Select(Compare(BinaryOperator.Equal, u, v), Mul(Constant.Half, Add(D(u), D(v))),
            Select(Compare(strict, u, v), D(u), D(v)));
    }

    private Expr PowDerivative(Call self, Expr u, Expr v)
    {
        if (!DependsOnInput(v))
        {
            // torch pow_backward: exponent · u^(exponent - 1) · u', and exactly 0 when the exponent is 0. Where u' = 0
            // the chain-rule product is 0 too, not ∞·0 = NaN: u^(exponent - 1) is infinite at u = 0 for exponents
            // below 1, which happens inside second derivatives of focal-style terms (1 - p)^γ once p saturates.
            Expr du = D(u);
            Expr derivative = Mul(Mul(v, Fn(MathFunction.Pow, u, Sub(v, Constant.One))), du);
            Expr guarded = v is Constant { Value: >= 1 } || du is Constant
                ? derivative
                : Select(Compare(BinaryOperator.Equal, du, Constant.Zero), Constant.Zero, derivative);
            return v is Constant ? guarded : Select(Compare(BinaryOperator.Equal, v, Constant.Zero), Constant.Zero, guarded);
        }

        // d u^v = u^v (v' log u + v u'/u)
        return Mul(self, Add(Mul(D(v), Fn(MathFunction.Log, u)), Div(Mul(v, D(u)), u)));
    }
}
