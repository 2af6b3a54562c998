using System;
using System.Globalization;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>Prints an expression as math for the comments of generated code: <c>0.5 * (input - target) * …</c>.</summary>
internal static class FormulaPrinter
{
    private const int MaximumLength = 600;

    public static string Print(Expr e)
    {
        string text = Text(e).Text;
        return text.Length <= MaximumLength ? text : text.Substring(0, MaximumLength) + " …";
    }

    private static (string Text, int Precedence) Text(Expr e) => e switch
    {
        Constant c => (c.Value.ToString("R", CultureInfo.InvariantCulture), c.Value < 0 || (c.Value == 0 && BitConverter.DoubleToInt64Bits(c.Value) < 0) ? 8 : 9),
        Variable v => (v.Name, 9),
        Unary { Operator: UnaryOperator.Negate } u => ("-" + Wrap(u.Operand, 8), 8),
        Unary u => ("!" + Wrap(u.Operand, 8), 8),
        Binary b => BinaryText(b),
        Conditional c => (Wrap(c.Test, 1) + " ? " + Wrap(c.WhenTrue, 1) + " : " + Wrap(c.WhenFalse, 0), 0),
        Call c => (c.Function.ToString().ToLowerInvariant() + "(" + string.Join(", ", c.Arguments.Select(a => Text(a).Text)) + ")", 9),
        _ => (e.ToString(), 9),
    };

    private static (string Text, int Precedence) BinaryText(Binary b)
    {
        (string symbol, int precedence) = b.Operator switch
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
            BinaryOperator.And => ("&&", 2),
            _ => ("||", 1),
        };
        return (Wrap(b.Left, precedence) + " " + symbol + " " + Wrap(b.Right, precedence + 1), precedence);
    }

    private static string Wrap(Expr e, int minimum)
    {
        (string text, int precedence) = Text(e);
        return precedence < minimum ? "(" + text + ")" : text;
    }
}
