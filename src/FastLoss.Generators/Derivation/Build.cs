using FastLoss.Generators.Model;

namespace FastLoss.Generators.Derivation;

/// <summary>
/// Smart constructors: build an expression and apply local algebraic simplifications on the way (constant folding,
/// identities of 0 and 1, double negation, sinh/cosh → tanh). Symbolic differentiation produces many trivial terms;
/// simplifying at construction keeps every intermediate tree small.
/// </summary>
/// <remarks>
/// Like every autodiff system, the rules treat 0·x as 0 even where x would be NaN or infinite: a term that does not
/// depend on the input contributes no gradient (torch does the same by not recording it).
/// </remarks>
internal static class Build
{
    public static Expr Add(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return new Constant(ca.Value + cb.Value);
        }

        if (IsZero(a))
        {
            return b;
        }

        if (IsZero(b))
        {
            return a;
        }

        if (b is Unary { Operator: UnaryOperator.Negate } nb)
        {
            return Sub(a, nb.Operand);
        }

        if (a is Unary { Operator: UnaryOperator.Negate } na)
        {
            return Sub(b, na.Operand);
        }

        return new Binary(BinaryOperator.Add, a, b);
    }

    public static Expr Sub(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return new Constant(ca.Value - cb.Value);
        }

        if (IsZero(b))
        {
            return a;
        }

        if (IsZero(a))
        {
            return Neg(b);
        }

        if (b is Unary { Operator: UnaryOperator.Negate } nb)
        {
            return Add(a, nb.Operand);
        }

        return new Binary(BinaryOperator.Subtract, a, b);
    }

    public static Expr Mul(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb)
        {
            return new Constant(ca.Value * cb.Value);
        }

        if (IsZero(a) || IsZero(b))
        {
            return Constant.Zero;
        }

        if (IsOne(a))
        {
            return b;
        }

        if (IsOne(b))
        {
            return a;
        }

        if (IsMinusOne(a))
        {
            return Neg(b);
        }

        if (IsMinusOne(b))
        {
            return Neg(a);
        }

        if (a is Unary { Operator: UnaryOperator.Negate } na)
        {
            return Neg(Mul(na.Operand, b));
        }

        if (b is Unary { Operator: UnaryOperator.Negate } nb)
        {
            return Neg(Mul(a, nb.Operand));
        }

        // (1/x)·y = y/x: one rounding instead of two, and it exposes sinh/cosh pairs (d log cosh u = sinh u / cosh u)
        // to the tanh rewrite in Div.
        if (a is Binary { Operator: BinaryOperator.Divide } ra && IsOne(ra.Left))
        {
            return Div(b, ra.Right);
        }

        if (b is Binary { Operator: BinaryOperator.Divide } rb && IsOne(rb.Left))
        {
            return Div(a, rb.Right);
        }

        // Constants first: 2 * x reads better than x * 2 and lets 2 * (3 * x) fold.
        if (b is Constant && a is not Constant)
        {
            return Mul(b, a);
        }

        if (a is Constant c1 && b is Binary { Operator: BinaryOperator.Multiply, Left: Constant c2 } inner)
        {
            return Mul(new Constant(c1.Value * c2.Value), inner.Right);
        }

        return new Binary(BinaryOperator.Multiply, a, b);
    }

    public static Expr Div(Expr a, Expr b)
    {
        if (a is Constant ca && b is Constant cb && cb.Value != 0)
        {
            return new Constant(ca.Value / cb.Value);
        }

        if (IsZero(a))
        {
            return Constant.Zero;
        }

        if (IsOne(b))
        {
            return a;
        }

        if (IsMinusOne(b))
        {
            return Neg(a);
        }

        if (a is Unary { Operator: UnaryOperator.Negate } na)
        {
            return Neg(Div(na.Operand, b));
        }

        // sinh(u) / cosh(u) = tanh(u): keeps d log cosh(u) finite where cosh overflows.
        if (a is Call { Function: MathFunction.Sinh } sinh && b is Call { Function: MathFunction.Cosh } cosh && sinh.Arguments.Equals(cosh.Arguments))
        {
            return Fn(MathFunction.Tanh, sinh.Arguments[0]);
        }

        return new Binary(BinaryOperator.Divide, a, b);
    }

    public static Expr Neg(Expr a) => a switch
    {
        Constant c => new Constant(-c.Value),
        Unary { Operator: UnaryOperator.Negate } n => n.Operand,
        Binary { Operator: BinaryOperator.Subtract } s => new Binary(BinaryOperator.Subtract, s.Right, s.Left),
        _ => new Unary(UnaryOperator.Negate, a),
    };

    /// <summary>
    /// −a as the user's C# computes it, for parsed formulas: constants fold and −(−a) cancels (both exact), but
    /// −(a − b) stays a negation, since b − a is +0 where −(a − b) is −0 and the kernel must match the reference method.
    /// </summary>
    public static Expr NegExact(Expr a) => a switch
    {
        Constant c => new Constant(-c.Value),
        Unary { Operator: UnaryOperator.Negate } n => n.Operand,
        _ => new Unary(UnaryOperator.Negate, a),
    };

    public static Expr Not(Expr a) => a is Unary { Operator: UnaryOperator.Not } n ? n.Operand : new Unary(UnaryOperator.Not, a);

    public static Expr Compare(BinaryOperator op, Expr a, Expr b) => new Binary(op, a, b);

    public static Expr Logical(BinaryOperator op, Expr a, Expr b) => new Binary(op, a, b);

    public static Expr Select(Expr test, Expr whenTrue, Expr whenFalse)
        => whenTrue.Equals(whenFalse) ? whenTrue : new Conditional(test, whenTrue, whenFalse);

    public static Expr Fn(MathFunction function, params Expr[] arguments)
    {
        if (function == MathFunction.Pow && arguments[1] is Constant exponent)
        {
            // Exact rewrites only: x^0 = 1 (even for NaN, as pow), x^1 = x and x^2 = x·x (both correctly rounded, like pow).
            if (exponent.Value == 0)
            {
                return Constant.One;
            }

            if (exponent.Value == 1)
            {
                return arguments[0];
            }

            if (exponent.Value == 2)
            {
                return new Binary(BinaryOperator.Multiply, arguments[0], arguments[0]);
            }
        }

        return new Call(function, arguments.ToEquatableArray());
    }

    public static bool IsZero(Expr e) => e is Constant { Value: 0 };

    public static bool IsOne(Expr e) => e is Constant { Value: 1 };

    public static bool IsMinusOne(Expr e) => e is Constant { Value: -1 };
}
