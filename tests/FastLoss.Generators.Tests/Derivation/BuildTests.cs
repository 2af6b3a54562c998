using FastLoss.Generators.Model;
using static FastLoss.Generators.Derivation.Build;
using static FastLoss.Generators.Tests.Derivation.DifferentiatorTests;

namespace FastLoss.Generators.Tests.Derivation;

/// <summary>The smart constructors' local simplifications: exact rewrites, checked node by node.</summary>
public class BuildTests
{
    private static readonly Constant Three = new(3);

    [Fact]
    public void Constants_fold()
    {
        Assert.Equal(new Constant(5), Add(Constant.Two, Three));
        Assert.Equal(new Constant(-1), Sub(Constant.Two, Three));
        Assert.Equal(new Constant(6), Mul(Constant.Two, Three));
        Assert.Equal(new Constant(1.5), Div(Three, Constant.Two));
        Assert.Equal(new Constant(-3), Neg(Three));
    }

    [Fact]
    public void Division_by_a_zero_constant_is_not_folded()
        => Assert.Equal(new Binary(BinaryOperator.Divide, Constant.One, Constant.Zero), Div(Constant.One, Constant.Zero));

    [Fact]
    public void Zero_and_one_are_identities()
    {
        Assert.Same(X, Add(Constant.Zero, X));
        Assert.Same(X, Add(X, Constant.Zero));
        Assert.Same(X, Sub(X, Constant.Zero));
        Assert.Equal(new Unary(UnaryOperator.Negate, X), Sub(Constant.Zero, X));
        Assert.Same(X, Mul(Constant.One, X));
        Assert.Same(X, Mul(X, Constant.One));
        Assert.Same(X, Div(X, Constant.One));
        Assert.Equal(Constant.Zero, Mul(X, Constant.Zero));
        Assert.Equal(Constant.Zero, Mul(Constant.Zero, X));
        Assert.Equal(Constant.Zero, Div(Constant.Zero, X));
    }

    [Fact]
    public void Minus_one_becomes_a_negation()
    {
        Assert.Equal(new Unary(UnaryOperator.Negate, X), Mul(Constant.MinusOne, X));
        Assert.Equal(new Unary(UnaryOperator.Negate, X), Mul(X, Constant.MinusOne));
        Assert.Equal(new Unary(UnaryOperator.Negate, X), Div(X, Constant.MinusOne));
    }

    [Fact]
    public void Negations_cancel_and_move_outwards()
    {
        Assert.Same(X, Neg(Neg(X)));
        Assert.Equal(new Binary(BinaryOperator.Subtract, Y, X), Neg(new Binary(BinaryOperator.Subtract, X, Y)));
        Assert.Equal(new Binary(BinaryOperator.Add, X, Y), Sub(X, Neg(Y)));
        Assert.Equal(new Binary(BinaryOperator.Subtract, X, Y), Add(X, Neg(Y)));
        Assert.Equal(new Binary(BinaryOperator.Subtract, Y, X), Add(Neg(X), Y));
        Assert.Equal(Neg(new Binary(BinaryOperator.Multiply, X, Y)), Mul(Neg(X), Y));
        Assert.Equal(Neg(new Binary(BinaryOperator.Multiply, X, Y)), Mul(X, Neg(Y)));
        Assert.Equal(Neg(new Binary(BinaryOperator.Divide, X, Y)), Div(Neg(X), Y));
    }

    [Fact]
    public void Constants_move_first_and_combine()
    {
        Assert.Equal(new Binary(BinaryOperator.Multiply, Constant.Two, X), Mul(X, Constant.Two));
        Assert.Equal(new Binary(BinaryOperator.Multiply, new Constant(6), X), Mul(Constant.Two, Mul(Three, X)));
        Assert.Equal(new Binary(BinaryOperator.Multiply, new Constant(6), X), Mul(Mul(Three, X), Constant.Two));
    }

    [Fact]
    public void Sinh_over_cosh_of_the_same_argument_is_tanh()
    {
        Expr u = Sub(X, Y);
        Assert.Equal(Fn(MathFunction.Tanh, u), Div(Fn(MathFunction.Sinh, u), Fn(MathFunction.Cosh, u)));
        Assert.IsType<Binary>(Div(Fn(MathFunction.Sinh, X), Fn(MathFunction.Cosh, Y)));
    }

    [Fact]
    public void Small_integer_powers_are_rewritten_exactly()
    {
        Assert.Equal(Constant.One, Fn(MathFunction.Pow, X, Constant.Zero));
        Assert.Same(X, Fn(MathFunction.Pow, X, Constant.One));
        Assert.Equal(new Binary(BinaryOperator.Multiply, X, X), Fn(MathFunction.Pow, X, Constant.Two));
        Assert.IsType<Call>(Fn(MathFunction.Pow, X, Three));
        Assert.IsType<Call>(Fn(MathFunction.Pow, X, K));
    }

    [Fact]
    public void Select_of_equal_branches_is_the_branch()
    {
        Expr test = Compare(BinaryOperator.LessThan, X, Y);
        Assert.Same(X, Select(test, X, new Variable(0, "input", ParameterKind.Input)));
        Assert.Equal(new Conditional(test, X, Y), Select(test, X, Y));
    }

    [Fact]
    public void Not_cancels()
    {
        Expr test = Compare(BinaryOperator.LessThan, X, Y);
        Assert.Same(test, Not(Not(test)));
        Assert.True(Not(test).IsCondition);
    }

    [Fact]
    public void Structural_equality_and_hash_ignore_identity()
    {
        Expr a = Add(Mul(X, Y), Fn(MathFunction.Exp, Sub(X, K)));
        Expr b = Add(Mul(new Variable(0, "input", ParameterKind.Input), Y), Fn(MathFunction.Exp, Sub(X, K)));
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(Add(X, Y), Add(Y, X));
        Assert.NotEqual(new Constant(0.0), new Constant(-0.0));
        Assert.Equal(new Constant(double.NaN), new Constant(double.NaN));
    }

    [Fact]
    public void Conditions_are_marked()
    {
        Assert.True(Compare(BinaryOperator.Equal, X, Y).IsCondition);
        Assert.True(Logical(BinaryOperator.Or, Compare(BinaryOperator.Equal, X, Y), Compare(BinaryOperator.Equal, X, K)).IsCondition);
        Assert.False(Add(X, Y).IsCondition);
        Assert.False(Neg(X).IsCondition);
    }
}
