using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FastLoss.Generators;

/// <summary>Every diagnostic the generator reports, in one table (tracked in AnalyzerReleases.*.md).</summary>
internal static class Diagnostics
{
    private const string Category = "FastLoss.Generator";

    public static readonly DiagnosticDescriptor ContainingTypeNotStaticPartial = Error("FL0001",
        "Loss formula must be in a static partial class",
        "'{0}' must be declared in a static partial class (and every containing type must be partial) so FastLoss can add the generated kernels to it");

    public static readonly DiagnosticDescriptor UnsupportedSyntax = Error("FL0002",
        "Unsupported syntax in a loss formula",
        "{0} is not supported in a loss formula: use an expression body, or local declarations followed by one return, made of + - * /, comparisons with ?: and supported math calls");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error("FL0003",
        "Unsupported call in a loss formula",
        "'{0}' cannot be lowered to vector code: call Math, MathF, float, double, T or LossMath functions ({1}), or a static method of yours with a supported body");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error("FL0004",
        "Unsupported element type",
        "'{0}' has type '{1}': loss formulas compute in float, double, or a type parameter T constrained to IFloatingPointIeee754<T>");

    public static readonly DiagnosticDescriptor MixedElementTypes = Error("FL0005",
        "Mixed element types in a loss formula",
        "{0} mixes '{1}' with '{2}': every parameter, the result and every intermediate value must have the same element type");

    public static readonly DiagnosticDescriptor Recursion = Error("FL0006",
        "Recursive loss formula",
        "'{0}' calls itself (directly or through '{1}'): a formula must be a finite expression");

    public static readonly DiagnosticDescriptor Assignment = Error("FL0007",
        "Assignment in a loss formula",
        "'{0}' is assigned: a formula may declare locals once but not assign parameters or locals afterwards");

    public static readonly DiagnosticDescriptor NoInput = Error("FL0008",
        "Loss formula has no input",
        "'{0}' needs a first parameter that is the input (the prediction); it must not be a [Hyperparameter]");

    public static readonly DiagnosticDescriptor InvalidGradientOverride = Error("FL0009",
        "Invalid gradient method",
        "Gradient method '{0}' of '{1}' {2}: it must be a static method of the same class with the formula's parameter types and return type");

    public static readonly DiagnosticDescriptor DuplicateFormulaName = Error("FL0010",
        "Loss formula name used twice",
        "Another loss formula in this type is also named '{0}': overloads would generate colliding members; use one generic formula for float and double, or another name");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error("FL0011",
        "Unsupported parameter modifier",
        "Parameter '{0}' is declared '{1}': loss formula parameters are plain values");

    public static readonly DiagnosticDescriptor NotStatic = Error("FL0012",
        "Loss formula must be static",
        "'{0}' must be a static method with a body");

    public static readonly DiagnosticDescriptor LiteralOutOfRange = Warning("FL0013",
        "Literal out of range for the element type",
        "Literal {0} is not finite as '{1}': the kernels will use {2}");

    public static readonly DiagnosticDescriptor UnsupportedTypeParameters = Error("FL0014",
        "Unsupported generic formula",
        "'{0}' must have at most one type parameter T constrained to IFloatingPointIeee754<T> (or a type implementing it)");

    public static readonly DiagnosticDescriptor FormulaTooLarge = Error("FL0015",
        "Loss formula too large",
        "'{0}' expands to more than {1} operations after inlining locals and helper methods; split it or simplify it");

    public static readonly DiagnosticDescriptor ReservedParameterName = Error("FL0016",
        "Parameter name used by the generated API",
        "Parameter '{0}' collides with {1}; rename it");

    public static readonly DiagnosticDescriptor OperandAttributeMisplaced = Error("FL0017",
        "Operand attribute on a parameter that is not an operand",
        "[{0}] cannot be applied to '{1}', {2}");

    public static readonly DiagnosticDescriptor InvalidOperandRange = Error("FL0018",
        "Invalid operand range",
        "The [Operand] range of '{0}' {1}: it needs bounds that are not NaN, Minimum <= Maximum, and at least one accepted value");

    /// <summary>All descriptors, for lookup by id when diagnostics are reported.</summary>
    public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
    {
        ContainingTypeNotStaticPartial, UnsupportedSyntax, UnsupportedCall, UnsupportedElementType, MixedElementTypes,
        Recursion, Assignment, NoInput, InvalidGradientOverride, DuplicateFormulaName, UnsupportedParameterModifier,
        NotStatic, LiteralOutOfRange, UnsupportedTypeParameters, FormulaTooLarge, ReservedParameterName,
        OperandAttributeMisplaced, InvalidOperandRange,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> Table = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => Table[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => "https://github.com/fastloss/fastloss/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant();
}
