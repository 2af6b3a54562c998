namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Greedy shrinking of a failing formula (what FsCheck's shrinker does for its own types): replace a node by one of its
/// operands, by the input, or by the literal 1, keep the first replacement that still fails, and start again, within a
/// budget of attempts (each attempt compiles the candidate). The result is the minimal repro printed with a failure.
/// </summary>
internal static class FormulaShrinker
{
    public static FuzzFormula Shrink(FuzzFormula formula, Func<FuzzFormula, bool> fails, int budget = 40)
    {
        FuzzFormula current = formula;
        int attempts = 0;
        bool progress = true;
        while (progress && attempts < budget)
        {
            progress = false;
            foreach (FuzzFormula candidate in Candidates(current))
            {
                if (++attempts > budget)
                {
                    break;
                }

                if (fails(candidate))
                {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }

        return current;
    }

    /// <summary>Smaller formulas: each interior node of the root's tree replaced by a simpler node, outermost first.</summary>
    private static IEnumerable<FuzzFormula> Candidates(FuzzFormula f)
    {
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<Node>([f.Root]);
        while (queue.Count > 0)
        {
            Node node = queue.Dequeue();
            if (!seen.Add(node) || node is ParamNode or LitNode)
            {
                continue;
            }

            IEnumerable<Node> operands = node is CondNode c ? [c.WhenTrue, c.WhenFalse, .. c.Test.Operands] : node.Children;
            foreach (Node replacement in operands.Append(new ParamNode(0)).Append(new LitNode(1, 0)))
            {
                Node root = Replace(f.Root, node, replacement, new Dictionary<Node, Node>(ReferenceEqualityComparer.Instance));
                if (root is ParamNode or LitNode)
                {
                    continue;
                }

                yield return With(f, root);
            }

            foreach (Node child in node.Children)
            {
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>The formula with another root, as an expression body (the parser inlines locals anyway).</summary>
    private static FuzzFormula With(FuzzFormula f, Node root) => new()
    {
        Name = f.Name,
        Kind = f.Kind,
        Operands = f.Operands,
        Hyperparameters = f.Hyperparameters,
        Root = root,
        Helpers = f.Helpers,
        Locals = [],
        TypeParameter = f.TypeParameter,
    };

    private static Node Replace(Node node, Node target, Node replacement, Dictionary<Node, Node> memo)
    {
        if (ReferenceEquals(node, target))
        {
            return replacement;
        }

        if (memo.TryGetValue(node, out Node? done))
        {
            return done;
        }

        Node R(Node n) => Replace(n, target, replacement, memo);
        Test RT(Test t) => t switch
        {
            CmpTest c => new CmpTest(c.Op, R(c.Left), R(c.Right)),
            LogicTest l => new LogicTest(l.Op, RT(l.Left), l.Right is null ? null : RT(l.Right)),
            _ => t,
        };
        Node result = node switch
        {
            NegNode n => new NegNode(R(n.Operand)),
            BinNode b => new BinNode(b.Op, R(b.Left), R(b.Right)),
            CallNode c => new CallNode(c.Function, c.Arguments.Select(R).ToArray(), c.Spelling),
            CondNode c => new CondNode(RT(c.Test), R(c.WhenTrue), R(c.WhenFalse)),
            HelperNode h => new HelperNode(h.Helper, h.Arguments.Select(R).ToArray()),
            _ => node,
        };
        memo[node] = result;
        return result;
    }
}
