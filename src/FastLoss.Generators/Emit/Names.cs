using System.Linq;
using FastLoss.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Emit;

/// <summary>The names of generated members and types for one formula and element type.</summary>
internal static class Names
{
    public static string Operator(FormulaSpec spec, ElementType type) => spec.Name + Qualifier(spec, type) + "Operator";

    public static string Kernel(FormulaSpec spec, ElementType type) => spec.Name + Qualifier(spec, type) + "Kernel";

    public static string LossClass(FormulaSpec spec) => spec.Name + "Loss";

    /// <summary>A generic formula gets one operator per element type; a non-generic one needs no qualifier.</summary>
    private static string Qualifier(FormulaSpec spec, ElementType type) => spec.TypeParameter is null ? string.Empty : type.ToString();

    /// <summary>A parameter name usable as an identifier (keywords get an @).</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    public static string Field(string name) => "_" + name;

    /// <summary>The kernel's operator field: "_operator", unless a parameter or a parameter's field has that name.</summary>
    public static string OperatorField(FormulaSpec spec)
    {
        string name = "_operator";
        while (spec.Parameters.Any(p => p.Name == name || Field(p.Name) == name))
        {
            name = "_" + name;
        }

        return name;
    }

    public static string Property(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>The cref of the user's formula method, e.g. <c>Huber(float, float, float)</c> or <c>Mse{T}(T, T)</c>.</summary>
    public static string FormulaCref(FormulaSpec spec)
    {
        string element = spec.TypeParameter ?? ExpressionLowering.Keyword(spec.ElementTypes[0]);
        string generic = spec.TypeParameter is null ? string.Empty : "{" + spec.TypeParameter + "}";
        return spec.Name + generic + "(" + string.Join(", ", spec.Parameters.Select(_ => element)) + ")";
    }

    /// <summary>A prefix for temporaries that no parameter name starts with.</summary>
    public static string TemporaryPrefix(FormulaSpec spec)
    {
        string prefix = "t";
        // Operands are parameters of the operator's methods; hyperparameters are its fields.
        while (spec.Parameters.Any(p => IsTemporary(p.Kind == ParameterKind.Hyperparameter ? Field(p.Name) : p.Name, prefix)
            || IsTemporary(p.Name, prefix)))
        {
            prefix = "_" + prefix;
        }

        return prefix;
    }

    private static bool IsTemporary(string name, string prefix)
        => name.Length > prefix.Length && name.StartsWith(prefix, System.StringComparison.Ordinal) && name.Substring(prefix.Length).All(char.IsDigit);
}
