using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>A mutated formula source: one file, its own namespace and class, and the mutations applied.</summary>
internal sealed record Mutant(int Index, string Source, IReadOnlyList<string> Mutations)
{
    public string Namespace => "Mutants.M" + Index.ToString(CultureInfo.InvariantCulture);

    public string Path => "Mutant" + Index.ToString(CultureInfo.InvariantCulture) + ".cs";
}

/// <summary>
/// Breaks valid formulas in the ways users (and editors mid-keystroke) do: token deletion, duplication, swaps and
/// replacements; unsupported statements, calls, types and operators; generics and constraints; ref/out/in/params;
/// containers that are not static partial classes; recursion; huge and NaN literals; odd hyperparameter attributes;
/// parameter and formula names that collide with what the generated code uses.
/// </summary>
internal static class SourceMutator
{
    private static readonly string[] Identifiers =
    [
        "input", "target", "T", "float", "double", "Math", "MathF", "LossMath", "Exp", "Frobnicate", "x", "NaN", "Pi", "decimal", "Half",
        "Vector128", "VectorMath", "ThrowHelper", "Length", "Loss", "static", "partial", "ref", "default", "null", "nameof",
    ];

    private static readonly string[] Literals =
    [
        "1e400", "1e39f", "3.5e38f", "0f / 0f", "float.NaN", "double.NaN", "(float)1e39", "1e-50f", "-0.0", "1 / 0", "1.0 / 0.0", "double.MaxValue",
        "float.PositiveInfinity", "T.NaN", "1e308", "(float)double.MaxValue", "0x7F800000", "1_000_000f", "2m", "'a'", "\"s\"", "true", "null", "1L",
    ];

    private static readonly string[] Statements =
    [
        "if (input > 0) { }", "for (int i = 0; i < 2; i++) { }", "while (false) { }", "throw new Exception();", "try { } finally { }",
        "lock (typeof(object)) { }", "input++;", "input = input;", "float q;", "System.Console.WriteLine();", "{ }", ";",
        "using var s = new System.IO.MemoryStream();", "unsafe { }", "checked { }", "var f = 1f;", "goto end; end:", "return input;",
        "switch (1) { default: break; }", "fixed (int* p = new int[1]) { }", "yield return input;", "float G(float a) => a;",
        "var z = stackalloc float[1];", "dynamic d = input;", "object o = input;", "var w = input * input; w += 1;",
    ];

    private static readonly string[] Wrappers =
    [
        "MathF.Sin({0})", "Math.Round({0})", "MathF.FusedMultiplyAdd({0}, {0}, {0})", "float.Hypot({0}, {0})", "Math.Log({0}, 2)", "MathF.Atan2({0}, {0})",
        "{0}.CompareTo({0})", "(float)Math.Exp({0})", "(double){0}", "checked({0})", "default(float)", "{0} switch {{ _ => {0} }}",
        "({0} is float ? {0} : {0})", "sizeof(float) * {0}", "nameof({0}).Length", "new float[] {{ {0} }}[0]", "((Func<float, float>)(q => q))({0})",
        "{0} % 2f", "-(-{0})", "(int){0}", "{0}++", "({0} = 1f)", "{0} ?? {0}", "(+{0})", "~(int){0}", "({0} > 0 & {0} < 1 ? {0} : 0)",
        "Math.Max({0}, 0)", "Math.Abs((double){0})", "float.CreateChecked({0})", "LossMath.Sigmoid({0}, {0})", "T.Exp({0})", "Exp({0})",
        "float.IsNaN({0}) ? 0f : {0}", "{0}.ToString().Length", "float.Sqrt(float.Parse(\"2\"))", "Math.Clamp({0}, 1f, 0f)", "(({0}))",
        "BitConverter.Int32BitsToSingle(1)", "__MUTANT__Self({0})", "{0} * float.Epsilon", "{0} / -0f",
    ];

    private static readonly string[] ElementTypes = ["decimal", "int", "Half", "long", "float?", "object", "dynamic", "System.Numerics.Complex", "nint", "Vector2", "T[]", "ref float"];

    private static readonly string[] ParameterNames =
    [
        "gradient", "kernel", "reduction", "destination", "inputGradient", "inputHessian", "VectorMath", "Vector128", "Vector256", "Vector512",
        "ThrowHelper", "MemoryMarshal", "Unsafe", "Length", "i", "t0", "t1", "_operator", "destinationName", "@float", "@checked", "@operator", "value",
        "ElementwiseDriver", "Reduction", "MethodImpl", "Span", "ReadOnlySpan", "T", "op", "w", "_input", "Input", "@this", "_", "ValidateHyperparameters",
        "ValidateDestination", "Loss", "Gradient", "Hessian", "LossWithGradient", "Samples", "System", "global",
    ];

    /// <summary>A formula source in its own namespace and class, with 1–3 mutations.</summary>
    public static Mutant Create(FuzzRandom r, int index)
    {
        FuzzFormula formula = FormulaGenerator.Generate(r, "F" + index.ToString(CultureInfo.InvariantCulture), depth: 2);
        string members = FormulaRenderer.Method(formula);
        string header = "public static partial class Mutant" + index.ToString(CultureInfo.InvariantCulture);
        string prefix = string.Empty;
        var applied = new List<string>();
        int count = r.Range(1, 3);
        for (int m = 0; m < count; m++)
        {
            int kind = r.Next(100);
            string before = members;
            string description;
            if (kind < 30)
            {
                (members, description) = TokenMutation(r, members);
            }
            else if (kind < 45)
            {
                (members, description) = WrapExpression(r, members, formula.Name);
            }
            else if (kind < 55)
            {
                (members, description) = InsertStatement(r, members);
            }
            else if (kind < 75)
            {
                (members, description) = SignatureMutation(r, members, formula);
            }
            else if (kind < 85)
            {
                (header, prefix, members, description) = ContainerMutation(r, header, members, index);
            }
            else
            {
                (members, description) = MemberMutation(r, members, formula);
            }

            applied.Add(description + (before == members && description.Length > 0 ? " (no change)" : string.Empty));
        }

        var sb = new StringBuilder(GeneratorHarness.Usings);
        sb.Append("namespace Mutants.M").Append(index.ToString(CultureInfo.InvariantCulture)).Append(";\n\n").Append(prefix);
        sb.Append("/// <summary>Mutant ").Append(index.ToString(CultureInfo.InvariantCulture)).Append(".</summary>\n").Append(header).Append("\n{\n").Append(members).Append("}\n");
        if (prefix.Length > 0)
        {
            sb.Append("}\n");
        }

        return new Mutant(index, sb.ToString().Replace("__MUTANT__Self", formula.Name, StringComparison.Ordinal), applied);
    }

    private static (string, string) TokenMutation(FuzzRandom r, string text)
    {
        SyntaxToken[] tokens = SyntaxFactory.ParseTokens(text).Where(t => !t.IsKind(SyntaxKind.EndOfFileToken)).ToArray();
        if (tokens.Length == 0)
        {
            return (text, "no tokens");
        }

        // Prefer tokens of the signature and body over the doc comment (trivia is not a token anyway).
        SyntaxToken token = tokens[r.Next(tokens.Length)];
        int start = token.SpanStart, end = token.Span.End;
        switch (r.Next(5))
        {
            case 0:
                return (text[..start] + text[end..], "delete '" + token.Text + "'");
            case 1:
                return (text[..end] + " " + token.Text + text[end..], "duplicate '" + token.Text + "'");
            case 2:
            {
                SyntaxToken other = tokens[r.Next(tokens.Length)];
                if (other.SpanStart <= start)
                {
                    (token, other) = (other, token);
                    start = token.SpanStart;
                    end = token.Span.End;
                }

                if (other.SpanStart < end)
                {
                    return (text, "swap nothing");
                }

                string swapped = text[..start] + other.Text + text[end..other.SpanStart] + token.Text + text[other.Span.End..];
                return (swapped, "swap '" + token.Text + "' and '" + other.Text + "'");
            }

            case 3:
            {
                SyntaxToken[] identifiers = tokens.Where(t => t.IsKind(SyntaxKind.IdentifierToken)).ToArray();
                if (identifiers.Length == 0)
                {
                    return (text, "no identifier");
                }

                SyntaxToken id = identifiers[r.Next(identifiers.Length)];
                string replacement = r.Pick(Identifiers);
                return (text[..id.SpanStart] + replacement + text[id.Span.End..], "identifier '" + id.Text + "' → '" + replacement + "'");
            }

            default:
            {
                SyntaxToken[] numbers = tokens.Where(t => t.IsKind(SyntaxKind.NumericLiteralToken)).ToArray();
                string replacement = r.Pick(Literals);
                if (numbers.Length == 0)
                {
                    // No literal: append one to the expression.
                    int semicolon = text.LastIndexOf(';');
                    return semicolon < 0 ? (text, "no literal") : (text[..semicolon] + " * " + replacement + text[semicolon..], "append literal " + replacement);
                }

                SyntaxToken n = numbers[r.Next(numbers.Length)];
                return (text[..n.SpanStart] + replacement + text[n.Span.End..], "literal " + n.Text + " → " + replacement);
            }
        }
    }

    /// <summary>Wraps an identifier or literal of the body in an unsupported (or supported but odd) expression.</summary>
    private static (string, string) WrapExpression(FuzzRandom r, string text, string name)
    {
        int bodyStart = Math.Max(text.IndexOf("=>", StringComparison.Ordinal), text.IndexOf("    {\n", StringComparison.Ordinal));
        if (bodyStart < 0)
        {
            return (text, "no body");
        }

        SyntaxToken[] tokens = SyntaxFactory.ParseTokens(text[bodyStart..])
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken) || t.IsKind(SyntaxKind.NumericLiteralToken))
            .Where(t => t.Text is not ("T" or "Math" or "MathF" or "LossMath" or "float" or "double") && !t.Text.StartsWith('v'))
            .ToArray();
        SyntaxToken[] operands = tokens.Where(t => !IsMemberName(text, bodyStart + t.SpanStart)).ToArray();
        if (operands.Length == 0)
        {
            return (text, "no operand");
        }

        SyntaxToken token = operands[r.Next(operands.Length)];
        string wrapper = r.Pick(Wrappers);
        string replacement = string.Format(CultureInfo.InvariantCulture, wrapper, token.Text);
        int start = bodyStart + token.SpanStart;
        return (text[..start] + replacement + text[(start + token.Span.Length)..], "wrap '" + token.Text + "' as " + replacement.Replace("__MUTANT__Self", name, StringComparison.Ordinal));
    }

    /// <summary>An identifier right after a '.', i.e. a member name (Exp in T.Exp), not an operand.</summary>
    private static bool IsMemberName(string text, int position) => position > 0 && text[position - 1] == '.';

    private static (string, string) InsertStatement(FuzzRandom r, string text)
    {
        string statement = r.Pick(Statements);
        int arrow = text.IndexOf("\n        => ", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            // Expression body → block body with the statement first.
            int end = text.IndexOf(";\n", arrow, StringComparison.Ordinal);
            if (end < 0)
            {
                return (text, "no statement end");
            }

            string expression = text[(arrow + "\n        => ".Length)..end];
            string block = "\n    {\n        " + statement + "\n        return " + expression + ";\n    }\n";
            return (text[..arrow] + block + text[(end + 2)..], "statement " + statement);
        }

        int ret = text.IndexOf("        return ", StringComparison.Ordinal);
        if (ret < 0)
        {
            return (text, "no return");
        }

        bool after = r.Chance(0.3);
        int at = after ? text.IndexOf('\n', ret) + 1 : ret;
        return (text[..at] + "        " + statement + "\n" + text[at..], "statement " + statement + (after ? " after return" : string.Empty));
    }

    private static (string, string) SignatureMutation(FuzzRandom r, string text, FuzzFormula formula)
    {
        string t = FormulaRenderer.Keyword(formula.Kind);
        string signature = "public static " + t + " " + formula.Name;
        int at = text.IndexOf(signature, StringComparison.Ordinal);
        int open = at < 0 ? -1 : text.IndexOf('(', at);
        int close = open < 0 ? -1 : text.IndexOf(')', open);
        if (close < 0)
        {
            return (text, "signature not found");
        }

        string parameters = text[(open + 1)..close];
        string first = formula.Operands[0];
        switch (r.Next(12))
        {
            case 0:
            {
                string type = r.Pick(ElementTypes);
                return (text.Replace(t + " ", type + " ", StringComparison.Ordinal), "element type " + t + " → " + type);
            }

            case 1:
            {
                string modifier = r.Pick(["ref", "out", "in", "params", "scoped", "this", "ref readonly"]);
                string p = r.Chance(0.5) ? first : formula.ParameterName(r.Next(formula.ParameterCount));
                return (ReplaceParameter(text, open, close, t + " " + FormulaRenderer.Id(p), modifier + " " + t + " " + FormulaRenderer.Id(p)), modifier + " parameter " + p);
            }

            case 2:
                return (text.Replace(signature + (formula.Kind == ElementKind.Generic ? "<T>" : string.Empty), signature + "<T, U>", StringComparison.Ordinal), "two type parameters");
            case 3:
                return formula.Kind == ElementKind.Generic
                    ? (text.Replace("where T : IFloatingPointIeee754<T>", r.Pick(["where T : INumber<T>", "where T : struct, IFloatingPointIeee754<T>", "where T : IBinaryFloatingPointIeee754<T>", string.Empty, "where T : IFloatingPointIeee754<float>", "where T : unmanaged, IFloatingPointIeee754<T>"]), StringComparison.Ordinal), "constraint")
                    : (text.Replace(signature + "(", signature + "<T>(", StringComparison.Ordinal), "unused type parameter");
            case 4:
                return (text[..(open + 1)] + text[close..], "no parameters");
            case 5:
            {
                string name = r.Pick(ParameterNames);
                string p = formula.ParameterName(r.Next(formula.ParameterCount));
                return (RenameEverywhere(text, p, name), "parameter " + p + " → " + name);
            }

            case 6:
                return (text.Replace("public static " + t, r.Pick(["public " + t, "public static extern " + t, "public static async " + t, "public static unsafe " + t, "public static partial " + t, "internal static " + t, "private static " + t, "public static new " + t]), StringComparison.Ordinal), "modifiers");
            case 7:
                return (text.Replace(t + " " + FormulaRenderer.Id(first), "[Hyperparameter] " + t + " " + FormulaRenderer.Id(first), StringComparison.Ordinal), "[Hyperparameter] on the input");
            case 8:
                return (text[..(open + 1)] + parameters + ", " + r.Pick([t + " extra", "[Hyperparameter(Minimum = double.NaN)] " + t + " lo", "[Hyperparameter(Minimum = 2, Maximum = 1)] " + t + " range", "[Hyperparameter(Default = double.PositiveInfinity)] " + t + " inf", "[Hyperparameter(Default = 1e308)] " + t + " big", "int count", "[Hyperparameter(ExclusiveMinimum = true)] " + t + " ex", t + " opt = " + (t == "double" ? "1e308" : t == "float" ? "float.NaN" : "default"), "[Hyperparameter] " + t + " " + FormulaRenderer.Id(first)]) + text[close..], "extra parameter");
            case 9:
                return (text.Replace("[LossFormula]", r.Pick(["[LossFormula(Gradient = \"Missing\")]", "[LossFormula(Gradient = nameof(" + formula.Name + "))]", "[LossFormula, LossFormula]", "[LossFormula(Gradient = null)]", "[LossFormula(Gradient = \"\")]", "[LossFormulaAttribute]", "[FastLoss.LossFormula]", "[Hyperparameter]"]), StringComparison.Ordinal), "attribute");
            case 10:
                return (text.Replace(" " + formula.Name + "(", " " + formula.Name + "<Vector128>(", StringComparison.Ordinal).Replace(" " + formula.Name + "<T>(", " " + formula.Name + "<TKernel>(", StringComparison.Ordinal), "type parameter name");
            default:
            {
                string name = r.Pick(["Loss", "Gradient", "Hessian", "Mutant", "Reduction", "ILoss", "ElementwiseDriver", "Span", "F", "Equals", "GetHashCode", "ToString"]);
                return (RenameEverywhere(text, formula.Name, name), "formula name → " + name);
            }
        }
    }

    private static string ReplaceParameter(string text, int open, int close, string from, string to)
    {
        int at = text.IndexOf(from, open, StringComparison.Ordinal);
        return at < 0 || at > close ? text : text[..at] + to + text[(at + from.Length)..];
    }

    /// <summary>Renames an identifier in code (not in the doc comment's text).</summary>
    private static string RenameEverywhere(string text, string from, string to)
    {
        SyntaxToken[] tokens = SyntaxFactory.ParseTokens(text).Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == from).ToArray();
        var sb = new StringBuilder(text);
        foreach (SyntaxToken token in tokens.Reverse())
        {
            sb.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, to);
        }

        return sb.ToString();
    }

    private static (string Header, string Prefix, string Members, string Description) ContainerMutation(FuzzRandom r, string header, string members, int index)
    {
        string name = "Mutant" + index.ToString(CultureInfo.InvariantCulture);
        return r.Next(9) switch
        {
            0 => ("public static class " + name, string.Empty, members, "class not partial"),
            1 => ("public partial class " + name, string.Empty, members, "class not static"),
            2 => ("public partial record " + name, string.Empty, members, "record"),
            3 => ("public partial struct " + name, string.Empty, members, "struct"),
            4 => ("public static partial class " + name + "<TBox>", string.Empty, members, "generic class"),
            5 => ("public static partial class Inner", "public class Outer" + index.ToString(CultureInfo.InvariantCulture) + "\n{\n", members, "nested in a non-partial class"),
            6 => ("public static partial class Inner", "public static partial class Outer" + index.ToString(CultureInfo.InvariantCulture) + "\n{\n", members, "nested in a static partial class"),
            7 => ("public partial interface I" + name, string.Empty, members, "interface"),
            _ => ("internal static partial class " + name, string.Empty, members, "internal class"),
        };
    }

    private static (string, string) MemberMutation(FuzzRandom r, string text, FuzzFormula formula)
    {
        string t = FormulaRenderer.Keyword(formula.Kind);
        string generic = formula.Kind == ElementKind.Generic ? "<T>" : string.Empty;
        string constraint = formula.Kind == ElementKind.Generic ? " where T : IFloatingPointIeee754<T>" : string.Empty;
        string input = FormulaRenderer.Id(formula.Operands[0]);
        switch (r.Next(6))
        {
            case 0:
                // The same formula twice (FL0010), or an overload.
                return (text + text.Replace("/// <summary>Fuzzed", "/// <summary>Again fuzzed", StringComparison.Ordinal), "duplicate formula");
            case 1:
                // Recursion through a helper.
                return (text.Replace("=> ", "=> Rec" + generic + "(" + input + ") + ", StringComparison.Ordinal)
                    + "    private static " + t + " Rec" + generic + "(" + t + " a)" + constraint + " => " + formula.Name + generic + "(a" + string.Concat(Enumerable.Repeat(", a", formula.ParameterCount - 1)) + ");\n", "recursion via a helper");
            case 2:
                return (text + "    /// <summary>Collides.</summary>\n    public sealed class " + formula.Name + "Loss { }\n", "a type named like the loss class");
            case 3:
                return (text + "    /// <summary>Collides.</summary>\n    public static " + t + " " + formula.Name + "Gradient" + generic + "(" + string.Join(", ", Enumerable.Range(0, formula.ParameterCount).Select(i => t + " p" + i.ToString(CultureInfo.InvariantCulture))) + ")" + constraint + " => p0;\n", "a method named like the gradient");
            case 4:
                return (text + "    /// <summary>A field.</summary>\n    public static readonly " + (formula.Kind == ElementKind.Generic ? "float" : t) + " Scale = 2;\n", "a static field");
            default:
                return (text.Replace("[LossFormula]", "[LossFormula(Gradient = nameof(Grad))]", StringComparison.Ordinal)
                    + "    private static " + t + " Grad" + generic + "(" + string.Join(", ", Enumerable.Range(0, formula.ParameterCount).Select(i => t + " p" + i.ToString(CultureInfo.InvariantCulture))) + ")" + constraint + " => " + r.Pick(["p0 * p0", "MathF.Sin(p0)", "p0", "Grad" + generic + "(" + string.Join(", ", Enumerable.Range(0, formula.ParameterCount).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture))) + ")"]) + ";\n", "hand-written gradient");
        }
    }
}
