using System;
using System.Collections.Generic;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Emits the public span API of one formula and element type: the reduced loss, the per-element loss, the gradient,
/// the fused loss and gradient, and the Hessian diagonal — each a thin method that validates, binds a kernel and
/// calls the driver.
/// </summary>
internal static partial class ApiEmitter
{
    public static void Emit(SourceWriter w, FormulaSpec spec, ElementType type, KernelModes modes, string generatedCode)
    {
        string e = ExpressionLowering.Keyword(type);

        // The user's parameter names are in scope here: everything else is qualified, and the local avoids them.
        var ids = new Identifiers(spec);
        string kernel = Names.Nested(spec, Names.Kernel(spec, type));
        string local = ids.KernelLocal;
        const string Driver = "global::FastLoss.Kernels.ElementwiseDriver";
        string access = spec.Accessibility;
        string cref = Names.FormulaCref(spec);
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();
        bool allDefaults = hyper.Length > 0 && hyper.All(p => p.Default is not null);

        string operandList = string.Join(", ", operands.Select(p => "ReadOnlySpan<" + e + "> " + Names.Identifier(p.Name)));
        string operandNames = string.Join(", ", operands.Select(p => Names.Identifier(p.Name)));
        string hyperNames = string.Join(", ", hyper.Select(p => Names.Identifier(p.Name)));
        string kernelArguments = hyper.Length == 0 ? operandNames : operandNames + ", " + hyperNames;
        string defaultValues = string.Join(", ", hyper.Select(p => ExpressionLowering.Literal(p.Default ?? 0, type)));

        string HyperList(bool withDefaults) => string.Join(string.Empty, hyper.Select((p, i) =>
            ", " + e + " " + Names.Identifier(p.Name) + (withDefaults && hyper.Skip(i).All(h => h.Default is not null) ? " = " + ExpressionLowering.Literal(p.Default!.Value, type) : string.Empty)));

        void Docs(string summary, string? destination, string? destinationText, bool reduction, string? returns)
        {
            w.Line("/// <summary>" + summary + "</summary>");
            foreach (ParameterSpec p in operands)
            {
                w.Line("/// <param name=\"" + p.Name + "\">" + (p.Kind == ParameterKind.Input ? "The input (predictions); gradients are taken with respect to it." : "One <c>" + p.Name + "</c> per input element.") + "</param>");
            }

            foreach (ParameterSpec p in hyper)
            {
                w.Line("/// <param name=\"" + p.Name + "\">The hyperparameter <c>" + p.Name + "</c>" + (p.Default is double d ? " (default " + ExpressionLowering.Literal(d, type) + ")" : string.Empty) + ".</param>");
            }

            if (destination is not null)
            {
                w.Line("/// <param name=\"" + destination + "\">" + destinationText + " At least as long as <paramref name=\"" + operands[0].Name + "\"/>; it may be exactly an input span (in place).</param>");
            }

            if (reduction)
            {
                w.Line("/// <param name=\"reduction\">Mean (the mean of an empty input is NaN) or sum.</param>");
            }

            if (returns is not null)
            {
                w.Line("/// <returns>" + returns + "</returns>");
            }

            w.Line("/// <exception cref=\"ArgumentException\">An operand's length differs from the input's, the destination is too short or partially overlaps an operand, or a hyperparameter is out of range.</exception>");
            w.Line(generatedCode);
        }

        // Reduced loss.
        w.Line();
        Docs("The mean or sum of <see cref=\"" + cref + "\"/> over the elements.", null, null, reduction: true, "The reduced loss.");
        w.Open(access + " static " + e + " " + spec.Name + "(" + operandList + HyperList(withDefaults: true) + ", Reduction reduction = Reduction.Mean)");
        string HyperparameterName(int d) => Names.Identifier(spec.Parameters[d].Name);
        modes.EmitBody(w, kernel, HyperparameterName, k => new[]
        {
            "var " + local + " = new " + k + "(" + kernelArguments + ");",
            "return " + Driver + ".Reduce<" + e + ", " + k + ">(ref " + local + ", reduction);",
        });
        w.Close();

        var variants = new List<(string Method, string Summary, string Destination, string DestinationText, bool Reduction, string ReturnType, Func<string, string> Body)>
        {
            (spec.Name, "Writes <see cref=\"" + cref + "\"/> of each element (PyTorch's <c>reduction='none'</c>).", "destination", "Receives one loss per element.", false, "void",
                k => Driver + ".MapLoss<" + e + ", " + k + ">(ref " + local + ", destination);"),
            (spec.Name + "Gradient", "Writes the gradient of the reduced <see cref=\"" + cref + "\"/> with respect to the input (for per-element losses, use the gradient of the sum).", "inputGradient", "Receives d(loss)/d(input).", true, "void",
                k => Driver + ".MapGradient<" + e + ", " + k + ">(ref " + local + ", inputGradient, reduction);"),
            (spec.Name + "WithGradient", "Computes the reduced <see cref=\"" + cref + "\"/> and writes its gradient with respect to the input, in one pass.", "inputGradient", "Receives d(loss)/d(input).", true, e,
                k => "return " + Driver + ".ReduceWithGradient<" + e + ", " + k + ">(ref " + local + ", inputGradient, reduction);"),
            (spec.Name + "Hessian", "Writes the diagonal of the Hessian of the reduced <see cref=\"" + cref + "\"/> with respect to the input (what Newton-style optimisers and gradient-boosting objectives need).", "inputHessian", "Receives d²(loss)/d(input)².", true, "void",
                k => Driver + ".MapHessian<" + e + ", " + k + ">(ref " + local + ", inputHessian, reduction);"),
        };

        foreach (var v in variants)
        {
            string tail = ", Span<" + e + "> " + v.Destination + (v.Reduction ? ", Reduction reduction = Reduction.Mean" : string.Empty);
            w.Line();
            Docs(v.Summary, v.Destination, v.DestinationText, v.Reduction, v.ReturnType == "void" ? null : "The reduced loss.");
            w.Open(access + " static " + v.ReturnType + " " + v.Method + "(" + operandList + HyperList(withDefaults: false) + tail + ")");
            w.Line(modes.ForValidation(kernel) + ".ValidateDestination(" + operandNames + ", " + v.Destination + ", \"" + v.Destination + "\");");
            modes.EmitBody(w, kernel, HyperparameterName, k => new[] { "var " + local + " = new " + k + "(" + kernelArguments + ");", v.Body(k) });
            w.Close();

            if (allDefaults)
            {
                // Hyperparameters precede the destination, so their defaults need an overload of their own.
                w.Line();
                w.Line("/// <inheritdoc cref=\"" + v.Method + "(" + string.Join(", ", operands.Select(_ => "ReadOnlySpan{" + e + "}")) + string.Concat(hyper.Select(_ => ", " + e)) + ", Span{" + e + "}" + (v.Reduction ? ", Reduction" : string.Empty) + ")\"/>");
                w.Line(generatedCode);
                string call = Names.Owner(spec) + "." + v.Method + "(" + operandNames + ", " + defaultValues + ", " + v.Destination + (v.Reduction ? ", reduction" : string.Empty) + ")";
                w.Line(access + " static " + v.ReturnType + " " + v.Method + "(" + operandList + tail + ")");
                w.Line("    => " + call + ";");
            }
        }

        EmitOptionsOverloads(w, spec, e, operands, hyper, generatedCode);
    }
}
