using System.Linq;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Emit;

internal static partial class ApiEmitter
{
    /// <summary>
    /// The reduced loss, the gradient and the fused pass once more with a trailing <c>LossOptions options</c>: each
    /// makes the options current for the call and forwards to the overload without them, so validation and kernels
    /// are not emitted twice. The result does not depend on the options (only the threads used do).
    /// </summary>
    private static void EmitOptionsOverloads(SourceWriter w, FormulaSpec spec, string e, ParameterSpec[] operands, ParameterSpec[] hyper, string generatedCode)
    {
        string operandList = string.Join(", ", operands.Select(p => "ReadOnlySpan<" + e + "> " + Names.Identifier(p.Name)))
            + string.Concat(hyper.Select(p => ", " + e + " " + Names.Identifier(p.Name)));
        string arguments = string.Join(", ", operands.Concat(hyper).Select(p => Names.Identifier(p.Name)));
        string crefList = string.Join(", ", operands.Select(_ => "ReadOnlySpan{" + e + "}")) + string.Concat(hyper.Select(_ => ", " + e));

        foreach ((string method, string? destination, string returnType) in new[]
        {
            (spec.Name, (string?)null, e),
            (spec.Name + "Gradient", "inputGradient", "void"),
            (spec.Name + "WithGradient", "inputGradient", e),
        })
        {
            string span = destination is null ? string.Empty : ", Span<" + e + "> " + destination;
            w.Line();
            w.Line("/// <inheritdoc cref=\"" + method + "(" + crefList + (destination is null ? string.Empty : ", Span{" + e + "}") + ", Reduction)\"/>");
            w.Line("/// <remarks><paramref name=\"options\"/> (not null) sets the threads the call may use; the result does not depend on them.</remarks>");
            w.Line(generatedCode);
            w.Open(spec.Accessibility + " static " + returnType + " " + method + "(" + operandList + span + ", Reduction reduction, global::FastLoss.LossOptions options)");
            w.Open("using (global::FastLoss.LossOptions.Use(options))");
            string call = Names.Owner(spec) + "." + method + "(" + arguments + (destination is null ? string.Empty : ", " + destination) + ", reduction);";
            w.Line((returnType == "void" ? string.Empty : "return ") + call);
            w.Close();
            w.Close();
        }
    }
}
