using FastLoss.Generators.Model;

namespace FastLoss.Generators.Tests.Derivation;

/// <summary>
/// Evaluates a <see cref="Expr"/> in double precision with the semantics the generated scalar code has
/// (<c>T.Max</c>/<c>T.Min</c> propagate NaN, clamp is <c>min(max(u, lo), hi)</c>, a conditional takes one branch).
/// </summary>
internal static class ExprEvaluator
{
    public static double Evaluate(Expr e, params double[] variables) => e switch
    {
        Constant c => c.Value,
        Variable v => variables[v.Index],
        Unary { Operator: UnaryOperator.Negate } u => -Evaluate(u.Operand, variables),
        Binary { IsCondition: false } b => Arithmetic(b.Operator, Evaluate(b.Left, variables), Evaluate(b.Right, variables)),
        Conditional c => Test(c.Test, variables) ? Evaluate(c.WhenTrue, variables) : Evaluate(c.WhenFalse, variables),
        Call c => Apply(c.Function, c.Arguments.Select(a => Evaluate(a, variables)).ToArray()),
        _ => throw new ArgumentException("Not a number-valued node: " + e),
    };

    public static bool Test(Expr e, params double[] variables) => e switch
    {
        Unary { Operator: UnaryOperator.Not } u => !Test(u.Operand, variables),
        Binary { Operator: BinaryOperator.And } b => Test(b.Left, variables) && Test(b.Right, variables),
        Binary { Operator: BinaryOperator.Or } b => Test(b.Left, variables) || Test(b.Right, variables),
        Binary { IsCondition: true } b => Compare(b.Operator, Evaluate(b.Left, variables), Evaluate(b.Right, variables)),
        _ => throw new ArgumentException("Not a truth value: " + e),
    };

    public static double Apply(MathFunction function, double[] a) => function switch
    {
        MathFunction.Exp => Math.Exp(a[0]),
        MathFunction.Log => Math.Log(a[0]),
        MathFunction.LogP1 => double.LogP1(a[0]),
        MathFunction.Sqrt => Math.Sqrt(a[0]),
        MathFunction.Abs => Math.Abs(a[0]),
        MathFunction.Max => double.Max(a[0], a[1]),
        MathFunction.Min => double.Min(a[0], a[1]),
        MathFunction.Clamp => double.Min(double.Max(a[0], a[1]), a[2]),
        MathFunction.Pow => Math.Pow(a[0], a[1]),
        MathFunction.Tanh => Math.Tanh(a[0]),
        MathFunction.Sinh => Math.Sinh(a[0]),
        MathFunction.Cosh => Math.Cosh(a[0]),
        MathFunction.Sigmoid => a[0] >= 0 ? 1 / (1 + Math.Exp(-a[0])) : Math.Exp(a[0]) / (1 + Math.Exp(a[0])),
        MathFunction.Softplus => Softplus(a[0]),
        MathFunction.LogSigmoid => -Softplus(-a[0]),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "The evaluator lacks this function."),
    };

    /// <summary>The central difference (f(x + h) − f(x − h)) / 2h in variable <paramref name="index"/>.</summary>
    public static double CentralDifference(Expr e, int index, double[] variables)
    {
        double x = variables[index];
        double h = 1e-5 * Math.Max(1, Math.Abs(x));
        double[] plus = (double[])variables.Clone(), minus = (double[])variables.Clone();
        plus[index] = x + h;
        minus[index] = x - h;
        return (Evaluate(e, plus) - Evaluate(e, minus)) / (2 * h);
    }

    private static double Softplus(double x) => Math.Max(x, 0) + double.LogP1(Math.Exp(-Math.Abs(x)));

    private static double Arithmetic(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.Add => l + r,
        BinaryOperator.Subtract => l - r,
        BinaryOperator.Multiply => l * r,
        BinaryOperator.Divide => l / r,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static bool Compare(BinaryOperator op, double l, double r) => op switch
    {
        BinaryOperator.LessThan => l < r,
        BinaryOperator.LessThanOrEqual => l <= r,
        BinaryOperator.GreaterThan => l > r,
        BinaryOperator.GreaterThanOrEqual => l >= r,
        BinaryOperator.Equal => l == r,
        BinaryOperator.NotEqual => l != r,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
