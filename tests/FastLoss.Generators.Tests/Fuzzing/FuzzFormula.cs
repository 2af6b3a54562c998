using System.Globalization;
using System.Text;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>The element type of a fuzzed formula.</summary>
internal enum ElementKind
{
    Float,
    Double,
    Generic,
}

/// <summary>The math functions of the supported grammar (README, "Declaring a loss").</summary>
internal enum Fn
{
    Exp,
    Log,
    LogP1,
    Sqrt,
    Abs,
    Max,
    Min,
    Clamp,
    Pow,
    Tanh,
    Sinh,
    Cosh,
    Sigmoid,
    Softplus,
    LogSigmoid,
}

internal enum Cmp
{
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// <summary>
/// A fuzzed expression. Nodes are compared by reference: one node object used twice is a shared subexpression (a DAG),
/// which the renderer may bind to a local.
/// </summary>
internal abstract class Node
{
    public abstract IEnumerable<Node> Children { get; }
}

/// <summary>A formula parameter (operands first, then hyperparameters), or a helper's formal parameter.</summary>
internal sealed class ParamNode(int index) : Node
{
    public int Index { get; } = index;

    public override IEnumerable<Node> Children => [];
}

/// <summary>A literal; its value is already what the element type holds (float-rounded in float formulas).</summary>
internal sealed class LitNode(double value, int spelling) : Node
{
    public double Value { get; } = value;

    /// <summary>0: a plain literal; 1: an int literal (whole values); 2: a named constant where one exists.</summary>
    public int Spelling { get; } = spelling;

    public override IEnumerable<Node> Children => [];
}

internal sealed class NegNode(Node operand) : Node
{
    public Node Operand { get; } = operand;

    public override IEnumerable<Node> Children => [Operand];
}

internal sealed class BinNode(char op, Node left, Node right) : Node
{
    public char Op { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;

    public override IEnumerable<Node> Children => [Left, Right];
}

internal sealed class CallNode(Fn function, Node[] arguments, int spelling) : Node
{
    public Fn Function { get; } = function;

    public Node[] Arguments { get; } = arguments;

    /// <summary>Which container spells the call (MathF., float., Math., T., …); see <see cref="FormulaRenderer"/>.</summary>
    public int Spelling { get; } = spelling;

    public override IEnumerable<Node> Children => Arguments;
}

/// <summary><c>test ? whenTrue : whenFalse</c>.</summary>
internal sealed class CondNode(Test test, Node whenTrue, Node whenFalse) : Node
{
    public Test Test { get; } = test;

    public Node WhenTrue { get; } = whenTrue;

    public Node WhenFalse { get; } = whenFalse;

    public override IEnumerable<Node> Children => Test.Operands.Append(WhenTrue).Append(WhenFalse);
}

/// <summary>A call of the formula's static helper <c>Helper{Index}</c>, whose body is over <see cref="ParamNode"/>s 0..n-1.</summary>
internal sealed class HelperNode(int helper, Node[] arguments) : Node
{
    public int Helper { get; } = helper;

    public Node[] Arguments { get; } = arguments;

    public override IEnumerable<Node> Children => Arguments;
}

/// <summary>A truth value: a comparison or a logical combination.</summary>
internal abstract class Test
{
    public abstract IEnumerable<Node> Operands { get; }
}

internal sealed class CmpTest(Cmp op, Node left, Node right) : Test
{
    public Cmp Op { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;

    public override IEnumerable<Node> Operands => [Left, Right];
}

internal sealed class LogicTest(char op, Test left, Test? right) : Test
{
    /// <summary>'&amp;', '|' or '!' (then <see cref="Right"/> is null).</summary>
    public char Op { get; } = op;

    public Test Left { get; } = left;

    public Test? Right { get; } = right;

    public override IEnumerable<Node> Operands => Right is null ? Left.Operands : Left.Operands.Concat(Right.Operands);
}

/// <summary>A hyperparameter declaration.</summary>
internal sealed record HyperSpec(string Name, double? Default, double? Minimum);

/// <summary>A helper method: arity and body.</summary>
internal sealed record HelperSpec(int Arity, Node Body);

/// <summary>One fuzzed <c>[LossFormula]</c> method and how to render it.</summary>
internal sealed class FuzzFormula
{
    public required string Name { get; init; }

    public required ElementKind Kind { get; init; }

    /// <summary>Operand names, the input first.</summary>
    public required string[] Operands { get; init; }

    public required HyperSpec[] Hyperparameters { get; init; }

    public required Node Root { get; init; }

    public required HelperSpec[] Helpers { get; init; }

    /// <summary>Render as a block body with these nodes bound to locals (empty: an expression body).</summary>
    public required Node[] Locals { get; init; }

    public bool BlockBody { get; init; }

    /// <summary>The generic formula's type parameter name.</summary>
    public string TypeParameter { get; init; } = "T";

    public int ParameterCount => Operands.Length + Hyperparameters.Length;

    public string ParameterName(int index) => index < Operands.Length ? Operands[index] : Hyperparameters[index - Operands.Length].Name;

    /// <summary>Every node of the formula and its helpers, each once.</summary>
    public IEnumerable<Node> AllNodes()
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Node>(Helpers.Select(h => h.Body).Append(Root));
        while (stack.Count > 0)
        {
            Node n = stack.Pop();
            if (seen.Add(n))
            {
                yield return n;
                foreach (Node c in n.Children)
                {
                    stack.Push(c);
                }
            }
        }
    }

    public int Size => AllNodes().Count();

    /// <summary>Functions used (helpers included).</summary>
    public IEnumerable<Fn> Functions => AllNodes().OfType<CallNode>().Select(c => c.Function).Distinct();

    public override string ToString() => FormulaRenderer.Method(this);
}

/// <summary>C# text of fuzzed formulas: fully parenthesised, so the text is exactly the tree.</summary>
internal static class FormulaRenderer
{
    public static string Keyword(ElementKind kind, string typeParameter = "T") => kind switch
    {
        ElementKind.Float => "float",
        ElementKind.Double => "double",
        _ => typeParameter,
    };

    /// <summary>The formula method, its helpers, with an XML doc comment (public members of the test input need one).</summary>
    public static string Method(FuzzFormula f)
    {
        string t = Keyword(f.Kind, f.TypeParameter);
        var sb = new StringBuilder();
        string generic = f.Kind == ElementKind.Generic ? "<" + t + ">" : string.Empty;
        string constraint = f.Kind == ElementKind.Generic ? " where " + t + " : IFloatingPointIeee754<" + t + ">" : string.Empty;
        var parameters = new List<string>();
        parameters.AddRange(f.Operands.Select(o => t + " " + Id(o)));
        foreach (HyperSpec h in f.Hyperparameters)
        {
            var named = new List<string>();
            if (h.Default is double d && f.Kind == ElementKind.Generic)
            {
                named.Add("Default = " + DoubleText(d));
            }

            if (h.Minimum is double m)
            {
                named.Add("Minimum = " + DoubleText(m));
            }

            string attribute = named.Count == 0 ? "[Hyperparameter]" : "[Hyperparameter(" + string.Join(", ", named) + ")]";
            string defaultValue = h.Default is double dv && f.Kind != ElementKind.Generic ? " = " + Literal(dv, f.Kind, 0, t) : string.Empty;
            parameters.Add(attribute + " " + t + " " + Id(h.Name) + defaultValue);
        }

        // C# requires optional parameters last; the generator keeps the order, so defaults only on a trailing run.
        sb.Append("    /// <summary>Fuzzed formula ").Append(f.Name).Append(".</summary>\n");
        sb.Append("    [LossFormula]\n");
        sb.Append("    public static ").Append(t).Append(' ').Append(f.Name).Append(generic).Append('(').Append(string.Join(", ", parameters)).Append(')').Append(constraint);

        string[] names = Enumerable.Range(0, f.ParameterCount).Select(i => Id(f.ParameterName(i))).ToArray();
        if (!f.BlockBody)
        {
            sb.Append("\n        => ").Append(Expr(f.Root, f, names, null)).Append(";\n");
        }
        else
        {
            var locals = new Dictionary<Node, string>(ReferenceEqualityComparer.Instance);
            sb.Append("\n    {\n");
            foreach (Node local in f.Locals)
            {
                string text = Expr(local, f, names, locals);
                string name = "v" + locals.Count.ToString(CultureInfo.InvariantCulture);
                sb.Append("        ").Append(locals.Count % 2 == 0 ? t : "var").Append(' ').Append(name).Append(" = ").Append(text).Append(";\n");
                locals[local] = name;
            }

            sb.Append("        return ").Append(Expr(f.Root, f, names, locals)).Append(";\n    }\n");
        }

        for (int h = 0; h < f.Helpers.Length; h++)
        {
            HelperSpec helper = f.Helpers[h];
            string[] formals = Enumerable.Range(0, helper.Arity).Select(i => "a" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            string helperGeneric = f.Kind == ElementKind.Generic ? "<TH>" : string.Empty;
            string ht = f.Kind == ElementKind.Generic ? "TH" : t;
            string helperConstraint = f.Kind == ElementKind.Generic ? " where TH : IFloatingPointIeee754<TH>" : string.Empty;
            var helperFormula = new FuzzFormula
            {
                Name = f.Name,
                Kind = f.Kind,
                Operands = formals,
                Hyperparameters = [],
                Root = helper.Body,
                Helpers = f.Helpers,
                Locals = [],
                TypeParameter = "TH",
            };
            sb.Append("    private static ").Append(ht).Append(' ').Append(HelperName(f, h)).Append(helperGeneric).Append('(')
                .Append(string.Join(", ", formals.Select(a => ht + " " + a))).Append(')').Append(helperConstraint)
                .Append("\n        => ").Append(Expr(helper.Body, helperFormula, formals, null)).Append(";\n");
        }

        return sb.ToString();
    }

    public static string HelperName(FuzzFormula f, int index) => f.Name + "Helper" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# identifier for a parameter name (keywords get an @).</summary>
    public static string Id(string name) => Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    private static string Expr(Node node, FuzzFormula f, string[] names, Dictionary<Node, string>? locals)
    {
        if (locals is not null && locals.TryGetValue(node, out string? local))
        {
            return local;
        }

        string t = Keyword(f.Kind, f.TypeParameter);
        string E(Node n) => Expr(n, f, names, locals);
        switch (node)
        {
            case ParamNode p:
                return names[p.Index];
            case LitNode l:
                return Literal(l.Value, f.Kind, l.Spelling, t);
            case NegNode n:
                return "(-" + E(n.Operand) + ")";
            case BinNode b:
                return "(" + E(b.Left) + " " + b.Op + " " + E(b.Right) + ")";
            case CondNode c:
                return "(" + TestText(c.Test, E) + " ? " + E(c.WhenTrue) + " : " + E(c.WhenFalse) + ")";
            case HelperNode h:
                return HelperName(f, h.Helper) + "(" + string.Join(", ", h.Arguments.Select(E)) + ")";
            case CallNode c:
                return Container(c.Function, f.Kind, c.Spelling, t) + "." + c.Function + "(" + string.Join(", ", c.Arguments.Select(E)) + ")";
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    private static string TestText(Test test, Func<Node, string> e) => test switch
    {
        CmpTest c => "(" + e(c.Left) + " " + CmpText(c.Op) + " " + e(c.Right) + ")",
        LogicTest { Op: '!' } l => "(!" + TestText(l.Left, e) + ")",
        LogicTest l => "(" + TestText(l.Left, e) + (l.Op == '&' ? " && " : " || ") + TestText(l.Right!, e) + ")",
        _ => throw new InvalidOperationException(),
    };

    public static string CmpText(Cmp op) => op switch
    {
        Cmp.Lt => "<",
        Cmp.Le => "<=",
        Cmp.Gt => ">",
        Cmp.Ge => ">=",
        Cmp.Eq => "==",
        _ => "!=",
    };

    /// <summary>Math, MathF, float, double, T or LossMath, as the spelling and the function allow.</summary>
    public static string Container(Fn fn, ElementKind kind, int spelling, string t)
    {
        if (fn is Fn.Sigmoid or Fn.Softplus or Fn.LogSigmoid)
        {
            return "LossMath";
        }

        switch (kind)
        {
            case ElementKind.Generic:
                return t;
            case ElementKind.Float:
                if (fn == Fn.LogP1)
                {
                    return "float";
                }

                if (fn == Fn.Clamp)
                {
                    return spelling % 2 == 0 ? "Math" : "float";
                }

                // Math.Abs/Max/Min have float overloads too.
                return (spelling % 3, fn) switch
                {
                    (0, _) => "MathF",
                    (1, _) => "float",
                    (_, Fn.Abs or Fn.Max or Fn.Min) => "Math",
                    _ => "MathF",
                };
            default:
                return fn == Fn.LogP1 || spelling % 2 == 1 ? "double" : "Math";
        }
    }

    public static string Literal(double value, ElementKind kind, int spelling, string t)
    {
        if (spelling == 2 && NamedConstant(value, kind, t) is string named)
        {
            return named;
        }

        bool whole = value == Math.Floor(value) && Math.Abs(value) < 1e6 && !(value == 0 && double.IsNegative(value));
        if (spelling == 1 && whole)
        {
            string integer = ((long)value).ToString(CultureInfo.InvariantCulture);
            return kind == ElementKind.Generic ? t + ".CreateTruncating(" + integer + ")" : Wrap(integer);
        }

        return kind switch
        {
            ElementKind.Float => Wrap(((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"),
            ElementKind.Double => Wrap(DoubleText(value)),
            _ => t + ".CreateChecked(" + DoubleText(value) + ")",
        };
    }

    /// <summary>A named constant of the element type for a few values (T.One, float.Pi, Math.E, …), else null.</summary>
    private static string? NamedConstant(double value, ElementKind kind, string t)
    {
        if (kind == ElementKind.Generic)
        {
            return value switch
            {
                1 => t + ".One",
                -1 => t + ".NegativeOne",
                0 when !double.IsNegative(value) => t + ".Zero",
                Math.PI => t + ".Pi",
                Math.E => t + ".E",
                _ => null,
            };
        }

        if (kind == ElementKind.Float)
        {
            return value switch
            {
                (double)MathF.PI => "MathF.PI",
                (double)MathF.E => "float.E",
                (double)float.MaxValue => "float.MaxValue",
                (double)float.Epsilon => "float.Epsilon",
                _ => null,
            };
        }

        return value switch
        {
            Math.PI => "double.Pi",
            Math.E => "Math.E",
            double.MaxValue => "double.MaxValue",
            double.Epsilon => "double.Epsilon",
            _ => null,
        };
    }

    private static string Wrap(string literal) => literal.StartsWith('-') ? "(" + literal + ")" : literal;

    /// <summary>A double literal that stays a double (a '.' or an exponent), round-trip.</summary>
    public static string DoubleText(double value)
    {
        if (value == 0 && double.IsNegative(value))
        {
            return "-0.0";
        }

        string s = value.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }
}
