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

    public static void Emit(SourceWriter w, FormulaSpec spec, string generatedCode)
    {
        bool generic = spec.TypeParameter is not null;
        string t = generic ? "T" : ExpressionLowering.Keyword(spec.ElementTypes[0]);
        string className = Names.LossClass(spec);
        // Fully qualified: inside NameLoss a member named like the owner (e.g. FastLoss.Loss vs method Loss) would shadow it.
        string owner = "global::" + string.Join(".", new[] { spec.Namespace }.Where(n => n.Length > 0).Concat(spec.ContainingTypes.Select(c => c.Name)));
        ParameterSpec[] operands = spec.Parameters.Where(p => p.Kind != ParameterKind.Hyperparameter).ToArray();
        ParameterSpec[] hyper = spec.Parameters.Where(p => p.Kind == ParameterKind.Hyperparameter).ToArray();
        bool isLoss = operands.Length == 2;
        string operandList = string.Join(", ", operands.Select(p => "ReadOnlySpan<" + t + "> " + Names.Identifier(p.Name)));

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// <see cref=\"" + Names.FormulaCref(spec) + "\"/> as an object with its hyperparameters fixed" + (isLoss ? ", for code that takes an <see cref=\"ILoss{T}\"/>." : "."));
        w.Line("/// Instances are immutable and safe to share between threads.");
        w.Line("/// </summary>");
        if (generic)
        {
            w.Line("/// <typeparam name=\"T\">The element type: float or double.</typeparam>");
        }

        w.Line(generatedCode);
        string header = spec.Accessibility + " sealed class " + className + (generic ? "<T>" : string.Empty) + (isLoss ? " : ILoss<" + t + ">" : string.Empty);
        w.Line(header);
        if (generic)
        {
            w.Line("    where T : unmanaged, IFloatingPointIeee754<T>");
        }

        w.Line("{");
        using (new Indent(w))
        {
            EmitConstructors(w, spec, className, t, hyper, generic);
            foreach (ParameterSpec p in hyper)
            {
                w.Line();
                w.Line("/// <summary>Gets the hyperparameter <c>" + p.Name + "</c>.</summary>");
                w.Line("public " + t + " " + Names.Property(p.Name) + " { get; }");
            }

            var methods = new List<(string Name, string Formula, string Summary, string Tail, string Forward, string ReturnType)>
            {
                ("Loss", spec.Name, "Computes the reduced loss.", ", Reduction reduction = Reduction.Mean", "reduction", t),
                ("Loss", spec.Name, "Writes the per-element losses.", ", Span<" + t + "> destination", "destination", "void"),
                ("Gradient", spec.Name + "Gradient", "Writes the gradient of the reduced loss with respect to the input.", ", Span<" + t + "> inputGradient, Reduction reduction = Reduction.Mean", "inputGradient, reduction", "void"),
                ("LossWithGradient", spec.Name + "WithGradient", "Computes the reduced loss and writes its gradient in one pass.", ", Span<" + t + "> inputGradient, Reduction reduction = Reduction.Mean", "inputGradient, reduction", t),
                ("Hessian", spec.Name + "Hessian", "Writes the Hessian diagonal of the reduced loss with respect to the input.", ", Span<" + t + "> inputHessian, Reduction reduction = Reduction.Mean", "inputHessian, reduction", "void"),
            };

            foreach (var m in methods)
            {
                w.Line();
                w.Line(isLoss ? "/// <inheritdoc/>" : "/// <summary>" + m.Summary + "</summary>");
                if (!generic)
                {
                    string arguments = string.Join(", ", operands.Select(p => Names.Identifier(p.Name)).Concat(hyper.Select(p => Names.Property(p.Name)))) + ", " + m.Forward;
                    w.Line("public " + m.ReturnType + " " + m.Name + "(" + operandList + m.Tail + ")");
                    w.Line("    => " + owner + "." + m.Formula + "(" + arguments + ");");
                    continue;
                }

                w.Open("public " + m.ReturnType + " " + m.Name + "(" + operandList + m.Tail + ")");
                foreach (string e in new[] { "float", "double" })
                {
                    string Cast(string name, bool writable) => "MemoryMarshal.Cast<T, " + e + ">(" + name + ")";
                    var arguments = operands.Select(p => Cast(Names.Identifier(p.Name), false))
                        .Concat(hyper.Select(p => e + ".CreateTruncating(" + Names.Property(p.Name) + ")"))
                        .Concat(m.Forward.Split(ArgumentSeparator, System.StringSplitOptions.None).Select(a => a == "reduction" ? a : Cast(a, true)));
                    string call = owner + "." + m.Formula + "(" + string.Join(", ", arguments) + ")";
                    string statement = m.ReturnType == "void" ? call + ";" : "return T.CreateTruncating(" + call + ");";
                    if (e == "float")
                    {
                        w.Open("if (typeof(T) == typeof(float))");
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

    private static void EmitConstructors(SourceWriter w, FormulaSpec spec, string className, string t, ParameterSpec[] hyper, bool generic)
    {
        if (hyper.Length == 0)
        {
            if (generic)
            {
                w.Line("/// <summary>Creates the loss.</summary>");
                w.Line("/// <exception cref=\"NotSupportedException\"><typeparamref name=\"T\"/> is neither float nor double.</exception>");
                w.Open("public " + className + "()");
                w.Line("ThrowIfUnsupported();");
                w.Close();
                EmitThrowIfUnsupported(w);
            }

            return;
        }

        bool allDefaults = hyper.All(p => p.Default is not null);
        ElementType type = t == "double" ? ElementType.Double : ElementType.Single;
        w.Line("/// <summary>Creates the loss with its hyperparameters.</summary>");
        foreach (ParameterSpec p in hyper)
        {
            w.Line("/// <param name=\"" + p.Name + "\">The hyperparameter <c>" + p.Name + "</c>.</param>");
        }

        w.Line("/// <exception cref=\"ArgumentOutOfRangeException\">A hyperparameter is NaN or out of its range.</exception>");
        string parameters = string.Join(", ", hyper.Select((p, i) => t + " " + Names.Identifier(p.Name)
            + (!generic && hyper.Skip(i).All(h => h.Default is not null) ? " = " + ExpressionLowering.Literal(p.Default!.Value, type) : string.Empty)));
        w.Open("public " + className + "(" + parameters + ")");
        string names = string.Join(", ", hyper.Select(p => Names.Identifier(p.Name)));
        if (generic)
        {
            w.Line("ThrowIfUnsupported();");
            w.Open("if (typeof(T) == typeof(float))");
            w.Line(Names.Kernel(spec, ElementType.Single) + ".ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => "float.CreateTruncating(" + Names.Identifier(p.Name) + ")")) + ");");
            w.Close();
            w.Open("else");
            w.Line(Names.Kernel(spec, ElementType.Double) + ".ValidateHyperparameters(" + string.Join(", ", hyper.Select(p => "double.CreateTruncating(" + Names.Identifier(p.Name) + ")")) + ");");
            w.Close();
            w.Line();
        }
        else
        {
            w.Line(Names.Kernel(spec, spec.ElementTypes[0]) + ".ValidateHyperparameters(" + names + ");");
        }

        foreach (ParameterSpec p in hyper)
        {
            // "this." only where the property and the parameter are spelled alike (a name that starts with '_').
            string property = Names.Property(p.Name) == Names.Identifier(p.Name) ? "this." + Names.Property(p.Name) : Names.Property(p.Name);
            w.Line(property + " = " + Names.Identifier(p.Name) + ";");
        }

        w.Close();

        if (generic && allDefaults)
        {
            w.Line();
            w.Line("/// <summary>Creates the loss with the default hyperparameters.</summary>");
            w.Line("/// <exception cref=\"NotSupportedException\"><typeparamref name=\"T\"/> is neither float nor double.</exception>");
            w.Line("public " + className + "()");
            w.Line("    : this(" + string.Join(", ", hyper.Select(p => "T.CreateTruncating(" + ExpressionLowering.Literal(p.Default!.Value, ElementType.Double) + ")")) + ")");
            w.Line("{");
            w.Line("}");
        }

        if (generic)
        {
            EmitThrowIfUnsupported(w);
        }
    }

    private static void EmitThrowIfUnsupported(SourceWriter w)
    {
        w.Line();
        w.Open("private static void ThrowIfUnsupported()");
        w.Open("if (typeof(T) != typeof(float) && typeof(T) != typeof(double))");
        w.Line("throw new NotSupportedException(\"Only float and double are supported, not \" + typeof(T).Name + \".\");");
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
