using System.Linq;
using FastLoss.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Emit;

/// <summary>The names of generated members and types for one formula and element type.</summary>
internal static class Names
{
    public static string Operator(FormulaSpec spec, ElementType type) => spec.Name + Qualifier(spec, type) + "Operator";

    public static string Kernel(FormulaSpec spec, ElementType type) => spec.Name + Qualifier(spec, type) + "Kernel";

    public static string GradientsKernel(FormulaSpec spec, ElementType type) => spec.Name + Qualifier(spec, type) + "GradientsKernel";

    /// <summary>The name of a differentiable operand's gradient span in the public API (the input's: <c>inputGradient</c>).</summary>
    public static string GradientParameter(ParameterSpec parameter)
        => parameter.Kind == ParameterKind.Input ? "inputGradient" : Identifier(parameter.Name + "Gradient");

    public static string LossClass(FormulaSpec spec) => spec.Name + "Loss";

    /// <summary>A generic formula gets one operator per element type; a non-generic one needs no qualifier.</summary>
    private static string Qualifier(FormulaSpec spec, ElementType type) => spec.TypeParameter is null ? string.Empty : type.ToString();

    /// <summary>A parameter name usable as an identifier (keywords get an @).</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A hyperparameter's property in the loss class: the name with its first letter upper-cased (unescaped).</summary>
    public static string Property(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The fully qualified name of the formula's containing type, e.g. <c>global::Samples.Losses</c>.</summary>
    public static string Owner(FormulaSpec spec)
        => "global::" + string.Join(".", new[] { spec.Namespace }.Where(n => n.Length > 0).Concat(spec.ContainingTypes.Select(c => c.Name)));

    /// <summary>A type nested in the formula's containing type, fully qualified.</summary>
    public static string Nested(FormulaSpec spec, string typeName) => Owner(spec) + "." + typeName;

    /// <summary>The cref of the user's formula method, e.g. <c>Huber(float, float, float)</c> or <c>Mse{T}(T, T)</c>.</summary>
    public static string FormulaCref(FormulaSpec spec)
    {
        string element = spec.TypeParameter ?? ExpressionLowering.Keyword(spec.ElementTypes[0]);
        string generic = spec.TypeParameter is null ? string.Empty : "{" + spec.TypeParameter + "}";
        return spec.Name + generic + "(" + string.Join(", ", spec.Parameters.Select(_ => element)) + ")";
    }
}
