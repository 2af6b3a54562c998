using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Issue 7, part 2: valid formulas mutated (<see cref="SourceMutator"/>), many per compilation, one file and namespace
/// each. For every mutant: the generator never throws; a mutant with an FL error gets no generated source; generated
/// code never has an error or a warning; and where the mutant itself compiles and no FL error was reported, adding the
/// generated code introduces no error or warning anywhere. A formula whose own code does not compile must be reported
/// (FL), never generated. Seeded by FASTLOSS_FSCHECK_SEED; a failure prints the seed and the mutant.
/// </summary>
public sealed class MalformedSourceFuzzTests(ITestOutputHelper output)
{
    private const int MutantsPerBatch = 48;

    [Fact]
    public void Mutated_formulas_are_reported_or_generate_clean_code()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var examples = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Count(string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
        var clock = Stopwatch.StartNew();
        FuzzRunner.Check("mutated formulas: FL diagnostic or clean generation", 3, (r, run) =>
        {
            Mutant[] mutants = Enumerable.Range(0, MutantsPerBatch).Select(i => SourceMutator.Create(r, (run * MutantsPerBatch) + i)).ToArray();
            CSharpCompilation input = CSharpCompilation.Create(
                "FastLoss.Mutants",
                mutants.Select(m => CSharpSyntaxTree.ParseText(m.Source, GeneratorHarness.ParseOptions, path: m.Path)),
                GeneratorHarness.Compile().References,
                GeneratorHarness.Compile().Options);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new LossFormulaGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions)
                .RunGeneratorsAndUpdateCompilation(input, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, "The generator threw: " + result.Exception);
            Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785" or "AD0001");

            ImmutableArray<Diagnostic> inputDiagnostics = input.GetDiagnostics();
            ImmutableArray<Diagnostic> outputDiagnostics = generated.GetDiagnostics();
            var generatedTrees = result.GeneratedSources.ToDictionary(s => s.SyntaxTree.FilePath, s => s, StringComparer.Ordinal);

            foreach (Mutant mutant in mutants)
            {
                // FL diagnostics carry an external location (a path and a span), not the tree.
                bool Mine(Diagnostic d) => d.Location.GetLineSpan().Path == mutant.Path;
                Diagnostic[] fl = generatorDiagnostics.Where(d => Mine(d) && d.Id.StartsWith("FL", StringComparison.Ordinal)).ToArray();
                Diagnostic[] flErrors = fl.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                GeneratedSourceResult[] sources = result.GeneratedSources.Where(s => s.HintName.StartsWith(mutant.Namespace + ".", StringComparison.Ordinal)).ToArray();
                Diagnostic[] inputErrors = inputDiagnostics.Where(d => Mine(d) && d.Severity == DiagnosticSeverity.Error).ToArray();
                string Describe() => Report(mutant, fl, inputDiagnostics.Where(Mine), sources, outputDiagnostics);

                // Every generated file compiles without errors or warnings (but for the known, unreported collision of a
                // generated member with a member of the user's class of the same name).
                foreach (GeneratedSourceResult source in sources)
                {
                    Diagnostic[] problems = outputDiagnostics.Where(d => d.Location.SourceTree?.FilePath == source.SyntaxTree.FilePath && d.Severity >= DiagnosticSeverity.Warning).ToArray();
                    string[] userNames = UserMemberNames(mutant);
                    if (problems.Length > 0 && problems.All(d => LineMentions(d, source, userNames)))
                    {
                        Count("known: a member of the user's class collides with a name the generated code declares or uses (no FL diagnostic)");
                        examples.TryAdd("member collision", string.Join("; ", mutant.Mutations) + ": " + string.Join(" | ", problems.Select(GeneratorHarness.Describe)));
                        continue;
                    }

                    string formulaName = source.HintName.Split('.')[^3];
                    if (problems.Length > 0 && problems.All(d => NamedAsFormula(d, source, formulaName)))
                    {
                        // The formula's name shadows a name the generated code uses unqualified: a member of its own
                        // structs in a cref (Loss, Gradient… → CS1574), a type (Reduction, ElementwiseDriver… → CS0119).
                        foreach (string id in problems.Select(d => d.Id).Distinct())
                        {
                            Count("known: a formula named like a name the generated code uses (" + id + ")");
                            examples.TryAdd("shadowing " + id, string.Join("; ", mutant.Mutations) + ": " + GeneratorHarness.Describe(problems.First(d => d.Id == id)));
                        }

                        continue;
                    }

                    Assert.True(problems.Length == 0, "Generated code does not compile cleanly:\n" + Describe());
                }

                // An FL error means no source for the formula (one formula per mutant, or two of the same name).
                Assert.True(flErrors.Length == 0 || sources.Length == 0, "An FL error was reported but source was generated:\n" + Describe());

                // Generated from a formula whose own declaration does not compile, without an FL error: not a failure (the
                // generated code compiles, and the user sees the compiler's error), but counted and reported: a syntax
                // error the parser recovers from (a missing ')'), an unknown attribute on a parameter…
                Diagnostic[] formulaErrors = inputErrors.Where(InFormula).ToArray();
                if (sources.Length > 0 && formulaErrors.Length > 0)
                {
                    string kind = formulaErrors.Any(IsSyntaxError) ? "a recovered syntax error" : "a semantic error";
                    Count("generated without FL from a formula with " + kind);
                    examples.TryAdd(kind, string.Join("; ", mutant.Mutations) + ": " + string.Join(" | ", formulaErrors.Take(2).Select(GeneratorHarness.Describe)));
                }

                // Where the mutant compiles, the generated code adds no error or warning to it.
                if (inputErrors.Length == 0)
                {
                    string[] before = inputDiagnostics.Where(d => Mine(d) && d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id + d.Location.SourceSpan).ToArray();
                    Diagnostic[] added = outputDiagnostics.Where(d => Mine(d) && d.Severity >= DiagnosticSeverity.Warning && !before.Contains(d.Id + d.Location.SourceSpan)).ToArray();
                    Assert.True(added.Length == 0, "The generated code breaks the mutant's own code:\n" + Describe());
                }

                // Statistics.
                if (flErrors.Length > 0)
                {
                    foreach (string id in flErrors.Select(d => d.Id).Distinct())
                    {
                        Count(id);
                    }

                    Count("mutants with an FL error");
                }
                else if (sources.Length > 0)
                {
                    Count("mutants generated cleanly");
                }
                else
                {
                    Count(inputErrors.Length > 0 ? "mutants not a formula any more (own code does not compile)" : "mutants not a formula any more (compiles)");
                }

                foreach (string id in fl.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Id).Distinct())
                {
                    Count(id + " (warning)");
                }

                Count("mutants");
            }
        });

        output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s");
        foreach ((string key, int value) in counts)
        {
            output.WriteLine($"{key}: {value}");
        }

        foreach ((string key, string value) in examples)
        {
            output.WriteLine($"e.g. {key}: {value}");
        }
    }

    /// <summary>Whether a diagnostic in generated code points at the formula's name (where it shadows another symbol).</summary>
    private static bool NamedAsFormula(Diagnostic d, GeneratedSourceResult source, string formulaName)
    {
        string text = source.SourceText.ToString(d.Location.SourceSpan);
        int end = 0;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return text[..end] == formulaName;
    }

    /// <summary>Names of the members the user declares next to the formula (types, fields, methods other than formulas).</summary>
    private static string[] UserMemberNames(Mutant mutant)
        => CSharpSyntaxTree.ParseText(mutant.Source).GetRoot().DescendantNodes().OfType<MemberDeclarationSyntax>()
            .Select(m => m switch
            {
                BaseTypeDeclarationSyntax t when t.Parent is TypeDeclarationSyntax => t.Identifier.ValueText,
                MethodDeclarationSyntax method when !method.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString().Contains("LossFormula", StringComparison.Ordinal)) => method.Identifier.ValueText,
                FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText,
                _ => null,
            })
            .OfType<string>()
            .ToArray();

    /// <summary>Whether the generated line a diagnostic points at uses one of <paramref name="names"/> (as a whole word).</summary>
    private static bool LineMentions(Diagnostic d, GeneratedSourceResult source, string[] names)
    {
        string line = source.SourceText.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString();
        return names.Any(n => System.Text.RegularExpressions.Regex.IsMatch(line, @"(?<![\w@])" + System.Text.RegularExpressions.Regex.Escape(n) + @"(?!\w)"));
    }

    /// <summary>A parser diagnostic (the syntax tree's own), as opposed to one from binding.</summary>
    private static bool IsSyntaxError(Diagnostic d)
        => d.Location.SourceTree is { } tree && tree.GetDiagnostics().Any(s => s.Id == d.Id && s.Location.SourceSpan == d.Location.SourceSpan);

    /// <summary>Whether a diagnostic lies inside a [LossFormula] method (or a method it could call, in the same class).</summary>
    private static bool InFormula(Diagnostic d)
    {
        if (d.Location.SourceTree is not { } tree)
        {
            return false;
        }

        SyntaxNode node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        MethodDeclarationSyntax? method = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        return method is not null && method.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString().Contains("LossFormula", StringComparison.Ordinal));
    }

    private static string Report(Mutant mutant, IEnumerable<Diagnostic> fl, IEnumerable<Diagnostic> input, IEnumerable<GeneratedSourceResult> sources, ImmutableArray<Diagnostic> output)
    {
        var sb = new StringBuilder();
        sb.Append("mutations: ").AppendJoin("; ", mutant.Mutations).Append('\n');
        sb.Append("FL diagnostics: ").AppendJoin(" | ", fl.Select(GeneratorHarness.Describe)).Append('\n');
        sb.Append("the mutant's own diagnostics: ").AppendJoin(" | ", input.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(GeneratorHarness.Describe)).Append('\n');
        foreach (GeneratedSourceResult source in sources)
        {
            sb.Append("generated ").Append(source.HintName).Append(": ");
            foreach (Diagnostic d in output.Where(d => d.Location.SourceTree?.FilePath == source.SyntaxTree.FilePath && d.Severity >= DiagnosticSeverity.Warning).Take(5))
            {
                string line = source.SourceText.Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim();
                sb.Append('\n').Append("  ").Append(GeneratorHarness.Describe(d)).Append("  [").Append(line.Length > 160 ? line[..160] : line).Append(']');
            }

            sb.Append('\n');
        }

        sb.Append("--- source ---\n").Append(mutant.Source);
        return sb.ToString();
    }
}
