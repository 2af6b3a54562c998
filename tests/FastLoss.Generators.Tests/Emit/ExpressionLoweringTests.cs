using System.Globalization;
using FastLoss.Generators.Emit;
using FastLoss.Generators.Model;
using static FastLoss.Generators.Derivation.Build;
using static FastLoss.Generators.Tests.Derivation.DifferentiatorTests;

namespace FastLoss.Generators.Tests.Emit;

/// <summary>Lowering to C# text: shared temporaries, minimal parentheses, vector spellings, literals.</summary>
public class ExpressionLoweringTests
{
    private static (IReadOnlyList<string> Statements, IReadOnlyList<string> Results) Lower(Width width, params Expr[] roots)
        => ExpressionLowering.Lower(roots, width, ElementType.Single, v => v.Name);

    private static string Scalar(Expr e)
    {
        (IReadOnlyList<string> statements, IReadOnlyList<string> results) = Lower(Width.Scalar, e);
        Assert.Empty(statements);
        return results[0];
    }

    private static Binary Raw(BinaryOperator op, Expr a, Expr b) => new Binary(op, a, b);

    [Fact]
    public void A_subexpression_used_twice_becomes_a_temporary()
    {
        Expr d = Sub(X, Y);
        (IReadOnlyList<string> statements, IReadOnlyList<string> results) = Lower(Width.Scalar, Mul(d, d));

        Assert.Equal(new[] { "var t0 = input - target;" }, statements);
        Assert.Equal("t0 * t0", results[0]);
    }

    [Fact]
    public void Temporaries_are_shared_between_roots_and_numbered_in_order()
    {
        Expr d = Sub(X, Y);
        Expr e = Fn(MathFunction.Exp, d);
        (IReadOnlyList<string> statements, IReadOnlyList<string> results) = Lower(Width.Scalar, Mul(e, d), Add(e, Constant.One));

        Assert.Equal(new[] { "var t0 = input - target;", "var t1 = VectorMath.Exp(t0);" }, statements);
        Assert.Equal(new[] { "t1 * t0", "t1 + 1f" }, results);
    }

    [Fact]
    public void Variables_and_constants_are_never_temporaries()
        => Assert.Equal("input * input + 2f * 2f", Scalar(Raw(BinaryOperator.Add, Raw(BinaryOperator.Multiply, X, X), Raw(BinaryOperator.Multiply, Constant.Two, Constant.Two))));

    [Fact]
    public void The_prefix_of_temporaries_is_configurable()
    {
        Expr d = Sub(X, Y);
        (IReadOnlyList<string> statements, _) = ExpressionLowering.Lower(new[] { Mul(d, d) }, Width.Scalar, ElementType.Double, v => v.Name, "_t");
        Assert.Equal(new[] { "var _t0 = input - target;" }, statements);
    }

    [Theory]
    [InlineData("Add", "Add", true, "input + target + k")]
    [InlineData("Add", "Add", false, "input + (target + k)")]
    [InlineData("Subtract", "Subtract", true, "input - target - k")]
    [InlineData("Subtract", "Subtract", false, "input - (target - k)")]
    [InlineData("Subtract", "Add", false, "input - (target + k)")]
    [InlineData("Multiply", "Multiply", false, "input * (target * k)")]
    [InlineData("Multiply", "Add", false, "input * (target + k)")]
    [InlineData("Multiply", "Add", true, "(input + target) * k")]
    [InlineData("Add", "Multiply", false, "input + target * k")]
    [InlineData("Add", "Multiply", true, "input * target + k")]
    [InlineData("Divide", "Multiply", false, "input / (target * k)")]
    [InlineData("Divide", "Multiply", true, "input * target / k")]
    [InlineData("Divide", "Divide", true, "input / target / k")]
    public void Parentheses_keep_the_evaluation_order(string outerName, string innerName, bool innerOnLeft, string expected)
    {
        var outer = Enum.Parse<BinaryOperator>(outerName);
        var inner = Enum.Parse<BinaryOperator>(innerName);
        Expr e = innerOnLeft ? Raw(outer, Raw(inner, X, Y), K) : Raw(outer, X, Raw(inner, Y, K));
        Assert.Equal(expected, Scalar(e));
    }

    [Fact]
    public void Negation_and_negative_literals()
    {
        Assert.Equal("-(input + target)", Scalar(new Unary(UnaryOperator.Negate, Raw(BinaryOperator.Add, X, Y))));
        Assert.Equal("-input * target", Scalar(Raw(BinaryOperator.Multiply, new Unary(UnaryOperator.Negate, X), Y)));
        Assert.Equal("input * -target", Scalar(Raw(BinaryOperator.Multiply, X, new Unary(UnaryOperator.Negate, Y))));
        Assert.Equal("input - -1.5f", Scalar(Raw(BinaryOperator.Subtract, X, new Constant(-1.5))));
        Assert.Equal("-1.5f * input", Scalar(Raw(BinaryOperator.Multiply, new Constant(-1.5), X)));
    }

    [Fact]
    public void Scalar_conditions_and_conditionals()
    {
        Expr test = Logical(BinaryOperator.Or, Compare(BinaryOperator.LessThan, X, Y), Logical(BinaryOperator.And, Compare(BinaryOperator.Equal, X, K), Not(Compare(BinaryOperator.GreaterThan, Y, K))));
        Expr conditional = new Conditional(test, X, new Conditional(Compare(BinaryOperator.NotEqual, X, Y), Y, K));

        Assert.Equal("input < target || input == k && !(target > k) ? input : input != target ? target : k", Scalar(conditional));
        Assert.Equal("(input > 0f ? input : target) + k", Scalar(Raw(BinaryOperator.Add, new Conditional(Compare(BinaryOperator.GreaterThan, X, Constant.Zero), X, Y), K)));
        Assert.Equal("input > 0f ? (target > 0f ? input : target) : k", Scalar(new Conditional(Compare(BinaryOperator.GreaterThan, X, Constant.Zero), new Conditional(Compare(BinaryOperator.GreaterThan, Y, Constant.Zero), X, Y), K)));
    }

    [Fact]
    public void Vector_code_spells_constants_comparisons_and_selects_as_calls()
    {
        Expr test = Logical(BinaryOperator.And, Compare(BinaryOperator.GreaterThanOrEqual, X, Constant.Zero), Not(Compare(BinaryOperator.NotEqual, Y, K)));
        (_, IReadOnlyList<string> results) = Lower(Width.Vector256, new Conditional(test, Mul(Constant.Two, X), Fn(MathFunction.Max, Y, K)));

        Assert.Equal(
            "Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(input, Vector256.Create(0f)) & ~~Vector256.Equals(target, k), Vector256.Create(2f) * input, Vector256.Max(target, k))",
            results[0]);
    }

    [Theory]
    [InlineData(0, "float.Min(float.Max(input, target), k)")]
    [InlineData(128, "Vector128.Min(Vector128.Max(input, target), k)")]
    [InlineData(512, "Vector512.Min(Vector512.Max(input, target), k)")]
    public void Clamp_is_min_of_max(int width, string expected)
        => Assert.Equal(expected, Lower((Width)width, Fn(MathFunction.Clamp, X, Y, K)).Results[0]);

    [Fact]
    public void Every_function_row_lowers_to_a_call_at_every_width()
    {
        foreach (MathFunctionRow row in MathFunctions.Rows)
        {
            Expr[] arguments = new[] { X, Y, K }.Take(row.Arity).ToArray<Expr>();
            foreach (Width width in Enum.GetValues<Width>())
            {
                string text = Lower(width, new Call(row.Function, arguments.ToEquatableArray())).Results[0];
                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                Assert.Contains("input", text, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(0.1, "float", "0.1f")]
    [InlineData(0.1, "double", "0.1d")]
    [InlineData(-1.5, "float", "-1.5f")]
    [InlineData(2.0, "double", "2d")]
    [InlineData(1e-7, "float", "1E-07f")]
    [InlineData(1e300, "double", "1E+300d")]
    [InlineData(-0.0, "float", "-0f")]
    [InlineData(double.NaN, "float", "float.NaN")]
    [InlineData(double.PositiveInfinity, "double", "double.PositiveInfinity")]
    [InlineData(double.NegativeInfinity, "float", "float.NegativeInfinity")]
    [InlineData(1e39, "float", "float.PositiveInfinity")]
    [InlineData(-1e39, "float", "float.NegativeInfinity")]
    public void Literals_are_invariant_and_suffixed(double value, string type, string expected)
        => Assert.Equal(expected, ExpressionLowering.Literal(value, type == "float" ? ElementType.Single : ElementType.Double));

    [Theory]
    [InlineData(1.0 / 3)]
    [InlineData(Math.PI)]
    [InlineData(-2.2250738585072014E-308)]
    [InlineData(4.94065645841247E-324)]
    [InlineData(3.4028234663852886E+38)]
    [InlineData((double)0.1f)]
    public void Literals_round_trip(double value)
    {
        string d = ExpressionLowering.Literal(value, ElementType.Double);
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(double.Parse(d.TrimEnd('d'), CultureInfo.InvariantCulture)));

        string f = ExpressionLowering.Literal(value, ElementType.Single);
        Assert.Equal(BitConverter.SingleToInt32Bits((float)value), BitConverter.SingleToInt32Bits(float.Parse(f.TrimEnd('f'), CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Type_names()
    {
        Assert.Equal("float", ExpressionLowering.TypeName(Width.Scalar, ElementType.Single));
        Assert.Equal("Vector256<double>", ExpressionLowering.TypeName(Width.Vector256, ElementType.Double));
        Assert.Equal("Vector512", ExpressionLowering.VectorName(Width.Vector512));
    }

    [Fact]
    public void Formula_printer_writes_math_for_comments()
    {
        Assert.Equal("0.5 * (input - target) * (input - target)", FormulaPrinter.Print(Mul(Mul(Constant.Half, Sub(X, Y)), Sub(X, Y))));
        Assert.Equal("input + (target + k)", FormulaPrinter.Print(Raw(BinaryOperator.Add, X, Raw(BinaryOperator.Add, Y, K))));
        Assert.Equal("input * -1.5", FormulaPrinter.Print(Raw(BinaryOperator.Multiply, X, new Constant(-1.5))));
        Assert.Equal("clamp(input, target, k)", FormulaPrinter.Print(Fn(MathFunction.Clamp, X, Y, K)));
        Assert.EndsWith(" …", FormulaPrinter.Print(Enumerable.Range(0, 200).Aggregate<int, Expr>(X, (e, _) => Raw(BinaryOperator.Add, e, Y))), StringComparison.Ordinal);
    }
}
