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

    public static void EmitOperator(SourceWriter w, DerivedFormula formula, ElementType type, KernelModes modes, string generatedCode)
    {
        FormulaSpec spec = formula.Spec;
        string name = Names.Operator(spec, type);
        string e = ExpressionLowering.Keyword(type);
        var ids = new Identifiers(spec);
        int[] hyper = Indices(spec, ParameterKind.Hyperparameter);

        w.Line("/// <summary>");
        w.Line("/// Per-element math of <see cref=\"" + Names.FormulaCref(spec) + "\"/> in " + e + ", one overload per width; every lane of a");
        w.Line("/// vector overload returns the same bits as the scalar overload.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line("/// <code>");
        w.Line("/// loss     = " + Escape(FormulaPrinter.Print(formula.Loss)));
        w.Line("/// gradient = " + Escape(FormulaPrinter.Print(formula.Gradient)) + (spec.GradientOverride is null ? string.Empty : "    (hand-written: " + spec.GradientOverride.MethodName + ")"));
        w.Line("/// hessian  = " + Escape(FormulaPrinter.Print(formula.Hessian)));
        foreach (OperandGradient g in formula.OperandGradients)
        {
            ParameterSpec p = spec.Parameters[g.Index];
            w.Line("/// d/d" + p.Name + " = " + Escape(FormulaPrinter.Print(g.Gradient)) + (p.GradientOverride is null ? string.Empty : "    (hand-written: " + p.GradientOverride.MethodName + ")"));
        }

        w.Line("/// </code>");
        w.Line("/// </remarks>");
        w.Line(generatedCode);
        w.Open("internal readonly struct " + name + modes.TypeParameters + modes.Constraint);
        int[] divisors = Divisors(formula);
        foreach (int h in hyper)
        {
            w.Line("private readonly " + e + " " + ids.Field(h) + ";");
        }

        foreach (int h in divisors)
        {
            w.Line("private readonly " + e + " " + ids.ReciprocalField(h) + "; // 1/" + spec.Parameters[h].Name + " if dividing by it is a multiplication, else NaN");
        }

        if (hyper.Length > 0)
        {
            w.Line();
            w.Line("/// <summary>Creates the operator with its hyperparameters.</summary>");
            foreach (int h in hyper)
            {
                w.Line("/// <param name=\"" + ids.Private(h).TrimStart('@') + "\">The hyperparameter <c>" + spec.Parameters[h].Name + "</c>.</param>");
            }

            w.Open("public " + name + "(" + string.Join(", ", hyper.Select(h => e + " " + ids.Private(h))) + ")");
            foreach (int h in hyper)
            {
                w.Line(ids.Field(h) + " = " + ids.Private(h) + ";");
            }

            foreach (int h in divisors)
            {
                w.Line(ids.ReciprocalField(h) + " = VectorMath.ExactReciprocal(" + ids.Private(h) + ");");
            }

            w.Close();
        }

        EmitQuantity(w, formula, ids, type, "Loss", "The loss of each element.", new[] { formula.Loss });
        EmitQuantity(w, formula, ids, type, "Gradient", "d(loss)/d(input) of each element.", new[] { formula.Gradient });
        EmitQuantity(w, formula, ids, type, "Hessian", "d²(loss)/d(input)² of each element.", new[] { formula.Hessian });
        EmitQuantity(w, formula, ids, type, "LossAndGradient", "The loss and its gradient of each element, sharing common subexpressions.", new[] { formula.Loss, formula.Gradient }, Identifiers.GradientOut);
        if (formula.OperandGradients.Count > 0)
        {
            // The differentiable operands' gradients come out through out parameters, computed with the input's.
            Expr[] operandGradients = formula.OperandGradients.Select(g => g.Gradient).ToArray();
            string[] outs = formula.OperandGradients.Select(g => ids.Gradient(g.Index)).ToArray();
            EmitQuantity(w, formula, ids, type, "Gradients", "d(loss)/d(input) of each element, and d(loss)/d(operand) of each differentiable operand, sharing common subexpressions.",
                new[] { formula.Gradient }.Concat(operandGradients).ToArray(), outs);
            EmitQuantity(w, formula, ids, type, "LossAndGradients", "The loss, d(loss)/d(input) and d(loss)/d(operand) of each differentiable operand, sharing common subexpressions.",
                new[] { formula.Loss, formula.Gradient }.Concat(operandGradients).ToArray(), new[] { Identifiers.GradientOut }.Concat(outs).ToArray());
        }

        w.Close();
    }

    private static void EmitQuantity(SourceWriter w, DerivedFormula formula, Identifiers ids, ElementType type, string method, string summary, Expr[] roots, params string[] outNames)
    {
        FormulaSpec spec = formula.Spec;
        int[] operands = Operands(spec);
        HashSet<int> used = UsedVariables(roots);

        foreach (Width width in Widths)
        {
            string valueType = ExpressionLowering.TypeName(width, type);
            var parameters = operands.Select(o => valueType + " " + ids.Private(o)).ToList();
            parameters.AddRange(outNames.Select(o => "out " + valueType + " " + o));

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
                    w.Line(valueType + " " + ids.Private(i) + " = " + ExpressionLowering.VectorName(width) + ".Create(" + ids.Field(i) + ");");
                }
            }

            HashSet<int> divisors = new(Divisors(formula));
            HashSet<int> exponents = new(Exponents(formula));
            (IReadOnlyList<string> statements, IReadOnlyList<string> results) = ExpressionLowering.Lower(
                roots, width, type, v => v.Kind == ParameterKind.Hyperparameter && width == Width.Scalar ? ids.Field(v.Index) : ids.Private(v.Index), ids.TemporaryPrefix,
                v => divisors.Contains(v.Index) ? ids.ReciprocalField(v.Index) : null,
                v => exponents.Contains(v.Index));
            foreach (string statement in statements)
            {
                w.Line(statement);
            }

            for (int o = 0; o < outNames.Length; o++)
            {
                w.Line(outNames[o] + " = " + results[o + 1] + ";");
            }

            w.Line("return " + results[0] + ";");
            w.Close();
        }
    }

    public static void EmitKernel(SourceWriter w, FormulaSpec spec, ElementType type, bool arithmetic, KernelModes modes, string generatedCode)
    {
        string name = Names.Kernel(spec, type);
        string op = modes.Within(Names.Operator(spec, type));
        string e = ExpressionLowering.Keyword(type);
        var ids = new Identifiers(spec);
        int[] operands = Operands(spec);
        int[] hyper = Indices(spec, ParameterKind.Hyperparameter);
        string input = ids.Private(operands[0]);

        w.Line();
        w.Line("/// <summary>Binds the operand spans of <see cref=\"" + Names.FormulaCref(spec) + "\"/> for the element-wise driver.</summary>");
        w.Line(generatedCode);
        w.Open("private readonly ref struct " + name + modes.TypeParameters + " : IElementwiseKernel<" + e + ">" + modes.Constraint);
        string operatorField = ids.OperatorField;
        w.Line("private readonly " + op + " " + operatorField + ";");
        foreach (int o in operands)
        {
            w.Line("private readonly ref " + e + " " + ids.Field(o) + ";");
        }

        w.Line();
        w.Line("/// <summary>Validates the operands and hyperparameters and binds them.</summary>");
        var ctorParameters = operands.Select(o => "ReadOnlySpan<" + e + "> " + ids.Private(o))
            .Concat(hyper.Select(h => e + " " + ids.Private(h)));
        w.Open("public " + name + "(" + string.Join(", ", ctorParameters) + ")");
        EmitValidationCalls(w, spec, ids, string.Empty);
        w.Line(operatorField + " = new " + op + "(" + string.Join(", ", hyper.Select(ids.Private)) + ");");
        foreach (int o in operands)
        {
            w.Line(ids.Field(o) + " = ref MemoryMarshal.GetReference(" + ids.Private(o) + ");");
        }

        w.Line("Length = " + input + ".Length;");
        w.Close();
        w.Line();
        w.Line("public int Length { get; }");
        EmitIsArithmetic(w, arithmetic);

        string[] fields = operands.Select(ids.Field).ToArray();
        EmitKernelMethods(w, fields, operatorField, e, "Loss", out_: false);
        EmitKernelMethods(w, fields, operatorField, e, "Gradient", out_: false);
        EmitKernelMethods(w, fields, operatorField, e, "Hessian", out_: false);
        EmitKernelMethods(w, fields, operatorField, e, "LossAndGradient", out_: true);

        w.Line();
        w.Line("/// <summary>Throws unless <paramref name=\"destination\"/> can take one value per element without partially overlapping an operand.</summary>");
        w.Open("public static void ValidateDestination(" + string.Join(", ", operands.Select(o => "ReadOnlySpan<" + e + "> " + ids.Private(o))) + ", Span<" + e + "> destination, string destinationName)");
        w.Line("ThrowHelper.ValidateDestination(" + input + ".Length, destination, destinationName);");
        foreach (int o in operands)
        {
            w.Line("ThrowHelper.ValidateNoPartialOverlap(" + ids.Private(o) + ", destination.Slice(0, " + input + ".Length), destinationName);");
        }

        w.Close();

        if (hyper.Length > 0)
        {
            w.Line();
            w.Line("/// <summary>Throws unless every hyperparameter is a number within its declared range.</summary>");
            w.Open("public static void ValidateHyperparameters(" + string.Join(", ", hyper.Select(h => e + " " + ids.Private(h))) + ")");
            foreach (int h in hyper)
            {
                (string condition, string constraint) = HyperparameterCheck(spec.Parameters[h], ids.Private(h), type);
                w.Line("ThrowHelper.ValidateHyperparameter(" + condition + ", " + ids.Private(h) + ", " + Quoted(spec.Parameters[h].Name) + ", \"" + constraint + "\");");
            }

            EmitClampBoundChecks(w, spec, ids, type);
            w.Close();
        }

        int[] ranged = RangedOperands(spec);
        if (ranged.Length > 0)
        {
            w.Line();
            w.Line("/// <summary>Throws unless every element of each operand with a declared range lies in it; one vectorized pass each.</summary>");
            w.Open("public static void ValidateOperandValues(" + string.Join(", ", ranged.Select(o => "ReadOnlySpan<" + e + "> " + ids.Private(o))) + ")");
            foreach (int o in ranged)
            {
                (string minimum, string maximum, string constraint) = OperandCheck(spec.Parameters[o].Range!, type);
                w.Line("OperandValidation.ValidateRange(" + ids.Private(o) + ", " + minimum + ", " + maximum + ", allowNaN: " + (spec.Parameters[o].Range!.AllowNaN ? "true" : "false") + ", "
                    + Quoted(spec.Parameters[o].Name) + ", " + Quoted(constraint) + ");");
            }

            w.Close();
        }

        w.Close();
    }

    /// <summary>
    /// The checks a kernel constructor makes before binding: operand lengths, hyperparameters, operand values (each
    /// validation method is the main kernel's, so <paramref name="owner"/> qualifies it from another kernel).
    /// </summary>
    internal static void EmitValidationCalls(SourceWriter w, FormulaSpec spec, Identifiers ids, string owner)
    {
        int[] operands = Operands(spec);
        int[] hyper = Indices(spec, ParameterKind.Hyperparameter);
        int[] ranged = RangedOperands(spec);
        foreach (int o in operands.Skip(1))
        {
            w.Line("ThrowHelper.ValidateOperandLength(" + ids.Private(operands[0]) + ".Length, " + ids.Private(o) + ".Length, " + Quoted(spec.Parameters[o].Name) + ");");
        }

        if (hyper.Length > 0)
        {
            w.Line(owner + "ValidateHyperparameters(" + string.Join(", ", hyper.Select(ids.Private)) + ");");
        }

        if (ranged.Length > 0)
        {
            w.Line(owner + "ValidateOperandValues(" + string.Join(", ", ranged.Select(ids.Private)) + ");");
        }
    }

    /// <summary>The operands with a declared range that rejects something.</summary>
    private static int[] RangedOperands(FormulaSpec spec)
        => Operands(spec).Where(o => spec.Parameters[o].Range is { } r && (!r.AllowNaN || !double.IsNegativeInfinity(r.Minimum) || !double.IsPositiveInfinity(r.Maximum) || r.ExclusiveMinimum || r.ExclusiveMaximum)).ToArray();

    /// <summary>An operand range as inclusive bounds of the element type (an exclusive bound moves one value inwards) and in words.</summary>
    private static (string Minimum, string Maximum, string Constraint) OperandCheck(OperandRange range, ElementType type)
    {
        string e = ExpressionLowering.Keyword(type);
        string minimum = ExpressionLowering.Literal(range.Minimum, type);
        string maximum = ExpressionLowering.Literal(range.Maximum, type);
        var words = new List<string>();
        if (range.ExclusiveMinimum)
        {
            minimum = e + ".BitIncrement(" + minimum + ")";
        }

        if (range.ExclusiveMaximum)
        {
            maximum = e + ".BitDecrement(" + maximum + ")";
        }

        if (!double.IsNegativeInfinity(range.Minimum) || range.ExclusiveMinimum)
        {
            words.Add((range.ExclusiveMinimum ? "greater than " : "at least ") + range.Minimum.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!double.IsPositiveInfinity(range.Maximum) || range.ExclusiveMaximum)
        {
            words.Add((range.ExclusiveMaximum ? "less than " : "at most ") + range.Maximum.ToString("R", CultureInfo.InvariantCulture));
        }

        string constraint = string.Join(" and ", words);
        if (!range.AllowNaN)
        {
            constraint = constraint.Length == 0 ? "not NaN" : constraint + ", not NaN";
        }

        if (range.Rule is not null)
        {
            constraint += " (" + range.Rule + ")";
        }

        return (minimum, maximum, constraint);
    }

    private static void EmitKernelMethods(SourceWriter w, string[] fields, string operatorField, string e, string method, bool out_)
    {
        foreach (Width width in Widths)
        {
            string valueType = width == Width.Scalar ? e : ExpressionLowering.TypeName(width, e == "float" ? ElementType.Single : ElementType.Double);
            string suffix = width == Width.Scalar ? string.Empty : ((int)width).ToString(CultureInfo.InvariantCulture);
            string load(string field) => width == Width.Scalar
                ? "Unsafe.Add(ref " + field + ", i)"
                : ExpressionLowering.VectorName(width) + ".LoadUnsafe(ref " + field + ", i)";
            string arguments = string.Join(", ", fields.Select(load)) + (out_ ? ", out " + Identifiers.GradientOut : string.Empty);
            string outParameter = out_ ? ", out " + valueType + " " + Identifiers.GradientOut : string.Empty;
            if (width == Width.Scalar)
            {
                w.Line();
            }

            w.Line("public " + valueType + " " + method + suffix + "(nuint i" + outParameter + ") => " + operatorField + "." + method + "(" + arguments + ");");
        }
    }

    /// <summary>The validation of a hyperparameter: never NaN, and within its declared bounds.</summary>
    private static (string Condition, string Constraint) HyperparameterCheck(ParameterSpec p, string id, ElementType type)
    {
        string e = ExpressionLowering.Keyword(type);
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

    /// <summary>
    /// Math.Clamp throws when its lower bound exceeds its upper bound; the lowered min(max(x, lo), hi) would silently
    /// return hi. Bounds that depend on hyperparameters only are checked once per call, before anything is read.
    /// </summary>
    private static void EmitClampBoundChecks(SourceWriter w, FormulaSpec spec, Identifiers ids, ElementType type)
    {
        foreach (Call clamp in AlwaysEvaluatedClamps(spec.Loss).Distinct())
        {
            Variable[] boundVariables = ExprNodes.Distinct(new[] { clamp.Arguments[1], clamp.Arguments[2] }).OfType<Variable>().ToArray();
            if (boundVariables.Length == 0 || boundVariables.Any(v => v.Kind != ParameterKind.Hyperparameter))
            {
                continue;
            }

            (IReadOnlyList<string> statements, IReadOnlyList<string> bounds) = ExpressionLowering.Lower(
                new[] { clamp.Arguments[1], clamp.Arguments[2] }, Width.Scalar, type, v => ids.Private(v.Index), ids.TemporaryPrefix);
            int named = boundVariables.Min(v => v.Index);
            string constraint = "such that Math.Clamp's lower bound " + FormulaPrinter.Print(clamp.Arguments[1]) + " is at most its upper bound " + FormulaPrinter.Print(clamp.Arguments[2]);
            string check = "ThrowHelper.ValidateHyperparameter(!(" + bounds[0] + " > " + bounds[1] + "), " + ids.Private(named) + ", " + Quoted(spec.Parameters[named].Name) + ", " + Quoted(constraint) + ");";
            if (statements.Count == 0)
            {
                w.Line(check);
                continue;
            }

            // The bounds' temporaries in a block of their own, so two clamps can both use t0.
            w.Line("{");
            w.Push();
            foreach (string statement in statements)
            {
                w.Line(statement);
            }

            w.Line(check);
            w.Pop();
            w.Line("}");
        }
    }

    /// <summary>The Clamp calls the formula method evaluates on every call: not those inside a branch of a conditional.</summary>
    private static IEnumerable<Call> AlwaysEvaluatedClamps(Expr e)
    {
        IEnumerable<Expr> children = e switch
        {
            Conditional c => new[] { c.Test },
            Unary u => new[] { u.Operand },
            Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => new[] { b.Left }, // && and || short-circuit
            Binary b => new[] { b.Left, b.Right },
            Call call => call.Arguments,
            _ => Enumerable.Empty<Expr>(),
        };

        if (e is Call { Function: MathFunction.Clamp } clamp)
        {
            yield return clamp;
        }

        foreach (Expr child in children)
        {
            foreach (Call inner in AlwaysEvaluatedClamps(child))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The hyperparameters some expression of the formula divides by (they get an exact-reciprocal field).</summary>
    internal static int[] Divisors(DerivedFormula formula)
        => ExprNodes.Distinct(new[] { formula.Loss, formula.Gradient, formula.Hessian }.Concat(formula.OperandGradients.Select(g => g.Gradient)))
            .OfType<Binary>()
            .Where(b => b.Operator == BinaryOperator.Divide && b.Right is Variable { Kind: ParameterKind.Hyperparameter })
            .Select(b => ((Variable)b.Right).Index)
            .Distinct()
            .OrderBy(i => i)
            .ToArray();

    /// <summary>The hyperparameters some Pow of the formula has as its whole exponent (raised by the power mode, see KernelModes).</summary>
    internal static int[] Exponents(DerivedFormula formula)
        => ExprNodes.Distinct(new[] { formula.Loss, formula.Gradient, formula.Hessian }.Concat(formula.OperandGradients.Select(g => g.Gradient)))
            .OfType<Call>()
            .Where(c => c.Function == MathFunction.Pow && c.Arguments[1] is Variable { Kind: ParameterKind.Hyperparameter })
            .Select(c => ((Variable)c.Arguments[1]).Index)
            .Distinct()
            .OrderBy(i => i)
            .ToArray();

    /// <summary>Tells the driver a kernel without VectorMath calls is cheap enough to inline four times per sum iteration.</summary>
    internal static void EmitIsArithmetic(SourceWriter w, bool arithmetic)
    {
        if (arithmetic)
        {
            w.Line();
            w.Line("/// <summary>Arithmetic only (no VectorMath call): the driver inlines four blocks per sum iteration.</summary>");
            w.Line("public static bool IsArithmetic => true;");
        }
    }

    /// <summary>The indices of the operands (the input first), in declaration order.</summary>
    internal static int[] Operands(FormulaSpec spec)
        => Enumerable.Range(0, spec.Parameters.Count).Where(i => spec.Parameters[i].Kind != ParameterKind.Hyperparameter).ToArray();

    internal static int[] Indices(FormulaSpec spec, ParameterKind kind)
        => Enumerable.Range(0, spec.Parameters.Count).Where(i => spec.Parameters[i].Kind == kind).ToArray();

    /// <summary>A parameter's public name as a string literal (the ParamName of the exceptions the checks throw).</summary>
    internal static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    private static HashSet<int> UsedVariables(IEnumerable<Expr> roots)
        => new(ExprNodes.Distinct(roots).OfType<Variable>().Select(v => v.Index));

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
