using System.Collections.Immutable;
using FastLoss.Generators.Derivation;
using FastLoss.Generators.Emit;
using FastLoss.Generators.Model;
using FastLoss.Generators.Parsing;
using Microsoft.CodeAnalysis;

namespace FastLoss.Generators;

/// <summary>
/// The FastLoss source generator: for every <c>[LossFormula]</c> method, parse (syntax → model), derive
/// (model → model with gradient and Hessian), emit (model → text). Diagnostics travel through their own output, so a
/// moved diagnostic does not regenerate source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class LossFormulaGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<FormulaResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "FastLoss.LossFormulaAttribute",
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                transform: static (context, cancellationToken) => FormulaParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // One output per formula, empty for most: no filter, so the step is tracked (and cached) for every formula.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        context.RegisterSourceOutput(diagnostics, static (spc, infos) =>
        {
            foreach (DiagnosticInfo info in infos)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<DerivedFormula> derived = results
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => DerivedFormula.From(spec!))
            .WithTrackingName(TrackingNames.Derive);

        IncrementalValuesProvider<(string HintName, string Source)> sources = derived
            .Select(static (formula, _) => (FormulaEmitter.HintName(formula.Spec), FormulaEmitter.Emit(formula)))
            .WithTrackingName(TrackingNames.Emit);

        context.RegisterSourceOutput(sources, static (spc, source) => spc.AddSource(source.HintName, source.Source));
    }
}

/// <summary>Names of the pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Derive = nameof(Derive);
    public const string Emit = nameof(Emit);
}
