using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FastLoss.Generators.Tests.Emit;

/// <summary>
/// A parameter may be named like an identifier the generated code uses itself (a type, a field, a local, a member).
/// Names the generated code picks for itself give way to the parameters; only a name the public API needs for itself
/// (a parameter of the span methods, a member of the loss class) is reported, FL0016.
/// </summary>
public class IdentifierCollisionTests
{
    /// <summary>Span-method parameters: a formula parameter of that name would be a duplicate.</summary>
    private static readonly string[] ApiParameterNames = { "reduction", "destination", "inputGradient", "inputHessian", "options" };

    /// <summary>Members of the loss class (and of object) that a hyperparameter's property would collide with.</summary>
    private static readonly string[] LossClassMembers = { "Loss", "Gradient", "LossWithGradient", "Hessian", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals" };

    /// <summary>Names the generated private code, or the body of a public method, uses itself.</summary>
    public static TheoryData<string, string> PrivateNames => new()
    {
        { "operand", "i" },
        { "operand", "t0" },
        { "operand", "weight" },
        { "operand", "kernel" },
        { "operand", "gradient" },
        { "operand", "operator" },
        { "operand", "_operator" },
        { "operand", "destinationName" },
        { "operand", "Length" },
        { "operand", "_target" },
        { "operand", "MemoryMarshal" },
        { "operand", "ThrowHelper" },
        { "operand", "Vector128" },
        { "operand", "VectorMath" },
        { "operand", "ElementwiseDriver" },
        { "operand", "NamedKernel" },
        { "operand", "NamedOperator" },
        { "operand", "nameof" },
        { "operand", "T" },
        { "hyperparameter", "operator" },
        { "hyperparameter", "_operator" },
        { "hyperparameter", "t0" },
        { "hyperparameter", "kernel" },
        { "hyperparameter", "length" },
        { "hyperparameter", "Length" },
        { "hyperparameter", "_target" },
        { "hyperparameter", "_input" },
        { "hyperparameter", "destinationName" },
        { "hyperparameter", "MemoryMarshal" },
        { "hyperparameter", "Vector256" },
        { "hyperparameter", "ValidateHyperparameters" },
        { "hyperparameter", "Reduction" },
        { "hyperparameter", "NamedKernel" },
        { "hyperparameter", "nameof" },
        { "hyperparameter", "t" },
    };

    /// <summary>Names the public API needs: the parameter is reported at its name, saying what it collides with.</summary>
    public static TheoryData<string, string, string> PublicNames => new()
    {
        { "operand", "reduction", "the parameter 'reduction' of the generated span methods" },
        { "operand", "destination", "the parameter 'destination' of the generated span methods" },
        { "operand", "inputGradient", "the parameter 'inputGradient' of the generated span methods" },
        { "hyperparameter", "inputHessian", "the parameter 'inputHessian' of the generated span methods" },
        { "operand", "options", "the parameter 'options' of the generated span methods" },
        { "hyperparameter", "gradient", "the member 'Gradient' of the generated class 'NamedLoss'" },
        { "hyperparameter", "Loss", "the member 'Loss' of the generated class 'NamedLoss'" },
        { "hyperparameter", "hessian", "the member 'Hessian' of the generated class 'NamedLoss'" },
        { "hyperparameter", "toString", "the member 'ToString' of the generated class 'NamedLoss'" },
        { "hyperparameter", "namedLoss", "the member 'NamedLoss' of the generated class 'NamedLoss'" },
    };

    [Theory]
    [MemberData(nameof(PrivateNames))]
    public void A_parameter_named_like_a_private_identifier_compiles(string kind, string name)
    {
        GeneratorRun run = RunNamed(kind, name);

        GeneratorHarness.AssertNoCrash(run);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Select(GeneratorHarness.Describe)));
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.NotEmpty(run.Sources);
    }

    [Theory]
    [MemberData(nameof(PublicNames))]
    public void A_parameter_the_public_api_needs_is_reported(string kind, string name, string collision)
    {
        GeneratorRun run = RunNamed(kind, name);

        GeneratorHarness.AssertNoCrash(run);
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FL0016", diagnostic.Id);
        Assert.Equal("@" + name, GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Contains("Parameter '" + name + "' collides with " + collision, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.Sources);
    }

    /// <summary>
    /// A formula that divides by a hyperparameter or raises to one has operator and kernels generic over TDivision and
    /// TPower: a parameter of either name (the divisor or exponent itself, or an operand beside them) must not capture
    /// the type parameter.
    /// </summary>
    [Theory]
    [InlineData("[Hyperparameter] float TDivision", "(input - target) * (input - target) / TDivision")]
    [InlineData("float TDivision, [Hyperparameter] float scale", "(input - TDivision) * (input - target) / scale")]
    [InlineData("[Hyperparameter] float TPower", "MathF.Pow(MathF.Abs(input - target), TPower)")]
    [InlineData("float TPower, [Hyperparameter] float TDivision, [Hyperparameter] float gamma", "MathF.Pow(MathF.Abs(input - TPower), gamma) / TDivision + target")]
    public void A_parameter_named_like_a_mode_type_parameter_compiles(string parameter, string body)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.InLossesClass($$"""
                /// <summary>Divided.</summary>
                [LossFormula]
                public static float Divided(float input, float target, {{parameter}}) => {{body}};
            """));

        GeneratorHarness.AssertNoCrash(run);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, string.Join("\n", run.GeneratorDiagnostics.Select(GeneratorHarness.Describe)));
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Contains(body.Contains("Pow", StringComparison.Ordinal) ? "TPower>" : "<TDivision>", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_hyperparameters_with_the_same_property_are_reported()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.InLossesClass("""
                /// <summary>alpha and Alpha.</summary>
                [LossFormula]
                public static float Twice(float input, [Hyperparameter] float alpha, [Hyperparameter] float Alpha) => alpha * Alpha * input;
            """));

        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("FL0016", diagnostic.Id);
        Assert.Equal("Alpha", GeneratorHarness.LocatedText(diagnostic, run.Input));
        Assert.Contains("another hyperparameter's property 'Alpha'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    /// <summary>
    /// Compiling is not enough where a parameter could capture an assignment meant for a generated member (a
    /// hyperparameter named Length once left the kernel's Length at 0, so every reduction was empty): run the kernels.
    /// </summary>
    [Fact]
    public void Kernels_with_colliding_names_compute_the_formula()
    {
        GeneratorRun run = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>A hyperparameter named like the kernel's Length.</summary>
                [LossFormula]
                public static float Lengthy(float input, float target, [Hyperparameter] float Length) => Length * (input - target) * (input - target);

                /// <summary>An operand named like another operand's field.</summary>
                [LossFormula]
                public static float Fields(float input, float target, float _target) => (input - target) * _target + (_target > input ? _target : input);

                /// <summary>A generic formula with a hyperparameter t (its loss class has a property T) and an operand named like a generated local.</summary>
                [LossFormula]
                public static TValue Tempered<TValue>(TValue input, TValue kernel, [Hyperparameter(Default = 2.0)] TValue t)
                    where TValue : IFloatingPointIeee754<TValue>
                    => TValue.Exp((input - kernel) / t);
            """), GeneratorHarness.Usings + """
            namespace Samples;

            /// <summary>Calls the generated API with arrays (reflection cannot pass spans).</summary>
            public static class Calls
            {
                /// <summary>Lengthy, summed.</summary>
                public static float Lengthy(float[] input, float[] target, float length) => Losses.Lengthy(input, target, length, Reduction.Sum);

                /// <summary>Fields, per element.</summary>
                public static float[] Fields(float[] input, float[] target, float[] other)
                {
                    var destination = new float[input.Length];
                    Losses.Fields(input, target, other, destination);
                    return destination;
                }

                /// <summary>Tempered through its loss class, summed.</summary>
                public static double Tempered(double[] input, double[] target, double t) => new Losses.TemperedLoss<double>(t).Loss(input, target, Reduction.Sum);
            }
            """);

        float[] input = Enumerable.Range(0, 37).Select(i => (float)Math.Sin(i)).ToArray();
        float[] target = Enumerable.Range(0, 37).Select(i => (float)Math.Cos(i * 0.7)).ToArray();
        float[] other = Enumerable.Range(0, 37).Select(i => i * 0.125f - 2f).ToArray();
        using LoadedAssembly loaded = GeneratorHarness.Load(run);

        float lengthy = (float)loaded.Call("Samples.Calls", "Lengthy", input, target, 3f)!;
        double expectedLengthy = input.Zip(target, (x, y) => 3.0 * (x - y) * (x - y)).Sum();
        Assert.Equal(expectedLengthy, lengthy, 4);

        float[] fields = (float[])loaded.Call("Samples.Calls", "Fields", input, target, other)!;
        Assert.Equal(input.Select((x, i) => (x - target[i]) * other[i] + (other[i] > x ? other[i] : x)), fields);

        double[] wide = input.Select(x => (double)x).ToArray(), wideTarget = target.Select(y => (double)y).ToArray();
        double tempered = (double)loaded.Call("Samples.Calls", "Tempered", wide, wideTarget, 2.0)!;
        Assert.Equal(wide.Zip(wideTarget, (x, y) => Math.Exp((x - y) / 2.0)).Sum(), tempered, 10);
    }

    /// <summary>
    /// Every identifier that occurs in generated code, as a parameter name (an operand or a hyperparameter, of a float
    /// and of a generic formula, also with its first letter lower-cased), gives code that compiles cleanly, or FL0016
    /// exactly where the public API needs the name. Identifiers made from the formula's name (its kernel, operator and
    /// loss class, its span methods) are tried relative to each formula's own name.
    /// </summary>
    [Fact]
    public void Every_identifier_of_the_generated_code_is_a_usable_parameter_name_or_reported()
    {
        SortedSet<string> identifiers = GeneratedIdentifiers();
        Assert.True(identifiers.Count > 60, "Too few identifiers collected: " + string.Join(", ", identifiers));
        Assert.Superset(new SortedSet<string> { "Vector512", "MemoryMarshal", "ThrowHelper", "ElementwiseDriver", "{F}SingleKernel", "{F}Loss", "{F}Gradient", "reduction", "gradient", "Length" }, identifiers);

        var cases = new List<Case>();
        var expectReported = new List<Case>();
        foreach (bool generic in new[] { false, true })
        {
            foreach (bool hyper in new[] { false, true })
            {
                // One formula per name the public API needs, so the others are not masked by its FL0016.
                IEnumerable<string> names = hyper ? identifiers.Concat(identifiers.Select(LowerFirst)).Distinct(StringComparer.Ordinal) : identifiers;
                var usable = new List<string>();
                foreach (string name in names.Where(n => n is not ("input" or "target") && !(generic && n == "T")))
                {
                    if (Collision(name, hyper, generic) is null)
                    {
                        usable.Add(name);
                    }
                    else
                    {
                        expectReported.Add(new Case(generic, hyper, new[] { name }));
                    }
                }

                // The usable names in formulas of up to sixteen parameters (compiling is the cost), no two of them with
                // the same property.
                foreach (string[] chunk in Chunks(usable, 16))
                {
                    cases.Add(new Case(generic, hyper, chunk));
                }
            }
        }

        var source = new StringBuilder(GeneratorHarness.Usings).Append("namespace Samples;\n\n/// <summary>Named formulas.</summary>\npublic static partial class Losses\n{\n");
        var formulaOfLine = new Dictionary<int, string>();
        var all = cases.Select(c => (Case: c, Reported: false)).Concat(expectReported.Select(c => (Case: c, Reported: true))).ToList();
        for (int k = 0; k < all.Count; k++)
        {
            string formula = (all[k].Case.Generic ? "G" : "F") + k.ToString(CultureInfo.InvariantCulture);
            string[] names = all[k].Case.Names.Select(n => n.Replace("{F}", formula, StringComparison.Ordinal).Replace("{f}", LowerFirst(formula), StringComparison.Ordinal)).ToArray();
            all[k] = all[k] with { Case = all[k].Case with { Names = names, Formula = formula } };
            int first = source.ToString().Count(c => c == '\n');
            source.Append(Formula(all[k].Case));
            int last = source.ToString().Count(c => c == '\n');
            for (int line = first; line <= last; line++)
            {
                formulaOfLine[line] = formula;
            }
        }

        source.Append("}\n");
        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        GeneratorHarness.AssertNoCrash(run);

        string FormulaOf(Diagnostic d)
        {
            FileLinePositionSpan span = d.Location.GetLineSpan();
            return span.Path == "Source0.cs"
                ? formulaOfLine.GetValueOrDefault(span.StartLinePosition.Line, "?")
                : span.Path.Split('/', '\\')[^1].Replace("Samples.Losses.", string.Empty, StringComparison.Ordinal).Replace(".g.cs", string.Empty, StringComparison.Ordinal);
        }

        var reported = run.GeneratorDiagnostics.GroupBy(FormulaOf).ToDictionary(g => g.Key, g => g.ToList());
        var problems = run.OutputProblems.Where(d => d.Id != "CS1591").GroupBy(FormulaOf).ToDictionary(g => g.Key, g => g.ToList());
        var failures = new List<string>();
        foreach ((Case c, bool expected) in all)
        {
            string names = c.Formula + " (" + (c.Generic ? "generic" : "float") + ", " + (c.Hyper ? "hyperparameters" : "operands") + " " + string.Join(", ", c.Names) + ")";
            List<Diagnostic> fl = reported.GetValueOrDefault(c.Formula) ?? new List<Diagnostic>();
            if (expected && !(fl.Count == 1 && fl[0].Id == "FL0016"))
            {
                failures.Add(names + ": expected FL0016, got " + (fl.Count == 0 ? "nothing" : string.Join("; ", fl.Select(GeneratorHarness.Describe))));
            }
            else if (!expected && fl.Count > 0)
            {
                failures.Add(names + ": rejected: " + string.Join("; ", fl.Select(GeneratorHarness.Describe)));
            }
            else if (problems.GetValueOrDefault(c.Formula) is { } errors)
            {
                failures.Add(names + ": " + string.Join("; ", errors.Take(3).Select(GeneratorHarness.Describe)));
            }
        }

        Assert.False(problems.ContainsKey("?"), "Problems outside any formula: " + string.Join("\n", problems.GetValueOrDefault("?")?.Select(GeneratorHarness.Describe) ?? []));
        Assert.True(failures.Count == 0, failures.Count + " of " + all.Count + " formulas failed:\n" + string.Join("\n", failures));
        Assert.Equal(all.Count(a => !a.Reported), run.Sources.Count);
    }

    private sealed record Case(bool Generic, bool Hyper, string[] Names, string Formula = "");

    /// <summary>What the spec says a parameter name collides with in the public API, or null.</summary>
    private static string? Collision(string name, bool hyper, bool generic)
    {
        if (ApiParameterNames.Contains(name))
        {
            return "span parameter";
        }

        string property = Property(name);
        return hyper && (LossClassMembers.Contains(property) || property == "{F}Loss" || (generic && property == "ThrowIfUnsupported")) ? "loss class member" : null;
    }

    /// <summary>The first letter lower-cased; {F} (the formula's name) becomes {f}.</summary>
    private static string LowerFirst(string name) => name.StartsWith("{F}", StringComparison.Ordinal) ? "{f}" + name[3..] : char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>The loss class property of a hyperparameter: the first letter upper-cased; {f} becomes {F}.</summary>
    private static string Property(string name) => name.StartsWith("{f}", StringComparison.Ordinal) ? "{F}" + name[3..] : char.ToUpperInvariant(name[0]) + name[1..];

    private static IEnumerable<string[]> Chunks(List<string> names, int size)
    {
        var open = new List<List<string>>();
        foreach (string name in names)
        {
            string property = Property(name);
            List<string>? chunk = open.FirstOrDefault(c => c.Count < size && !c.Any(n => string.Equals(Property(n), property, StringComparison.Ordinal)));
            if (chunk is null)
            {
                open.Add(chunk = new List<string>());
            }

            chunk.Add(name);
        }

        return open.Select(c => c.ToArray());
    }

    /// <summary>
    /// A formula whose extra parameters have the case's names, each used (so each is in scope wherever the generated
    /// code computes), next to a comparison and a call (so the generated code uses its vector and math types there).
    /// </summary>
    private static string Formula(Case c)
    {
        string type = c.Generic ? "T" : "float";
        string attribute = c.Hyper ? "[Hyperparameter(Default = 1.0)] " : string.Empty;
        string parameters = string.Concat(c.Names.Select(n => ", " + attribute + type + " @" + n));
        string exp = c.Generic ? "T.Exp" : "MathF.Exp";
        string half = c.Generic ? "T.CreateChecked(0.5)" : "0.5f";
        string sum = string.Join(" + ", c.Names.Select(n => "@" + n));
        string first = "@" + c.Names[0];
        return "    /// <summary>Names " + string.Join(", ", c.Names) + ".</summary>\n"
            + "    [LossFormula]\n"
            + "    public static " + type + " " + c.Formula + (c.Generic ? "<T>" : string.Empty) + "(" + type + " input, " + type + " target" + parameters + ")"
            + (c.Generic ? " where T : IFloatingPointIeee754<T>" : string.Empty) + "\n"
            + "        => (input - target) * (input - target) * (" + sum + ") + (" + first + " > input ? " + exp + "(" + first + " - target) : " + half + " * input);\n\n";
    }

    /// <summary>The identifiers in the generated code of the sample formulas, with each formula's name as {F}.</summary>
    private static SortedSet<string> GeneratedIdentifiers()
    {
        string allFunctions = GeneratorHarness.InLossesClass("""
                /// <summary>Every math function.</summary>
                [LossFormula]
                public static float Everything(float input, float target, [Hyperparameter(Minimum = 0.0, ExclusiveMinimum = true)] float scale)
                    => MathF.Exp(input) + MathF.Log(scale) + float.LogP1(MathF.Abs(target)) + MathF.Sqrt(scale) + MathF.Max(input, target)
                       + MathF.Min(input, target) + Math.Clamp(input, -scale, scale) + MathF.Pow(scale, input) + MathF.Tanh(input)
                       + MathF.Sinh(target) + MathF.Cosh(target) + LossMath.Sigmoid(input) + LossMath.Softplus(input)
                       + LossMath.LogSigmoid(input) + (input != target && !(input < target) ? 1f : 0f);
            """);

        var identifiers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string sample in new[] { SampleFormulas.Custom, SampleFormulas.ClampedHinge, SampleFormulas.WeightedSquare, SampleFormulas.LogCosh, allFunctions })
        {
            foreach ((string hintName, string text) in GeneratorHarness.RunValid(sample).Sources)
            {
                string formula = hintName.Split('.')[^3];
                foreach (SyntaxToken token in CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens(descendIntoTrivia: false))
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        string name = token.ValueText;
                        identifiers.Add(name.StartsWith(formula, StringComparison.Ordinal) ? "{F}" + name[formula.Length..] : name);
                    }
                }
            }
        }

        return identifiers;
    }

    private static GeneratorRun RunNamed(string kind, string name)
    {
        string attribute = kind == "hyperparameter" ? "[Hyperparameter] " : string.Empty;
        string id = "@" + name;
        return GeneratorHarness.Run(GeneratorHarness.InLossesClass($$"""
                /// <summary>Named {{name}}.</summary>
                [LossFormula]
                public static float Named(float input, float target, {{attribute}}float {{id}})
                    => {{id}} * (input - target) * (input - target) + ({{id}} > input ? MathF.Exp({{id}}) : 0.5f * input);
            """));
    }
}
