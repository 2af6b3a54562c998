using System.Numerics;

namespace FastLoss.PropertyTests.Harness;

public delegate T ReduceFn<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T[] h, Reduction reduction);

public delegate void MapFn<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T[] h, Span<T> destination);

public delegate void DerivativeFn<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T[] h, Span<T> destination, Reduction reduction);

public delegate T WithGradientFn<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> a, ReadOnlySpan<T> b, T[] h, Span<T> gradient, Reduction reduction);

/// <summary>A double-precision function of one element: (input, operand a, operand b, hyperparameters).</summary>
public delegate double F64(double x, double a, double b, double[] h);

/// <summary>The five span entry points of a formula (static, or an object's), operands and hyperparameters uniform.</summary>
public sealed record Api<T>(ReduceFn<T> Reduce, MapFn<T> Map, DerivativeFn<T> Gradient, WithGradientFn<T> WithGradient, DerivativeFn<T> Hessian)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The API of an <see cref="ILoss{T}"/>, called through the interface.</summary>
    public static Api<T> Of(ILoss<T> loss) => new(
        (x, a, _, _, r) => loss.Loss(x, a, r),
        (x, a, _, _, d) => loss.Loss(x, a, d),
        (x, a, _, _, d, r) => loss.Gradient(x, a, d, r),
        (x, a, _, _, g, r) => loss.LossWithGradient(x, a, g, r),
        (x, a, _, _, d, r) => loss.Hessian(x, a, d, r));
}

/// <summary>
/// A stated accuracy bound of a kernel against its scalar reference r: the kernel value k passes when both are NaN,
/// or when ulpDistance(k, r) ≤ Ulps (∞ one step past MaxValue), or when |k − r| ≤ Ulps·ulp(r) + Absolute(x, a, b, h).
/// <see cref="Exact"/> means equal as numbers (−0 == +0) and NaN exactly where the reference is NaN.
/// </summary>
public sealed record Bound(int Ulps, F64? Absolute, string Text)
{
    public static readonly Bound Exact = new(0, null, "exact");

    public bool Accepts<T>(T kernel, T reference, double x, double a, double b, double[] h)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (T.IsNaN(reference) || T.IsNaN(kernel))
        {
            return T.IsNaN(reference) && T.IsNaN(kernel);
        }

        if (kernel == reference || Num.UlpDistance(kernel, reference) <= Ulps)
        {
            return true;
        }

        if (!T.IsFinite(kernel) || !T.IsFinite(reference))
        {
            return false; // an infinity matches only itself (or MaxValue within the ulp budget, above)
        }

        double allowed = (Ulps * Num.Ulp(reference)) + (Absolute?.Invoke(x, a, b, h) ?? 0);
        return Math.Abs(double.CreateTruncating(kernel) - double.CreateTruncating(reference)) <= allowed;
    }
}

/// <summary>Non-generic view of a case, for xunit's MemberData and dispatch.</summary>
public interface ILossCase
{
    string Name { get; }

    /// <summary>Whether the case states a bound for its gradient kernel against a hand-written gradient method.</summary>
    bool ChecksHandWrittenGradient { get; }

    /// <summary>Whether the case binds the gradient with respect to its first operand (a <c>[Differentiable]</c> target).</summary>
    bool ChecksTargetGradient { get; }

    void Accept(ICaseVisitor visitor);
}

/// <summary>Runs one property on a case of either element type.</summary>
public interface ICaseVisitor
{
    void Visit<T>(LossCase<T> c)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>;
}

/// <summary>
/// One formula at one element type: its scalar reference and operator struct (found by reflection from the owner
/// type and the formula's name), its static span API and object form (explicit lambdas), its domain, its stated
/// accuracy and what the finite-difference check needs.
/// </summary>
public sealed class LossCase<T> : ILossCase
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Formula<T>? _formula;

    public required string Name { get; init; }

    /// <summary>The class declaring the formula (Loss or MyLosses).</summary>
    public required Type Owner { get; init; }

    public required string Method { get; init; }

    public required CaseDomain Domain { get; init; }

    public required Api<T> Api { get; init; }

    /// <summary><c>new NameLoss(h…)</c>, its methods as an API (through ILoss where the class implements it).</summary>
    public required Func<T[], Api<T>> Object { get; init; }

    /// <summary>The object-form class (for its default constructor and hyperparameter properties).</summary>
    public required Type ObjectType { get; init; }

    public Bound LossBound { get; init; } = Bound.Exact;

    /// <summary>Bound of the gradient kernel against the hand-written gradient method, if the case checks it.</summary>
    public Bound? GradientBound { get; init; }

    /// <summary>The loss in double, for finite differences (the double instantiation, or a twin of a float-only formula).</summary>
    public required F64 Loss64 { get; init; }

    /// <summary>Which branch of the formula an element is on; finite differences skip points where it changes nearby.</summary>
    public F64? Branch { get; init; }

    /// <summary>Magnitude of the terms the gradient kernel adds up (its rounding error is a few ε_T times this).</summary>
    public required F64 GradientScale { get; init; }

    /// <summary>Magnitude of the terms the Hessian kernel adds up.</summary>
    public required F64 HessianScale { get; init; }

    /// <summary>Outside the valid range (e.g. where the formula itself overflows) no derivative is checked.</summary>
    public Func<double, double, double, double[], bool>? ValidForDerivatives { get; init; }

    public Formula<T> Formula => _formula ??= new Formula<T>(Owner, Method);

    public string[] OperandNames => Formula.OperandNames;

    /// <summary>The generated operator struct's type (a generic definition for a formula that divides by a hyperparameter).</summary>
    public Type OperatorType
    {
        get
        {
            bool generic = Formula<T>.Find(Owner, Method, m => m.IsDefined(typeof(LossFormulaAttribute), false)).IsGenericMethodDefinition;
            string qualifier = generic ? (typeof(T) == typeof(float) ? "Single" : "Double") : string.Empty;
            string name = Method + qualifier + "Operator";
            return Owner.GetNestedType(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                ?? Owner.GetNestedType(name + "`1", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                ?? throw new InvalidOperationException(Owner.Name + "." + name + " not found.");
        }
    }

    public Operator<T> Operator(T[] hyperparameters) => new(OperatorType, Formula.Operands, hyperparameters);

    public bool ChecksHandWrittenGradient => GradientBound is not null;

    /// <summary>
    /// d(loss)/d(a) through the all-gradients <c>NameGradient</c> overload (the input's gradient discarded), for a
    /// formula whose first operand is <c>[Differentiable]</c>; null otherwise.
    /// </summary>
    public DerivativeFn<T>? TargetGradient { get; init; }

    public bool ChecksTargetGradient => TargetGradient is not null;

    public void Accept(ICaseVisitor visitor) => visitor.Visit(this);

    public override string ToString() => Name;
}
