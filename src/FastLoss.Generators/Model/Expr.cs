using System;
using System.Collections.Generic;

namespace FastLoss.Generators.Model;

/// <summary>
/// A formula as a tree of immutable records with structural equality: the parser builds it, the differentiator and
/// simplifier rewrite it, the emitter prints it. Equality makes common subexpressions easy to find (hash-consing) and
/// the models cacheable by the incremental pipeline.
/// </summary>
internal abstract record Expr
{
    /// <summary>Whether the node is a truth value (a comparison or a logical combination), lowered to a mask.</summary>
    public virtual bool IsCondition => false;

    private int? _hash;

    /// <summary>Structural hash, cached: trees are compared and hashed many times during simplification.</summary>
    public int Hash => _hash ??= ComputeHash();

    protected abstract int ComputeHash();
}

/// <summary>A literal, kept in double precision; the emitter rounds it to the element type.</summary>
internal sealed record Constant(double Value) : Expr
{
    public static readonly Constant Zero = new(0.0);
    public static readonly Constant One = new(1.0);
    public static readonly Constant Two = new(2.0);
    public static readonly Constant Half = new(0.5);
    public static readonly Constant MinusOne = new(-1.0);

    // Bitwise so that -0 and 0 (and NaNs) are distinct literals.
    public bool Equals(Constant? other) => ReferenceEquals(this, other) || other is not null && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value);

    public override int GetHashCode() => Hash;

    protected override int ComputeHash() => BitConverter.DoubleToInt64Bits(Value).GetHashCode();
}

/// <summary>A parameter of the formula: the input, an operand or a hyperparameter, by position.</summary>
internal sealed record Variable(int Index, string Name, ParameterKind Kind) : Expr
{
    public bool Equals(Variable? other) => ReferenceEquals(this, other) || other is not null && Index == other.Index;

    public override int GetHashCode() => Hash;

    protected override int ComputeHash() => Index * 7919;
}

internal enum UnaryOperator
{
    Negate,
    Not,
}

internal sealed record Unary(UnaryOperator Operator, Expr Operand) : Expr
{
    public override bool IsCondition => Operator == UnaryOperator.Not;

    public bool Equals(Unary? other) => ReferenceEquals(this, other) || other is not null && Operator == other.Operator && Operand.Hash == other.Operand.Hash && Operand.Equals(other.Operand);

    public override int GetHashCode() => Hash;

    protected override int ComputeHash() => unchecked(((int)Operator * 31) + Operand.Hash);
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

internal sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right) : Expr
{
    public override bool IsCondition => Operator >= BinaryOperator.LessThan;

    public bool Equals(Binary? other) => ReferenceEquals(this, other) || other is not null && Operator == other.Operator && Left.Hash == other.Left.Hash && Right.Hash == other.Right.Hash && Left.Equals(other.Left) && Right.Equals(other.Right);

    public override int GetHashCode() => Hash;

    protected override int ComputeHash() => unchecked((((int)Operator + 1) * 486187739) ^ (Left.Hash * 31) ^ (Right.Hash * 17));
}

/// <summary>A call to a known math function (see <see cref="MathFunctions"/>).</summary>
internal sealed record Call(MathFunction Function, EquatableArray<Expr> Arguments) : Expr
{
    public bool Equals(Call? other) => ReferenceEquals(this, other) || other is not null && Function == other.Function && Hash == other.Hash && Arguments.Equals(other.Arguments);

    public override int GetHashCode() => Hash;

    protected override int ComputeHash()
    {
        int hash = ((int)Function + 1) * 92821;
        foreach (Expr argument in Arguments)
        {
            hash = unchecked((hash * 31) + argument.Hash);
        }

        return hash;
    }
}

/// <summary><c>Test ? WhenTrue : WhenFalse</c>; lowered to ConditionalSelect in vector code.</summary>
internal sealed record Conditional(Expr Test, Expr WhenTrue, Expr WhenFalse) : Expr
{
    public bool Equals(Conditional? other) => ReferenceEquals(this, other) || other is not null && Hash == other.Hash && Test.Equals(other.Test) && WhenTrue.Equals(other.WhenTrue) && WhenFalse.Equals(other.WhenFalse);

    public override int GetHashCode() => Hash;

    protected override int ComputeHash() => unchecked((Test.Hash * 73) ^ (WhenTrue.Hash * 31) ^ (WhenFalse.Hash * 7) ^ 0x5bd1e995);
}

internal enum ParameterKind
{
    Input,
    Operand,
    Hyperparameter,
}

/// <summary>Walks formula trees.</summary>
internal static class ExprNodes
{
    /// <summary>Every distinct node reachable from <paramref name="roots"/> (shared subtrees once), parents before children.</summary>
    public static IEnumerable<Expr> Distinct(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            yield return e;
            switch (e)
            {
                case Unary u: stack.Push(u.Operand); break;
                case Binary b: stack.Push(b.Left); stack.Push(b.Right); break;
                case Conditional c: stack.Push(c.Test); stack.Push(c.WhenTrue); stack.Push(c.WhenFalse); break;
                case Call c:
                    foreach (Expr a in c.Arguments)
                    {
                        stack.Push(a);
                    }

                    break;
            }
        }
    }
}
