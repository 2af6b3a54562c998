using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Emits what <c>[Differentiable]</c> operands add, for one formula and element type: a kernel that also writes their
/// gradients, and the <c>NameGradients</c> / <c>NameWithGradients</c> methods that take one gradient span per
/// differentiable operand after the input's.
/// </summary>
/// <remarks>
/// The plural names keep these apart from every <c>NameGradient</c> / <c>NameWithGradient</c> overload (the
/// generated input-only ones and hand-written ones such as a weighted <c>L1Gradient(input, target, weight,
/// inputGradient)</c>): arrays convert to both <c>ReadOnlySpan</c> and <c>Span</c>, so under one name a call with
/// one array per gradient could bind to a weighted overload and silently read a gradient buffer as the weight.
/// <para>
/// The driver knows one gradient per element (the input's). The gradients kernel hands that one back to the driver
/// and stores the others itself, scaled like the driver scales the input's, from the same operator call: every
/// gradient in one pass, and the input's gradient bit for bit the same as without the extra outputs.
/// </para>
/// </remarks>
internal static class OperandGradientEmitter
{
    private static readonly Width[] Widths = { Width.Scalar, Width.Vector128, Width.Vector256, Width.Vector512 };

    /// <summary>The differentiable operands' parameter indices, or none.</summary>
    public static int[] Differentiable(FormulaSpec spec)
        => Enumerable.Range(0, spec.Parameters.Count).Where(i => spec.Parameters[i].Differentiable).ToArray();

    public static void EmitKernel(SourceWriter w, FormulaSpec spec, ElementType type, bool arithmetic, KernelModes modes, string generatedCode)
    {
        int[] extra = Differentiable(spec);
        if (extra.Length == 0)
        {
            return;
        }

        string name = Names.GradientsKernel(spec, type);
        string e = ExpressionLowering.Keyword(type);
        var ids = new Identifiers(spec);
        int[] operands = KernelEmitter.Operands(spec);
        int[] hyper = KernelEmitter.Indices(spec, ParameterKind.Hyperparameter);
        string input = ids.Private(operands[0]);
        string op = ids.OperatorField;

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Binds the operands of <see cref=\"" + Names.FormulaCref(spec) + "\"/> and the gradient outputs of its differentiable");
        w.Line("/// operands (" + string.Join(", ", extra.Select(i => spec.Parameters[i].Name)) + "): Gradient and LossAndGradient return d(loss)/d(input) to the driver and store the");
        w.Line("/// other gradients themselves, scaled for the reduction as the driver scales the input's.");
        w.Line("/// </summary>");
        w.Line(generatedCode);
        w.Open("private readonly ref struct " + name + modes.TypeParameters + " : IElementwiseKernel<" + e + ">" + modes.Constraint);
        w.Line("private readonly " + modes.Within(Names.Operator(spec, type)) + " " + op + ";");
        foreach (int o in operands)
        {
            w.Line("private readonly ref " + e + " " + ids.Field(o) + ";");
        }

        foreach (int g in extra)
        {
            w.Line("private readonly ref " + e + " " + ids.GradientField(g) + ";");
        }

        w.Line("private readonly " + e + " " + ids.ScaleField + ";");
        w.Line();
        w.Line("/// <summary>Validates the operands and hyperparameters and binds them with the gradient outputs (checked by ValidateDestinations).</summary>");
        var parameters = operands.Select(o => "ReadOnlySpan<" + e + "> " + ids.Private(o))
            .Concat(hyper.Select(h => e + " " + ids.Private(h)))
            .Concat(extra.Select(g => "Span<" + e + "> " + ids.Gradient(g)))
            .Append("Reduction reduction");
        w.Open("public " + name + "(" + string.Join(", ", parameters) + ")");
        KernelEmitter.EmitValidationCalls(w, spec, ids, modes.Within(Names.Kernel(spec, type)) + ".");
        w.Line(op + " = new " + modes.Within(Names.Operator(spec, type)) + "(" + string.Join(", ", hyper.Select(ids.Private)) + ");");
        foreach (int o in operands)
        {
            w.Line(ids.Field(o) + " = ref MemoryMarshal.GetReference(" + ids.Private(o) + ");");
        }

        foreach (int g in extra)
        {
            w.Line(ids.GradientField(g) + " = ref MemoryMarshal.GetReference(" + ids.Gradient(g) + ");");
        }

        w.Line(ids.ScaleField + " = reduction == Reduction.Mean ? 1" + (type == ElementType.Single ? "f" : "d") + " / " + input + ".Length : 1" + (type == ElementType.Single ? "f" : "d") + ";");
        w.Line("Length = " + input + ".Length;");
        w.Close();
        w.Line();
        w.Line("public int Length { get; }");
        KernelEmitter.EmitIsArithmetic(w, arithmetic);

        string[] fields = operands.Select(ids.Field).ToArray();
        foreach (string method in new[] { "Loss", "Hessian" })
        {
            foreach (Width width in Widths)
            {
                if (width == Width.Scalar)
                {
                    w.Line();
                }

                w.Line("public " + ExpressionLowering.TypeName(width, type) + " " + method + Suffix(width) + "(nuint i) => " + op + "." + method + "(" + Loads(fields, width) + ");");
            }
        }

        foreach (bool withLoss in new[] { false, true })
        {
            foreach (Width width in Widths)
            {
                string valueType = ExpressionLowering.TypeName(width, type);
                string outs = string.Join(string.Empty, extra.Select(g => ", out " + valueType + " " + ids.Gradient(g)));
                w.Line();
                if (withLoss)
                {
                    w.Open("public " + valueType + " LossAndGradient" + Suffix(width) + "(nuint i, out " + valueType + " " + Identifiers.GradientOut + ")");
                    w.Line(valueType + " loss = " + op + ".LossAndGradients(" + Loads(fields, width) + ", out " + Identifiers.GradientOut + outs + ");");
                }
                else
                {
                    w.Open("public " + valueType + " Gradient" + Suffix(width) + "(nuint i)");
                    w.Line(valueType + " " + Identifiers.GradientOut + " = " + op + ".Gradients(" + Loads(fields, width) + outs + ");");
                }

                foreach (int g in extra)
                {
                    w.Line(width == Width.Scalar
                        ? "Unsafe.Add(ref " + ids.GradientField(g) + ", i) = " + ids.Gradient(g) + " * " + ids.ScaleField + ";"
                        : "(" + ids.Gradient(g) + " * " + ExpressionLowering.VectorName(width) + ".Create(" + ids.ScaleField + ")).StoreUnsafe(ref " + ids.GradientField(g) + ", i);");
                }

                w.Line("return " + (withLoss ? "loss" : Identifiers.GradientOut) + ";");
                w.Close();
            }
        }

        // Every gradient output is checked like a destination, and no two of them may share memory.
        int[] outputs = new[] { operands[0] }.Concat(extra).ToArray();
        w.Line();
        w.Line("/// <summary>Throws unless every gradient output can take one value per element, overlaps no operand partially and shares no memory with another output.</summary>");
        w.Open("public static void ValidateDestinations(" + string.Join(", ", operands.Select(o => "ReadOnlySpan<" + e + "> " + ids.Private(o)).Concat(outputs.Select(g => "Span<" + e + "> " + ids.Gradient(g)))) + ")");
        string kernel = modes.Within(Names.Kernel(spec, type));
        string operandArguments = string.Join(", ", operands.Select(ids.Private));
        foreach (int g in outputs)
        {
            w.Line(kernel + ".ValidateDestination(" + operandArguments + ", " + ids.Gradient(g) + ", " + KernelEmitter.Quoted(Names.GradientParameter(spec.Parameters[g]).TrimStart('@')) + ");");
        }

        for (int a = 0; a < outputs.Length; a++)
        {
            for (int b = a + 1; b < outputs.Length; b++)
            {
                w.Line("OperandValidation.ValidateDistinctOutputs(" + Slice(ids.Gradient(outputs[a]), input) + ", " + Slice(ids.Gradient(outputs[b]), input) + ", "
                    + KernelEmitter.Quoted(Names.GradientParameter(spec.Parameters[outputs[b]]).TrimStart('@')) + ", " + KernelEmitter.Quoted(Names.GradientParameter(spec.Parameters[outputs[a]]).TrimStart('@')) + ");");
            }
        }

        w.Close();
        w.Close();
    }

    public static void EmitApi(SourceWriter w, FormulaSpec spec, ElementType type, KernelModes modes, string generatedCode)
    {
        int[] extra = Differentiable(spec);
        if (extra.Length == 0)
        {
            return;
        }

        string e = ExpressionLowering.Keyword(type);
        var ids = new Identifiers(spec);
        string kernel = Names.Nested(spec, Names.GradientsKernel(spec, type));
        string local = ids.KernelLocal;
        const string Driver = "global::FastLoss.Kernels.ElementwiseDriver";
        string cref = Names.FormulaCref(spec);
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] outputs = new[] { operands[0] }.Concat(extra.Select(i => spec.Parameters[i])).ToArray();
        bool allDefaults = hyper.Length > 0 && hyper.All(p => p.Default is not null);

        string operandList = string.Join(", ", operands.Select(p => "ReadOnlySpan<" + e + "> " + Names.Identifier(p.Name)));
        string operandNames = string.Join(", ", operands.Select(p => Names.Identifier(p.Name)));
        string hyperList = string.Concat(hyper.Select(p => ", " + e + " " + Names.Identifier(p.Name)));
        string hyperNames = string.Concat(hyper.Select(p => ", " + Names.Identifier(p.Name)));
        string outputList = string.Join(", ", outputs.Select(p => "Span<" + e + "> " + Names.GradientParameter(p)));
        string outputNames = string.Join(", ", outputs.Select(Names.GradientParameter));
        string extraNames = string.Join(", ", extra.Select(i => Names.GradientParameter(spec.Parameters[i])));
        string which = string.Join(", ", outputs.Select(p => "<paramref name=\"" + p.Name + "\"/>"));

        foreach (bool fused in new[] { false, true })
        {
            string method = spec.Name + (fused ? "WithGradients" : "Gradients");
            string returnType = fused ? e : "void";
            w.Line();
            w.Line("/// <summary>" + (fused
                ? "Computes the reduced <see cref=\"" + cref + "\"/> and writes its gradients with respect to " + which + ", all in one pass."
                : "Writes the gradients of the reduced <see cref=\"" + cref + "\"/> with respect to " + which + ", in one pass.") + "</summary>");
            foreach (ParameterSpec p in operands)
            {
                w.Line("/// <param name=\"" + p.Name + "\">" + (p.Kind == ParameterKind.Input ? "The input (predictions)." : "One <c>" + p.Name + "</c> per input element.") + "</param>");
            }

            foreach (ParameterSpec p in hyper)
            {
                w.Line("/// <param name=\"" + p.Name + "\">The hyperparameter <c>" + p.Name + "</c>" + (p.Default is double d ? " (default " + ExpressionLowering.Literal(d, type) + ")" : string.Empty) + ".</param>");
            }

            foreach (ParameterSpec p in outputs)
            {
                w.Line("/// <param name=\"" + Names.GradientParameter(p).TrimStart('@') + "\">Receives d(loss)/d(" + p.Name + "). At least as long as <paramref name=\"" + operands[0].Name + "\"/>; it may be exactly an operand span (in place), never another gradient's memory.</param>");
            }

            w.Line("/// <param name=\"reduction\">Mean (the mean of an empty input is NaN) or sum.</param>");
            if (fused)
            {
                w.Line("/// <returns>The reduced loss.</returns>");
            }

            w.Line("/// <exception cref=\"ArgumentException\">An operand's length differs from the input's or an element is outside its declared range, a gradient span is too short, partially overlaps an operand or overlaps another gradient span, or a hyperparameter is out of range.</exception>");
            w.Line(generatedCode);
            w.Open(spec.Accessibility + " static " + returnType + " " + method + "(" + operandList + hyperList + ", " + outputList + ", Reduction reduction = Reduction.Mean)");
            w.Line(modes.ForValidation(kernel) + ".ValidateDestinations(" + operandNames + ", " + outputNames + ");");
            modes.EmitBody(w, kernel, d => Names.Identifier(spec.Parameters[d].Name), k => new[]
            {
                "var " + local + " = new " + k + "(" + operandNames + hyperNames + ", " + extraNames + ", reduction);",
                fused
                    ? "return " + Driver + ".ReduceWithGradient<" + e + ", " + k + ">(ref " + local + ", " + Names.GradientParameter(operands[0]) + ", reduction);"
                    : Driver + ".MapGradient<" + e + ", " + k + ">(ref " + local + ", " + Names.GradientParameter(operands[0]) + ", reduction);",
            });
            w.Close();

            if (allDefaults)
            {
                string defaults = string.Concat(hyper.Select(p => ", " + ExpressionLowering.Literal(p.Default!.Value, type)));
                w.Line();
                w.Line("/// <inheritdoc cref=\"" + method + "(" + string.Join(", ", operands.Select(_ => "ReadOnlySpan{" + e + "}")) + string.Concat(hyper.Select(_ => ", " + e))
                    + string.Concat(outputs.Select(_ => ", Span{" + e + "}")) + ", Reduction)\"/>");
                w.Line(generatedCode);
                w.Line(spec.Accessibility + " static " + returnType + " " + method + "(" + operandList + ", " + outputList + ", Reduction reduction = Reduction.Mean)");
                w.Line("    => " + Names.Owner(spec) + "." + method + "(" + operandNames + defaults + ", " + outputNames + ", reduction);");
            }
        }
    }

    private static string Suffix(Width width) => width == Width.Scalar ? string.Empty : ((int)width).ToString(CultureInfo.InvariantCulture);

    private static string Loads(IEnumerable<string> fields, Width width)
        => string.Join(", ", fields.Select(f => width == Width.Scalar ? "Unsafe.Add(ref " + f + ", i)" : ExpressionLowering.VectorName(width) + ".LoadUnsafe(ref " + f + ", i)"));

    private static string Slice(string span, string input) => span + ".Slice(0, " + input + ".Length)";
}
