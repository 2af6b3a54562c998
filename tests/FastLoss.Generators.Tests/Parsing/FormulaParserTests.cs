using FastLoss.Generators.Emit;
using FastLoss.Generators.Model;

namespace FastLoss.Generators.Tests.Parsing;

/// <summary>What the Parse stage reads from a method: the expression (shown as printed math) and the spec around it.</summary>
public class FormulaParserTests
{
    /// <summary>Runs the generator and returns the single FormulaResult of the Parse step.</summary>
    private static FormulaResult ParseOne(string members)
    {
        GeneratorRun run = GeneratorHarness.Run(DiagnosticsTests.InClass(members));
        GeneratorHarness.AssertNoCrash(run);
        return Assert.Single(run.Result.TrackedSteps[TrackingNames.Parse].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<FormulaResult>());
    }

    private static FormulaSpec Spec(string members)
    {
        FormulaResult result = ParseOne(members);
        Assert.True(result.Diagnostics.Count == 0, string.Join("\n", result.Diagnostics.Select(d => d.Id + " " + string.Join(", ", d.Arguments))));
        return Assert.IsType<FormulaSpec>(result.Spec);
    }

    private static string Loss(string members) => FormulaPrinter.Print(Spec(members).Loss);

    [Fact]
    public void Locals_are_inlined()
        => Assert.Equal("(input - target) * (input - target) + 2 * (input - target)", Loss("""
                [LossFormula]
                public static float F(float input, float target)
                {
                    float d = input - target;
                    var twice = 2f * d;
                    return d * d + twice;
                }
            """));

    [Fact]
    public void Negated_differences_stay_negations_so_the_sign_of_zero_matches_the_method() // −(−x) = x is exact
        => Assert.Equal("-(input - target) + input", Loss("""
                [LossFormula]
                public static float F(float input, float target) => -(input - target) + -(-input);
            """));

    [Fact]
    public void Helpers_are_inlined_with_their_arguments()
        => Assert.Equal("(input - target) * (input - target) + 1", Loss("""
                [LossFormula]
                public static double F(double input, double target) => Square(input - target) + 1.0;

                private static double Square(double x) => x * x;
            """));

    [Fact]
    public void Generic_helpers_are_inlined_into_generic_formulas()
        => Assert.Equal("abs(input - target) * 0.5", Loss("""
                [LossFormula]
                public static T F<T>(T input, T target) where T : IFloatingPointIeee754<T> => Half(T.Abs(input - target));

                private static U Half<U>(U x) where U : IFloatingPointIeee754<U> => x * U.CreateChecked(0.5);
            """));

    [Fact]
    public void Named_constants_and_created_literals()
        => Assert.Equal("3.141592653589793 * input + 1 - 0.25 + 2.718281828459045 * 0", Loss("""
                [LossFormula]
                public static T F<T>(T input) where T : IFloatingPointIeee754<T> => T.Pi * input + T.One - T.CreateChecked(0.25) + T.E * T.Zero;
            """));

    [Fact]
    public void Const_fields_and_int_literals_are_constants()
        => Assert.Equal("2 * input + 3.5", Loss("""
                private const float Offset = 3.5f;

                [LossFormula]
                public static float F(float input) => 2 * input + Offset;
            """));

    [Theory]
    [InlineData("MathF.Abs(input)", "abs(input)")]
    [InlineData("Math.Abs(input)", "abs(input)")]
    [InlineData("float.Abs(input)", "abs(input)")]
    [InlineData("MathF.Max(input, target)", "max(input, target)")]
    [InlineData("Math.Clamp(input, -1f, target)", "clamp(input, -1, target)")]
    [InlineData("float.Clamp(input, -1f, target)", "clamp(input, -1, target)")]
    [InlineData("MathF.Pow(input, 3f)", "pow(input, 3)")]
    [InlineData("MathF.Pow(input, 2f)", "input * input")]
    [InlineData("float.LogP1(input)", "logp1(input)")]
    [InlineData("LossMath.Sigmoid(input)", "sigmoid(input)")]
    [InlineData("LossMath.Softplus(input - target)", "softplus(input - target)")]
    [InlineData("LossMath.LogSigmoid(input)", "logsigmoid(input)")]
    [InlineData("MathF.Sqrt(MathF.Exp(input))", "sqrt(exp(input))")]
    [InlineData("MathF.Tanh(input) + MathF.Sinh(input) * MathF.Cosh(target)", "tanh(input) + sinh(input) * cosh(target)")]
    [InlineData("-(input - target)", "-(input - target)")]
    [InlineData("+input", "input")]
    [InlineData("!(input > target) ? input : target", "!(input > target) ? input : target")]
    [InlineData("input > 0f && target <= 1f || input == target ? input : 0f", "input > 0 && target <= 1 || input == target ? input : 0")]
    [InlineData("input != target ? float.PositiveInfinity : float.NaN", "input != target ? Infinity : NaN")]
    public void Calls_and_operators_map_to_the_model(string body, string expected)
        => Assert.Equal(expected, Loss("[LossFormula] public static float F(float input, float target) => " + body + ";"));

    [Fact]
    public void Parameters_kinds_defaults_and_ranges()
    {
        FormulaSpec spec = Spec("""
                [LossFormula]
                internal static double F(
                    double input,
                    double weight,
                    [Hyperparameter(Minimum = 0.0, ExclusiveMinimum = true, Maximum = 4.0)] double delta = 1.5,
                    [Hyperparameter(Default = 0.25)] double alpha = 9.0)
                    => weight * input * delta * alpha;
            """);

        Assert.Equal("internal", spec.Accessibility);
        Assert.Equal(new[] { ParameterKind.Input, ParameterKind.Operand, ParameterKind.Hyperparameter, ParameterKind.Hyperparameter }, spec.Parameters.Select(p => p.Kind));
        Assert.Equal(new ParameterSpec("delta", ParameterKind.Hyperparameter, 1.5, 0.0, true, 4.0, false), spec.Parameters[2]);
        Assert.Equal(0.25, spec.Parameters[3].Default);
        Assert.Null(spec.Parameters[1].Default);
        Assert.Equal(new[] { ElementType.Double }, spec.ElementTypes);
        Assert.Null(spec.TypeParameter);
        Assert.Null(spec.GradientOverride);
    }

    [Fact]
    public void A_generic_formula_generates_float_and_double()
    {
        FormulaSpec spec = Spec("[LossFormula] public static T F<T>(T input) where T : IFloatingPointIeee754<T> => input * input;");

        Assert.Equal("T", spec.TypeParameter);
        Assert.Equal(new[] { ElementType.Single, ElementType.Double }, spec.ElementTypes);
    }

    [Fact]
    public void A_type_parameter_constrained_through_another_interface_is_accepted()
    {
        FormulaSpec spec = Spec("[LossFormula] public static T F<T>(T input) where T : IBinaryFloatingPointIeee754<T> => input * input;");
        Assert.Equal("T", spec.TypeParameter);
    }

    [Fact]
    public void Containing_types_and_namespace()
    {
        FormulaSpec spec = Spec("[LossFormula] public static float F(float input) => input;");

        Assert.Equal("Samples", spec.Namespace);
        Assert.Equal(new[] { new ContainingType("class", "Losses", true) }, spec.ContainingTypes);
        Assert.Equal("F", spec.Name);
    }

    [Fact]
    public void A_hand_written_gradient_is_parsed_with_the_formula_parameters()
    {
        FormulaSpec spec = Spec("""
                [LossFormula(Gradient = nameof(G))]
                public static float F(float input, float target) => (input - target) * (input - target);

                private static float G(float x, float y) => 2f * (x - y);
            """);

        GradientOverride gradient = Assert.IsType<GradientOverride>(spec.GradientOverride);
        Assert.Equal("G", gradient.MethodName);
        Assert.Equal("2 * (input - target)", FormulaPrinter.Print(gradient.Gradient));
    }

    [Fact]
    public void The_parse_result_is_equal_for_equal_formulas()
    {
        const string Members = "[LossFormula] public static float F(float input, float target) => MathF.Exp(input - target) * 0.5f;";
        Assert.Equal(ParseOne(Members), ParseOne(Members));
    }

    [Fact]
    public void A_generic_literal_that_overflows_float_warns_and_keeps_the_spec()
    {
        FormulaResult result = ParseOne("[LossFormula] public static T F<T>(T input) where T : IFloatingPointIeee754<T> => input * T.CreateChecked(1e39);");

        Assert.NotNull(result.Spec);
        DiagnosticInfo warning = Assert.Single(result.Diagnostics);
        Assert.Equal("FL0013", warning.Id);
    }

    [Fact]
    public void A_double_formula_does_not_warn_about_float_range()
    {
        FormulaResult result = ParseOne("[LossFormula] public static double F(double input) => input * 1e39;");
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void A_generic_helper_in_a_double_formula_does_not_warn_about_float_range()
    {
        FormulaResult result = ParseOne("""
                [LossFormula]
                public static double F(double input) => Big(input);

                private static U Big<U>(U x) where U : IFloatingPointIeee754<U> => x * U.CreateChecked(1e39);
            """);
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Spec);
    }
}
