using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Tests;

/// <summary>What one generator run produced.</summary>
/// <param name="Input">The compilation the generator ran on.</param>
/// <param name="Output">The compilation with the generated sources added.</param>
/// <param name="Driver">The driver after the run, to run again incrementally.</param>
/// <param name="Sources">The generated sources by hint name, in generation order.</param>
/// <param name="GeneratorDiagnostics">What the generator reported (FL…, or CS8785 if it threw).</param>
/// <param name="OutputDiagnostics">The output compilation's diagnostics (user code and generated code).</param>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriver Driver,
    IReadOnlyDictionary<string, string> Sources,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> OutputDiagnostics)
{
    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>The single generated source (for a single formula).</summary>
    public string Source => Assert.Single(Sources).Value;

    /// <summary>The output compilation's errors and warnings (hidden and info diagnostics left out).</summary>
    public IEnumerable<Diagnostic> OutputProblems
        => OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);
}

/// <summary>
/// Builds compilations against the .NET 10 reference assemblies and the FastLoss runtime, and runs
/// <see cref="LossFormulaGenerator"/> over them with step tracking on.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References = Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(LossFormulaAttribute).Assembly.Location))
        .ToImmutableArray();

    /// <summary>The usings every test source starts with.</summary>
    public const string Usings = "using System;\nusing System.Numerics;\nusing FastLoss;\n\n";

    public static CSharpCompilation Compile(params string[] sources)
        => CSharpCompilation.Create(
            "FastLoss.GeneratorTestInput",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                allowUnsafe: true,
                deterministic: true));

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new LossFormulaGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorRun Run(params string[] sources) => Run(Compile(sources));

    public static GeneratorRun Run(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var sources = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        return new GeneratorRun(compilation, output, driver, sources, diagnostics, output.GetDiagnostics());
    }

    /// <summary>Runs the generator on valid formulas: no diagnostic, no exception, generated code that compiles cleanly.</summary>
    public static GeneratorRun RunValid(params string[] sources)
    {
        GeneratorRun run = Run(sources);
        AssertNoCrash(run);
        Assert.Empty(run.GeneratorDiagnostics);
        AssertCompilesCleanly(run);
        Assert.NotEmpty(run.Sources);
        return run;
    }

    public static void AssertNoCrash(GeneratorRun run)
    {
        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8785" or "AD0001");
    }

    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        // Missing XML docs in the test's own snippets are not the generator's business; in generated code they are.
        Diagnostic[] problems = run.OutputProblems
            .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree is { } tree && run.Input.SyntaxTrees.Contains(tree)))
            .ToArray();
        Assert.True(problems.Length == 0, "The output compilation has errors or warnings:\n" + string.Join("\n", problems.Select(Describe)));
    }

    /// <summary>
    /// Emits the output compilation and loads it into a collectible context (FastLoss itself resolves to the copy the
    /// tests already use), so tests can call generated code; dispose the returned scope to unload it.
    /// </summary>
    public static LoadedAssembly Load(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, "The output does not emit:\n" + string.Join("\n", emitted.Diagnostics.Select(Describe)));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("FastLoss.GeneratorTests", isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }

    /// <summary>The source text a diagnostic's location covers.</summary>
    public static string LocatedText(Diagnostic diagnostic, Compilation compilation)
    {
        Location location = diagnostic.Location;
        Assert.True(location.IsInSource || location.Kind == LocationKind.ExternalFile, "Diagnostic " + diagnostic.Id + " has no source location.");
        string path = location.GetLineSpan().Path;
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return tree.GetText().ToString(location.SourceSpan);
    }

    public static string Describe(Diagnostic d) => d.Id + " " + d.Severity + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) + " at " + d.Location.GetLineSpan();

    /// <summary>A test source: the usings, then a <c>public static partial class Losses</c> in namespace Samples around <paramref name="members"/>.</summary>
    public static string InLossesClass(string members)
        => Usings + "namespace Samples;\n\n/// <summary>Test formulas.</summary>\npublic static partial class Losses\n{\n" + members + "\n}\n";
}

/// <summary>An assembly emitted from a generator run, unloaded on dispose.</summary>
internal sealed class LoadedAssembly(System.Runtime.Loader.AssemblyLoadContext context, System.Reflection.Assembly assembly) : IDisposable
{
    public System.Reflection.Assembly Assembly { get; } = assembly;

    /// <summary>Calls a public static method of a type in the assembly.</summary>
    public object? Call(string typeName, string method, params object?[] arguments)
    {
        Type type = Assembly.GetType(typeName, throwOnError: true)!;
        System.Reflection.MethodInfo info = type.GetMethod(method, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static, arguments.Select(a => a!.GetType()).ToArray())
            ?? throw new InvalidOperationException("No method " + typeName + "." + method + ".");
        return info.Invoke(null, arguments);
    }

    public void Dispose() => context.Unload();
}
