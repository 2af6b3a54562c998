using System.Diagnostics;
using Xunit.Abstractions;

namespace FastLoss.Generators.Tests.Fuzzing;

/// <summary>
/// Issue 7, part 1: random formulas over the supported grammar, rendered as <c>[LossFormula]</c> methods (float, double
/// and generic T; the input and up to two operands; up to two hyperparameters; helpers, locals, shared
/// subexpressions), run through the generator in-process. The generator must not throw, must not reject them, and its
/// output must compile without errors or warnings; the compiled kernels are then loaded and checked against the
/// formula methods themselves (see <see cref="KernelChecker"/>). Seeded by FASTLOSS_FSCHECK_SEED (FASTLOSS_FSCHECK_MAXTEST
/// scales the number of batches); a failure prints the seed, the formula, the point and the formula shrunk with the same
/// values (<see cref="FormulaShrinker"/>).
/// </summary>
public sealed class GeneratedKernelFuzzTests(ITestOutputHelper output)
{
    /// <summary>Formulas per compilation: compiling is the cost, so many per batch.</summary>
    private const int BatchSize = 24;

    [Fact]
    public void Generated_kernels_match_the_formula_methods()
    {
        var stats = new FuzzStatistics();
        FuzzRunner.Check("generated kernels == formula methods", 3, (r, run) =>
        {
            var formulas = Enumerable.Range(0, BatchSize).Select(i => FormulaGenerator.Generate(r, "F" + run + "x" + i)).ToList();
            var clock = Stopwatch.StartNew();
            using FuzzBatch batch = FuzzBatch.Build(formulas);
            stats.CompileTime += clock.Elapsed;
            clock.Restart();
            stats.Batches++;
            stats.Formulas += formulas.Count;
            Assert.True(batch.Errors.Keys.All(k => formulas.Any(f => f.Name == k)), "FL errors outside the formulas: " + string.Join(", ", batch.Errors.Keys));
            foreach (FuzzFormula f in formulas)
            {
                if (batch.Errors.TryGetValue(f.Name, out List<Microsoft.CodeAnalysis.Diagnostic>? errors))
                {
                    stats.Rejected++;
                    throw new InvalidOperationException("A formula of the supported grammar was rejected:\n"
                        + string.Join("\n", errors.Select(GeneratorHarness.Describe)) + "\n" + FormulaRenderer.Method(f));
                }

                stats.Generated++;
                foreach (bool single in FuzzBatch.Types(f))
                {
                    stats.Kernels++;
                    FuzzRandom values = r.Split();
                    FuzzRandom replay = values.Clone();
                    try
                    {
                        bool exact = Check(batch, f, single, values, stats);
                        stats.ExactKernels += exact ? 1 : 0;
                    }
                    catch (InvalidOperationException e)
                    {
                        FuzzFormula small = FormulaShrinker.Shrink(f, candidate => StillFails(candidate, single, replay));
                        throw new InvalidOperationException(e.Message + "\nshrunk (same values) to:\n" + FormulaRenderer.Method(small), e);
                    }
                }
            }

            stats.CheckTime += clock.Elapsed;
        });
        output.WriteLine(stats.ToString());
    }

    private static bool Check(FuzzBatch batch, FuzzFormula f, bool single, FuzzRandom values, FuzzStatistics stats)
        => single ? KernelChecker.Check<float>(batch, f, values, stats) : KernelChecker.Check<double>(batch, f, values, stats);

    /// <summary>Whether a shrinking candidate still fails with the same values (a candidate whose output does not compile fails too).</summary>
    private static bool StillFails(FuzzFormula candidate, bool single, FuzzRandom replay)
    {
        try
        {
            using FuzzBatch batch = FuzzBatch.Build([candidate]);
            if (batch.Errors.Count > 0)
            {
                return false;
            }

            Check(batch, candidate, single, replay.Clone(), new FuzzStatistics());
            return false;
        }
        catch (InvalidOperationException e)
        {
            return !e.Message.Contains("test harness", StringComparison.Ordinal);
        }
    }

    /// <summary>Values where conventions differ: ±0, ±1, NaN, ±∞, tiny, subnormal, huge (and ties between operands).</summary>
    private static readonly double[] Corners = [0.0, -0.0, 1, -1, 2, 0.5, -0.5, 3, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-30, 1e-40, 3e38, -3e38];

    /// <summary>
    /// Directed cases for the semantics random formulas reach only rarely — signed zeros through negation, division,
    /// Max/Min and Clamp, NaN and infinite operands, pow's special cases, log1p at −1 — checked the same way at corner
    /// values only. The known deviations (<see cref="Deviation"/>) are counted and printed, not failed.
    /// </summary>
    [Fact]
    public void Generated_kernels_match_the_formula_methods_at_corner_values()
    {
        var stats = new FuzzStatistics();
        var formulas = new List<FuzzFormula>();
        foreach (ElementKind kind in new[] { ElementKind.Float, ElementKind.Double, ElementKind.Generic })
        {
            for (int which = 0; which < CornerFormulaCount; which++)
            {
                formulas.Add(CornerFormula(which, kind, spelling: formulas.Count));
            }
        }

        var clock = Stopwatch.StartNew();
        using FuzzBatch batch = FuzzBatch.Build(formulas);
        stats.CompileTime += clock.Elapsed;
        clock.Restart();
        stats.Batches++;
        FuzzRunner.Check("generated kernels == formula methods at corners", 1, (r, _) =>
        {
            foreach (FuzzFormula f in formulas)
            {
                Assert.False(batch.Errors.ContainsKey(f.Name), f.Name + " was rejected");
                stats.Formulas++;
                stats.Generated++;
                foreach (bool single in FuzzBatch.Types(f))
                {
                    stats.Kernels++;
                    bool exact = true;
                    for (int rep = 0; rep < 3; rep++)
                    {
                        exact &= single
                            ? KernelChecker.Check<float>(batch, f, r.Split(), stats, Corners)
                            : KernelChecker.Check<double>(batch, f, r.Split(), stats, Corners);
                    }

                    stats.ExactKernels += exact ? 1 : 0;
                }
            }
        });
        stats.CheckTime += clock.Elapsed;
        output.WriteLine(stats.ToString());
    }

    private const int CornerFormulaCount = 22;

    private static FuzzFormula CornerFormula(int which, ElementKind kind, int spelling)
    {
        Node x = new ParamNode(0), t = new ParamNode(1);
        Node One() => new LitNode(1, 0);
        Node root = which switch
        {
            0 => new NegNode(new BinNode('-', x, t)),
            1 => new CallNode(Fn.Clamp, [x, new LitNode(0, 0), One()], spelling),
            2 => new CallNode(Fn.Clamp, [x, t, new LitNode(1e30, 0)], spelling),
            3 => new CallNode(Fn.Max, [x, t], spelling),
            4 => new CallNode(Fn.Min, [x, t], spelling),
            5 => new CallNode(Fn.Exp, [new BinNode('/', One(), new NegNode(new BinNode('-', x, t)))], spelling),
            6 => new BinNode('/', One(), new CallNode(Fn.Max, [x, t], spelling)),
            7 => new CallNode(Fn.Pow, [x, t], spelling),
            8 => new CallNode(Fn.Pow, [x, new LitNode(2, 0)], spelling),
            9 => new CallNode(Fn.LogP1, [x], spelling),
            10 => new CallNode(Fn.Sqrt, [x], spelling),
            11 => new BinNode('/', One(), new CallNode(Fn.Abs, [x], spelling)),
            12 => new CondNode(new CmpTest(Cmp.Ne, x, x), t, new BinNode('*', x, t)),
            13 => new BinNode('/', One(), new CallNode(Fn.Min, [new BinNode('*', x, t), new LitNode(0, 0)], spelling)),
            14 => new CallNode(Fn.Tanh, [new BinNode('/', x, t)], spelling),
            15 => new CallNode(Fn.Clamp, [x, x, new BinNode('+', x, One())], spelling),

            // A comparison of constants in a logical test: .NET 10's JIT drops a constant-false vector comparison from an
            // AND (dotnet/runtime#123399); the generator folds such tests.
            16 => new CondNode(new LogicTest('&', new CmpTest(Cmp.Eq, new LitNode(0, 2), new LitNode(Math.PI, 0)), new CmpTest(Cmp.Lt, x, new LitNode(0, 0))), x, t),
            17 => new CondNode(new LogicTest('|', new LogicTest('!', new CmpTest(Cmp.Lt, One(), new LitNode(2, 0)), null), new CmpTest(Cmp.Ge, t, x)), new BinNode('*', x, t), t),
            18 => new CondNode(new LogicTest('&', new CmpTest(Cmp.Gt, new BinNode('*', new LitNode(2, 0), new LitNode(3, 0)), new LitNode(7, 0)), new CmpTest(Cmp.Lt, x, t)), x, t),
            19 => new CondNode(new LogicTest('&', new CmpTest(Cmp.Lt, x, new LitNode(0.1, 0)), new CmpTest(Cmp.Gt, new CondNode(new CmpTest(Cmp.Eq, new LitNode(1.5, 0), new LitNode(1.5, 0)), new LitNode(1.5, 0), x), new LitNode(1e6, 0))), x, t),
            20 => new CondNode(new LogicTest('&', new CmpTest(Cmp.Gt, new CallNode(Fn.Exp, [new LitNode(2, 0)], spelling), new LitNode(70, 0)), new CmpTest(Cmp.Lt, x, t)), x, t),
            _ => new CallNode(Fn.Softplus, [new BinNode('-', x, t)], spelling),
        };
        return new FuzzFormula
        {
            Name = "Corner" + which + kind,
            Kind = kind,
            Operands = ["input", "target"],
            Hyperparameters = [],
            Root = root,
            Helpers = [],
            Locals = [],
        };
    }
}
