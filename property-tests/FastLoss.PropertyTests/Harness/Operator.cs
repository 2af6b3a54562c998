using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;

namespace FastLoss.PropertyTests.Harness;

/// <summary>A per-element function of the input and up to two operands (an unused operand is ignored).</summary>
public delegate TV Fn<TV>(TV x, TV a, TV b);

/// <summary>A fused per-element loss and gradient.</summary>
public delegate TV FusedFn<TV>(TV x, TV a, TV b, out TV gradient);

/// <summary>The four methods of a generated operator struct at one width, bound to one instance.</summary>
public sealed record OperatorWidth<TV>(Fn<TV> Loss, Fn<TV> Gradient, Fn<TV> Hessian, FusedFn<TV> LossAndGradient);

/// <summary>
/// A generated operator struct (<c>NameOperator</c>, <c>NameSingleOperator</c> or <c>NameDoubleOperator</c>) built
/// with given hyperparameters, its scalar, Vector128, Vector256 and Vector512 overloads bound as closed delegates over
/// the boxed instance (direct calls, no reflection per call).
/// </summary>
public sealed class Operator<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Operator(Type type, int operands, T[] hyperparameters)
    {
        // A formula that divides by a hyperparameter or raises to one has an operator generic over its modes (see the
        // generator's KernelModes). The multiplying division mode is valid when every divisor has an exact reciprocal
        // (here: every hyperparameter, a sufficient test), the square power mode when every exponent is 2 (here: every
        // hyperparameter); the other modes always are. The public API makes the same choices from the divisors and
        // exponents alone.
        if (type.IsGenericTypeDefinition)
        {
            bool exact = hyperparameters.All(h => typeof(T) == typeof(float)
                ? global::FastLoss.Kernels.VectorMath.HasExactReciprocal(float.CreateTruncating(h))
                : global::FastLoss.Kernels.VectorMath.HasExactReciprocal(double.CreateTruncating(h)));
            bool square = hyperparameters.All(h => global::FastLoss.Kernels.VectorMath.IsSquareExponent(double.CreateTruncating(h)));
            type = type.MakeGenericType(type.GetGenericArguments().Select(parameter => parameter.Name switch
            {
                "TDivision" => exact ? typeof(global::FastLoss.Kernels.MultiplyByReciprocal) : typeof(global::FastLoss.Kernels.TrueDivision),
                "TPower" => square ? typeof(global::FastLoss.Kernels.SquareExponent) : typeof(global::FastLoss.Kernels.GeneralExponent),
                _ => throw new InvalidOperationException("Unknown mode parameter " + parameter.Name + " of " + type.Name),
            }).ToArray());
        }

        object instance = hyperparameters.Length == 0
            ? Activator.CreateInstance(type)!
            : Activator.CreateInstance(type, hyperparameters.Cast<object>().ToArray())!;
        Scalar = Bind<T>(type, instance, operands);
        V128 = Bind<Vector128<T>>(type, instance, operands);
        V256 = Bind<Vector256<T>>(type, instance, operands);
        V512 = Bind<Vector512<T>>(type, instance, operands);
    }

    public OperatorWidth<T> Scalar { get; }

    public OperatorWidth<Vector128<T>> V128 { get; }

    public OperatorWidth<Vector256<T>> V256 { get; }

    public OperatorWidth<Vector512<T>> V512 { get; }

    private static OperatorWidth<TV> Bind<TV>(Type type, object instance, int operands)
        => new(
            Plain<TV>(type, instance, "Loss", operands),
            Plain<TV>(type, instance, "Gradient", operands),
            Plain<TV>(type, instance, "Hessian", operands),
            Fused<TV>(type, instance, operands));

    private static Fn<TV> Plain<TV>(Type type, object instance, string name, int operands)
    {
        MethodInfo method = Find(type, name, Enumerable.Repeat(typeof(TV), operands + 1).ToArray());
        if (operands == 1)
        {
            var f = method.CreateDelegate<Func<TV, TV, TV>>(instance);
            return (x, a, _) => f(x, a);
        }

        var g = method.CreateDelegate<Func<TV, TV, TV, TV>>(instance);
        return (x, a, b) => g(x, a, b);
    }

    private static FusedFn<TV> Fused<TV>(Type type, object instance, int operands)
    {
        MethodInfo method = Find(type, "LossAndGradient", [.. Enumerable.Repeat(typeof(TV), operands + 1), typeof(TV).MakeByRefType()]);
        if (operands == 1)
        {
            var f = method.CreateDelegate<Fused1<TV>>(instance);
            return (TV x, TV a, TV _, out TV g) => f(x, a, out g);
        }

        var h = method.CreateDelegate<Fused2<TV>>(instance);
        return (TV x, TV a, TV b, out TV g) => h(x, a, b, out g);
    }

    private static MethodInfo Find(Type type, string name, Type[] parameters)
        => type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
            ?? throw new InvalidOperationException($"{type.Name}.{name}({string.Join(", ", parameters.Select(p => p.Name))}) not found.");

    private delegate TV Fused1<TV>(TV x, TV a, out TV gradient);

    private delegate TV Fused2<TV>(TV x, TV a, TV b, out TV gradient);
}

/// <summary>The formula method itself (and a hand-written gradient method), bound as fast delegates.</summary>
public sealed class Formula<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public Formula(Type owner, string name)
    {
        MethodInfo method = Resolve(Find(owner, name, m => m.IsDefined(typeof(LossFormulaAttribute), false)));
        ParameterInfo[] parameters = method.GetParameters();
        Hyperparameters = parameters.Where(p => p.GetCustomAttribute<HyperparameterAttribute>() is not null).ToArray();
        Operands = parameters.Length - 1 - Hyperparameters.Length;
        OperandNames = parameters.Skip(1).Where(p => p.GetCustomAttribute<HyperparameterAttribute>() is null).Select(p => p.Name!).ToArray();
        Loss = Bind(method);

        string? gradientName = method.GetCustomAttribute<LossFormulaAttribute>()?.Gradient;
        if (gradientName is not null)
        {
            MethodInfo g = Resolve(Find(owner, gradientName, m => m.GetParameters().All(p => !p.ParameterType.IsByRefLike)));
            HandWrittenGradient = Bind(g);
        }
    }

    /// <summary>Per-element operands besides the input (1 or 2).</summary>
    public int Operands { get; }

    /// <summary>The operands' parameter names, as the generated span API names them.</summary>
    public string[] OperandNames { get; }

    public ParameterInfo[] Hyperparameters { get; }

    /// <summary>The formula: (input, operand, operand, hyperparameters).</summary>
    public Func<T, T, T, T[], T> Loss { get; }

    /// <summary>The method named by <c>[LossFormula(Gradient = …)]</c>, if any.</summary>
    public Func<T, T, T, T[], T>? HandWrittenGradient { get; }

    /// <summary>The declared default of each hyperparameter (HyperparameterAttribute.Default, else the C# default).</summary>
    public T[] Defaults => Hyperparameters
        .Select(p => T.CreateChecked(double.IsNaN(p.GetCustomAttribute<HyperparameterAttribute>()!.Default)
            ? Convert.ToDouble(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)
            : p.GetCustomAttribute<HyperparameterAttribute>()!.Default))
        .ToArray();

    /// <summary>The formula (or gradient) method among the generated span overloads of the same name.</summary>
    public static MethodInfo Find(Type owner, string name, Func<MethodInfo, bool> predicate)
        => owner.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).SingleOrDefault(m => m.Name == name && predicate(m))
            ?? throw new InvalidOperationException($"{owner.Name}.{name} not found.");

    private static MethodInfo Resolve(MethodInfo m) => m.IsGenericMethodDefinition ? m.MakeGenericMethod(typeof(T)) : m;

    /// <summary>Binds the method to a typed delegate of its exact arity, then adapts to (x, a, b, h[]).</summary>
    private Func<T, T, T, T[], T> Bind(MethodInfo m)
    {
        int n = m.GetParameters().Length;
        int o = Operands;
        switch (n)
        {
            case 2:
                var f2 = m.CreateDelegate<Func<T, T, T>>();
                return (x, a, _, _) => f2(x, a);
            case 3:
                var f3 = m.CreateDelegate<Func<T, T, T, T>>();
                return o == 2 ? (x, a, b, _) => f3(x, a, b) : (x, a, _, h) => f3(x, a, h[0]);
            case 4:
                var f4 = m.CreateDelegate<Func<T, T, T, T, T>>();
                return o == 2 ? (x, a, b, h) => f4(x, a, b, h[0]) : (x, a, _, h) => f4(x, a, h[0], h[1]);
            default:
                throw new NotSupportedException($"{m.Name}: {n} parameters.");
        }
    }
}
