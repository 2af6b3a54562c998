using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace FastLoss.Generators.Tests;

/// <summary>
/// One test per diagnostic in <see cref="Diagnostics.All"/>: a minimal source that triggers it, with the expected
/// location marked <c>[|…|]</c>; the id, severity, located text and message are checked, and the generator must not
/// have thrown.
/// </summary>
public partial class DiagnosticsTests
{
    private static readonly string Formulas = GeneratorHarness.Usings + "namespace Samples;\n\n";

    public static readonly IReadOnlyDictionary<string, (string Source, string Message)> Cases = new Dictionary<string, (string, string)>
    {
        ["FL0001"] = (Formulas + """
            public partial class NotStatic
            {
                [LossFormula]
                public static float [|Square|](float input) => input * input;
            }
            """, "'Square' must be declared in a static partial class"),
        ["FL0002"] = (InClass("""
                [LossFormula]
                public static float Branchy(float input)
                {
                    [|if (input > 0f) { return input; }|]
                    return -input;
                }
            """), "An if statement is not supported in a loss formula"),
        ["FL0003"] = (InClass("""
                [LossFormula]
                public static float Wave(float input, float target) => [|MathF.Sin(input - target)|];
            """), "'MathF.Sin' cannot be lowered to vector code"),
        ["FL0004"] = (InClass("""
                [LossFormula]
                public static [|decimal|] Money(decimal input) => input;
            """), "'Money' has type 'decimal'"),
        ["FL0005"] = (InClass("""
                [LossFormula]
                public static float Mixed(float input, double [|target|]) => input - (float)target;
            """), "Parameter 'target' mixes 'double' with 'float'"),
        ["FL0006"] = (InClass("""
                [LossFormula]
                public static float Forever(float input) => input + [|Forever(input)|];
            """), "'Forever' calls itself"),
        ["FL0007"] = (InClass("""
                [LossFormula]
                public static float Reassigned(float input)
                {
                    [|input = input * 2f;|]
                    return input;
                }
            """), "'input' is assigned"),
        ["FL0008"] = (InClass("""
                [LossFormula]
                public static float [|Constant|]() => 1f;
            """), "'Constant' needs a first parameter that is the input"),
        ["FL0009"] = (InClass("""
                [LossFormula(Gradient = "Missing")]
                public static float [|Square|](float input) => input * input;
            """), "Gradient method 'Missing' of 'Square' does not exist"),
        ["FL0010"] = (InClass("""
                [LossFormula]
                public static float [|Twice|](float input) => input;

                [LossFormula]
                public static double [|Twice|](double input) => input;
            """), "Another loss formula in this type is also named 'Twice'"),
        ["FL0011"] = (InClass("""
                [LossFormula]
                public static float ByRef(float input, ref float [|target|]) => input - target;
            """), "Parameter 'target' is declared 'ref'"),
        ["FL0012"] = (Formulas + """
            public partial class Instance
            {
                [LossFormula]
                public float [|Square|](float input) => input * input;
            }
            """, "'Square' must be a static method with a body"),
        ["FL0013"] = (InClass("""
                [LossFormula]
                public static T Huge<T>(T input, T target)
                    where T : IFloatingPointIeee754<T>
                    => T.Min(input - target, [|T.CreateChecked(1e39)|]);
            """), "Literal 1E+39 is not finite as 'float': the kernels will use +Infinity"),
        ["FL0014"] = (InClass("""
                [LossFormula]
                public static T [|Pair|]<T, U>(T input, T target)
                    where T : IFloatingPointIeee754<T>
                    => input - target;
            """), "'Pair' must have at most one type parameter T"),
        ["FL0015"] = (InClass(Doubling(15, "Big")), "'Big' expands to more than 20000 operations after inlining"),
        ["FL0016"] = (InClass("""
                [LossFormula]
                public static float Weighted(float input, float target, float [|reduction|]) => reduction * (input - target);
            """), "Parameter 'reduction' collides with the parameter 'reduction' of the generated span methods"),
        ["FL0017"] = (InClass("""
                [LossFormula]
                public static float Scaled(float input, float target, [Hyperparameter, Operand(Minimum = 0.0)] float [|scale|]) => scale * (input - target);
            """), "[Operand] cannot be applied to 'scale', a [Hyperparameter] (a scalar, not a per-element operand)"),
        ["FL0018"] = (InClass("""
                [LossFormula]
                public static float Probability([Operand(Minimum = 1.0, Maximum = 0.0)] float [|input|], float target) => input - target;
            """), "The [Operand] range of 'input' is empty"),
    };

    public static TheoryData<string> Ids => new(Diagnostics.All.Select(d => d.Id));

    [Fact]
    public void Ids_are_unique_and_numbered_without_gaps()
    {
        string[] ids = Diagnostics.All.Select(d => d.Id).ToArray();
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => "FL" + i.ToString("0000", System.Globalization.CultureInfo.InvariantCulture)), ids);
        Assert.All(Diagnostics.All, d => Assert.EndsWith("#" + d.Id.ToLowerInvariant(), d.HelpLinkUri, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_diagnostic_has_a_case()
        => Assert.Equal(Diagnostics.All.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal), Cases.Keys.OrderBy(id => id, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Diagnostic_is_reported_at_the_marked_span(string id)
    {
        (string markup, string message) = Cases[id];
        (string source, IReadOnlyList<string> expectedTexts) = ParseMarkup(markup);

        GeneratorRun run = GeneratorHarness.Run(source);

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic[] reported = run.GeneratorDiagnostics.Where(d => d.Id == id).ToArray();
        Assert.True(reported.Length == expectedTexts.Count, "Expected " + expectedTexts.Count + " " + id + ", got:\n" + string.Join("\n", run.GeneratorDiagnostics.Select(GeneratorHarness.Describe)));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id != id);
        Assert.All(reported, d =>
        {
            Assert.Equal(Diagnostics.ById(id).DefaultSeverity, d.Severity);
            Assert.Equal(id == "FL0013" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity);
            Assert.Contains(message, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        });

        string[] located = reported.OrderBy(d => d.Location.GetLineSpan().StartLinePosition).Select(d => GeneratorHarness.LocatedText(d, run.Input)).ToArray();
        Assert.Equal(expectedTexts, located);

        // A formula with an error generates nothing; a warning leaves the generated code intact.
        if (reported[0].Severity == DiagnosticSeverity.Error)
        {
            Assert.Empty(run.Sources);
        }
        else
        {
            GeneratorHarness.AssertCompilesCleanly(run);
        }
    }

    [Fact]
    public void Recursion_through_a_helper_names_the_formula_and_the_helper()
    {
        GeneratorRun run = GeneratorHarness.Run(InClass("""
                [LossFormula]
                public static float Outer(float input) => Helper(input) + 1f;

                private static float Helper(float x) => x * Outer(x);
            """));

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FL0006", diagnostic.Id);
        Assert.Equal("Outer(x)", GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Equal("'Outer' calls itself (directly or through 'Helper'): a formula must be a finite expression", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_formula_too_large_through_a_local_points_at_the_call_in_the_formula()
    {
        string helpers = Doubling(15, "Unused").Split('\n').SkipWhile(l => !l.Contains("H0", StringComparison.Ordinal)).Aggregate((a, b) => a + "\n" + b);
        GeneratorRun run = GeneratorHarness.Run(InClass("""
                [LossFormula]
                public static float Big(float input, float target)
                {
                    float small = H2(input - target);
                    float large = H14(small);
                    return small + large;
                }

            """ + helpers));

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FL0015", diagnostic.Id);
        Assert.Equal("H14(small)", GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("[Differentiable] float input, float target", "FL0017", "input", "[Differentiable] cannot be applied to 'input', the input (its gradient is always generated)")]
    [InlineData("float input, [Operand(Minimum = 0.0, ExclusiveMinimum = true, Maximum = 0.0)] float target", "FL0018", "target", "The [Operand] range of 'target' is empty")]
    [InlineData("float input, [Operand(Maximum = double.NaN)] float target", "FL0018", "target", "The [Operand] range of 'target' has a NaN bound")]
    [InlineData("float input, [Differentiable] float target, float targetGradient", "FL0016", "targetGradient", "Parameter 'targetGradient' collides with the parameter 'targetGradient' of the generated gradient methods")]
    [InlineData("float x, [Differentiable] float input", "FL0016", "input", "Parameter 'input' collides with the parameter 'inputGradient' of the generated span methods")]
    [InlineData("float input, [Differentiable(Gradient = \"Missing\")] float target", "FL0009", "target", "Gradient method 'Missing' of 'Pair' does not exist")]
    public void Operand_attributes_misused(string parameters, string id, string located, string message)
    {
        string body = parameters.Contains("float x", StringComparison.Ordinal) ? "x - input" : "input - target";
        GeneratorRun run = GeneratorHarness.Run(InClass("[LossFormula]\npublic static float Pair(" + parameters + ") => " + body + ";"));

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(located, GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Contains(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_hyperparameter_first_is_reported_as_no_input()
    {
        GeneratorRun run = GeneratorHarness.Run(InClass("""
                [LossFormula]
                public static float Scaled([Hyperparameter] float scale, float input) => scale * input;
            """));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FL0008", diagnostic.Id);
        Assert.Equal("Scaled", GeneratorHarness.LocatedText(diagnostic, run.Input));
    }

    [Fact]
    public void A_moved_warning_keeps_its_location_in_the_new_text()
    {
        GeneratorRun run = GeneratorHarness.Run("\n\n\n" + SampleFormulas.WithWarning);

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("T.CreateChecked(1e39)", GeneratorHarness.LocatedText(diagnostic, run.Input));
    }

    /// <summary>
    /// A formula that calls helpers H(n-1) … H0, each doubling the work: 2^n nodes after inlining. The call in the
    /// formula's body is marked: FL0015 points there, however deep in the helpers the count crosses the limit.
    /// </summary>
    internal static string Doubling(int levels, string name)
    {
        var members = new List<string>
        {
            "    [LossFormula]",
            "    public static float " + name + "(float input) => H1(input) + [|H" + (levels - 1) + "(input)|];",
            "",
            "    private static float H0(float x) => x + x;",
        };
        for (int i = 1; i < levels; i++)
        {
            members.Add("    private static float H" + i + "(float x) => H" + (i - 1) + "(x) + H" + (i - 1) + "(x);");
        }

        return string.Join("\n", members);
    }

    internal static string InClass(string members) => Formulas + "public static partial class Losses\n{\n" + members + "\n}\n";

    /// <summary>Removes <c>[|</c> and <c>|]</c> and returns the marked texts in order.</summary>
    internal static (string Source, IReadOnlyList<string> Marked) ParseMarkup(string markup)
    {
        var marked = new List<string>();
        string source = MarkupRegex().Replace(markup, m =>
        {
            marked.Add(m.Groups[1].Value);
            return m.Groups[1].Value;
        });
        return (source, marked);
    }

    [GeneratedRegex(@"\[\|(.*?)\|\]", RegexOptions.Singleline)]
    private static partial Regex MarkupRegex();
}
