using Microsoft.CodeAnalysis;

namespace FastLoss.Generators.Tests.Parsing;

/// <summary>Bad input, compiling or not, ends in an FL error and no generated source; never in a generator crash.</summary>
public class MalformedInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // name, members of Losses, the FL id expected
        { "syntax error", "[LossFormula] public static float F(float input, float target) => input +;", "FL0002" },
        { "unnamed parameter", "[LossFormula] public static float F(float input, [Hyperparameter] float ) => input;", "FL0002" },
        { "missing body", "[LossFormula] public static float F(float input, float target);", "FL0012" },
        { "extern", "[LossFormula] public static extern float F(float input, float target);", "FL0012" },
        { "ref parameter", "[LossFormula] public static float F(float input, ref float target) => input - target;", "FL0011" },
        { "in parameter", "[LossFormula] public static float F(float input, in float target) => input - target;", "FL0011" },
        { "out parameter", "[LossFormula] public static float F(float input, out float target) { target = 0f; return input; }", "FL0011" },
        { "params", "[LossFormula] public static float F(float input, params float[] rest) => input;", "FL0011" },
        { "ref input", "[LossFormula] public static float F(ref float input) => input;", "FL0011" },
        { "two type parameters", "[LossFormula] public static T F<T, U>(T input) where T : IFloatingPointIeee754<T> => input;", "FL0014" },
        { "unconstrained T", "[LossFormula] public static T F<T>(T input) => input;", "FL0014" },
        { "unknown local type", "[LossFormula] public static float F(float input) { Frob d = input; return input; }", "FL0002" },
        { "unknown parameter type", "[LossFormula] public static float F(float input, Frob target) => input;", "FL0004" },
        { "unknown parameter attribute", "[LossFormula] public static float F(float input, [Hyperparamter] float scale) => scale * input;", "FL0002" },
        { "bad default value", "[LossFormula] public static float F(float input, [Hyperparameter] float scale = \"one\") => scale * input;", "FL0002" },
        { "unknown method", "[LossFormula] public static float F(float input) => Frobnicate(input);", "FL0002" },
        { "unsupported Math call", "[LossFormula] public static double F(double input) => Math.Sin(input);", "FL0003" },
        { "Math.Log with a base", "[LossFormula] public static double F(double input, double target) => Math.Log(input - target, 2);", "FL0003" },
        { "T.Log with a base", "[LossFormula] public static T F<T>(T input) where T : IFloatingPointIeee754<T> => T.Log(input, T.CreateChecked(2));", "FL0003" },
        { "method without source", "[LossFormula] public static float F(float input) => BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(input));", "FL0003" },
        { "int-valued call", "[LossFormula] public static float F(float input) => input.CompareTo(2f) * input;", "FL0005" },
        { "loop", "[LossFormula] public static float F(float input) { float s = 0f; for (int i = 0; i < 3; i++) { s += input; } return s; }", "FL0002" },
        { "while", "[LossFormula] public static float F(float input) { while (input > 1f) { } return input; }", "FL0002" },
        { "recursion through a helper", "[LossFormula] public static float F(float input) => G(input); private static float G(float x) => F(x) * x;", "FL0006" },
        { "mutual helpers", "[LossFormula] public static float F(float input) => G(input); private static float G(float x) => H(x); private static float H(float x) => G(x);", "FL0006" },
        { "assignment to a parameter", "[LossFormula] public static float F(float input) { input = 2f * input; return input; }", "FL0007" },
        { "compound assignment", "[LossFormula] public static float F(float input) => (input += 1f) * input;", "FL0007" },
        { "increment", "[LossFormula] public static float F(float input) { input++; return input; }", "FL0007" },
        { "reassigned local", "[LossFormula] public static float F(float input) { float d = input; d = d * d; return d; }", "FL0007" },
        { "local without initializer", "[LossFormula] public static float F(float input) { float d; return input; }", "FL0002" },
        { "no return", "[LossFormula] public static float F(float input) { }", "FL0002" },
        { "statement after return", "[LossFormula] public static float F(float input) { return input; float x = 1f; }", "FL0002" },
        { "throw expression", "[LossFormula] public static float F(float input) => input > 0f ? input : throw new ArgumentException();", "FL0002" },
        { "switch expression", "[LossFormula] public static float F(float input) => input switch { > 0f => input, _ => -input };", "FL0002" },
        { "lambda", "[LossFormula] public static float F(float input) => ((Func<float, float>)(x => x))(input);", "FL0003" },
        { "local function", "[LossFormula] public static float F(float input) { float Sq(float x) => x * x; return Sq(input); }", "FL0002" },
        { "static field", "private static float scale = 2f; [LossFormula] public static float F(float input) => scale * input;", "FL0002" },
        { "cast to double", "[LossFormula] public static float F(float input) => (float)Math.Log((double)input);", "FL0005" },
        { "bool local", "[LossFormula] public static float F(float input) { bool positive = input > 0f; return positive ? input : 0f; }", "FL0005" },
        { "int parameter", "[LossFormula] public static float F(float input, int count) => input * count;", "FL0004" },
        { "int element type", "[LossFormula] public static int F(int input) => input * input;", "FL0004" },
        { "no parameters", "[LossFormula] public static float F() => 1f;", "FL0008" },
        { "not static", "[LossFormula] public float F(float input) => input;", "FL0012" },
        { "bad gradient signature", "[LossFormula(Gradient = nameof(G))] public static float F(float input) => input * input; private static float G(float input, float extra) => input;", "FL0009" },
        { "gradient with a bad body", "[LossFormula(Gradient = nameof(G))] public static float F(float input) => input * input; private static float G(float input) => MathF.Sin(input);", "FL0003" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_formula_is_reported_not_crashed(string name, string members, string expectedId)
    {
        GeneratorRun run = GeneratorHarness.Run(DiagnosticsTests.InClass(members));

        GeneratorHarness.AssertNoCrash(run);
        string[] ids = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToArray();
        // One diagnostic, the one that names the problem: no follow-on errors (a misleading FL0005 for an error type).
        Assert.True(ids.SequenceEqual(new[] { expectedId }) && run.GeneratorDiagnostics.Length == 1, name + ": expected " + expectedId + ", got:\n" + string.Join("\n", run.GeneratorDiagnostics.Select(GeneratorHarness.Describe)));
        Assert.All(run.GeneratorDiagnostics, d => Assert.True(d.Location.SourceSpan.Length > 0, "Diagnostic without a span: " + GeneratorHarness.Describe(d)));
        Assert.Empty(run.Sources);
    }

    public static TheoryData<string, string> Containers => new()
    {
        { "generic class", "public static partial class Box<TBox> { [LossFormula] public static float F(float input) => input; }" },
        { "non-partial class", "public static class Plain { [LossFormula] public static float F(float input) => input; }" },
        { "non-partial outer", "public class Outer { public static partial class Inner { [LossFormula] public static float F(float input) => input; } }" },
        { "record", "public partial record Rec { [LossFormula] public static float F(float input) => input; }" },
        { "struct", "public partial struct S { [LossFormula] public static float F(float input) => input; }" },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void Formula_outside_a_static_partial_class_is_FL0001(string name, string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + "namespace Samples;\n\n" + declaration + "\n");

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.True(diagnostic.Id == "FL0001", name + ": " + GeneratorHarness.Describe(diagnostic));
        Assert.Equal("F", GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Empty(run.Sources);
    }

    public static TheoryData<string> Typed => new() { nameof(SampleFormulas.ClampedHinge), nameof(SampleFormulas.Custom) };

    /// <summary>
    /// The file as it is being typed: the generator runs (incrementally, as in an editor) on every prefix of a formula
    /// file, cut after each token, and on the file with each single token deleted; it never throws.
    /// </summary>
    [Theory]
    [MemberData(nameof(Typed))]
    public void Every_prefix_and_every_token_deletion_runs_without_crashing(string sample)
    {
        string text = (string)typeof(SampleFormulas).GetField(sample, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile(text);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxToken[] tokens = tree.GetRoot().DescendantTokens().ToArray();
        var variants = tokens.Select(t => text[..t.Span.End])
            .Concat(tokens.Where(t => t.Span.Length > 0).Select(t => text[..t.Span.Start] + text[t.Span.End..]));

        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        int runs = 0;
        foreach (string variant in variants)
        {
            SyntaxTree edited = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(variant, GeneratorHarness.ParseOptions, tree.FilePath);
            driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited));
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, "The generator threw on:\n" + variant + "\n" + result.Exception);
            Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
            runs++;
        }

        Assert.True(runs > 100, runs + " variants");
    }

    [Fact]
    public void One_bad_formula_does_not_stop_the_others()
    {
        GeneratorRun run = GeneratorHarness.Run(DiagnosticsTests.InClass("""
                /// <summary>Good.</summary>
                [LossFormula]
                public static float Good(float input, float target) => (input - target) * (input - target);

                [LossFormula]
                public static float Bad(float input) => MathF.Sin(input);
            """));

        GeneratorHarness.AssertNoCrash(run);
        Assert.Equal("FL0003", Assert.Single(run.GeneratorDiagnostics).Id);
        Assert.Equal("Samples.Losses.Good.g.cs", Assert.Single(run.Sources).Key);
    }
}
