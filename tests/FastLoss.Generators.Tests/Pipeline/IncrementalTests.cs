using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Tests.Pipeline;

/// <summary>
/// The incremental pipeline caches: a rerun on an equal compilation or after an unrelated edit recomputes nothing
/// downstream of Parse, and no step output holds on to Roslyn objects (NetEscapades.EnumGenerators' TestHelpers,
/// dotnet/runtime's RegexGeneratorIncrementalTests).
/// </summary>
public class IncrementalTests
{
    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly Type[] BannedTypes =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel),
        typeof(Location), typeof(IOperation), typeof(Microsoft.CodeAnalysis.Text.SourceText),
    };

    private const string Unrelated = "namespace Samples;\n\n/// <summary>Unrelated.</summary>\npublic static class Unrelated\n{\n    /// <summary>Value.</summary>\n    public const int Value = 1;\n}\n";

    [Fact]
    public void Tracking_names_cover_the_four_stages()
        => Assert.Equal(new[] { "Parse", "Diagnostics", "Derive", "Emit" }, StepNames);

    [Fact]
    public void Rerun_on_a_cloned_compilation_is_fully_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.LogCosh, SampleFormulas.Custom, SampleFormulas.WithWarning);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        AssertAllStepsRan(driver.GetRunResult().Results.Single(), 3);

        driver = driver.RunGenerators(compilation.Clone());

        AssertAllCachedOrUnchanged(driver.GetRunResult().Results.Single(), 3);
    }

    [Fact]
    public void Operand_ranges_and_gradients_are_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.ScaledGaussian);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        AssertAllStepsRan(driver.GetRunResult().Results.Single(), 1);

        driver = driver.RunGenerators(compilation.Clone().AddSyntaxTrees(Parse(Unrelated, "Unrelated.cs")));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertAllCachedOrUnchanged(result, 1);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Adding_an_unrelated_file_is_fully_cached()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.LogCosh, SampleFormulas.WithWarning);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse(Unrelated, "Unrelated.cs")));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertAllCachedOrUnchanged(result, 2);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_an_unrelated_file_does_not_rerun_emit()
    {
        SyntaxTree unrelated = Parse(Unrelated, "Unrelated.cs");
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.WeightedSquare, SampleFormulas.ClampedHinge).AddSyntaxTrees(unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree edited = Parse(Unrelated.Replace("Value = 1", "Value = 2", StringComparison.Ordinal), "Unrelated.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(unrelated, edited));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertAllCachedOrUnchanged(result, 2);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Moving_a_valid_formula_does_not_rerun_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.LogCosh);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree moved = Parse("// A comment that moves every location.\n\n" + SampleFormulas.LogCosh, "Source0.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), moved));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertAllCachedOrUnchanged(result, 1);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void A_moved_warning_is_reported_again_without_regenerating_source()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.WithWarning);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        int line = Assert.Single(driver.GetRunResult().Diagnostics).Location.GetLineSpan().StartLinePosition.Line;

        SyntaxTree moved = Parse("\n\n" + SampleFormulas.WithWarning, "Source0.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), moved));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertReasons(result, TrackingNames.Parse, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Derive, IncrementalStepRunReason.Cached);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Cached);
        Assert.Equal(line + 2, Assert.Single(result.Diagnostics).Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Changing_a_formula_reruns_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.WeightedSquare);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        string changed = SampleFormulas.WeightedSquare.Replace("weight * (input - target)", "weight * weight * (input - target)", StringComparison.Ordinal);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), Parse(changed, "Source0.cs")));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        AssertReasons(result, TrackingNames.Parse, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Changing_one_formula_reruns_only_its_emit()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.LogCosh, SampleFormulas.WeightedSquare);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree weighted = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
        string changed = SampleFormulas.WeightedSquare.Replace("weight * (input - target)", "weight * weight * (input - target)", StringComparison.Ordinal);
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(weighted, Parse(changed, "Source1.cs")));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        var emitted = result.TrackedSteps[TrackingNames.Emit].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, emitted.Length);
        Assert.Single(emitted, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(emitted, o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
        Assert.Contains("weight * weight", Assert.Single(result.GeneratedSources, s => s.HintName == "Samples.Losses.WeightedSquare.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fixing_an_error_generates_the_source_and_clears_the_diagnostic()
    {
        string broken = SampleFormulas.LogCosh.Replace("MathF.Log(MathF.Cosh(input - target))", "MathF.Log(MathF.Sin(input - target))", StringComparison.Ordinal);
        CSharpCompilation compilation = GeneratorHarness.Compile(broken);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Equal("FL0003", Assert.Single(first.Diagnostics).Id);
        Assert.Empty(first.GeneratedSources);

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), Parse(SampleFormulas.LogCosh, "Source0.cs")));

        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        Assert.Equal("Samples.Losses.LogCosh.g.cs", Assert.Single(result.GeneratedSources).HintName);
        AssertReasons(result, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        AssertReasons(result, TrackingNames.Emit, IncrementalStepRunReason.New);
    }

    [Fact]
    public void Step_outputs_hold_no_roslyn_objects()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(SampleFormulas.LogCosh, SampleFormulas.Custom, SampleFormulas.ClampedHinge, SampleFormulas.WithWarning);
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        AssertAllStepsRan(result, 4);

        foreach (string name in StepNames)
        {
            foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[name])
            {
                foreach ((object value, IncrementalStepRunReason _) in step.Outputs)
                {
                    AssertObjectGraph(value, name);
                }
            }
        }
    }

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    /// <summary>Every step produced one new output per formula.</summary>
    private static void AssertAllStepsRan(GeneratorRunResult result, int formulas)
    {
        Assert.Null(result.Exception);
        foreach (string name in StepNames)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), "Step " + name + " was not tracked.");
            var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            Assert.True(reasons.Length == formulas && reasons.All(r => r == IncrementalStepRunReason.New), "Step " + name + ": " + string.Join(", ", reasons) + " for " + formulas + " formulas.");
        }
    }

    /// <summary>Every step ran on every formula (one output each) and recomputed nothing: all Cached or Unchanged.</summary>
    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, int formulas)
    {
        Assert.Null(result.Exception);
        foreach (string name in StepNames)
        {
            Assert.True(result.TrackedSteps.TryGetValue(name, out var steps), "Step " + name + " was not tracked.");
            var outputs = steps.SelectMany(s => s.Outputs).ToArray();
            Assert.True(outputs.Length == formulas, "Step " + name + " has " + outputs.Length + " outputs for " + formulas + " formulas.");
            foreach ((object value, IncrementalStepRunReason reason) in outputs)
            {
                Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, name + " output " + value.GetType().Name + " was " + reason + ".");
            }
        }
    }

    private static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason expected)
    {
        var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.Equal(expected, r));
    }

    /// <summary>Walks every field of a step output and fails on a Roslyn symbol, syntax, compilation or location.</summary>
    private static void AssertObjectGraph(object root, string step)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Visit(root, step);

        void Visit(object? node, string path)
        {
            if (node is null)
            {
                return;
            }

            Type type = node.GetType();
            Assert.False(BannedTypes.Any(b => b.IsInstanceOfType(node)), path + " holds a " + type.FullName + ".");
            if (type.IsPrimitive || type.IsEnum || node is string || type.IsPointer || !(type.IsValueType || visited.Add(node)))
            {
                return;
            }

            Assert.False(node is Delegate, path + " holds a delegate.");
            if (node is IEnumerable items)
            {
                int index = 0;
                foreach (object? item in items)
                {
                    Visit(item, path + "[" + index++ + "]");
                }
            }

            for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Visit(field.GetValue(node), path + "." + field.Name);
                }
            }
        }
    }
}
