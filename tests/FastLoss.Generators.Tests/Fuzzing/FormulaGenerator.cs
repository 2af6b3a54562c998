namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Random formulas over the supported grammar: + − * /, unary minus, literals (ordinary, tiny, huge, named), comparisons
/// with ?: (and &amp;&amp;, ||, !), the math functions of Math/MathF/float/double/T and LossMath, a static helper, locals
/// in block bodies and shared subexpressions; float, double and generic T; the input plus 0–2 operands; 0–2
/// hyperparameters. Arguments of log, sqrt and pow are usually (not always) kept in their domain so that most points
/// have finite values to compare.
/// </summary>
internal sealed class FormulaGenerator
{
    private static readonly string[] OperandNames = ["target", "weight", "label", "y", "scale", "variance"];
    private static readonly string[] HyperNames = ["alpha", "beta", "margin", "delta", "eps", "gamma"];

    private static readonly double[] CommonLiterals = [0.5, 1, 2, 3, 0.25, 0.1, 1e-3, 10, -1, -0.5, 0, 1.5, Math.PI, Math.E, 0.7, 100];
    private static readonly double[] TinyLiterals = [1e-30, 1e-12, 1e-7, 1.1754943508222875e-38, 1e-40, 1.401298464324817e-45, 1e-300, 5e-324];
    private static readonly double[] HugeLiterals = [1e6, 1e15, 1e30, 3.4028234663852886e38, 1e100, 1e300, double.MaxValue];
    private static readonly double[] Exponents = [0.5, 1.5, 2, 3, -1, -0.5, 0, 1, 2.5, 0.25, -2, 4];

    private readonly FuzzRandom _r;
    private readonly ElementKind _kind;
    private readonly List<Node> _pool = [];
    private int _formals;
    private int _helpers;
    private int _helperArity;

    private FormulaGenerator(FuzzRandom r, ElementKind kind)
    {
        _r = r;
        _kind = kind;
    }

    public static FuzzFormula Generate(FuzzRandom r, string name, ElementKind? kind = null, int depth = 4)
    {
        ElementKind k = kind ?? r.Pick([ElementKind.Float, ElementKind.Double, ElementKind.Generic]);
        var g = new FormulaGenerator(r, k);
        int operandCount = r.Range(1, 3);
        int hyperCount = r.Range(0, 2);
        string[] operands = ["input", .. Shuffle(r, OperandNames).Take(operandCount - 1)];
        string[] hyperNames = Shuffle(r, HyperNames).Take(hyperCount).ToArray();

        // C# wants optional parameters last: defaults on a trailing run only.
        int firstDefault = r.Range(0, hyperCount + 1);
        var hyper = new HyperSpec[hyperCount];
        for (int i = 0; i < hyperCount; i++)
        {
            double? defaultValue = i >= firstDefault ? g.Round(r.Pick(CommonLiterals)) : null;
            double? minimum = r.Chance(0.3) ? g.Round(r.Pick([0.0, -1.0, 0.5])) : null;
            if (minimum is double m && defaultValue is double d && d < m)
            {
                defaultValue = m;
            }

            hyper[i] = new HyperSpec(hyperNames[i], defaultValue, minimum);
        }

        g._formals = operandCount + hyperCount;
        var helpers = new List<HelperSpec>();
        if (r.Chance(0.25))
        {
            int arity = r.Range(1, 2);
            var inner = new FormulaGenerator(r, k) { _formals = arity };
            helpers.Add(new HelperSpec(arity, inner.Expr(2)));
            g._helpers = 1;
            g._helperArity = arity;
        }

        Node root = g.Expr(depth);
        while (root is ParamNode or LitNode)
        {
            root = g.Expr(depth);
        }

        bool block = r.Chance(0.4);
        Node[] locals = block ? g.ChooseLocals(root) : [];
        return new FuzzFormula
        {
            Name = name,
            Kind = k,
            Operands = operands,
            Hyperparameters = hyper,
            Root = root,
            Helpers = [.. helpers],
            Locals = locals,
            BlockBody = block,
        };
    }

    private static string[] Shuffle(FuzzRandom r, string[] names) => names.OrderBy(_ => r.NextUInt64()).ToArray();

    /// <summary>The value the element type holds (float formulas round their literals to float).</summary>
    private double Round(double value) => _kind == ElementKind.Float ? (float)value : value;

    private Node Expr(int depth)
    {
        Node node = ExprCore(depth);
        _pool.Add(node);
        return node;
    }

    private Node ExprCore(int depth)
    {
        if (depth <= 0 || _r.Chance(0.18))
        {
            return Leaf();
        }

        if (_pool.Count > 0 && _r.Chance(0.06))
        {
            return _r.Pick(_pool);
        }

        int choice = _r.Next(100);
        if (choice < 38)
        {
            (Node left, Node right) = Typed(Expr(depth - 1), Expr(depth - 1));
            return new BinNode(_r.Pick(['+', '-', '*', '/']), left, right);
        }

        if (choice < 43)
        {
            return new NegNode(Expr(depth - 1));
        }

        if (choice < 84)
        {
            return Call(depth);
        }

        if (choice < 96 || _helpers == 0)
        {
            return new CondNode(TestExpr(depth - 1), Expr(depth - 1), Expr(depth - 1));
        }

        return new HelperNode(0, Enumerable.Range(0, _helperArity).Select(_ => Expr(depth - 1)).ToArray());
    }

    private Node Leaf()
    {
        if (_r.Chance(0.65))
        {
            // The input most often: the derivative is taken with respect to it.
            return new ParamNode(_r.Chance(0.5) ? 0 : _r.Next(_formals));
        }

        return Literal();
    }

    private LitNode Literal()
    {
        int bucket = _r.Next(100);
        double v = bucket < 80 ? _r.Pick(CommonLiterals)
            : bucket < 90 ? _r.Pick(TinyLiterals)
            : _r.Pick(HugeLiterals);
        if (bucket >= 80 && _r.Chance(0.3))
        {
            v = -v;
        }

        // Keep the literal representable as a finite value of every element type the formula is compiled for; a
        // literal beyond float's range in a generic formula is FL0013's business (the malformed-input fuzzer).
        if (_kind != ElementKind.Double && Math.Abs(v) > float.MaxValue)
        {
            v = Math.Sign(v) * 1e30;
        }

        // Spelling 1 (an int literal) is chosen by Typed, where the other operand converts it.
        return new LitNode(Round(v), _r.Chance(0.3) ? 2 : 0);
    }

    private CallNode Call(int depth)
    {
        Fn fn = (Fn)_r.Next(15);
        int spelling = _r.Next(6);
        switch (fn)
        {
            case Fn.Log:
            case Fn.Sqrt:
                return new CallNode(fn, [Positive(depth - 1)], spelling);
            case Fn.LogP1:
                return new CallNode(fn, [_r.Chance(0.7) ? Positive(depth - 1) : Expr(depth - 1)], spelling);
            case Fn.Max:
            case Fn.Min:
                return new CallNode(fn, [Expr(depth - 1), _r.Chance(0.5) ? Literal() : Expr(depth - 1)], spelling);
            case Fn.Clamp:
            {
                if (_r.Chance(0.7))
                {
                    double a = Round(_r.Pick(CommonLiterals)), b = Round(_r.Pick(CommonLiterals));
                    return new CallNode(fn, [Expr(depth - 1), new LitNode(Math.Min(a, b), 0), new LitNode(Math.Max(a, b), 0)], spelling);
                }

                // Expression bounds with lo ≤ hi (unless NaN): hi = lo + |e|.
                Node lo = Expr(depth - 2);
                Node hi = new BinNode('+', lo, new CallNode(Fn.Abs, [Expr(depth - 2)], spelling));
                return new CallNode(fn, [Expr(depth - 1), lo, hi], spelling);
            }

            case Fn.Pow:
            {
                if (_r.Chance(0.2))
                {
                    // Negative bases with whole exponents.
                    return new CallNode(fn, [Expr(depth - 1), new LitNode(_r.Pick([2.0, 3.0, -1.0, 4.0, 1.0, 0.0])!, 0)], spelling);
                }

                Node exponent = _r.Chance(0.7) ? new LitNode(Round(_r.Pick(Exponents)), _r.Next(2)) : new CallNode(Fn.Tanh, [Expr(depth - 2)], spelling);
                return new CallNode(fn, [Positive(depth - 1), exponent], spelling);
            }

            default:
                return new CallNode(fn, [Expr(depth - 1)], spelling);
        }
    }

    /// <summary>Usually a positive expression (|u| + c, u·u + c, exp, sigmoid, softplus), sometimes anything.</summary>
    private Node Positive(int depth)
    {
        Node u = Expr(Math.Max(0, depth));
        int spelling = _r.Next(6);
        return _r.Next(7) switch
        {
            0 => new BinNode('+', new CallNode(Fn.Abs, [u], spelling), new LitNode(Round(_r.Pick([0.5, 1.0, 1e-3])), 0)),
            1 => new BinNode('+', new BinNode('*', u, u), new LitNode(Round(_r.Pick([0.5, 1.0, 1e-3])), 0)),
            2 => new CallNode(Fn.Exp, [u], spelling),
            3 => new CallNode(Fn.Sigmoid, [u], spelling),
            4 => new BinNode('+', new CallNode(Fn.Softplus, [u], spelling), new LitNode(Round(0.25), 0)),
            5 => new CallNode(Fn.Abs, [u], spelling),
            _ => u,
        };
    }

    private Test TestExpr(int depth)
    {
        if (_r.Chance(0.15))
        {
            return _r.Chance(0.3)
                ? new LogicTest('!', TestExpr(depth), null)
                : new LogicTest(_r.Chance(0.5) ? '&' : '|', TestExpr(depth), TestExpr(depth));
        }

        Node right = _r.Chance(0.5) ? Literal() : Expr(Math.Max(0, depth - 1));
        (Node l, Node rr) = Typed(Expr(Math.Max(0, depth - 1)), right);
        return new CmpTest((Cmp)_r.Next(6), l, rr);
    }

    /// <summary>
    /// Sometimes writes a whole literal as an int (2 for 2f), but only next to an operand of the element type, which
    /// converts it: two int literals together would be int arithmetic (an int intermediate is FL0005, and 2 / 3 is 0),
    /// and an int argument picks another overload (LossMath.Sigmoid(2) is the float one).
    /// </summary>
    private (Node, Node) Typed(Node left, Node right)
    {
        if (_r.Chance(0.4) && left is not LitNode && right is LitNode r)
        {
            return (left, new LitNode(r.Value, 1));
        }

        if (_r.Chance(0.4) && right is not LitNode && left is LitNode l)
        {
            return (new LitNode(l.Value, 1), right);
        }

        return (left, right);
    }

    /// <summary>Interior nodes to bind to locals, children before parents; shared nodes always.</summary>
    private Node[] ChooseLocals(Node root)
    {
        var uses = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
        var order = new List<Node>();
        void Visit(Node n)
        {
            uses[n] = uses.GetValueOrDefault(n) + 1;
            if (uses[n] > 1)
            {
                return;
            }

            foreach (Node c in n.Children)
            {
                Visit(c);
            }

            order.Add(n);
        }

        Visit(root);
        return order.Where(n => n != root && n is not (ParamNode or LitNode) && (uses[n] > 1 || _r.Chance(0.35))).ToArray();
    }
}
