using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Many fuzzed formulas in one compilation (compiling is the cost): runs the generator in-process, checks it did not
/// throw and that its output compiles without errors or warnings (or that an FL error was reported for the formula),
/// adds probe methods that call the generated API and the operator structs at every width with arrays, emits the
/// assembly and loads it into a collectible <see cref="AssemblyLoadContext"/>.
/// </summary>
internal sealed class FuzzBatch : IDisposable
{
    public const string Namespace = "Fuzz";
    public const string ClassName = "Losses";

    /// <summary>Elements per probe call: 64 for the operator widths (a multiple of every lane count) + 7 for the driver's tail.</summary>
    public const int Length = 71;

    public const int WidthLength = 64;

    private AssemblyLoadContext? _context;

    private FuzzBatch(IReadOnlyList<FuzzFormula> formulas, string source)
    {
        Formulas = formulas;
        Source = source;
    }

    public IReadOnlyList<FuzzFormula> Formulas { get; }

    /// <summary>What the generator reported (FL…).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; private set; }

    /// <summary>The generated sources by hint name.</summary>
    public Dictionary<string, string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>The formulas' source text (the test input).</summary>
    public string Source { get; }

    /// <summary>FL errors by formula name (a diagnostic in a helper belongs to its formula).</summary>
    public Dictionary<string, List<Diagnostic>> Errors { get; } = new(StringComparer.Ordinal);

    public Assembly? Assembly { get; private set; }

    public Type? LossesType => Assembly?.GetType(Namespace + "." + ClassName);

    public static string SourceOf(IEnumerable<FuzzFormula> formulas)
    {
        var sb = new StringBuilder(GeneratorHarness.Usings);
        sb.Append("namespace ").Append(Namespace).Append(";\n\n/// <summary>Fuzzed formulas.</summary>\npublic static partial class ").Append(ClassName).Append("\n{\n");
        foreach (FuzzFormula f in formulas)
        {
            sb.Append(FormulaRenderer.Method(f)).Append('\n');
        }

        return sb.Append("}\n").ToString();
    }

    /// <summary>Generates, checks and loads. Throws (with the offending source) when the generator crashes or its output does not compile.</summary>
    public static FuzzBatch Build(IReadOnlyList<FuzzFormula> formulas)
    {
        string source = SourceOf(formulas);
        CSharpCompilation input = GeneratorHarness.Compile(source).WithOptions(Options);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation generated, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var batch = new FuzzBatch(formulas, source) { GeneratorDiagnostics = diagnostics };
        foreach (GeneratedSourceResult s in result.GeneratedSources)
        {
            batch.Sources[s.HintName] = s.SourceText.ToString();
        }

        if (result.Exception is not null || diagnostics.Any(d => d.Id is "CS8785" or "AD0001"))
        {
            throw new InvalidOperationException("The generator threw: " + (result.Exception?.ToString() ?? string.Join("\n", diagnostics.Select(GeneratorHarness.Describe))) + "\n" + source);
        }

        SyntaxTree inputTree = input.SyntaxTrees.Single();
        foreach (Diagnostic d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            string owner = FormulaOf(d, inputTree);
            if (!batch.Errors.TryGetValue(owner, out List<Diagnostic>? list))
            {
                batch.Errors[owner] = list = [];
            }

            list.Add(d);
        }

        // Probes only for the formulas that were generated.
        string probes = ProbeSource(formulas.Where(f => !batch.Errors.ContainsKey(f.Name)), f => Types(f).Any(single =>
            generated.GetTypeByMetadataName(Namespace + "." + ClassName + "+" + OperatorName(f, single) + "`1") is not null));
        SyntaxTree probeTree = CSharpSyntaxTree.ParseText(probes, GeneratorHarness.ParseOptions, path: "Probes.cs");
        Compilation output = generated.AddSyntaxTrees(probeTree);

        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
        Diagnostic[] problems = emitted.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            // The test input's own warnings are not the generator's business: missing docs, and x == x (a NaN test the
            // fuzzer may write); in generated code both count.
            .Where(d => !(d.Id is "CS1591" or "CS1718" && d.Location.SourceTree is { } tree && (tree == inputTree || tree == probeTree)))
            .ToArray();
        if (problems.Length > 0 || !emitted.Success)
        {
            throw new InvalidOperationException(
                "The output does not compile cleanly (no FL error was reported for these formulas):\n"
                + string.Join("\n", problems.Take(20).Select(d => GeneratorHarness.Describe(d) + "  [" + Excerpt(d) + "]"))
                + "\n--- generator diagnostics ---\n" + string.Join("\n", diagnostics.Select(d => GeneratorHarness.Describe(d) + " (" + FormulaOf(d, inputTree) + ")"))
                + "\n--- formulas ---\n" + source);
        }

        var context = new AssemblyLoadContext("FastLoss.Fuzz", isCollectible: true);
        stream.Position = 0;
        batch._context = context;
        batch.Assembly = context.LoadFromStream(stream);
        return batch;
    }

    /// <summary>Release, as a consuming project builds (kernels and the reference are JIT-compiled from optimised IL).</summary>
    private static CSharpCompilationOptions Options { get; } = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        deterministic: true,
        optimizationLevel: OptimizationLevel.Release);

    private static CSharpGeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(new[] { new LossFormulaGenerator().AsSourceGenerator() }, parseOptions: GeneratorHarness.ParseOptions);

    private static string Excerpt(Diagnostic d)
    {
        if (d.Location.SourceTree is not { } tree)
        {
            return string.Empty;
        }

        string line = tree.GetText().Lines.GetLineFromPosition(d.Location.SourceSpan.Start).ToString().Trim();
        return tree.FilePath + ": " + (line.Length > 200 ? line[..200] + "…" : line);
    }

    /// <summary>The formula a diagnostic belongs to: its enclosing method, with a helper's suffix removed.</summary>
    public static string FormulaOf(Diagnostic d, SyntaxTree tree)
    {
        // FL diagnostics carry an external location (a path and a span), not the tree.
        if (d.Location.GetLineSpan().Path != tree.FilePath)
        {
            return "?";
        }

        SyntaxNode node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        string name = node.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
        int helper = name.IndexOf("Helper", StringComparison.Ordinal);
        return helper > 0 ? name[..helper] : name;
    }

    public static string OperatorName(FuzzFormula f, bool single) => f.Name + (f.Kind == ElementKind.Generic ? (single ? "Single" : "Double") : string.Empty) + "Operator";

    /// <summary>
    /// For each generated formula and element type, a static class <c>Probe_{Name}_{float|double}</c> of array-based
    /// methods: the public API (per-element loss, gradient, fused, Hessian, with Reduction.Sum so no scaling) and the
    /// operator struct called directly for the scalar, Vector128, Vector256 and Vector512 overloads.
    /// </summary>
    /// <remarks>
    /// An operator that divides by a hyperparameter is generic over its division mode (<paramref name="dividesByHyperparameter"/>):
    /// the probe multiplies by exact reciprocals when every hyperparameter has one (a sufficient test for the divisors)
    /// and divides otherwise; the API probes exercise the choice the generated methods make themselves.
    /// </remarks>
    private static string ProbeSource(IEnumerable<FuzzFormula> formulas, Func<FuzzFormula, bool> dividesByHyperparameter)
    {
        var sb = new StringBuilder("using System;\nusing System.Runtime.Intrinsics;\nusing FastLoss;\n\nnamespace FuzzProbes;\n\n");
        string owner = "global::" + Namespace + "." + ClassName;
        foreach (FuzzFormula f in formulas)
        {
            foreach (bool single in Types(f))
            {
                string e = single ? "float" : "double";
                string operands = string.Join(", ", f.Operands.Select((_, i) => "new ReadOnlySpan<" + e + ">(o[" + i.ToString(CultureInfo.InvariantCulture) + "])"));
                string hyper = string.Concat(f.Hyperparameters.Select((_, i) => ", h[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                string scalarArgs(string index) => string.Join(", ", f.Operands.Select((_, i) => "o[" + i.ToString(CultureInfo.InvariantCulture) + "][" + index + "]"));
                string op = owner + "." + OperatorName(f, single);
                string create = "new " + op + "(" + string.Join(", ", f.Hyperparameters.Select((_, i) => "h[" + i.ToString(CultureInfo.InvariantCulture) + "]")) + ")";

                sb.Append("internal static class Probe_").Append(f.Name).Append('_').Append(e).Append("\n{\n");
                sb.Append("    internal static void Loss(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[] d) => ")
                    .Append(owner).Append('.').Append(f.Name).Append('(').Append(operands).Append(hyper).Append(", new Span<").Append(e).Append(">(d));\n");
                sb.Append("    internal static void Gradient(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[] d) => ")
                    .Append(owner).Append('.').Append(f.Name).Append("Gradient(").Append(operands).Append(hyper).Append(", new Span<").Append(e).Append(">(d), Reduction.Sum);\n");
                sb.Append("    internal static void Hessian(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[] d) => ")
                    .Append(owner).Append('.').Append(f.Name).Append("Hessian(").Append(operands).Append(hyper).Append(", new Span<").Append(e).Append(">(d), Reduction.Sum);\n");
                sb.Append("    internal static ").Append(e).Append(" WithGradient(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[] d) => ")
                    .Append(owner).Append('.').Append(f.Name).Append("WithGradient(").Append(operands).Append(hyper).Append(", new Span<").Append(e).Append(">(d), Reduction.Sum);\n");

                // w: [quantity * 4 + width], quantity 0 loss, 1 gradient, 2 Hessian, 3 fused loss, 4 fused gradient; width 0 scalar, 1..3 = 128/256/512.
                bool generic = dividesByHyperparameter(f);
                if (generic)
                {
                    sb.Append("    internal static void Widths(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[][] w)\n    {\n");
                    sb.Append("        if (Array.TrueForAll(h, global::FastLoss.Kernels.VectorMath.HasExactReciprocal)) WidthsIn<global::FastLoss.Kernels.MultiplyByReciprocal>(o, h, w);\n");
                    sb.Append("        else WidthsIn<global::FastLoss.Kernels.TrueDivision>(o, h, w);\n    }\n");
                    sb.Append("    private static void WidthsIn<TDivision>(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[][] w) where TDivision : struct, global::FastLoss.Kernels.IDivisionMode\n    {\n");
                    create = "new " + op + "<TDivision>(" + string.Join(", ", f.Hyperparameters.Select((_, i) => "h[" + i.ToString(CultureInfo.InvariantCulture) + "]")) + ")";
                }
                else
                {
                    sb.Append("    internal static void Widths(").Append(e).Append("[][] o, ").Append(e).Append("[] h, ").Append(e).Append("[][] w)\n    {\n");
                }

                sb.Append("        var op = ").Append(create).Append(";\n");
                sb.Append("        for (int i = 0; i < o[0].Length; i++)\n        {\n");
                sb.Append("            w[0][i] = op.Loss(").Append(scalarArgs("i")).Append(");\n");
                sb.Append("            w[4][i] = op.Gradient(").Append(scalarArgs("i")).Append(");\n");
                sb.Append("            w[8][i] = op.Hessian(").Append(scalarArgs("i")).Append(");\n");
                sb.Append("            w[12][i] = op.LossAndGradient(").Append(scalarArgs("i")).Append(", out w[16][i]);\n        }\n");
                int slot = 1;
                foreach (string vector in new[] { "Vector128", "Vector256", "Vector512" })
                {
                    string loads = string.Join(", ", f.Operands.Select((_, i) => vector + ".Create(o[" + i.ToString(CultureInfo.InvariantCulture) + "], i)"));
                    string s = slot.ToString(CultureInfo.InvariantCulture);
                    sb.Append("        for (int i = 0; i + ").Append(vector).Append('<').Append(e).Append(">.Count <= ").Append(WidthLength).Append("; i += ").Append(vector).Append('<').Append(e).Append(">.Count)\n        {\n");
                    sb.Append("            op.Loss(").Append(loads).Append(").CopyTo(w[").Append(s).Append("], i);\n");
                    sb.Append("            op.Gradient(").Append(loads).Append(").CopyTo(w[").Append(4 + slot).Append("], i);\n");
                    sb.Append("            op.Hessian(").Append(loads).Append(").CopyTo(w[").Append(8 + slot).Append("], i);\n");
                    sb.Append("            op.LossAndGradient(").Append(loads).Append(", out var g).CopyTo(w[").Append(12 + slot).Append("], i);\n");
                    sb.Append("            g.CopyTo(w[").Append(16 + slot).Append("], i);\n        }\n");
                    slot++;
                }

                sb.Append("    }\n}\n\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>The element types a formula is compiled for: true for float.</summary>
    public static IEnumerable<bool> Types(FuzzFormula f) => f.Kind switch
    {
        ElementKind.Float => [true],
        ElementKind.Double => [false],
        _ => [true, false],
    };

    /// <summary>The probes of one generated formula in one element type.</summary>
    public Probe<T> ProbeOf<T>(FuzzFormula f)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        string e = typeof(T) == typeof(float) ? "float" : "double";
        Type probe = Assembly!.GetType("FuzzProbes.Probe_" + f.Name + "_" + e, throwOnError: true)!;
        MethodInfo reference = LossesType!.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == f.Name && m.GetCustomAttributes(typeof(LossFormulaAttribute), false).Length > 0);
        if (reference.IsGenericMethodDefinition)
        {
            reference = reference.MakeGenericMethod(typeof(T));
        }

        Action<T[][], T[], T[]> D(string name) => probe.GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<Action<T[][], T[], T[]>>();
        return new Probe<T>(
            reference,
            D("Loss"),
            D("Gradient"),
            D("Hessian"),
            probe.GetMethod("WithGradient", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<Func<T[][], T[], T[], T>>(),
            probe.GetMethod("Widths", BindingFlags.NonPublic | BindingFlags.Static)!.CreateDelegate<Action<T[][], T[], T[][]>>());
    }

    public void Dispose()
    {
        Assembly = null;
        _context?.Unload();
        _context = null;
    }
}

/// <summary>Delegates into the loaded fuzz assembly for one formula and element type.</summary>
internal sealed record Probe<T>(
    MethodInfo Reference,
    Action<T[][], T[], T[]> Loss,
    Action<T[][], T[], T[]> Gradient,
    Action<T[][], T[], T[]> Hessian,
    Func<T[][], T[], T[], T> WithGradient,
    Action<T[][], T[], T[][]> Widths)
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The user's method at one point, as ordinary C# via reflection; null when it throws.</summary>
    public T? Evaluate(T[] parameters, out Exception? error)
    {
        error = null;
        try
        {
            return (T)Reference.Invoke(null, parameters.Select(p => (object)p).ToArray())!;
        }
        catch (TargetInvocationException e)
        {
            error = e.InnerException;
            return null;
        }
    }
}
