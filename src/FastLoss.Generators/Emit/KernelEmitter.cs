using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastLoss.Generators.Derivation;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Emits, for one formula and element type, the operator struct (pure per-element math with scalar, Vector128,
/// Vector256 and Vector512 overloads of Loss, Gradient, Hessian and LossAndGradient) and the kernel ref struct that
/// binds the operand spans for <c>ElementwiseDriver</c>.
/// </summary>
internal static class KernelEmitter
{
    private static readonly Width[] Widths = { Width.Scalar, Width.Vector128, Width.Vector256, Width.Vector512 };

    public static void EmitOperator(SourceWriter w, DerivedFormula formula, ElementType type, string generatedCode)
    {
        FormulaSpec spec = formula.Spec;
        string name = Names.Operator(spec, type);
        string e = ExpressionLowering.Keyword(type);
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();

        w.Line("/// <summary>");
        w.Line("/// Per-element math of <see cref=\"" + Names.FormulaCref(spec) + "\"/> in " + e + ", one overload per width; every lane of a");
        w.Line("/// vector overload returns the same bits as the scalar overload.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// <code>");
        w.Line("/// loss     = " + Escape(FormulaPrinter.Print(formula.Loss)));
        w.Line("/// gradient = " + Escape(FormulaPrinter.Print(formula.Gradient)) + (spec.GradientOverride is null ? string.Empty : "    (hand-written: " + spec.GradientOverride.MethodName + ")"));
        w.Line("/// hessian  = " + Escape(FormulaPrinter.Print(formula.Hessian)));
        w.Line("/// </code>");
        w.Line("/// </remarks>");
        w.Line(generatedCode);
        w.Open("internal readonly struct " + name);
        foreach (ParameterSpec p in hyper)
        {
            w.Line("private readonly " + e + " " + Names.Field(p.Name) + ";");
        }

        if (hyper.Length > 0)
        {
            w.Line();
            w.Line("/// <summary>Creates the operator with its hyperparameters.</summary>");
            foreach (ParameterSpec p in hyper)
            {
                w.Line("/// <param name=\"" + p.Name + "\">The hyperparameter <c>" + p.Name + "</c>.</param>");
            }

            w.Open("public " + name + "(" + string.Join(", ", hyper.Select(p => e + " " + Names.Identifier(p.Name))) + ")");
            foreach (ParameterSpec p in hyper)
            {
                w.Line(Names.Field(p.Name) + " = " + Names.Identifier(p.Name) + ";");
            }

            w.Close();
        }

        EmitQuantity(w, formula, type, "Loss", "The loss of each element.", new[] { formula.Loss }, null);
        EmitQuantity(w, formula, type, "Gradient", "d(loss)/d(input) of each element.", new[] { formula.Gradient }, null);
        EmitQuantity(w, formula, type, "Hessian", "d²(loss)/d(input)² of each element.", new[] { formula.Hessian }, null);
        EmitQuantity(w, formula, type, "LossAndGradient", "The loss and its gradient of each element, sharing common subexpressions.", new[] { formula.Loss, formula.Gradient }, "gradient");
        w.Close();
    }

    private static void EmitQuantity(SourceWriter w, DerivedFormula formula, ElementType type, string method, string summary, Expr[] roots, string? outName)
    {
        FormulaSpec spec = formula.Spec;
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        HashSet<int> used = UsedVariables(roots);
        string prefix = Names.TemporaryPrefix(spec);

        foreach (Width width in Widths)
        {
            string valueType = ExpressionLowering.TypeName(width, type);
            var parameters = operands.Select(p => valueType + " " + Names.Identifier(p.Name)).ToList();
            if (outName is not null)
            {
                parameters.Add("out " + valueType + " " + outName);
            }

            w.Line();
            w.Line("/// <summary>" + summary + "</summary>");
            w.Line("[MethodImpl(MethodImplOptions.AggressiveInlining)]");
            w.Open("public " + valueType + " " + method + "(" + string.Join(", ", parameters) + ")");

            // Hyperparameters are fields; vector code broadcasts the ones it uses once.
            for (int i = 0; i < spec.Parameters.Count; i++)
            {
                ParameterSpec p = spec.Parameters[i];
                if (p.Kind == ParameterKind.Hyperparameter && used.Contains(i) && width != Width.Scalar)
                {
                    w.Line(valueType + " " + Names.Identifier(p.Name) + " = " + ExpressionLowering.VectorName(width) + ".Create(" + Names.Field(p.Name) + ");");
                }
            }

            (IReadOnlyList<string> statements, IReadOnlyList<string> results) = ExpressionLowering.Lower(
                roots, width, type, v => v.Kind == ParameterKind.Hyperparameter && width == Width.Scalar ? Names.Field(v.Name) : Names.Identifier(v.Name), prefix);
            foreach (string statement in statements)
            {
                w.Line(statement);
            }

            if (outName is not null)
            {
                w.Line(outName + " = " + results[1] + ";");
            }

            w.Line("return " + results[0] + ";");
            w.Close();
        }
    }

    public static void EmitKernel(SourceWriter w, FormulaSpec spec, ElementType type, string generatedCode)
    {
        string name = Names.Kernel(spec, type);
        string op = Names.Operator(spec, type);
        string e = ExpressionLowering.Keyword(type);
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();
        string input = Names.Identifier(operands[0].Name);

        w.Line();
        w.Line("/// <summary>Binds the operand spans of <see cref=\"" + Names.FormulaCref(spec) + "\"/> for the element-wise driver.</summary>");
        w.Line(generatedCode);
        w.Open("private readonly ref struct " + name + " : IElementwiseKernel<" + e + ">");
        string operatorField = Names.OperatorField(spec);
        w.Line("private readonly " + op + " " + operatorField + ";");
        foreach (ParameterSpec p in operands)
        {
            w.Line("private readonly ref " + e + " " + Names.Field(p.Name) + ";");
        }

        w.Line();
        w.Line("/// <summary>Validates the operands and hyperparameters and binds them.</summary>");
        var ctorParameters = operands.Select(p => "ReadOnlySpan<" + e + "> " + Names.Identifier(p.Name))
            .Concat(hyper.Select(p => e + " " + Names.Identifier(p.Name)));
        w.Open("public " + name + "(" + string.Join(", ", ctorParameters) + ")");
        foreach (ParameterSpec p in operands.Skip(1))
        {
            w.Line("ThrowHelper.ValidateOperandLength(" + input + ".Length, " + Names.Identifier(p.Name) + ".Length, nameof(" + Names.Identifier(p.Name) + "));");
        }

        if (hyper.Length > 0)
        {
            w.Line("ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => Names.Identifier(p.Name))) + ");");
        }

        w.Line(operatorField + " = new " + op + "(" + string.Join(", ", hyper.Select(p => Names.Identifier(p.Name))) + ");");
        foreach (ParameterSpec p in operands)
        {
            w.Line(Names.Field(p.Name) + " = ref MemoryMarshal.GetReference(" + Names.Identifier(p.Name) + ");");
        }

        w.Line("Length = " + input + ".Length;");
        w.Close();
        w.Line();
        w.Line("public int Length { get; }");

        EmitKernelMethods(w, operands, operatorField, e, "Loss", out_: false);
        EmitKernelMethods(w, operands, operatorField, e, "Gradient", out_: false);
        EmitKernelMethods(w, operands, operatorField, e, "Hessian", out_: false);
        EmitKernelMethods(w, operands, operatorField, e, "LossAndGradient", out_: true);

        w.Line();
        w.Line("/// <summary>Throws unless <paramref name=\"destination\"/> can take one value per element without partially overlapping an operand.</summary>");
        w.Open("public static void ValidateDestination(" + string.Join(", ", operands.Select(p => "ReadOnlySpan<" + e + "> " + Names.Identifier(p.Name))) + ", Span<" + e + "> destination, string destinationName)");
        w.Line("ThrowHelper.ValidateDestination(" + input + ".Length, destination, destinationName);");
        foreach (ParameterSpec p in operands)
        {
            w.Line("ThrowHelper.ValidateNoPartialOverlap(" + Names.Identifier(p.Name) + ", destination.Slice(0, " + input + ".Length), destinationName);");
        }

        w.Close();

        if (hyper.Length > 0)
        {
            w.Line();
            w.Line("/// <summary>Throws unless every hyperparameter is a number within its declared range.</summary>");
            w.Open("public static void ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => e + " " + Names.Identifier(p.Name))) + ")");
            foreach (ParameterSpec p in hyper)
            {
                (string condition, string constraint) = HyperparameterCheck(p, type);
                w.Line("ThrowHelper.ValidateHyperparameter(" + condition + ", " + Names.Identifier(p.Name) + ", nameof(" + Names.Identifier(p.Name) + "), \"" + constraint + "\");");
            }

            w.Close();
        }

        w.Close();
    }

    private static void EmitKernelMethods(SourceWriter w, ParameterSpec[] operands, string operatorField, string e, string method, bool out_)
    {
        foreach (Width width in Widths)
        {
            string valueType = width == Width.Scalar ? e : ExpressionLowering.TypeName(width, e == "float" ? ElementType.Single : ElementType.Double);
            string suffix = width == Width.Scalar ? string.Empty : ((int)width).ToString(CultureInfo.InvariantCulture);
            string load(ParameterSpec p) => width == Width.Scalar
                ? "Unsafe.Add(ref " + Names.Field(p.Name) + ", i)"
                : ExpressionLowering.VectorName(width) + ".LoadUnsafe(ref " + Names.Field(p.Name) + ", i)";
            string arguments = string.Join(", ", operands.Select(load)) + (out_ ? ", out gradient" : string.Empty);
            string outParameter = out_ ? ", out " + valueType + " gradient" : string.Empty;
            if (width == Width.Scalar)
            {
                w.Line();
            }

            w.Line("public " + valueType + " " + method + suffix + "(nuint i" + outParameter + ") => " + operatorField + "." + method + "(" + arguments + ");");
        }
    }

    /// <summary>The validation of a hyperparameter: never NaN, and within its declared bounds.</summary>
    private static (string Condition, string Constraint) HyperparameterCheck(ParameterSpec p, ElementType type)
    {
        string e = ExpressionLowering.Keyword(type);
        string id = Names.Identifier(p.Name);
        var conditions = new List<string> { "!" + e + ".IsNaN(" + id + ")" };
        var words = new List<string>();
        if (!double.IsNegativeInfinity(p.Minimum))
        {
            conditions.Add(id + (p.ExclusiveMinimum ? " > " : " >= ") + ExpressionLowering.Literal(p.Minimum, type));
            words.Add((p.ExclusiveMinimum ? "greater than " : "at least ") + p.Minimum.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!double.IsPositiveInfinity(p.Maximum))
        {
            conditions.Add(id + (p.ExclusiveMaximum ? " < " : " <= ") + ExpressionLowering.Literal(p.Maximum, type));
            words.Add((p.ExclusiveMaximum ? "less than " : "at most ") + p.Maximum.ToString("R", CultureInfo.InvariantCulture));
        }

        string constraint = words.Count == 0 ? "a number (not NaN)" : "a number " + string.Join(" and ", words);
        return (string.Join(" && ", conditions), constraint);
    }

    private static HashSet<int> UsedVariables(IEnumerable<Expr> roots)
    {
        var used = new HashSet<int>();
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>(roots);
        while (stack.Count > 0)
        {
            Expr e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            switch (e)
            {
                case Variable v: used.Add(v.Index); break;
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

        return used;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
