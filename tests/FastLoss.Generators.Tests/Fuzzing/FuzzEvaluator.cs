using System.Numerics;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Evaluates a fuzzed formula in its element type <typeparamref name="T"/> with the same operations, in the same order
/// and with the same library calls as the C# method (so its value is the reference's bits), and carries alongside a
/// first-order bound D on |kernel − reference| for every node:
/// <list type="bullet">
/// <item>+ − * / negation, Abs, Max, Min, Clamp, Sqrt and comparisons are correctly rounded or exact in both the
/// kernels and the reference, so they add nothing (D stays 0: such formulas must match bit for bit); once an operand
/// differs they propagate its difference and may round one more ulp apart.</item>
/// <item>A transcendental call adds the kernel's bound (README, "Vector math") plus the reference library's (glibc:
/// 1 ulp for exp, log, pow; 2 for tanh, sinh, cosh; LossMath's double evaluation rounded: 1 for float, 2 for double)
/// in ulps of its result, plus the reference's absolute error where it is computed naively (T.LogP1 is log(1 + x):
/// ε_T; LossMath.Softplus/LogSigmoid use double.LogP1: ε₆₄), and propagates the argument's difference times the
/// largest |f′| within it.</item>
/// </list>
/// A comparison whose sides are closer than the difference they may carry, or a non-finite intermediate that carries
/// a difference, makes the point <see cref="Unstable"/>: the two implementations may legitimately take different
/// branches there, and the point is skipped.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class MirrorEvaluator<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly FuzzFormula _formula;
    private readonly Deviation _as;

    /// <param name="formula">The formula.</param>
    /// <param name="evaluateAs">Evaluate with these known deviations of the kernels (to recognise them), not as C# does.</param>
    public MirrorEvaluator(FuzzFormula formula, Deviation evaluateAs = Deviation.None)
    {
        _formula = formula;
        _as = evaluateAs;
    }

    /// <summary>A comparison or non-finite intermediate made the bound meaningless at the last point.</summary>
    public bool Unstable { get; private set; }

    /// <summary>The reference throws at the last point (Math.Clamp with min &gt; max).</summary>
    public bool Throws { get; private set; }

    /// <summary>Some value computed at the last point was not finite in T (an overflow the double evaluation may not see).</summary>
    public bool NonFinite { get; private set; }

    /// <summary>Evaluates at one point: parameter values (operands, then hyperparameters).</summary>
    public (T Value, double Bound) Evaluate(T[] parameters)
    {
        Unstable = false;
        Throws = false;
        NonFinite = false;
        var frame = new Frame(parameters.Select(p => (p, 0.0)).ToArray());

        // A block body evaluates every local, also one only a branch not taken uses (Math.Clamp may throw there).
        foreach (Node local in _formula.Locals)
        {
            Eval(local, frame);
        }

        (T v, double d) = Eval(_formula.Root, frame);
        return (v, d);
    }

    private sealed class Frame((T, double)[] arguments)
    {
        public (T V, double D)[] Arguments { get; } = arguments;

        public Dictionary<Node, (T, double)> Memo { get; } = new(ReferenceEqualityComparer.Instance);
    }

    private (T V, double D) Eval(Node node, Frame frame)
    {
        if (frame.Memo.TryGetValue(node, out (T, double) cached))
        {
            return cached;
        }

        (T, double) result = node switch
        {
            ParamNode p => frame.Arguments[p.Index],
            LitNode l => (T.CreateChecked(l.Value), 0.0),
            NegNode { Operand: BinNode { Op: '-' } d } when (_as & Deviation.NegatedDifference) != 0 => Binary('-', Eval(d.Right, frame), Eval(d.Left, frame)),
            NegNode { Operand: HelperNode h } when (_as & Deviation.NegatedDifference) != 0 && _formula.Helpers[h.Helper].Body is BinNode { Op: '-' } d
                => SwappedDifference(d, new Frame(h.Arguments.Select(a => Eval(a, frame)).ToArray())),
            NegNode n => Negate(Eval(n.Operand, frame)),
            BinNode b => Binary(b.Op, Eval(b.Left, frame), Eval(b.Right, frame)),
            CondNode c => Test(c.Test, frame) ? Eval(c.WhenTrue, frame) : Eval(c.WhenFalse, frame),
            HelperNode h => Eval(_formula.Helpers[h.Helper].Body, new Frame(h.Arguments.Select(a => Eval(a, frame)).ToArray())),
            CallNode { Function: Fn.Clamp } c when (_as & Deviation.MathClamp) == 0 && FormulaRenderer.Container(Fn.Clamp, _formula.Kind, c.Spelling, "T") == "Math"
                => MathClamp(c.Arguments.Select(a => Eval(a, frame)).ToArray()),
            CallNode c => Call(c.Function, c.Arguments.Select(a => Eval(a, frame)).ToArray()),
            _ => throw new InvalidOperationException(node.GetType().Name),
        };
        frame.Memo[node] = result;
        NonFinite |= !T.IsFinite(result.Item1);
        return result;
    }

    private static (T, double) Negate((T V, double D) a) => (-a.V, a.D);

    private (T, double) SwappedDifference(BinNode d, Frame frame) => Binary('-', Eval(d.Right, frame), Eval(d.Left, frame));

    /// <summary>Math.Clamp: throws for min &gt; max, else value &lt; min ? min : value &gt; max ? max : value (so −0 stays −0 against a bound of +0, and a NaN bound is ignored), unlike T.Clamp.</summary>
    private (T, double) MathClamp((T V, double D)[] a)
    {
        if (a[1].V > a[2].V)
        {
            Throws = true;
            return (T.NaN, 0);
        }

        T v = a[0].V < a[1].V ? a[1].V : a[0].V > a[2].V ? a[2].V : a[0].V;
        return (v, Math.Max(a[0].D, Math.Max(a[1].D, a[2].D)));
    }

    private (T, double) Binary(char op, (T V, double D) a, (T V, double D) b)
    {
        T v = op switch
        {
            '+' => a.V + b.V,
            '-' => a.V - b.V,
            '*' => a.V * b.V,
            _ => a.V / b.V,
        };

        if (a.D == 0 && b.D == 0)
        {
            return (v, 0);
        }

        double x = double.CreateTruncating(a.V), y = double.CreateTruncating(b.V), r = double.CreateTruncating(v);
        if (!double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(r))
        {
            return Carry(v);
        }

        double d = op switch
        {
            '+' or '-' => a.D + b.D,
            '*' => (Math.Abs(y) * a.D) + (Math.Abs(x) * b.D) + (a.D * b.D),
            _ => b.D >= Math.Abs(y) / 2 ? double.PositiveInfinity : (a.D + (Math.Abs(r) * b.D)) / (Math.Abs(y) - b.D),
        };
        return Finish(v, d + Ulp(v));
    }

    private bool Test(Test test, Frame frame)
    {
        switch (test)
        {
            case CmpTest c:
            {
                (T a, double da) = Eval(c.Left, frame);
                (T b, double db) = Eval(c.Right, frame);
                if (da + db > 0)
                {
                    double x = double.CreateTruncating(a), y = double.CreateTruncating(b);
                    if (!double.IsFinite(x) || !double.IsFinite(y) || Math.Abs(x - y) <= 2 * (da + db))
                    {
                        Unstable = true;
                    }
                }

                return c.Op switch
                {
                    Cmp.Lt => a < b,
                    Cmp.Le => a <= b,
                    Cmp.Gt => a > b,
                    Cmp.Ge => a >= b,
                    Cmp.Eq => a == b,
                    _ => a != b,
                };
            }

            case LogicTest { Op: '!' } n:
                return !Test(n.Left, frame);
            case LogicTest { Op: '&' } and:
                return Test(and.Left, frame) && Test(and.Right!, frame);
            case LogicTest or:
                return Test(or.Left, frame) || Test(or.Right!, frame);
            default:
                throw new InvalidOperationException();
        }
    }

    private (T, double) Call(Fn fn, (T V, double D)[] a)
    {
        switch (fn)
        {
            case Fn.Abs:
                return (T.Abs(a[0].V), a[0].D);
            case Fn.Max:
                return (T.Max(a[0].V, a[1].V), Math.Max(a[0].D, a[1].D));
            case Fn.Min:
                return (T.Min(a[0].V, a[1].V), Math.Max(a[0].D, a[1].D));
            case Fn.Clamp:
                if (a[1].V > a[2].V)
                {
                    Throws = true;
                    return (T.NaN, 0);
                }

                return (T.Clamp(a[0].V, a[1].V, a[2].V), Math.Max(a[0].D, Math.Max(a[1].D, a[2].D)));
            case Fn.Sqrt:
            {
                T v = T.Sqrt(a[0].V);
                if (a[0].D == 0)
                {
                    return (v, 0);
                }

                double x = double.CreateTruncating(a[0].V);
                double d = x - a[0].D <= 0 ? Math.Sqrt(a[0].D) : a[0].D / (2 * Math.Sqrt(x - a[0].D));
                return Finish(v, d + Ulp(v));
            }

            case Fn.Pow:
                return Pow(a[0], a[1]);
            default:
                return Smooth(fn, a[0]);
        }
    }

    private (T, double) Smooth(Fn fn, (T V, double D) a)
    {
        T v = fn switch
        {
            Fn.Exp => T.Exp(a.V),
            Fn.Log => T.Log(a.V),
            Fn.LogP1 => T.LogP1(a.V),
            Fn.Tanh => T.Tanh(a.V),
            Fn.Sinh => T.Sinh(a.V),
            Fn.Cosh => T.Cosh(a.V),
            Fn.Sigmoid => LossMath.Sigmoid(a.V),
            Fn.Softplus => LossMath.Softplus(a.V),
            _ => LossMath.LogSigmoid(a.V),
        };

        double x = double.CreateTruncating(a.V);
        double propagated = 0;
        if (a.D > 0)
        {
            if (!double.IsFinite(x))
            {
                return Carry(v);
            }

            double lo = x - a.D, hi = x + a.D;
            if (fn is Fn.Log && lo <= 0 || fn is Fn.LogP1 && lo <= -1)
            {
                return Carry(v);
            }

            double slope = Math.Max(Math.Abs(Derivative(fn, lo)), Math.Max(Math.Abs(Derivative(fn, x)), Math.Abs(Derivative(fn, hi))));
            if (lo <= 0 && hi >= 0)
            {
                slope = Math.Max(slope, Math.Abs(Derivative(fn, 0)));
            }

            propagated = slope * a.D;
        }

        bool single = typeof(T) == typeof(float);
        (double kernel, double reference) = fn switch
        {
            Fn.Exp or Fn.Log or Fn.LogP1 => (1.0, 1.0),
            Fn.Tanh or Fn.Sinh or Fn.Cosh => (2.0, 2.0),
            Fn.Sigmoid => (3.0, single ? 1.0 : 2.0),
            _ => (single ? 2.0 : 3.0, single ? 1.0 : 2.0),
        };
        double absolute = fn switch
        {
            Fn.LogP1 => UnitRoundoff,
            Fn.Softplus or Fn.LogSigmoid => Math.ScaleB(1, -52),
            _ => 0,
        };

        if (!T.IsFinite(v))
        {
            // Overflow: one implementation may stop one ulp short of it. The point is dropped if this reaches the result.
            return Carry(v);
        }

        return Finish(v, propagated + ((kernel + reference) * Ulp(v)) + absolute);
    }

    private (T, double) Pow((T V, double D) a, (T V, double D) b)
    {
        T v = T.Pow(a.V, b.V);
        double x = double.CreateTruncating(a.V), y = double.CreateTruncating(b.V), r = double.CreateTruncating(v);
        if (T.IsNaN(v))
        {
            return (v, 0);
        }

        if (!double.IsFinite(r) || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return Carry(v);
        }

        double d = 2 * Ulp(v);
        if (a.D > 0)
        {
            if (x - a.D <= 0 && x + a.D >= 0)
            {
                return Carry(v);
            }

            double lo = Math.Abs(x) - a.D, hi = Math.Abs(x) + a.D;
            double slope = Math.Max(Math.Abs(y * Math.Pow(lo, y - 1)), Math.Abs(y * Math.Pow(hi, y - 1)));
            d += slope * a.D;
        }

        if (b.D > 0)
        {
            if (x <= 0)
            {
                return Carry(v);
            }

            d += Math.Max(Math.Abs(r), Math.Abs(Math.Pow(x, y + b.D))) * Math.Abs(Math.Log(x)) * b.D * 1.5;
        }

        return Finish(v, d);
    }

    private (T, double) Carry(T v)
    {
        Unstable = true;
        return (v, double.PositiveInfinity);
    }

    private (T, double) Finish(T v, double d)
    {
        if (!double.IsFinite(d))
        {
            Unstable = true;
        }

        return (v, d);
    }

    private static double UnitRoundoff => typeof(T) == typeof(float) ? Math.ScaleB(1, -24) : Math.ScaleB(1, -53);

    /// <summary>The spacing of T at |v| (the gap above |v|, or below it at MaxValue).</summary>
    public static double Ulp(T v)
    {
        T a = T.Abs(v);
        if (!T.IsFinite(a))
        {
            return double.PositiveInfinity;
        }

        T next = T.BitIncrement(a);
        return double.CreateTruncating(T.IsFinite(next) ? next - a : a - T.BitDecrement(a));
    }

    /// <summary>f′(x) in double for the one-argument smooth functions.</summary>
    public static double Derivative(Fn fn, double x) => fn switch
    {
        Fn.Exp => Math.Exp(x),
        Fn.Log => 1 / x,
        Fn.LogP1 => 1 / (1 + x),
        Fn.Tanh => 1 - (Math.Tanh(x) * Math.Tanh(x)),
        Fn.Sinh => Math.Cosh(x),
        Fn.Cosh => Math.Sinh(x),
        Fn.Sigmoid => LossMath.Sigmoid(x) * LossMath.Sigmoid(-x),
        Fn.Softplus => LossMath.Sigmoid(x),
        Fn.LogSigmoid => LossMath.Sigmoid(-x),
        _ => throw new InvalidOperationException(fn.ToString()),
    };
}

/// <summary>Known differences between the generated kernels and the formula method as C# evaluates it (issue 7).</summary>
[Flags]
internal enum Deviation
{
    None = 0,

    /// <summary>The parser rewrites −(a − b) to b − a: +0 instead of −0 where a == b (so 1/−(a − b) is +∞, not −∞).</summary>
    NegatedDifference = 1,

    /// <summary>Math.Clamp(x, lo, hi) is lowered like T.Clamp, min(max(x, lo), hi): +0 for x = −0 against a bound of +0, NaN for a NaN bound.</summary>
    MathClamp = 2,
}

/// <summary>
/// The formula with forward-mode derivatives with respect to the input, in <typeparamref name="T"/>: in double (with
/// literals as the element type holds them, and accurate log1p) it is the reference for central differences; in the
/// element type it predicts where the chain rule itself is not finite (an intermediate that underflows to 0 under a
/// square root, say), where a kernel's NaN is the formula's and not the generator's. Alongside: the magnitudes of the
/// terms (for the rounding error a kernel may make computing the derivative) and the discrete decisions taken
/// (branches, signs at kinks, domain sides), so a finite-difference stencil can be checked to stay on one smooth piece.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
internal sealed class DualEvaluator<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly FuzzFormula _formula;
    private readonly bool _singleLiterals;
    private readonly bool _ideal;
    private readonly List<int> _decisions = [];

    /// <param name="formula">The formula.</param>
    /// <param name="singleLiterals">Round literals to float (a float formula, or a generic one's float kernels).</param>
    /// <param name="ideal">Accurate log1p/softplus (the finite-difference reference) rather than the library's.</param>
    public DualEvaluator(FuzzFormula formula, bool singleLiterals, bool ideal)
    {
        _formula = formula;
        _singleLiterals = singleLiterals;
        _ideal = ideal;
    }

    /// <summary>The branch/kink decisions of the last evaluation.</summary>
    public IReadOnlyList<int> Decisions => _decisions;

    /// <summary>Math.Clamp would throw (min &gt; max) at the last point.</summary>
    public bool Invalid { get; private set; }

    /// <summary>A value, its derivative, the magnitudes of the terms each was computed from, and whether it depends on the input symbolically (as the generator sees it).</summary>
    public readonly record struct Dual(T V, T Dv, double Mv, double Md, bool Depends = false);

    public Dual Evaluate(T[] parameters)
    {
        _decisions.Clear();
        Invalid = false;
        var args = new Dual[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            args[i] = new Dual(parameters[i], i == 0 ? T.One : T.Zero, Abs(parameters[i]), i == 0 ? 1 : 0, i == 0);
        }

        return Eval(_formula.Root, args, new Dictionary<Node, Dual>(ReferenceEqualityComparer.Instance));
    }

    public T Value(T[] parameters) => Evaluate(parameters).V;

    private static double Abs(T v) => Math.Abs(double.CreateTruncating(v));

    private Dual Eval(Node node, Dual[] args, Dictionary<Node, Dual> memo)
    {
        if (memo.TryGetValue(node, out Dual cached))
        {
            return cached;
        }

        Dual r;
        switch (node)
        {
            case ParamNode p:
                r = args[p.Index];
                break;
            case LitNode l:
            {
                T v = T.CreateChecked(_singleLiterals ? (float)l.Value : l.Value);
                r = new Dual(v, T.Zero, Abs(v), 0);
                break;
            }

            case NegNode n:
            {
                Dual a = Eval(n.Operand, args, memo);
                r = a with { V = -a.V, Dv = -a.Dv };
                break;
            }

            case BinNode b:
            {
                Dual left = Eval(b.Left, args, memo), right = Eval(b.Right, args, memo);
                r = Binary(b.Op, left, right) with { Depends = left.Depends || right.Depends };
                break;
            }

            case CondNode c:
            {
                bool t = Test(c.Test, args, memo);
                _decisions.Add(t ? 1 : 0);
                r = Eval(t ? c.WhenTrue : c.WhenFalse, args, memo) with { Depends = DependsOnInput(c, args) };
                break;
            }

            case HelperNode h:
            {
                Dual[] inner = h.Arguments.Select(a => Eval(a, args, memo)).ToArray();
                r = Eval(_formula.Helpers[h.Helper].Body, inner, new Dictionary<Node, Dual>(ReferenceEqualityComparer.Instance));
                break;
            }

            case CallNode c:
            {
                Dual[] arguments = c.Arguments.Select(a => Eval(a, args, memo)).ToArray();
                r = Call(c.Function, arguments);
                r = r with { Depends = DependsOnInput(c, args) };
                break;
            }

            default:
                throw new InvalidOperationException(node.GetType().Name);
        }

        memo[node] = r;
        return r;
    }

    /// <summary>Whether a node depends on the input symbolically (every branch and the test of a select count).</summary>
    private bool DependsOnInput(Node node, Dual[] args) => node switch
    {
        ParamNode p => args[p.Index].Depends,
        LitNode => false,
        HelperNode h => DependsOnInput(_formula.Helpers[h.Helper].Body, h.Arguments.Select(a => new Dual(T.Zero, T.Zero, 0, 0, DependsOnInput(a, args))).ToArray()),
        _ => node.Children.Any(c => DependsOnInput(c, args)),
    };

    private Dual Binary(char op, Dual a, Dual b)
    {
        switch (op)
        {
            case '+':
                return new Dual(a.V + b.V, a.Dv + b.Dv, a.Mv + b.Mv, a.Md + b.Md);
            case '-':
                return new Dual(a.V - b.V, a.Dv - b.Dv, a.Mv + b.Mv, a.Md + b.Md);
            case '*':
                return new Dual(a.V * b.V, (a.Dv * b.V) + (a.V * b.Dv), a.Mv * b.Mv, (a.Md * b.Mv) + (a.Mv * b.Md));
            default:
            {
                T v = a.V / b.V;
                double ab = Abs(b.V);
                double mv = (a.Mv + (Abs(v) * b.Mv)) / ab;
                // The generator's quotient rule, u′/v − u·v′/v² where v depends on the input (v² under- and overflows
                // early), except for the reference.
                T dv = _ideal || !b.Depends ? (a.Dv - (v * b.Dv)) / b.V : (a.Dv / b.V) - (a.V * b.Dv / (b.V * b.V));
                double md = (a.Md + (Abs(v) * b.Md) + (mv * Abs(b.Dv))) / ab;
                return new Dual(v, dv, mv, md);
            }
        }
    }

    private bool Test(Test test, Dual[] args, Dictionary<Node, Dual> memo) => test switch
    {
        CmpTest c => Compare(c.Op, Eval(c.Left, args, memo).V, Eval(c.Right, args, memo).V),
        LogicTest { Op: '!' } n => !Test(n.Left, args, memo),
        LogicTest { Op: '&' } and => Test(and.Left, args, memo) && Test(and.Right!, args, memo),
        LogicTest or => Test(or.Left, args, memo) || Test(or.Right!, args, memo),
        _ => throw new InvalidOperationException(),
    };

    private static bool Compare(Cmp op, T a, T b) => op switch
    {
        Cmp.Lt => a < b,
        Cmp.Le => a <= b,
        Cmp.Gt => a > b,
        Cmp.Ge => a >= b,
        Cmp.Eq => a == b,
        _ => a != b,
    };

    private static int Sign(T x) => T.IsNaN(x) ? 2 : T.Sign(x);

    private Dual Call(Fn fn, Dual[] a)
    {
        Dual x = a[0];
        T one = T.One;
        switch (fn)
        {
            case Fn.Abs:
                _decisions.Add(Sign(x.V));
                return x.V < T.Zero ? x with { V = -x.V, Dv = -x.Dv } : x with { V = T.Abs(x.V) };
            case Fn.Max:
            case Fn.Min:
            {
                _decisions.Add(10 + Sign(x.V - a[1].V));
                bool first = fn == Fn.Max ? x.V >= a[1].V : x.V <= a[1].V;
                return first ? x : a[1];
            }

            case Fn.Clamp:
                if (a[1].V > a[2].V)
                {
                    Invalid = true;
                    return new Dual(T.NaN, T.NaN, 0, 0);
                }

                _decisions.Add(20 + (x.V < a[1].V ? 0 : x.V > a[2].V ? 2 : 1) + (x.V == a[1].V || x.V == a[2].V ? 5 : 0));
                return x.V < a[1].V ? a[1] : x.V > a[2].V ? a[2] : x;
            case Fn.Sqrt:
            {
                _decisions.Add(30 + Sign(x.V));
                T v = T.Sqrt(x.V);
                T d1 = T.CreateChecked(0.5) / v;
                double d2 = 0.25 / (Abs(v) * Abs(x.V));
                return Chain(v, d1, d2, x);
            }

            case Fn.Pow:
                return Pow(x, a[1]);
            default:
            {
                if (fn is Fn.Log)
                {
                    _decisions.Add(40 + Sign(x.V));
                }

                if (fn is Fn.LogP1)
                {
                    _decisions.Add(40 + Sign(x.V + one));
                }

                T u = x.V;
                T v = fn switch
                {
                    Fn.Exp => T.Exp(u),
                    Fn.Log => T.Log(u),
                    Fn.LogP1 => _ideal ? T.CreateChecked(LogP1Accurate(double.CreateTruncating(u))) : T.LogP1(u),
                    Fn.Tanh => T.Tanh(u),
                    Fn.Sinh => T.Sinh(u),
                    Fn.Cosh => T.Cosh(u),
                    Fn.Sigmoid => LossMath.Sigmoid(u),
                    Fn.Softplus => _ideal ? T.CreateChecked(Softplus(double.CreateTruncating(u))) : LossMath.Softplus(u),
                    _ => _ideal ? T.CreateChecked(-Softplus(-double.CreateTruncating(u))) : LossMath.LogSigmoid(u),
                };

                // f′ as the generator's derivative table computes it.
                T d1 = fn switch
                {
                    Fn.Exp => v,
                    Fn.Log => one / u,
                    Fn.LogP1 => one / (one + u),
                    Fn.Tanh => one - (v * v),
                    Fn.Sinh => T.Cosh(u),
                    Fn.Cosh => T.Sinh(u),
                    Fn.Sigmoid => v * (one - v),
                    Fn.Softplus => LossMath.Sigmoid(u),
                    _ => LossMath.Sigmoid(-u),
                };
                double du = double.CreateTruncating(u), dvv = double.CreateTruncating(v), dd1 = double.CreateTruncating(d1);
                double d2 = fn switch
                {
                    Fn.Exp => dvv,
                    Fn.Log => 1 / (du * du),
                    Fn.LogP1 => 1 / ((1 + du) * (1 + du)),
                    Fn.Tanh => 2 * dvv * dd1,
                    Fn.Sinh => dvv,
                    Fn.Cosh => dvv,
                    Fn.Sigmoid => dd1 * (1 - (2 * dvv)),
                    _ => LossMath.Sigmoid(du) * LossMath.Sigmoid(-du),
                };

                // The magnitude of the terms f′ is computed from: σ(1 − σ) and 1 − tanh² cancel where σ → 1 or
                // tanh → ±1, and 1 + u where u → −1.
                double m1 = fn switch
                {
                    Fn.Sigmoid => Math.Abs(dvv) * (1 + Math.Abs(dvv)),
                    Fn.Tanh => 1 + (dvv * dvv),
                    Fn.LogP1 => (1 + Math.Abs(du)) / ((1 + du) * (1 + du)),
                    _ => Math.Abs(dd1),
                };
                return Chain(v, d1, Math.Abs(d2), x, m1);
            }
        }
    }

    private static double Softplus(double x) => Math.Max(x, 0) + LogP1Accurate(Math.Exp(-Math.Abs(x)));

    /// <summary>log(1 + x) accurate for small x (the double reference for finite differences, not the library's).</summary>
    private static double LogP1Accurate(double x)
    {
        // Goldberg's trick: log(u)·x/(u − 1) with u = 1 + x rounded is accurate to a few ulp for every x.
        double u = 1 + x;
        return u == 1 ? x : double.IsInfinity(u) || u <= 0 ? Math.Log(u) : Math.Log(u) * x / (u - 1);
    }

    /// <summary>f(u) with f′ = d1, |f″| = d2: value, derivative and the magnitudes of both computations.</summary>
    private static Dual Chain(T v, T d1, double d2, Dual u, double? m1 = null)
    {
        double m = m1 ?? Abs(d1);
        return new(v, d1 * u.Dv, (Abs(d1) * u.Mv) + Abs(v), (m * u.Md) + (d2 * u.Mv * Abs(u.Dv)) + (m * Abs(u.Dv)));
    }

    private Dual Pow(Dual u, Dual w)
    {
        _decisions.Add(50 + Sign(u.V));
        T v = T.Pow(u.V, w.V);
        T one = T.One;
        if (!w.Depends)
        {
            // Constant exponent (for this derivative): y·u^(y−1)·u′, and nothing for y = 0.
            T y = w.V;
            if (y == T.Zero)
            {
                return new Dual(one, T.Zero, 1, 0);
            }

            T d1 = y * T.Pow(u.V, y - one);
            double d2 = Math.Abs(double.CreateTruncating(y * (y - one) * T.Pow(u.V, y - (one + one))));
            return Chain(v, d1, d2, u);
        }

        // u^w (w′ log u + w u′/u)
        T log = T.Log(u.V);
        T dv = v * ((w.Dv * log) + (w.V * u.Dv / u.V));
        double av = Abs(v), au = Abs(u.V), alog = Abs(log);
        double mv = av * (1 + (Abs(w.V) * (u.Mv / au)) + (w.Mv * alog));
        double md = (av * ((w.Md * alog) + (Abs(w.Dv) * u.Mv / au) + (w.Mv * u.Md / au) + (Abs(w.V * u.Dv) * u.Mv / (au * au)))) + (mv * Abs(dv / v));
        return new Dual(v, dv, mv, md);
    }
}
