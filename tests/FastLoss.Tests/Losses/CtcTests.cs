namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.Ctc: the loss against a brute-force sum over every alignment, torch's gradient against finite differences
/// (it is the derivative plus exp(log_probs)·scale, exact after a log_softmax), fused == separate, layouts, in place,
/// zero_infinity and allocation.
/// </summary>
public class CtcTests
{
    /// <summary>A random CTC problem: log_softmax outputs [T, N, C], padded targets [N, S], lengths, blank.</summary>
    private sealed record Problem(int Steps, int Batch, int Classes, int Blank, double[] LogProbs, double[] Logits, int[] Padded, int Width, int[] InputLengths, int[] TargetLengths)
    {
        public int[] Concatenated => Enumerable.Range(0, Batch).SelectMany(b => Padded.Skip(b * Width).Take(TargetLengths[b])).ToArray();

        public int[] Labels(int b) => Padded.Skip(b * Width).Take(TargetLengths[b]).ToArray();

        public double Ctc(double[] logProbs, Reduction reduction)
            => Loss.Ctc(logProbs, Batch, Classes, Padded, CtcTargetLayout.Padded, InputLengths, TargetLengths, Blank, false, reduction);

        public double[] Gradient(Reduction reduction)
        {
            var g = new double[LogProbs.Length];
            Loss.CtcGradient(LogProbs, Batch, Classes, Padded, CtcTargetLayout.Padded, InputLengths, TargetLengths, g, Blank, false, reduction);
            return g;
        }
    }

    private static Problem Random(Random random, int maxSteps, int maxClasses, bool allowInfeasible = true)
    {
        int steps = random.Next(1, maxSteps + 1);
        int batch = random.Next(1, 4);
        int classes = random.Next(2, maxClasses + 1);
        int blank = random.Next(classes);
        int width = random.Next(0, 4);
        var padded = new int[batch * width];
        var inputLengths = new int[batch];
        var targetLengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            inputLengths[b] = random.Next(b == 0 ? steps : 0, steps + 1);
            targetLengths[b] = random.Next(0, width + 1);
            if (!allowInfeasible)
            {
                targetLengths[b] = Math.Min(targetLengths[b], inputLengths[b] / 2);
            }

            for (int i = 0; i < width; i++)
            {
                int label = random.Next(classes - 1);
                padded[(b * width) + i] = label >= blank ? label + 1 : label;
            }
        }

        double[] logits = Enumerable.Range(0, steps * batch * classes).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
        return new Problem(steps, batch, classes, blank, LogSoftmax(logits, classes), logits, padded, width, inputLengths, targetLengths);
    }

    private static double[] LogSoftmax(double[] x, int classes)
    {
        var result = new double[x.Length];
        for (int row = 0; row < x.Length; row += classes)
        {
            double max = x.Skip(row).Take(classes).Max();
            double lse = Math.Log(x.Skip(row).Take(classes).Sum(v => Math.Exp(v - max))) + max;
            for (int c = 0; c < classes; c++)
            {
                result[row + c] = x[row + c] - lse;
            }
        }

        return result;
    }

    /// <summary>−log Σ over every path of C^T_b whose collapse (repeats merged, blanks dropped) is the target of Π p.</summary>
    private static double BruteForce(Problem p, double[] logProbs, int b)
    {
        int steps = p.InputLengths[b];
        int[] target = p.Labels(b);
        double total = 0;
        int paths = (int)Math.Pow(p.Classes, steps);
        var path = new int[steps];
        for (int code = 0; code < paths; code++)
        {
            for (int t = 0, rest = code; t < steps; t++, rest /= p.Classes)
            {
                path[t] = rest % p.Classes;
            }

            var collapsed = new List<int>();
            for (int t = 0; t < steps; t++)
            {
                if (path[t] != p.Blank && (t == 0 || path[t] != path[t - 1]))
                {
                    collapsed.Add(path[t]);
                }
            }

            if (collapsed.SequenceEqual(target))
            {
                double log = 0;
                for (int t = 0; t < steps; t++)
                {
                    log += logProbs[(((t * p.Batch) + b) * p.Classes) + path[t]];
                }

                total += Math.Exp(log);
            }
        }

        return -Math.Log(total);
    }

    [Fact]
    public void Loss_is_minus_log_of_the_sum_over_every_alignment()
    {
        var random = new Random(3);
        int infinite = 0, empty = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            Problem p = Random(random, maxSteps: 4, maxClasses: 3);
            var losses = new double[p.Batch];
            Loss.Ctc(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, losses.AsSpan(), p.Blank);
            double mean = 0, sum = 0;
            for (int b = 0; b < p.Batch; b++)
            {
                double expected = BruteForce(p, p.LogProbs, b);
                if (double.IsPositiveInfinity(expected))
                {
                    infinite++;
                    Assert.Equal(double.PositiveInfinity, losses[b]);
                }
                else
                {
                    Assert.True(Math.Abs(losses[b] - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"trial {trial} sample {b}: {losses[b]} vs brute force {expected}");
                }

                empty += p.TargetLengths[b] == 0 ? 1 : 0;
                mean += losses[b] / Math.Max(p.TargetLengths[b], 1) / p.Batch;
                sum += losses[b];
            }

            AssertClose(mean, p.Ctc(p.LogProbs, Reduction.Mean), 1e-14);
            AssertClose(sum, p.Ctc(p.LogProbs, Reduction.Sum), 1e-14);
        }

        Assert.True(infinite > 10 && empty > 10, $"the random problems must include infeasible ({infinite}) and empty ({empty}) targets");
    }

    [Fact]
    public void Gradient_minus_exp_log_probs_is_the_derivative_with_respect_to_free_log_probs()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 40; trial++)
        {
            Problem p = Random(random, maxSteps: 6, maxClasses: 4, allowInfeasible: false);
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                double[] g = p.Gradient(reduction);
                for (int i = 0; i < p.LogProbs.Length; i++)
                {
                    int t = i / (p.Batch * p.Classes), b = i / p.Classes % p.Batch;
                    double scale = reduction == Reduction.Mean ? 1d / p.Batch / Math.Max(p.TargetLengths[b], 1) : 1d;
                    double derivative = CentralDifference(x => p.Ctc(x, reduction), p.LogProbs, i);
                    double torchExtra = t < p.InputLengths[b] ? Math.Exp(p.LogProbs[i]) * scale : 0;
                    Assert.True(
                        Math.Abs(g[i] - torchExtra - derivative) <= 1e-7,
                        $"trial {trial} {reduction} [{t}, {b}, {i % p.Classes}]: gradient {g[i]} − exp(lp)·s {torchExtra} vs finite difference {derivative}");
                }
            }
        }
    }

    [Fact]
    public void Gradient_through_log_softmax_is_the_derivative_with_respect_to_the_logits()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            Problem p = Random(random, maxSteps: 5, maxClasses: 4, allowInfeasible: false);
            double[] g = p.Gradient(Reduction.Mean);
            for (int row = 0; row < g.Length; row += p.Classes)
            {
                double total = g.Skip(row).Take(p.Classes).Sum();
                for (int c = 0; c < p.Classes; c++)
                {
                    // log_softmax backward: dx = g − softmax · Σg.
                    double dx = g[row + c] - (Math.Exp(p.LogProbs[row + c]) * total);
                    double derivative = CentralDifference(x => p.Ctc(LogSoftmax(x, p.Classes), Reduction.Mean), p.Logits, row + c);
                    Assert.True(Math.Abs(dx - derivative) <= 1e-7, $"trial {trial} logit {row + c}: {dx} vs finite difference {derivative}");
                }
            }
        }
    }

    [Fact]
    public void Fused_equals_separate_bit_for_bit_and_layouts_and_in_place_agree()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 60; trial++)
        {
            Problem p = Random(random, maxSteps: 12, maxClasses: 6);
            float[] x = Array.ConvertAll(p.LogProbs, v => (float)v);
            int[] concatenated = p.Concatenated;
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                foreach (bool zero in new[] { false, true })
                {
                    var separate = new double[x.Length];
                    var fused = new double[x.Length];
                    double loss = Loss.Ctc(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, p.Blank, zero, reduction);
                    Loss.CtcGradient(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, separate, p.Blank, zero, reduction);
                    double both = Loss.CtcWithGradient(p.LogProbs, p.Batch, p.Classes, concatenated, CtcTargetLayout.Concatenated, p.InputLengths, p.TargetLengths, fused, p.Blank, zero, reduction);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(both));
                    Assert.Equal(Bits(separate), Bits(fused));
                    double[] inPlace = (double[])p.LogProbs.Clone();
                    Loss.CtcGradient(inPlace, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, inPlace, p.Blank, zero, reduction);
                    Assert.Equal(Bits(separate), Bits(inPlace));

                    var floatSeparate = new float[x.Length];
                    var floatFused = new float[x.Length];
                    float floatLoss = Loss.Ctc(x, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, p.Blank, zero, reduction);
                    Loss.CtcGradient(x, p.Batch, p.Classes, concatenated, CtcTargetLayout.Concatenated, p.InputLengths, p.TargetLengths, floatSeparate, p.Blank, zero, reduction);
                    float floatBoth = Loss.CtcWithGradient(x, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, floatFused, p.Blank, zero, reduction);
                    Assert.Equal(BitConverter.SingleToInt32Bits(floatLoss), BitConverter.SingleToInt32Bits(floatBoth));
                    Assert.Equal(floatSeparate.Select(BitConverter.SingleToInt32Bits), floatFused.Select(BitConverter.SingleToInt32Bits));
                }
            }
        }
    }

    [Fact]
    public void A_label_equal_to_the_blank_is_computed_as_torch_computes_it()
    {
        // torch accepts it: the extended target is blank, blank, blank and its recursion runs unchanged. With T = 2 and
        // target [0] (blank 0): α(1, 1) = lp1 + log(e^α(0,0) + e^α(0,1)) = lp0 + lp1 + ln 2, α(1, 2) = lp1 + α(0, 1) = lp0 + lp1
        // (no skip between equal blanks), so the loss is −(lp0 + lp1) − ln 3.
        double[] lp = LogSoftmax([0.3, -0.2, 1.1, 0.5, 0.0, -0.7], 3);
        double twoSteps = Loss.Ctc(lp, 1, 3, [0], CtcTargetLayout.Concatenated, [2], [1], blank: 0, reduction: Reduction.Sum);
        Assert.Equal(-(lp[0] + lp[3]) - Math.Log(3), twoSteps, 13);
        double oneStep = Loss.Ctc(lp.AsSpan(0, 3), 1, 3, [0], CtcTargetLayout.Concatenated, [1], [1], blank: 0, reduction: Reduction.Sum);
        Assert.Equal(-lp[0], oneStep, 13);
    }

    [Fact]
    public void Zero_infinity_zeroes_infeasible_samples_and_their_gradients()
    {
        // T = 3, N = 2, C = 3: sample 0 needs "1 1" (blank between: 3 frames, feasible only as 1 0 1), sample 1 "1 2 1" (infeasible in 2 frames).
        var random = new Random(11);
        double[] lp = LogSoftmax(Enumerable.Range(0, 18).Select(_ => random.NextDouble()).ToArray(), 3);
        int[] targets = [1, 1, 0, 1, 2, 1];
        int[] inputLengths = [3, 2];
        int[] targetLengths = [2, 3];
        var losses = new double[2];
        Loss.Ctc(lp, 2, 3, targets, CtcTargetLayout.Padded, inputLengths, targetLengths, losses.AsSpan());
        Assert.Equal(-(lp[(0 * 6) + 1] + lp[(1 * 6) + 0] + lp[(2 * 6) + 1]), losses[0], 14);
        Assert.Equal(double.PositiveInfinity, losses[1]);
        Assert.Equal(double.PositiveInfinity, Loss.Ctc(lp, 2, 3, targets, CtcTargetLayout.Padded, inputLengths, targetLengths));

        var g = new double[18];
        Loss.CtcGradient(lp, 2, 3, targets, CtcTargetLayout.Padded, inputLengths, targetLengths, g, reduction: Reduction.Sum);
        for (int t = 0; t < 3; t++)
        {
            for (int c = 0; c < 3; c++)
            {
                Assert.True(double.IsFinite(g[(t * 6) + c]));
                Assert.True(t < 2 ? double.IsNaN(g[(t * 6) + 3 + c]) : g[(t * 6) + 3 + c] == 0, $"sample 1, t = {t}: {g[(t * 6) + 3 + c]}");
            }
        }

        Loss.Ctc(lp, 2, 3, targets, CtcTargetLayout.Padded, inputLengths, targetLengths, losses.AsSpan(), zeroInfinity: true);
        Assert.Equal(0d, losses[1]);
        double mean = Loss.CtcWithGradient(lp, 2, 3, targets, CtcTargetLayout.Padded, inputLengths, targetLengths, g, zeroInfinity: true);
        Assert.Equal(losses[0] / 2 / 2, mean, 14);
        Assert.All(Enumerable.Range(0, 3).SelectMany(t => g.Skip((t * 6) + 3).Take(3)), v => Assert.Equal(0d, v));
        Assert.Contains(g, v => v != 0);
    }

    [Fact]
    public void Empty_input_gives_zero_for_an_empty_target_and_infinity_otherwise()
    {
        double[] lp = LogSoftmax([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 3);
        var losses = new double[2];
        Loss.Ctc(lp, 2, 3, [1, 2], CtcTargetLayout.Padded, [0, 0], [0, 1], losses.AsSpan());
        Assert.Equal(0d, losses[0]);
        Assert.Equal(double.PositiveInfinity, losses[1]);
        var g = new double[6];
        Loss.CtcGradient(lp, 2, 3, [1, 2], CtcTargetLayout.Padded, [0, 0], [0, 1], g);
        Assert.All(g, v => Assert.Equal(0d, v));
    }

    [Fact]
    public void Small_problems_allocate_nothing()
    {
        var random = new Random(13);
        Problem p = Random(random, maxSteps: 12, maxClasses: 6);
        var g = new double[p.LogProbs.Length];
        var losses = new double[p.Batch];
        void Run()
        {
            Loss.Ctc(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, p.Blank);
            Loss.Ctc(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, losses.AsSpan(), p.Blank);
            Loss.CtcWithGradient(p.LogProbs, p.Batch, p.Classes, p.Padded, CtcTargetLayout.Padded, p.InputLengths, p.TargetLengths, g, p.Blank);
        }

        for (int i = 0; i < 50; i++)
        {
            Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{allocated} bytes allocated for T = {p.Steps}, N = {p.Batch}, C = {p.Classes}, S = {p.Width}");
    }

    [Fact]
    public void Rejects_what_torch_rejects_and_labels_it_would_read_out_of_range()
    {
        double[] lp = new double[4 * 2 * 3];
        void Call(int[] targets, CtcTargetLayout layout, int[] inputLengths, int[] targetLengths, int blank = 0)
            => Loss.Ctc(lp, 2, 3, targets, layout, inputLengths, targetLengths, blank);

        Assert.Equal("blank", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Padded, [4, 4], [2, 2], blank: 3)).ParamName);
        Assert.Equal("inputLengths", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Padded, [5, 4], [2, 2])).ParamName);
        Assert.Equal("inputLengths", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Padded, [4], [2, 2])).ParamName);
        Assert.Equal("targetLengths", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Padded, [4, 4], [3, 2])).ParamName);
        Assert.Equal("targetLengths", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Padded, [4, 4], [-1, 2])).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 1], CtcTargetLayout.Concatenated, [4, 4], [3, 2])).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => Call([1, -1, 1, 1], CtcTargetLayout.Padded, [4, 4], [2, 2])).ParamName);
        Assert.Equal("targets", Assert.ThrowsAny<ArgumentException>(() => Call([1, 2, 1, 3], CtcTargetLayout.Padded, [4, 4], [2, 2])).ParamName);

        // Padding past a target length is not read, whatever it holds.
        Call([1, 2, 1, -7], CtcTargetLayout.Padded, [4, 4], [2, 1]);
    }

    private static double CentralDifference(Func<double[], double> f, double[] x, int i)
    {
        double[] shifted = (double[])x.Clone();
        const double h = 1e-5;
        shifted[i] = x[i] + h;
        double up = f(shifted);
        shifted[i] = x[i] - h;
        double down = f(shifted);
        return (up - down) / (2 * h);
    }

    private static long[] Bits(double[] values) => Array.ConvertAll(values, BitConverter.DoubleToInt64Bits);

    private static void AssertClose(double expected, double actual, double relative)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"{actual} vs {expected}");
    }
}
