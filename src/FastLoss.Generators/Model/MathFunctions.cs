using System;
using System.Collections.Generic;
using System.Linq;
using static FastLoss.Generators.Derivation.Build;

namespace FastLoss.Generators.Model;

internal enum MathFunction
{
    Exp,
    Log,
    LogP1,
    Sqrt,
    Abs,
    Max,
    Min,
    Clamp,
    Pow,
    Tanh,
    Sinh,
    Cosh,
    Sigmoid,
    Softplus,
    LogSigmoid,
}

/// <summary>
/// Differentiates argument <paramref name="index"/> of a call: returns ∂f/∂arg[index] as an expression, given the
/// arguments and the call itself (so rules can reuse f's value, e.g. d exp(u) = exp(u)).
/// </summary>
internal delegate Expr PartialDerivative(EquatableArray<Expr> arguments, Call self, int index);

/// <summary>
/// One row per supported math function: how it is spelled in C#, how it is differentiated and how it is lowered.
/// Adding a function to FastLoss is adding a row here (and its implementation in FastLoss.Kernels.VectorMath).
/// </summary>
/// <param name="Function">The function.</param>
/// <param name="Arity">Its number of arguments.</param>
/// <param name="Scalar">Scalar lowering; {T} is the element keyword, {0}.. the arguments.</param>
/// <param name="Vector">Vector lowering; {V} is Vector128/256/512, {0}.. the arguments.</param>
/// <param name="Partial">The partial derivative of each argument, or null where the rule needs the whole call (see <see cref="Derivation.Differentiator"/>).</param>
internal sealed record MathFunctionRow(MathFunction Function, int Arity, string Scalar, string Vector, PartialDerivative? Partial);

internal static class MathFunctions
{
    /// <summary>The derivative and lowering table.</summary>
    public static readonly IReadOnlyList<MathFunctionRow> Rows = new[]
    {
        // d exp(u) = exp(u)
        new MathFunctionRow(MathFunction.Exp, 1, "VectorMath.Exp({0})", "VectorMath.Exp({0})", (a, self, _) => self),
        // d log(u) = 1/u
        new MathFunctionRow(MathFunction.Log, 1, "VectorMath.Log({0})", "VectorMath.Log({0})", (a, _, _) => Div(Constant.One, a[0])),
        // d log(1+u) = 1/(1+u)
        new MathFunctionRow(MathFunction.LogP1, 1, "VectorMath.LogP1({0})", "VectorMath.LogP1({0})", (a, _, _) => Div(Constant.One, Add(Constant.One, a[0]))),
        // d sqrt(u) = 0.5/sqrt(u)
        new MathFunctionRow(MathFunction.Sqrt, 1, "{T}.Sqrt({0})", "{V}.Sqrt({0})", (a, self, _) => Div(Constant.Half, self)),
        // d|u| = sign(u), 0 at 0 and at NaN (torch's sgn): handled by the differentiator as a select, not a product.
        new MathFunctionRow(MathFunction.Abs, 1, "{T}.Abs({0})", "{V}.Abs({0})", null),
        // Max/Min/Clamp follow torch's subgradients: see Differentiator.
        new MathFunctionRow(MathFunction.Max, 2, "{T}.Max({0}, {1})", "{V}.Max({0}, {1})", null),
        new MathFunctionRow(MathFunction.Min, 2, "{T}.Min({0}, {1})", "{V}.Min({0}, {1})", null),
        new MathFunctionRow(MathFunction.Clamp, 3, "{T}.Min({T}.Max({0}, {1}), {2})", "{V}.Min({V}.Max({0}, {1}), {2})", null),
        // Pow: torch's pow_backward (a zero exponent contributes no gradient); see Differentiator.
        new MathFunctionRow(MathFunction.Pow, 2, "VectorMath.Pow({0}, {1})", "VectorMath.Pow({0}, {1})", null),
        // d tanh(u) = 1 - tanh²(u)
        new MathFunctionRow(MathFunction.Tanh, 1, "VectorMath.Tanh({0})", "VectorMath.Tanh({0})", (a, self, _) => Sub(Constant.One, Mul(self, self))),
        // d sinh(u) = cosh(u)
        new MathFunctionRow(MathFunction.Sinh, 1, "VectorMath.Sinh({0})", "VectorMath.Sinh({0})", (a, _, _) => Fn(MathFunction.Cosh, a[0])),
        // d cosh(u) = sinh(u)
        new MathFunctionRow(MathFunction.Cosh, 1, "VectorMath.Cosh({0})", "VectorMath.Cosh({0})", (a, _, _) => Fn(MathFunction.Sinh, a[0])),
        // d σ(u) = σ(u)(1 - σ(u))
        new MathFunctionRow(MathFunction.Sigmoid, 1, "VectorMath.Sigmoid({0})", "VectorMath.Sigmoid({0})", (a, self, _) => Mul(self, Sub(Constant.One, self))),
        // d softplus(u) = σ(u)
        new MathFunctionRow(MathFunction.Softplus, 1, "VectorMath.Softplus({0})", "VectorMath.Softplus({0})", (a, _, _) => Fn(MathFunction.Sigmoid, a[0])),
        // d log σ(u) = σ(-u), which stays accurate where 1 - σ(u) would cancel
        new MathFunctionRow(MathFunction.LogSigmoid, 1, "VectorMath.LogSigmoid({0})", "VectorMath.LogSigmoid({0})", (a, _, _) => Fn(MathFunction.Sigmoid, Neg(a[0]))),
    };

    private static readonly Dictionary<MathFunction, MathFunctionRow> ByFunction = Rows.ToDictionary(r => r.Function);

    /// <summary>C# method names (on Math, MathF, float, double, T, LossMath) and the function each one means.</summary>
    private static readonly Dictionary<string, MathFunction> ByName = new(StringComparer.Ordinal)
    {
        ["Exp"] = MathFunction.Exp,
        ["Log"] = MathFunction.Log,
        ["LogP1"] = MathFunction.LogP1,
        ["Sqrt"] = MathFunction.Sqrt,
        ["Abs"] = MathFunction.Abs,
        ["Max"] = MathFunction.Max,
        ["Min"] = MathFunction.Min,
        ["Clamp"] = MathFunction.Clamp,
        ["Pow"] = MathFunction.Pow,
        ["Tanh"] = MathFunction.Tanh,
        ["Sinh"] = MathFunction.Sinh,
        ["Cosh"] = MathFunction.Cosh,
        ["Sigmoid"] = MathFunction.Sigmoid,
        ["Softplus"] = MathFunction.Softplus,
        ["LogSigmoid"] = MathFunction.LogSigmoid,
    };

    public static MathFunctionRow Row(MathFunction function) => ByFunction[function];

    /// <summary>Whether a call lowers to a VectorMath routine (tens of instructions) rather than one or two vector instructions.</summary>
    public static bool LowersToVectorMath(MathFunction function) => ByFunction[function].Vector.StartsWith("VectorMath.", StringComparison.Ordinal);

    public static bool TryGetByName(string name, int arity, out MathFunction function)
        => ByName.TryGetValue(name, out function) && ByFunction[function].Arity == arity;

    /// <summary>The names users may call, for diagnostics.</summary>
    public static string SupportedNames => string.Join(", ", ByName.Keys);
}
