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
    private readonly Func<Variable, string?>? _reciprocal;
    private readonly Func<Variable, bool>? _powerMode;
    private readonly Dictionary<Expr, int> _uses = new();
    private readonly Dictionary<Expr, string> _temporaries = new();
    private readonly List<string> _statements = new();
    private readonly string _temporaryPrefix;
    private readonly Dictionary<Expr, bool?> _truths = new();
    private readonly Dictionary<Expr, double?> _values = new();
    private readonly Dictionary<Expr, bool> _variableFree = new();
    private readonly Dictionary<Expr, int> _logisticCalls = new();
    private readonly Dictionary<Expr, int> _logarithmCalls = new();
    private readonly Dictionary<Expr, string> _sharedExponentials = new();
    private readonly Dictionary<Expr, string> _sharedLogarithms = new();
    private int _nextTemporary;

    private ExpressionLowering(Width width, ElementType type, Func<Variable, string> variable, string temporaryPrefix, Func<Variable, string?>? reciprocal = null, Func<Variable, bool>? powerMode = null)
    {
        _powerMode = powerMode;
        _width = width;
        _type = type;
        _variable = variable;
        _temporaryPrefix = temporaryPrefix;
        _reciprocal = reciprocal;
    }

    /// <summary>
    /// The statements that compute the shared temporaries, then one expression per root. <paramref name="reciprocal"/>
    /// names the exact-reciprocal field of a hyperparameter divisor (or null): x / h then lowers to VectorMath.Divide.
    /// <paramref name="powerMode"/> tells the hyperparameters raised by the operator's power mode: Pow(x, h) then lowers
    /// to VectorMath.Pow&lt;TPower&gt;.
    /// </summary>
    public static (IReadOnlyList<string> Statements, IReadOnlyList<string> Results) Lower(
        IReadOnlyList<Expr> roots, Width width, ElementType type, Func<Variable, string> variable, string temporaryPrefix = "t", Func<Variable, string?>? reciprocal = null, Func<Variable, bool>? powerMode = null)
    {
        var lowering = new ExpressionLowering(width, type, variable, temporaryPrefix, reciprocal, powerMode);
        foreach (Expr root in roots)
        {
            lowering.Count(root);
        }

        lowering.CountLogisticCalls();

        string[] results = roots.Select(r => lowering.Text(r).Text).ToArray();
        return (lowering._statements, results);
    }

    /// <summary>1/d when dividing by the literal d (rounded to the element type) is exactly a multiplication by it, else null.</summary>
    private double? ExactReciprocal(double divisor)
    {
        if (_type == ElementType.Single)
        {
            float d = (float)divisor;
            float r = 1f / d;
            bool exact = d != 0 && !float.IsInfinity(d) && !float.IsNaN(d) && !float.IsInfinity(r) && (BitConverter.ToInt32(BitConverter.GetBytes(d), 0) & 0x007FFFFF) == 0;
            return exact ? r : null;
        }

        double q = 1.0 / divisor;
        bool exactDouble = divisor != 0 && !double.IsInfinity(divisor) && !double.IsNaN(divisor) && !double.IsInfinity(q) && (BitConverter.DoubleToInt64Bits(divisor) & 0x000FFFFFFFFFFFFF) == 0;
        return exactDouble ? q : null;
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
        if (_uses.TryGetValue(e, out int uses) && uses > 1 && e is not (Constant or Variable))
        {
            name = NewTemporary(text);
            _temporaries[e] = name;
            return (name, Primary);
        }

        return (text, precedence);
    }

    /// <summary>Adds the statement <c>var tN = text;</c> and returns tN.</summary>
    private string NewTemporary(string text)
    {
        string name = _temporaryPrefix + (_nextTemporary++).ToString(CultureInfo.InvariantCulture);
        _statements.Add("var " + name + " = " + text + ";");
        return name;
    }

    /// <summary>
    /// σ, softplus and log σ of u and of −u all start from e^−|u|, and the last two from log1p(e^−|u|) (see
    /// VectorMath.Logistic.cs): counts the distinct calls of each kind per magnitude |u|, so that where two or more
    /// share one, it is computed once (<see cref="LogisticCall"/>).
    /// </summary>
    private void CountLogisticCalls()
    {
        foreach (Call call in _uses.Keys.OfType<Call>().Where(c => IsLogistic(c.Function)))
        {
            Expr magnitude = Magnitude(call.Arguments[0]);
            _logisticCalls.TryGetValue(magnitude, out int calls);
            _logisticCalls[magnitude] = calls + 1;
            if (call.Function != MathFunction.Sigmoid)
            {
                _logarithmCalls.TryGetValue(magnitude, out int logarithms);
                _logarithmCalls[magnitude] = logarithms + 1;
            }
        }
    }

    private static bool IsLogistic(MathFunction function) => function is MathFunction.Sigmoid or MathFunction.Softplus or MathFunction.LogSigmoid;

    /// <summary>u for −u, else the expression itself: e^−|u| is the same for both.</summary>
    private static Expr Magnitude(Expr e) => e is Unary { Operator: UnaryOperator.Negate } negation ? negation.Operand : e;

    /// <summary>A logistic call that shares e^−|u| (and log1p of it) with another call on ±u, or null.</summary>
    private string? LogisticCall(Call call)
    {
        Expr magnitude = Magnitude(call.Arguments[0]);
        if (!_logisticCalls.TryGetValue(magnitude, out int calls) || calls < 2)
        {
            return null;
        }

        if (!_sharedExponentials.TryGetValue(magnitude, out string? exponential))
        {
            exponential = NewTemporary("VectorMath.ExpNegativeAbs(" + Text(magnitude).Text + ")");
            _sharedExponentials[magnitude] = exponential;
        }

        string x = Text(call.Arguments[0]).Text;
        if (call.Function == MathFunction.Sigmoid)
        {
            return "VectorMath.Sigmoid(" + x + ", " + exponential + ")";
        }

        string logarithmText = "VectorMath.Log1pExpNegativeAbs(" + exponential + ")";
        if (_logarithmCalls[magnitude] >= 2)
        {
            if (!_sharedLogarithms.TryGetValue(magnitude, out string? logarithm))
            {
                logarithm = NewTemporary(logarithmText);
                _sharedLogarithms[magnitude] = logarithm;
            }

            logarithmText = logarithm;
        }

        return "VectorMath." + (call.Function == MathFunction.Softplus ? "Softplus" : "LogSigmoid") + "(" + x + ", " + logarithmText + ")";
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

            case Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b when Truth(b.Left) is bool || Truth(b.Right) is bool:
            {
                // true && x = x, false || x = x (an absorbing side makes the whole test constant, folded by its Conditional).
                bool identity = b.Operator == BinaryOperator.And;
                if (Truth(b.Left) == identity)
                {
                    return Text(b.Right);
                }

                if (Truth(b.Right) == identity)
                {
                    return Text(b.Left);
                }

                (string symbol, int precedence) = Operator(b.Operator, scalar);
                return (Operand(b.Left, precedence) + " " + symbol + " " + Operand(b.Right, precedence + 1), precedence);
            }

            case Binary b when !scalar && b.Operator is >= BinaryOperator.LessThan and <= BinaryOperator.NotEqual && VariableFree(b):
            {
                // A comparison that depends on no parameter is computed as a scalar test and broadcast: as a vector
                // comparison the JIT folds it to a constant mask, and .NET 10 then drops an all-false one from an AND
                // (see Truth). Uncounted, so the scalar text uses no temporaries.
                string test = new ExpressionLowering(Width.Scalar, _type, _variable, _temporaryPrefix).Inline(b).Text;
                string mask = vector + "<" + Keyword(_type) + ">";
                return ("(" + test + " ? " + mask + ".AllBitsSet : " + mask + ".Zero)", Primary);
            }

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

            case Binary b when scalar && b.Operator is >= BinaryOperator.LessThan and <= BinaryOperator.NotEqual:
            {
                (string symbol, int precedence) = Operator(b.Operator, scalar);
                string left = Operand(b.Left, precedence), right = Operand(b.Right, precedence + 1);
                if (left != right)
                {
                    return (left + " " + symbol + " " + right, precedence);
                }

                // x op x (e.g. from the derivative of Clamp(x, x, hi), or after a decided select): printed as is it is
                // CS1718 in the generated code; these are its values, NaN included.
                return b.Operator switch
                {
                    BinaryOperator.NotEqual => (Keyword(_type) + ".IsNaN(" + left + ")", Primary),
                    BinaryOperator.LessThan or BinaryOperator.GreaterThan => ("false", Primary),
                    _ => ("!" + Keyword(_type) + ".IsNaN(" + left + ")", UnaryPrecedence),
                };
            }

            case Binary { Operator: BinaryOperator.Divide, Right: Variable { Kind: ParameterKind.Hyperparameter } divisor } b when _reciprocal?.Invoke(divisor) is string reciprocal:
                // A division by a per-call constant: a multiplication when that is exact, as the operator's division
                // mode says (see KernelModes and VectorMath.Divide).
                return ("VectorMath.Divide<" + Keyword(_type) + ", " + KernelModes.DivisionParameter + ">(" + Text(b.Left).Text + ", " + Text(b.Right).Text + ", " + reciprocal + ")", Primary);

            case Binary { Operator: BinaryOperator.Divide, Right: Constant c } b when ExactReciprocal(c.Value) is double inverse:
            {
                // x / 2^k is x · 2^-k exactly (one correctly rounded result of the same real number).
                (string symbol, int precedence) = Operator(BinaryOperator.Multiply, scalar);
                string factor = Literal(inverse, _type);
                return (Operand(b.Left, precedence) + " " + symbol + " " + (scalar ? (factor.StartsWith("-", StringComparison.Ordinal) ? "(" + factor + ")" : factor) : vector + ".Create(" + factor + ")"), precedence);
            }

            case Binary b:
            {
                (string symbol, int precedence) = Operator(b.Operator, scalar);
                return (Operand(b.Left, precedence) + " " + symbol + " " + Operand(b.Right, precedence + 1), precedence);
            }

            // A test the generator can decide (see Truth) selects its branch here rather than being emitted.
            case Conditional c when Truth(c.Test) is bool test:
                return Text(test ? c.WhenTrue : c.WhenFalse);

            case Conditional c when scalar:
                return (Operand(c.Test, Conditional + 1) + " ? " + Operand(c.WhenTrue, Conditional + 1) + " : " + Operand(c.WhenFalse, Conditional), Conditional);

            case Conditional c:
                return (vector + ".ConditionalSelect(" + Text(c.Test).Text + ", " + Text(c.WhenTrue).Text + ", " + Text(c.WhenFalse).Text + ")", Primary);

            case Call { Function: MathFunction.Pow, Arguments: [_, Variable { Kind: ParameterKind.Hyperparameter } exponent] } call when _powerMode?.Invoke(exponent) == true:
                // A per-call exponent: one multiplication when it is 2, as the operator's power mode says (see
                // KernelModes and VectorMath.Pow<TPower>).
                return ("VectorMath.Pow<" + KernelModes.PowerParameter + ">(" + Text(call.Arguments[0]).Text + ", " + Text(exponent).Text + ")", Primary);

            case Call call when IsLogistic(call.Function) && LogisticCall(call) is string shared:
                return (shared, Primary);

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

    /// <summary>
    /// The value of a test that does not depend on the parameters, where the generator can compute it exactly (see
    /// <see cref="Value"/>), else null. Such tests are decided while lowering instead of being emitted: the JIT folds them
    /// too, and .NET 10's JIT then miscompiles an AND of a constant-false vector comparison with another comparison (it
    /// yields the other comparison: Vector128.Equals(0, π) &amp; Vector128.LessThan(x, 0) is LessThan(x, 0);
    /// dotnet/runtime#123399), so vector kernels took branches their scalar code did not.
    /// </summary>
    private bool? Truth(Expr e)
    {
        if (!_truths.TryGetValue(e, out bool? truth))
        {
            _truths[e] = truth = ComputeTruth(e);
        }

        return truth;
    }

    private bool? ComputeTruth(Expr e)
    {
        switch (e)
        {
            case Binary c when c.Operator is >= BinaryOperator.LessThan and <= BinaryOperator.NotEqual:
            {
                if (Value(c.Left) is not double x || Value(c.Right) is not double y)
                {
                    return null;
                }

                return c.Operator switch
                {
                    BinaryOperator.LessThan => x < y,
                    BinaryOperator.LessThanOrEqual => x <= y,
                    BinaryOperator.GreaterThan => x > y,
                    BinaryOperator.GreaterThanOrEqual => x >= y,
                    BinaryOperator.Equal => x == y,
                    _ => x != y,
                };
            }

            case Unary { Operator: UnaryOperator.Not } n:
                return !Truth(n.Operand);
            case Binary { Operator: BinaryOperator.And } and:
                return Truth(and.Left) == false || Truth(and.Right) == false ? false : Truth(and.Left) == true && Truth(and.Right) == true ? true : null;
            case Binary { Operator: BinaryOperator.Or } or:
                return Truth(or.Left) == true || Truth(or.Right) == true ? true : Truth(or.Left) == false && Truth(or.Right) == false ? false : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The value of an expression that does not depend on the parameters, computed as the element type does, where that
    /// is exact: constants, negation, + − * / and sqrt (correctly rounded: a double result rounded to float is the float
    /// result), abs, max, min, clamp, and selects whose test is decided or whose branches are equal. Else null.
    /// </summary>
    private double? Value(Expr e)
    {
        if (!_values.TryGetValue(e, out double? value))
        {
            _values[e] = value = ComputeValue(e);
        }

        return value;
    }

    private double? ComputeValue(Expr e)
    {
        switch (e)
        {
            case Constant c:
                return Round(c.Value);
            case Unary { Operator: UnaryOperator.Negate } n:
                return -Value(n.Operand);
            case Binary b when b.Operator <= BinaryOperator.Divide:
            {
                if (Value(b.Left) is not double x || Value(b.Right) is not double y)
                {
                    return null;
                }

                return Round(b.Operator switch
                {
                    BinaryOperator.Add => x + y,
                    BinaryOperator.Subtract => x - y,
                    BinaryOperator.Multiply => x * y,
                    _ => x / y,
                });
            }

            case Conditional c when Truth(c.Test) is bool test:
                return Value(test ? c.WhenTrue : c.WhenFalse);
            case Conditional c when Value(c.WhenTrue) is double a && Value(c.WhenFalse) is double b
                && BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b):
                return a;
            case Call { Function: MathFunction.Abs or MathFunction.Sqrt or MathFunction.Max or MathFunction.Min or MathFunction.Clamp } call:
            {
                double?[] arguments = call.Arguments.Select(Value).ToArray();
                if (arguments.Any(a => a is null))
                {
                    return null;
                }

                double x = arguments[0]!.Value;
                return call.Function switch
                {
                    MathFunction.Abs => Math.Abs(x),
                    MathFunction.Sqrt => Round(Math.Sqrt(x)),
                    MathFunction.Max => IeeeMax(x, arguments[1]!.Value),
                    MathFunction.Min => IeeeMin(x, arguments[1]!.Value),
                    _ => IeeeMin(IeeeMax(x, arguments[1]!.Value), arguments[2]!.Value),
                };
            }

            default:
                return null;
        }
    }

    /// <summary>Whether an expression depends on no parameter (branches not taken by a decided test aside).</summary>
    private bool VariableFree(Expr e)
    {
        if (!_variableFree.TryGetValue(e, out bool free))
        {
            _variableFree[e] = free = e switch
            {
                Variable => false,
                Constant => true,
                Conditional c when Truth(c.Test) is bool test => VariableFree(test ? c.WhenTrue : c.WhenFalse),
                _ => Children(e).All(VariableFree),
            };
        }

        return free;
    }

    private double Round(double value) => _type == ElementType.Single ? (float)value : value;

    /// <summary>IEEE 754:2019 maximum, as Math.Max and Vector128.Max: NaN if either is NaN, +0 above −0.</summary>
    private static double IeeeMax(double x, double y)
        => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x == y ? (IsNegative(x) ? y : x) : Math.Max(x, y);

    private static double IeeeMin(double x, double y)
        => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x == y ? (IsNegative(x) ? x : y) : Math.Min(x, y);

    private static bool IsNegative(double x) => BitConverter.DoubleToInt64Bits(x) < 0;

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
