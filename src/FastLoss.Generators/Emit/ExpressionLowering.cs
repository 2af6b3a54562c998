using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>Which code an expression is lowered to.</summary>
internal enum Width
{
    Scalar = 0,
    Vector128 = 128,
    Vector256 = 256,
    Vector512 = 512,
}

/// <summary>
/// Lowers expression trees to C# text for one width: shared subexpressions (used twice or more across all the roots,
/// e.g. between a loss and its gradient) become locals <c>t0, t1, …</c> computed once, in a fixed order; the rest is
/// printed inline with the fewest parentheses that keep C#'s evaluation order (floating-point addition is not
/// associative, so <c>a + (b + c)</c> keeps its parentheses).
/// </summary>
internal sealed class ExpressionLowering
{
    private const int Primary = 9;
    private const int UnaryPrecedence = 8;
    private const int Conditional = 0;

    private readonly Width _width;
    private readonly ElementType _type;
    private readonly Func<Variable, string> _variable;
    private readonly Dictionary<Expr, int> _uses = new();
    private readonly Dictionary<Expr, string> _temporaries = new();
    private readonly List<string> _statements = new();
    private readonly string _temporaryPrefix;

    private ExpressionLowering(Width width, ElementType type, Func<Variable, string> variable, string temporaryPrefix)
    {
        _width = width;
        _type = type;
        _variable = variable;
        _temporaryPrefix = temporaryPrefix;
    }

    /// <summary>The statements that compute the shared temporaries, then one expression per root.</summary>
    public static (IReadOnlyList<string> Statements, IReadOnlyList<string> Results) Lower(
        IReadOnlyList<Expr> roots, Width width, ElementType type, Func<Variable, string> variable, string temporaryPrefix = "t")
    {
        var lowering = new ExpressionLowering(width, type, variable, temporaryPrefix);
        foreach (Expr root in roots)
        {
            lowering.Count(root);
        }

        string[] results = roots.Select(r => lowering.Text(r).Text).ToArray();
        return (lowering._statements, results);
    }

    /// <summary>The element keyword: float or double.</summary>
    public static string Keyword(ElementType type) => type == ElementType.Single ? "float" : "double";

    /// <summary>The C# type of a value at a width: float, Vector256&lt;float&gt;…</summary>
    public static string TypeName(Width width, ElementType type)
        => width == Width.Scalar ? Keyword(type) : VectorName(width) + "<" + Keyword(type) + ">";

    public static string VectorName(Width width) => "Vector" + ((int)width).ToString(CultureInfo.InvariantCulture);

    /// <summary>A literal of the element type: invariant culture, round-trip digits, explicit suffix.</summary>
    public static string Literal(double value, ElementType type)
    {
        string keyword = Keyword(type);
        if (double.IsNaN(value))
        {
            return keyword + ".NaN";
        }

        if (type == ElementType.Single)
        {
            float single = (float)value;
            if (float.IsInfinity(single))
            {
                return single > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
            }

            return single.ToString("R", CultureInfo.InvariantCulture) + "f";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    private void Count(Expr e)
    {
        _uses.TryGetValue(e, out int uses);
        _uses[e] = uses + 1;
        if (uses > 0)
        {
            return;
        }

        foreach (Expr child in Children(e))
        {
            Count(child);
        }
    }

    private static IEnumerable<Expr> Children(Expr e) => e switch
    {
        Unary u => new[] { u.Operand },
        Binary b => new[] { b.Left, b.Right },
        Call c => c.Arguments,
        Conditional c => new[] { c.Test, c.WhenTrue, c.WhenFalse },
        _ => Array.Empty<Expr>(),
    };

    private (string Text, int Precedence) Text(Expr e)
    {
        if (_temporaries.TryGetValue(e, out string? name))
        {
            return (name, Primary);
        }

        (string text, int precedence) = Inline(e);
        if (_uses[e] > 1 && e is not (Constant or Variable))
        {
            name = _temporaryPrefix + _temporaries.Count.ToString(CultureInfo.InvariantCulture);
            _statements.Add("var " + name + " = " + text + ";");
            _temporaries[e] = name;
            return (name, Primary);
        }

        return (text, precedence);
    }

    private (string Text, int Precedence) Inline(Expr e)
    {
        bool scalar = _width == Width.Scalar;
        string vector = VectorName(_width);
        switch (e)
        {
            case Constant c:
            {
                string literal = Literal(c.Value, _type);
                if (!scalar)
                {
                    return (vector + ".Create(" + literal + ")", Primary);
                }

                return (literal, literal.StartsWith("-", StringComparison.Ordinal) ? UnaryPrecedence : Primary);
            }

            case Variable v:
                return (_variable(v), Primary);

            case Unary { Operator: UnaryOperator.Negate } u:
                return ("-" + Operand(u.Operand, UnaryPrecedence), UnaryPrecedence);

            case Unary { Operator: UnaryOperator.Not } u:
                return ((scalar ? "!" : "~") + Operand(u.Operand, UnaryPrecedence), UnaryPrecedence);

            case Binary b when !scalar && b.Operator is >= BinaryOperator.LessThan and <= BinaryOperator.NotEqual:
            {
                string method = b.Operator switch
                {
                    BinaryOperator.LessThan => "LessThan",
                    BinaryOperator.LessThanOrEqual => "LessThanOrEqual",
                    BinaryOperator.GreaterThan => "GreaterThan",
                    BinaryOperator.GreaterThanOrEqual => "GreaterThanOrEqual",
                    _ => "Equals",
                };
                string call = vector + "." + method + "(" + Text(b.Left).Text + ", " + Text(b.Right).Text + ")";

                // x != y is true for NaN, exactly the complement of Equals.
                return b.Operator == BinaryOperator.NotEqual ? ("~" + call, UnaryPrecedence) : (call, Primary);
            }

            case Binary b:
            {
                (string symbol, int precedence) = Operator(b.Operator, scalar);
                return (Operand(b.Left, precedence) + " " + symbol + " " + Operand(b.Right, precedence + 1), precedence);
            }

            case Conditional c when scalar:
                return (Operand(c.Test, Conditional + 1) + " ? " + Operand(c.WhenTrue, Conditional + 1) + " : " + Operand(c.WhenFalse, Conditional), Conditional);

            case Conditional c:
                return (vector + ".ConditionalSelect(" + Text(c.Test).Text + ", " + Text(c.WhenTrue).Text + ", " + Text(c.WhenFalse).Text + ")", Primary);

            case Call call:
            {
                MathFunctionRow row = MathFunctions.Row(call.Function);
                string template = scalar ? row.Scalar : row.Vector;
                string[] arguments = call.Arguments.Select(a => Text(a).Text).ToArray();
                string text = template.Replace("{T}", Keyword(_type)).Replace("{V}", vector);
                for (int i = 0; i < arguments.Length; i++)
                {
                    text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", arguments[i]);
                }

                return (text, Primary);
            }

            default:
                throw new InvalidOperationException("Unknown node " + e.GetType().Name);
        }
    }

    private string Operand(Expr e, int minimumPrecedence)
    {
        (string text, int precedence) = Text(e);
        return precedence < minimumPrecedence ? "(" + text + ")" : text;
    }

    private static (string Symbol, int Precedence) Operator(BinaryOperator op, bool scalar) => op switch
    {
        BinaryOperator.Multiply => ("*", 7),
        BinaryOperator.Divide => ("/", 7),
        BinaryOperator.Add => ("+", 6),
        BinaryOperator.Subtract => ("-", 6),
        BinaryOperator.LessThan => ("<", 5),
        BinaryOperator.LessThanOrEqual => ("<=", 5),
        BinaryOperator.GreaterThan => (">", 5),
        BinaryOperator.GreaterThanOrEqual => (">=", 5),
        BinaryOperator.Equal => ("==", 4),
        BinaryOperator.NotEqual => ("!=", 4),
        BinaryOperator.And => (scalar ? "&&" : "&", scalar ? 2 : 3),
        BinaryOperator.Or => (scalar ? "||" : "|", 1),
        _ => throw new InvalidOperationException(op.ToString()),
    };
}
