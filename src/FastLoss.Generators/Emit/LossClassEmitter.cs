using System.Collections.Generic;
using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

/// <summary>
/// Emits the object form of a formula: <c>sealed class NameLoss</c> with the hyperparameters as constructor arguments
/// and properties. A formula of exactly (input, target) implements <c>ILoss&lt;T&gt;</c>, which training loops take; a
/// generic formula gets <c>NameLoss&lt;T&gt;</c> for float and double.
/// </summary>
internal static class LossClassEmitter
{
    private static readonly string[] ArgumentSeparator = { ", " };

    /// <summary>Qualified: a hyperparameter may be named Reduction, and its property would shadow the enum.</summary>
    private const string DefaultReduction = "global::FastLoss.Reduction.Mean";

    public static void Emit(SourceWriter w, FormulaSpec spec, KernelModes modes, string generatedCode)
    {
        bool generic = spec.TypeParameter is not null;
        var ids = new Identifiers(spec);
        string t = generic ? ids.LossTypeParameter : ExpressionLowering.Keyword(spec.ElementTypes[0]);
        string className = Names.LossClass(spec);
        // Fully qualified: inside NameLoss a member named like the owner (e.g. FastLoss.Loss vs method Loss) would shadow
        // it, and so would a parameter; properties are read through "this." for the same reason.
        string owner = Names.Owner(spec);
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();
        bool isLoss = operands.Length == 2;
        string operandList = string.Join(", ", operands.Select(p => "ReadOnlySpan<" + t + "> " + Names.Identifier(p.Name)));

        w.Line();
        w.Line("/// <summary>");
        // Qualified: a property named like the formula would capture the cref.
        w.Line("/// <see cref=\"" + owner + "." + Names.FormulaCref(spec) + "\"/> as an object with its hyperparameters fixed" + (isLoss ? ", for code that takes an <see cref=\"ILoss{T}\"/>." : "."));
        w.Line("/// Instances are immutable and safe to share between threads.");
        w.Line("/// </summary>");
        if (generic)
        {
            w.Line("/// <typeparam name=\"" + t + "\">The element type: float or double.</typeparam>");
        }

        w.Line(generatedCode);
        string header = spec.Accessibility + " sealed class " + className + (generic ? "<" + t + ">" : string.Empty) + (isLoss ? " : ILoss<" + t + ">" : string.Empty);
        w.Line(header);
        if (generic)
        {
            w.Line("    where " + t + " : unmanaged, IFloatingPointIeee754<" + t + ">");
        }

        w.Line("{");
        using (new Indent(w))
        {
            EmitConstructors(w, spec, modes, className, t, hyper, generic);
            foreach (ParameterSpec p in hyper)
            {
                w.Line();
                w.Line("/// <summary>Gets the hyperparameter <c>" + p.Name + "</c>.</summary>");
                w.Line("public " + t + " " + Names.Identifier(Names.Property(p.Name)) + " { get; }");
            }

            var methods = new List<(string Name, string Formula, string Summary, string Tail, string Forward, string ReturnType)>
            {
                ("Loss", spec.Name, "Computes the reduced loss.", ", Reduction reduction = " + DefaultReduction, "reduction", t),
                ("Loss", spec.Name, "Writes the per-element losses.", ", Span<" + t + "> destination", "destination", "void"),
                ("Gradient", spec.Name + "Gradient", "Writes the gradient of the reduced loss with respect to the input.", ", Span<" + t + "> inputGradient, Reduction reduction = " + DefaultReduction, "inputGradient, reduction", "void"),
                ("LossWithGradient", spec.Name + "WithGradient", "Computes the reduced loss and writes its gradient in one pass.", ", Span<" + t + "> inputGradient, Reduction reduction = " + DefaultReduction, "inputGradient, reduction", t),
                ("Hessian", spec.Name + "Hessian", "Writes the Hessian diagonal of the reduced loss with respect to the input.", ", Span<" + t + "> inputHessian, Reduction reduction = " + DefaultReduction, "inputHessian, reduction", "void"),
            };

            foreach (var m in methods)
            {
                w.Line();
                w.Line(isLoss ? "/// <inheritdoc/>" : "/// <summary>" + m.Summary + "</summary>");
                if (!generic)
                {
                    string arguments = string.Join(", ", operands.Select(p => Names.Identifier(p.Name)).Concat(hyper.Select(PropertyAccess))) + ", " + m.Forward;
                    w.Line("public " + m.ReturnType + " " + m.Name + "(" + operandList + m.Tail + ")");
                    w.Line("    => " + owner + "." + m.Formula + "(" + arguments + ");");
                    continue;
                }

                w.Open("public " + m.ReturnType + " " + m.Name + "(" + operandList + m.Tail + ")");
                foreach (string e in new[] { "float", "double" })
                {
                    string Cast(string name, bool writable) => "global::System.Runtime.InteropServices.MemoryMarshal.Cast<" + t + ", " + e + ">(" + name + ")";
                    var arguments = operands.Select(p => Cast(Names.Identifier(p.Name), false))
                        .Concat(hyper.Select(p => e + ".CreateTruncating(" + PropertyAccess(p) + ")"))
                        .Concat(m.Forward.Split(ArgumentSeparator, System.StringSplitOptions.None).Select(a => a == "reduction" ? a : Cast(a, true)));
                    string call = owner + "." + m.Formula + "(" + string.Join(", ", arguments) + ")";
                    string statement = m.ReturnType == "void" ? call + ";" : "return " + t + ".CreateTruncating(" + call + ");";
                    if (e == "float")
                    {
                        w.Open("if (typeof(" + t + ") == typeof(float))");
                        w.Line(statement);
                        if (m.ReturnType == "void")
                        {
                            w.Line("return;");
                        }

                        w.Close();
                        w.Line();
                    }
                    else
                    {
                        w.Line(statement);
                    }
                }

                w.Close();
            }
        }

        w.Line("}");
    }

    /// <param name="w">The writer.</param>
    /// <param name="spec">The formula.</param>
    /// <param name="className">The loss class's name.</param>
    /// <param name="t">The element type: the class's type parameter for a generic formula, else float or double.</param>
    /// <param name="hyper">The hyperparameters.</param>
    /// <param name="generic">Whether the formula (and so the class) is generic.</param>
    private static void EmitConstructors(SourceWriter w, FormulaSpec spec, KernelModes modes, string className, string t, ParameterSpec[] hyper, bool generic)
    {
        if (hyper.Length == 0)
        {
            if (generic)
            {
                w.Line("/// <summary>Creates the loss.</summary>");
                w.Line("/// <exception cref=\"NotSupportedException\"><typeparamref name=\"" + t + "\"/> is neither float nor double.</exception>");
                w.Open("public " + className + "()");
                w.Line("ThrowIfUnsupported();");
                w.Close();
                EmitThrowIfUnsupported(w, t);
            }

            return;
        }

        bool allDefaults = hyper.All(p => p.Default is not null);
        w.Line("/// <summary>Creates the loss with its hyperparameters.</summary>");
        foreach (ParameterSpec p in hyper)
        {
            w.Line("/// <param name=\"" + p.Name + "\">The hyperparameter <c>" + p.Name + "</c>.</param>");
        }

        w.Line("/// <exception cref=\"ArgumentOutOfRangeException\">A hyperparameter is NaN or out of its range.</exception>");
        string parameters = string.Join(", ", hyper.Select((p, i) => t + " " + Names.Identifier(p.Name)
            + (!generic && hyper.Skip(i).All(h => h.Default is not null) ? " = " + ExpressionLowering.Literal(p.Default!.Value, spec.ElementTypes[0]) : string.Empty)));
        w.Open("public " + className + "(" + parameters + ")");
        if (generic)
        {
            w.Line("ThrowIfUnsupported();");
            w.Open("if (typeof(" + t + ") == typeof(float))");
            w.Line(modes.ForValidation(Names.Nested(spec, Names.Kernel(spec, ElementType.Single))) + ".ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => "float.CreateTruncating(" + Names.Identifier(p.Name) + ")")) + ");");
            w.Close();
            w.Open("else");
            w.Line(modes.ForValidation(Names.Nested(spec, Names.Kernel(spec, ElementType.Double))) + ".ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => "double.CreateTruncating(" + Names.Identifier(p.Name) + ")")) + ");");
            w.Close();
            w.Line();
        }
        else
        {
            w.Line(modes.ForValidation(Names.Nested(spec, Names.Kernel(spec, spec.ElementTypes[0]))) + ".ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => Names.Identifier(p.Name))) + ");");
        }

        foreach (ParameterSpec p in hyper)
        {
            w.Line(PropertyAccess(p) + " = " + Names.Identifier(p.Name) + ";");
        }

        w.Close();

        if (generic && allDefaults)
        {
            w.Line();
            w.Line("/// <summary>Creates the loss with the default hyperparameters.</summary>");
            w.Line("/// <exception cref=\"NotSupportedException\"><typeparamref name=\"" + t + "\"/> is neither float nor double.</exception>");
            w.Line("public " + className + "()");
            w.Line("    : this(" + string.Join(", ", hyper.Select(p => t + ".CreateTruncating(" + ExpressionLowering.Literal(p.Default!.Value, ElementType.Double) + ")")) + ")");
            w.Line("{");
            w.Line("}");
        }

        if (generic)
        {
            EmitThrowIfUnsupported(w, t);
        }
    }

    /// <summary>A hyperparameter's property, read or written through <c>this.</c> (a parameter may have its name).</summary>
    private static string PropertyAccess(ParameterSpec p) => "this." + Names.Identifier(Names.Property(p.Name));

    private static void EmitThrowIfUnsupported(SourceWriter w, string t)
    {
        w.Line();
        w.Open("private static void ThrowIfUnsupported()");
        w.Open("if (typeof(" + t + ") != typeof(float) && typeof(" + t + ") != typeof(double))");
        w.Line("throw new NotSupportedException(\"Only float and double are supported, not \" + typeof(" + t + ").Name + \".\");");
        w.Close();
        w.Close();
    }

    private readonly struct Indent : System.IDisposable
    {
        private readonly SourceWriter _writer;

        public Indent(SourceWriter writer)
        {
            _writer = writer;
            _writer.Push();
        }

        public void Dispose() => _writer.Pop();
    }
}
