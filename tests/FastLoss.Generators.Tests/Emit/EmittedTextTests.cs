using System.Globalization;

namespace FastLoss.Generators.Tests.Emit;

/// <summary>Targeted asserts on generated text: culture independence, the formula comment, header, determinism.</summary>
public class EmittedTextTests
{
    /// <summary>A culture that formats numbers as badly as possible for C#: U+2212 minus, comma decimals, odd symbols.</summary>
    private static CultureInfo HostileCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NegativeSign = "\u2212";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = "\u00a0";
        culture.NumberFormat.PositiveInfinitySymbol = "\u221e";
        culture.NumberFormat.NaNSymbol = "NeuN";
        return culture;
    }

    public static TheoryData<string> Cultures => new() { "hostile", "sv-SE", "ar-SA", "fa-IR" };

    [Theory]
    [MemberData(nameof(Cultures))]
    public void Text_does_not_depend_on_the_current_culture(string cultureName)
    {
        string invariant = RunUnder(CultureInfo.InvariantCulture, SampleFormulas.CultureSensitive);
        CultureInfo culture = cultureName == "hostile" ? HostileCulture() : CultureInfo.GetCultureInfo(cultureName);

        string localized = RunUnder(culture, SampleFormulas.CultureSensitive);

        Assert.Equal(invariant, localized);
    }

    [Fact]
    public void The_hostile_culture_really_is_hostile()
    {
        // Guards the test above: were this culture harmless, the comparison would prove nothing.
        Assert.Equal("\u22121,5", (-1.5).ToString(HostileCulture()));
    }

    [Fact]
    public void Literals_are_invariant_round_trip_and_suffixed()
    {
        string text = RunUnder(HostileCulture(), SampleFormulas.CultureSensitive);

        Assert.Contains("-1.5f * input", text, StringComparison.Ordinal);
        Assert.Contains("0.25f * target", text, StringComparison.Ordinal);
        Assert.Contains("1E-07f", text, StringComparison.Ordinal);
        Assert.Contains("12345.678f", text, StringComparison.Ordinal);
        Assert.Contains("float scale = -0.5f", text, StringComparison.Ordinal);
        Assert.Contains("scale >= -0.75f && scale <= 1.5f", text, StringComparison.Ordinal);
        Assert.Contains("\"a number at least -0.75 and at most 1.5\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2212", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,5", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Division_by_a_hyperparameter_goes_through_its_exact_reciprocal_and_by_a_power_of_two_becomes_a_product()
    {
        // scaleReciprocal is also a parameter name, so the generated field must step aside.
        string text = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>Two divisions by hyperparameters and one by a literal.</summary>
                [LossFormula]
                public static float Scaled(float input, float target, [Hyperparameter(Default = 2.0)] float scale, [Hyperparameter(Default = 1.0)] float scaleReciprocal)
                    => (input - target) * (input - target) / scale + input / scaleReciprocal + target / 4f;
            """)).Source;

        Assert.Contains("private readonly float __scaleReciprocal;", text, StringComparison.Ordinal);
        Assert.Contains("__scaleReciprocal = VectorMath.ExactReciprocal(scale);", text, StringComparison.Ordinal);
        Assert.Contains("_scaleReciprocalReciprocal = VectorMath.ExactReciprocal(scaleReciprocal);", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Divide<float, TDivision>(t0 * t0, scale, __scaleReciprocal)", text, StringComparison.Ordinal);

        // The division mode is a type argument chosen once per call, not a test per vector.
        Assert.Contains("internal readonly struct ScaledOperator<TDivision> where TDivision : struct, global::FastLoss.Kernels.IDivisionMode", text, StringComparison.Ordinal);
        Assert.Contains("if (global::FastLoss.Kernels.VectorMath.HasExactReciprocal(scale) && global::FastLoss.Kernels.VectorMath.HasExactReciprocal(scaleReciprocal))", text, StringComparison.Ordinal);
        Assert.Contains("ScaledKernel<global::FastLoss.Kernels.MultiplyByReciprocal>>(ref kernel, reduction);", text, StringComparison.Ordinal);
        Assert.Contains("ScaledKernel<global::FastLoss.Kernels.TrueDivision>>(ref kernel, reduction);", text, StringComparison.Ordinal);
        Assert.Contains("target * Vector512.Create(0.25f)", text, StringComparison.Ordinal);
        Assert.Contains("target * 0.25f", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/ 4f", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hyperparameter_exponent_goes_through_the_power_mode_and_other_exponents_do_not()
    {
        string text = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>A hyperparameter power, a division by another and a power with a computed exponent.</summary>
                [LossFormula]
                public static float Powered(float input, float target, [Hyperparameter(Default = 2.0)] float gamma, [Hyperparameter(Default = 1.0)] float scale)
                    => MathF.Pow(MathF.Abs(input - target), gamma) / scale + MathF.Pow(MathF.Abs(target) + 1f, gamma + 1f);
            """)).Source;

        // Both modes are type arguments chosen once per call: four instantiations behind two tests.
        Assert.Contains("internal readonly struct PoweredOperator<TDivision, TPower> where TDivision : struct, global::FastLoss.Kernels.IDivisionMode where TPower : struct, global::FastLoss.Kernels.IPowerMode", text, StringComparison.Ordinal);
        Assert.Contains("if (global::FastLoss.Kernels.VectorMath.IsSquareExponent(gamma))", text, StringComparison.Ordinal);
        foreach (string modes in new[] { "MultiplyByReciprocal, global::FastLoss.Kernels.SquareExponent", "MultiplyByReciprocal, global::FastLoss.Kernels.GeneralExponent", "TrueDivision, global::FastLoss.Kernels.SquareExponent", "TrueDivision, global::FastLoss.Kernels.GeneralExponent" })
        {
            Assert.Contains("PoweredKernel<global::FastLoss.Kernels." + modes + ">>(ref kernel, reduction);", text, StringComparison.Ordinal);
        }

        Assert.Contains("VectorMath.Pow<TPower>(Vector512.Abs(input - target), gamma)", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Pow<TPower>(Vector128.Abs(input - target), gamma)", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Pow<TPower>(float.Abs(input - target), _gamma)", text, StringComparison.Ordinal);

        // gamma + 1 is not the hyperparameter itself: the general pow, whatever gamma is.
        Assert.Contains("VectorMath.Pow(Vector512.Abs(target) + Vector512.Create(1f), gamma + Vector512.Create(1f))", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Logistic_functions_of_plus_and_minus_u_share_one_exponential_and_one_logarithm()
    {
        string text = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>σ, log σ and softplus of ±(input − target), and a lone σ of the target.</summary>
                [LossFormula]
                public static float Logistic(float input, float target)
                    => LossMath.Sigmoid(input - target) * LossMath.LogSigmoid(-(input - target)) + LossMath.Softplus(input - target) + LossMath.Sigmoid(target);
            """)).Source;

        // One e^−|u| and one log1p of it per width and quantity, passed to the two-argument overloads; the lone σ of
        // the target has nothing to share and stays a one-argument call.
        Assert.Contains("var t1 = VectorMath.ExpNegativeAbs(t0);", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Sigmoid(t0, t1)", text, StringComparison.Ordinal);
        Assert.Contains("var t2 = VectorMath.Log1pExpNegativeAbs(t1);", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.LogSigmoid(-t0, t2)", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Softplus(t0, t2)", text, StringComparison.Ordinal);
        Assert.Contains("VectorMath.Sigmoid(target)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VectorMath.Sigmoid(input - target)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VectorMath.ExpNegativeAbs(target)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_literals_carry_the_d_suffix()
    {
        string text = GeneratorHarness.RunValid(SampleFormulas.ClampedHinge).Source;

        Assert.Contains("double.Min(double.Max(input + _margin, 0d), 10d)", text, StringComparison.Ordinal);
        Assert.Contains("double margin = 1d", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_documents_the_formula_and_its_derivatives()
    {
        string text = GeneratorHarness.RunValid(SampleFormulas.LogCosh).Source;

        Assert.Contains("    /// loss     = log(cosh(input - target))\n", text, StringComparison.Ordinal);
        Assert.Contains("    /// gradient = ", text, StringComparison.Ordinal);
        Assert.Contains("    /// hessian  = ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Formula_comment_escapes_xml()
    {
        string text = GeneratorHarness.RunValid(SampleFormulas.ClampedHinge).Source;

        Assert.Contains("/// loss     = target &gt; 0 ? max(margin - input * target, 0) : clamp(input + margin, 0, 10)", text, StringComparison.Ordinal);
        Assert.Contains("&amp;&amp;", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hand_written_gradient_is_named_in_the_comment()
    {
        string text = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>Square.</summary>
                [LossFormula(Gradient = nameof(SquareGradient))]
                public static double Square(double input, double target) => (input - target) * (input - target);

                private static double SquareGradient(double input, double target) => 2.0 * (input - target);
            """)).Source;

        Assert.Contains("/// gradient = 2 * (input - target)    (hand-written: SquareGradient)", text, StringComparison.Ordinal);
        Assert.Contains("/// hessian  = 2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_nullable_and_generated_code_attribute()
    {
        string text = GeneratorHarness.RunValid(SampleFormulas.WeightedSquare).Source;

        Assert.StartsWith("// <auto-generated/>\n", text, StringComparison.Ordinal);
        Assert.Contains("\n#nullable enable\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        int types = text.Split('\n').Count(l => l.Contains(" struct ", StringComparison.Ordinal) || l.Contains(" class ", StringComparison.Ordinal));
        int attributes = text.Split('\n').Count(l => l.Trim().StartsWith("[GeneratedCode(\"FastLoss.Generators\"", StringComparison.Ordinal));
        Assert.True(attributes >= types, "Every generated type and member carries [GeneratedCode].");
    }

    [Fact]
    public void Two_runs_give_identical_text()
    {
        string[] sources = { SampleFormulas.LogCosh, SampleFormulas.Custom, SampleFormulas.WeightedSquare, SampleFormulas.ClampedHinge };
        GeneratorRun first = GeneratorHarness.RunValid(sources);
        GeneratorRun second = GeneratorHarness.RunValid(sources);

        Assert.Equal(first.Sources.Keys, second.Sources.Keys);
        foreach ((string hint, string text) in first.Sources)
        {
            Assert.Equal(text, second.Sources[hint]);
        }
    }

    [Fact]
    public void Hint_names_are_namespace_types_and_method()
    {
        string source = GeneratorHarness.Usings + """
            namespace Outer.Inner;

            /// <summary>Outer.</summary>
            public static partial class Host
            {
                /// <summary>Nested.</summary>
                public static partial class Nested
                {
                    /// <summary>Square.</summary>
                    [LossFormula]
                    public static float Square(float input) => input * input;
                }
            }
            """;

        GeneratorRun run = GeneratorHarness.RunValid(source);

        Assert.Equal("Outer.Inner.Host.Nested.Square.g.cs", Assert.Single(run.Sources).Key);
    }

    [Fact]
    public void A_formula_in_the_global_namespace_compiles()
    {
        GeneratorRun run = GeneratorHarness.RunValid(GeneratorHarness.Usings + """
            /// <summary>Global.</summary>
            public static partial class GlobalLosses
            {
                /// <summary>Square.</summary>
                [LossFormula]
                public static double Square(double input, double target) => (input - target) * (input - target);
            }
            """);

        Assert.DoesNotContain("namespace", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Keyword_parameter_names_are_escaped()
    {
        GeneratorRun run = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>Keywords as names.</summary>
                [LossFormula]
                public static float Keywords(float @in, float @base, [Hyperparameter(Default = 1.0)] float @checked)
                    => @checked * (@in - @base) * (@in - @base);
            """));

        Assert.Contains("ReadOnlySpan<float> @in, ReadOnlySpan<float> @base, float @checked = 1f", run.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_operand_named_like_a_temporary_gets_another_prefix()
    {
        GeneratorRun run = GeneratorHarness.RunValid(GeneratorHarness.InLossesClass("""
                /// <summary>Temporaries must not shadow t0.</summary>
                [LossFormula]
                public static float Shadow(float input, float t0) => (input - t0) * (input - t0);
            """));

        Assert.Contains("var _t0 = input - t0;", run.Source, StringComparison.Ordinal);
    }

    private static string RunUnder(CultureInfo culture, string source)
    {
        CultureInfo saved = CultureInfo.CurrentCulture, savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return GeneratorHarness.RunValid(source).Source;
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}
