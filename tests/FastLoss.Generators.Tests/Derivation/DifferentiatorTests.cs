using FastLoss.Generators.Derivation;
using FastLoss.Generators.Model;
using static FastLoss.Generators.Derivation.Build;
using static FastLoss.Generators.Tests.Derivation.ExprEvaluator;

namespace FastLoss.Generators.Tests.Derivation;

/// <summary>
/// The symbolic derivatives against central differences in double precision, for every row of the math-function
/// table, and the subgradient conventions at kinks (PyTorch's).
/// </summary>
public class DifferentiatorTests
{
    internal static readonly Variable X = new(0, "input", ParameterKind.Input);
    internal static readonly Variable Y = new(1, "target", ParameterKind.Operand);
    internal static readonly Variable K = new(2, "k", ParameterKind.Hyperparameter);

    /// <summary>Inputs away from every kink of the expressions below; target 0.5, k 0.8.</summary>
    private static readonly double[] Inputs = { -1.3, -0.4, 0.35, 0.9, 1.7, 2.2 };

    /// <summary>0.75·x − y: an affine argument, so the chain rule is exercised.</summary>
    private static readonly Expr Affine = Sub(Mul(new Constant(0.75), X), Y);

    /// <summary>x² + y: a positive argument for log, sqrt and pow.</summary>
    private static readonly Expr Positive = Add(Mul(X, X), Y);

    public static TheoryData<string> Functions => new(Enum.GetNames<MathFunction>());

    /// <summary>One or more calls of each function, shaped so that every argument that can vary does.</summary>
    private static Expr[] CallsOf(MathFunction f) => f switch
    {
        MathFunction.Log or MathFunction.Sqrt or MathFunction.LogP1 => new[] { Fn(f, Positive) },
        MathFunction.Max or MathFunction.Min => new[]
        {
            Fn(f, Affine, Sub(new Constant(0.3), Mul(X, X))),
            Fn(f, Affine, K),
            Fn(f, K, Affine),
        },
        MathFunction.Clamp => new[] { Fn(f, Affine, new Constant(-0.5), K) },
        MathFunction.Pow => new[] { Fn(f, Positive, new Constant(2.5)), Fn(f, Positive, K), Fn(f, K, X), Fn(f, Positive, X) },
        _ => new[] { Fn(f, Affine) },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Gradient_and_hessian_match_central_differences(string name)
    {
        var function = Enum.Parse<MathFunction>(name);
        foreach (Expr loss in CallsOf(function))
        {
            AssertDerivativesMatch(loss);
        }
    }

    [Fact]
    public void Every_table_row_has_an_evaluator_and_a_derivative()
    {
        foreach (MathFunctionRow row in MathFunctions.Rows)
        {
            Expr call = CallsOf(row.Function).First();
            Assert.True(double.IsFinite(Evaluate(call, 0.9, 0.5, 0.8)), row.Function.ToString());
            Assert.True(double.IsFinite(Evaluate(Differentiator.Differentiate(call), 0.9, 0.5, 0.8)), row.Function.ToString());
        }

        Assert.Equal(Enum.GetValues<MathFunction>().Length, MathFunctions.Rows.Count);
    }

    [Fact]
    public void Compositions_and_quotients_match_central_differences()
    {
        AssertDerivativesMatch(Div(Fn(MathFunction.Exp, Affine), Add(Constant.One, Mul(X, X))));
        AssertDerivativesMatch(Mul(Fn(MathFunction.Tanh, Mul(K, X)), Fn(MathFunction.Log, Positive)));
        AssertDerivativesMatch(Fn(MathFunction.Sqrt, Add(Fn(MathFunction.Softplus, Affine), Constant.One)));
        AssertDerivativesMatch(Div(Y, Positive));
    }

    [Fact]
    public void Conditionals_differentiate_their_branches()
    {
        Expr loss = new Conditional(Compare(BinaryOperator.GreaterThan, X, Constant.Zero), Mul(X, X), Neg(Mul(new Constant(3), X)));
        Expr gradient = Differentiator.Differentiate(loss);

        Assert.Equal(4.0, Evaluate(gradient, 2, 0, 0));
        Assert.Equal(-3.0, Evaluate(gradient, -2, 0, 0));
        Assert.Equal(-3.0, Evaluate(gradient, 0, 0, 0));
        AssertDerivativesMatch(loss);
    }

    [Fact]
    public void Logical_conditions_are_piecewise_constant()
    {
        Expr inside = Logical(BinaryOperator.And, Compare(BinaryOperator.GreaterThan, X, Constant.Zero), Not(Compare(BinaryOperator.GreaterThanOrEqual, X, Constant.One)));
        Expr loss = new Conditional(inside, Mul(X, Y), Fn(MathFunction.Exp, X));

        Assert.Equal(0.5, Evaluate(Differentiator.Differentiate(loss), 0.5, 0.5, 0));
        Assert.Equal(Math.Exp(2), Evaluate(Differentiator.Differentiate(loss), 2, 0.5, 0), 12);
    }

    [Theory]
    [InlineData(2.0, 1.0)]
    [InlineData(-2.0, -1.0)]
    [InlineData(0.0, 0.0)]
    [InlineData(double.NaN, 0.0)]
    public void Abs_has_torch_sgn_as_derivative(double x, double expected)
        => Assert.Equal(expected, Evaluate(Differentiator.Differentiate(Fn(MathFunction.Abs, X)), x, 0, 0));

    [Fact]
    public void Abs_derivative_at_negative_zero_is_zero()
        => Assert.Equal(0.0, Evaluate(Differentiator.Differentiate(Fn(MathFunction.Abs, X)), -0.0, 0, 0));

    [Fact]
    public void Abs_of_a_function_with_an_infinite_derivative_at_zero_is_zero_there()
    {
        // sqrt'(0) = ∞; a select gives 0 at the kink instead of 0·∞ = NaN.
        Expr loss = Fn(MathFunction.Abs, Fn(MathFunction.Sqrt, X));
        Assert.Equal(0.0, Evaluate(Differentiator.Differentiate(loss), 0, 0, 0));
    }

    [Theory]
    [InlineData("Max", false)]
    [InlineData("Max", true)]
    [InlineData("Min", false)]
    [InlineData("Min", true)]
    public void Max_and_min_with_a_constant_side_pass_the_gradient_at_the_tie(string name, bool constantFirst)
    {
        var f = Enum.Parse<MathFunction>(name);
        Expr u = Mul(new Constant(3), X);
        Expr call = constantFirst ? Fn(f, K, u) : Fn(f, u, K);
        Expr gradient = Differentiator.Differentiate(call);

        Assert.Equal(3.0, Evaluate(gradient, 0.5, 0, 1.5));
        Assert.Equal(0.0, Evaluate(gradient, double.NaN, 0, 1.5));
    }

    [Fact]
    public void Max_with_both_sides_varying_splits_the_gradient_at_the_tie()
    {
        Expr gradient = Differentiator.Differentiate(Fn(MathFunction.Max, Mul(new Constant(3), X), Mul(X, X)));

        Assert.Equal(0.5 * (3 + 6), Evaluate(gradient, 3, 0, 0));
        Assert.Equal(3.0, Evaluate(gradient, 1, 0, 0));
        Assert.Equal(8.0, Evaluate(gradient, 4, 0, 0));
    }

    [Theory]
    [InlineData(-0.5, 2.0)]
    [InlineData(0.8, 2.0)]
    [InlineData(0.1, 2.0)]
    [InlineData(-0.51, 0.0)]
    [InlineData(0.81, 0.0)]
    [InlineData(double.NaN, 0.0)]
    public void Clamp_passes_the_gradient_on_the_closed_interval(double u, double expected)
    {
        Expr gradient = Differentiator.Differentiate(Fn(MathFunction.Clamp, Mul(Constant.Two, X), new Constant(-0.5), K));
        Assert.Equal(expected, Evaluate(gradient, u / 2, 0, 0.8));
    }

    [Fact]
    public void Clamp_with_bounds_that_depend_on_the_input_passes_their_gradient()
    {
        // clamp(y, x − 1, x + 1) = x − 1 for y < x − 1: the gradient is 1, as torch.clamp gives to a tensor min.
        Expr loss = Fn(MathFunction.Clamp, Y, Sub(X, Constant.One), Add(X, Constant.One));
        Assert.Equal(1.0, Evaluate(Differentiator.Differentiate(loss), 3, 0, 0));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(double.PositiveInfinity)]
    public void Pow_with_a_zero_exponent_has_no_gradient(double x)
    {
        Assert.Equal(0.0, Evaluate(Differentiator.Differentiate(Fn(MathFunction.Pow, X, K)), x, 0, 0));
        Assert.Equal(0.0, Evaluate(Differentiator.Differentiate(Fn(MathFunction.Pow, X, Y)), x, 0, 0));
        Assert.Equal(Constant.Zero, Differentiator.Differentiate(Fn(MathFunction.Pow, X, Constant.Zero)));
    }

    [Fact]
    public void Pow_with_a_constant_exponent_is_the_power_rule()
    {
        Expr gradient = Differentiator.Differentiate(Fn(MathFunction.Pow, X, new Constant(3)));
        Assert.Equal(12.0, Evaluate(gradient, 2, 0, 0), 12);
        Assert.Equal(0.0, Evaluate(gradient, 0, 0, 0));
    }

    [Fact]
    public void Terms_without_the_input_contribute_nothing()
    {
        Expr loss = Add(Mul(Y, Fn(MathFunction.Log, K)), Mul(new Constant(double.NaN), Y));
        Assert.Equal(Constant.Zero, Differentiator.Differentiate(loss));
        Assert.Equal(Constant.One, Differentiator.Differentiate(Add(X, Fn(MathFunction.Exp, Y))));
    }

    [Fact]
    public void Operands_and_hyperparameters_are_constants()
    {
        var differentiator = new Differentiator();
        Assert.True(differentiator.DependsOnInput(Mul(Y, X)));
        Assert.False(differentiator.DependsOnInput(Mul(Y, K)));
        Assert.False(differentiator.DependsOnInput(new Conditional(Compare(BinaryOperator.LessThan, Y, K), Y, K)));
        Assert.True(differentiator.DependsOnInput(new Conditional(Compare(BinaryOperator.LessThan, X, K), Y, K)));
    }

    [Fact]
    public void Log_cosh_gradient_is_finite_where_cosh_overflows()
    {
        Expr gradient = Differentiator.Differentiate(Fn(MathFunction.Log, Fn(MathFunction.Cosh, X)));
        Assert.Equal(1.0, Evaluate(gradient, 800, 0, 0));
    }

    [Theory]
    [InlineData(1e160, 1e160)]    // x² overflows: the textbook y·1/x² gave 1e160/inf = 0 instead of −1e-160
    [InlineData(-3e200, 2e250)]
    [InlineData(1e-160, 1e-300)]  // x² = 1e-320 is a subnormal with 4 significant digits: the textbook form lost the rest
    public void Quotient_gradient_is_accurate_where_the_square_of_the_denominator_is_not_representable(double x, double y)
    {
        // d(y/x)/dx = −y/x², which is a normal double for every case above.
        Expr gradient = Differentiator.Differentiate(Div(Y, X));
        double expected = -(y / x) / x;
        double actual = Evaluate(gradient, x, y, 0);
        Assert.True(Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected), "d(y/x)/dx at x = " + x + ", y = " + y + ": " + actual + ", want " + expected);
    }

    [Fact]
    public void Quotient_gradient_of_a_rational_function_vanishes_at_large_inputs()
    {
        // x / (1 + x²): the gradient (1 − x²)/(1 + x²)² → −1/x²; at 1e200 the denominator itself overflows, and the
        // answer must be a (signed) zero, not NaN.
        Expr gradient = Differentiator.Differentiate(Div(X, Add(Constant.One, Mul(X, X))));
        Assert.Equal(0.0, Evaluate(gradient, 1e200, 0, 0));
        Assert.Equal(-1.0 / (1e100 * 1e100), Evaluate(gradient, 1e100, 0, 0), 1e-215);
        Assert.Equal((1 - 9.0) / 100.0, Evaluate(gradient, 3, 0, 0), 15);
    }

    [Fact]
    public void Log_cosh_gradient_is_tanh_where_cosh_is_finite()
    {
        Expr gradient = Differentiator.Differentiate(Fn(MathFunction.Log, Fn(MathFunction.Cosh, X)));
        Assert.Equal(Math.Tanh(3), Evaluate(gradient, 3, 0, 0), 14);
    }

    [Fact]
    public void Derived_formula_uses_a_hand_written_gradient_for_the_hessian()
    {
        var spec = new FormulaSpec("N", EquatableArray.Create(new ContainingType("class", "C", true)), "F", "public", null,
            EquatableArray.Create(ElementType.Double), EquatableArray<ParameterSpec>.Empty, Mul(X, X), new GradientOverride("G", Mul(new Constant(3), X)));

        DerivedFormula derived = DerivedFormula.From(spec);

        Assert.Equal(Mul(new Constant(3), X), derived.Gradient);
        Assert.Equal(new Constant(3), derived.Hessian);
    }

    private static void AssertDerivativesMatch(Expr loss)
    {
        Expr gradient = Differentiator.Differentiate(loss);
        Expr hessian = Differentiator.Differentiate(gradient);
        foreach (double x in Inputs)
        {
            double[] at = { x, 0.5, 0.8 };
            AssertClose(CentralDifference(loss, 0, at), Evaluate(gradient, at), loss, "gradient", x);
            AssertClose(CentralDifference(gradient, 0, at), Evaluate(hessian, at), loss, "hessian", x);
        }
    }

    private static void AssertClose(double numeric, double symbolic, Expr loss, string what, double x)
    {
        double tolerance = 1e-6 * Math.Max(1, Math.Abs(numeric));
        Assert.True(Math.Abs(numeric - symbolic) <= tolerance,
            what + " of " + Generators.Emit.FormulaPrinter.Print(loss) + " at x = " + x + ": symbolic " + symbolic + ", numeric " + numeric);
    }
}
