namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.DiceFromLogits / Loss.TverskyFromLogits (logits [N, C, S], class indices [N, S]): equal to a double softmax +
/// one-hot + DicePerClass/TverskyPerClass, the gradient against central differences in double, fused == separate,
/// widths bit for bit, in place, Tversky(½, ½, s) == Dice(2s), ignoreIndex, includeBackground, ±1e4 logits, no
/// allocation, checks.
/// </summary>
public class SoftOverlapLogitsTests
{
    private static readonly int[] Widths = [512, 256, 128, 1];

    /// <summary>softmax over C (in double) and onehot(y), [N, C, S]; ignored positions 0 in both (so they add nothing).</summary>
    private static (double[] P, double[] T) SoftmaxOneHot(double[] x, int[] y, int c, int s)
    {
        double[] p = new double[x.Length], t = new double[x.Length];
        for (int r = 0; r < y.Length; r++)
        {
            if (y[r] == -100)
            {
                continue;
            }

            int n = r / s, j = r % s;
            int At(int k) => (((n * c) + k) * s) + j;
            double max = Enumerable.Range(0, c).Max(k => x[At(k)]);
            double sum = Enumerable.Range(0, c).Sum(k => Math.Exp(x[At(k)] - max));
            for (int k = 0; k < c; k++)
            {
                p[At(k)] = Math.Exp(x[At(k)] - max) / sum;
            }

            t[At(y[r])] = 1;
        }

        return (p, t);
    }

    /// <summary>The per-class losses through the probability API: DicePerClass (alpha null) or TverskyPerClass.</summary>
    private static double[] ReferenceClassLosses(double[] x, int[] y, int c, int s, double? alpha, double beta, double smooth)
    {
        (double[] p, double[] t) = SoftmaxOneHot(x, y, c, s);
        double[] losses = new double[c];
        if (alpha is double a)
        {
            Loss.TverskyPerClass(p, t, c, s, losses, a, beta, smooth);
        }
        else
        {
            Loss.DicePerClass(p, t, c, s, losses, smooth);
        }

        return losses;
    }

    private static double Reference(double[] x, int[] y, int c, int s, double? alpha, double beta, double smooth, bool background, Reduction reduction)
    {
        double[] losses = ReferenceClassLosses(x, y, c, s, alpha, beta, smooth)[(background ? 0 : 1)..];
        return reduction == Reduction.Mean ? losses.Average() : losses.Sum();
    }

    private static (double[] X, int[] Y) Make(int n, int c, int s, int seed, double scale = 4)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, n * c * s).Select(_ => (random.NextDouble() - 0.5) * 2 * scale).ToArray();
        int[] y = Enumerable.Range(0, n * s).Select(i => i % 7 == 5 ? -100 : random.Next(c)).ToArray();
        return (x, y);
    }

    private static double Value(double[] x, int[] y, int c, int s, double? alpha, double smooth, bool background, Reduction reduction)
        => alpha is double a
            ? Loss.TverskyFromLogits(x, y, c, s, a, 1 - a, smooth, includeBackground: background, reduction: reduction)
            : Loss.DiceFromLogits(x, y, c, s, smooth, includeBackground: background, reduction: reduction);

    private static void Gradient(double[] x, int[] y, int c, int s, double? alpha, double smooth, bool background, Reduction reduction, double[] g)
    {
        if (alpha is double a)
        {
            Loss.TverskyFromLogitsGradient(x, y, c, s, g, a, 1 - a, smooth, includeBackground: background, reduction: reduction);
        }
        else
        {
            Loss.DiceFromLogitsGradient(x, y, c, s, g, smooth, includeBackground: background, reduction: reduction);
        }
    }

    public static TheoryData<int, int, int, double?, double, bool, Reduction> Cases => new()
    {
        // samples, classes, spatial size, Tversky α (β = 1 − α; null: Dice), smoothing, include background, reduction
        { 2, 4, 5, null, 1.0, true, Reduction.Mean },
        { 3, 3, 1, null, 0.0, false, Reduction.Sum },
        { 2, 5, 3, 0.3, 1e-5, true, Reduction.Mean },
        { 1, 2, 9, 0.7, 0.5, false, Reduction.Mean },
        { 2, 20, 2, null, 1.0, true, Reduction.Sum },
        { 2, 70, 2, 0.4, 1.0, false, Reduction.Mean },
        // S of at least one block (8 doubles, 16 floats): the softmax runs across positions, tails and ignored lanes masked.
        { 2, 4, 40, null, 1.0, true, Reduction.Mean },
        { 1, 3, 16, 0.3, 0.0, false, Reduction.Sum },
        { 1, 40, 17, null, 0.5, true, Reduction.Mean },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Equals_softmax_one_hot_and_the_probability_api(int n, int c, int s, double? alpha, double smooth, bool background, Reduction reduction)
    {
        (double[] x, int[] y) = Make(n, c, s, seed: (n * 31) + c + s);
        Assert.Equal(Reference(x, y, c, s, alpha, 1 - (alpha ?? 0), smooth, background, reduction), Value(x, y, c, s, alpha, smooth, background, reduction), 12);
        double[] expected = ReferenceClassLosses(x, y, c, s, alpha, 1 - (alpha ?? 0), smooth)[(background ? 0 : 1)..];
        double[] losses = new double[expected.Length];
        if (alpha is double a)
        {
            Loss.TverskyFromLogits(x, y, c, s, losses, a, 1 - a, smooth, includeBackground: background);
        }
        else
        {
            Loss.DiceFromLogits(x, y, c, s, losses, smooth, includeBackground: background);
        }

        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], losses[k], 12);
        }

        // float against the double reference.
        float[] xf = x.Select(v => (float)v).ToArray();
        double reference = Reference(xf.Select(v => (double)v).ToArray(), y, c, s, alpha, 1 - (alpha ?? 0), smooth, background, reduction);
        float actual = alpha is double af
            ? Loss.TverskyFromLogits(xf, y, c, s, (float)af, (float)(1 - af), (float)smooth, includeBackground: background, reduction: reduction)
            : Loss.DiceFromLogits(xf, y, c, s, (float)smooth, includeBackground: background, reduction: reduction);
        Assert.True(Math.Abs(actual - reference) <= 1e-5 * (Math.Abs(reference) + 1), $"float {actual}, double reference {reference}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_matches_central_differences(int n, int c, int s, double? alpha, double smooth, bool background, Reduction reduction)
    {
        if (c > 20)
        {
            n = 1;   // keeps the finite differences cheap
        }

        (double[] x, int[] y) = Make(n, c, s, seed: c + s);
        double[] g = new double[x.Length];
        Gradient(x, y, c, s, alpha, smooth, background, reduction, g);
        for (int i = 0; i < x.Length; i++)
        {
            const double H = 1e-6;
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            double numeric = (Reference(plus, y, c, s, alpha, 1 - (alpha ?? 0), smooth, background, reduction)
                - Reference(minus, y, c, s, alpha, 1 - (alpha ?? 0), smooth, background, reduction)) / (2 * H);
            Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"element {i}: analytic {g[i]}, numeric {numeric}");
        }

        for (int r = 0; r < y.Length; r++)
        {
            if (y[r] == -100)
            {
                for (int k = 0; k < c; k++)
                {
                    Assert.Equal(0d, g[((((r / s) * c) + k) * s) + (r % s)]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_equals_separate_widths_agree_and_in_place_works(int n, int c, int s, double? alpha, double smooth, bool background, Reduction reduction)
    {
        (double[] xd, int[] y) = Make(n, c, s, seed: (c * 7) + s, scale: 30);
        float[] x = xd.Select(v => (float)v).ToArray();
        float a = (float)(alpha ?? 0.5), b = 1 - a, sm = (float)smooth;
        (float Value, float[] Gradient, float[] Losses) Run()
        {
            float[] g = new float[x.Length], gSeparate = new float[x.Length], losses = new float[background ? c : c - 1];
            float value, separate;
            if (alpha is null)
            {
                value = Loss.DiceFromLogitsWithGradient(x, y, c, s, g, sm, includeBackground: background, reduction: reduction);
                separate = Loss.DiceFromLogits(x, y, c, s, sm, includeBackground: background, reduction: reduction);
                Loss.DiceFromLogitsGradient(x, y, c, s, gSeparate, sm, includeBackground: background, reduction: reduction);
                Loss.DiceFromLogits(x, y, c, s, losses, sm, includeBackground: background);
            }
            else
            {
                value = Loss.TverskyFromLogitsWithGradient(x, y, c, s, g, a, b, sm, includeBackground: background, reduction: reduction);
                separate = Loss.TverskyFromLogits(x, y, c, s, a, b, sm, includeBackground: background, reduction: reduction);
                Loss.TverskyFromLogitsGradient(x, y, c, s, gSeparate, a, b, sm, includeBackground: background, reduction: reduction);
                Loss.TverskyFromLogits(x, y, c, s, losses, a, b, sm, includeBackground: background);
            }

            Assert.Equal(CrossEntropyTests.Bits(separate), CrossEntropyTests.Bits(value));
            Assert.Equal(gSeparate.Select(CrossEntropyTests.Bits), g.Select(CrossEntropyTests.Bits));
            double total = losses.Sum(v => (double)v);
            double expected = reduction == Reduction.Mean ? total / losses.Length : total;
            Assert.True(Math.Abs(expected - value) <= 1e-6 * (Math.Abs(expected) + 1), $"per-class {expected}, reduced {value}");

            float[] inPlace = (float[])x.Clone();
            float inPlaceValue = alpha is null
                ? Loss.DiceFromLogitsWithGradient(inPlace, y, c, s, inPlace, sm, includeBackground: background, reduction: reduction)
                : Loss.TverskyFromLogitsWithGradient(inPlace, y, c, s, inPlace, a, b, sm, includeBackground: background, reduction: reduction);
            Assert.Equal(CrossEntropyTests.Bits(value), CrossEntropyTests.Bits(inPlaceValue));
            Assert.Equal(g.Select(CrossEntropyTests.Bits), inPlace.Select(CrossEntropyTests.Bits));
            return (value, g, losses);
        }

        var reference = CrossEntropyTests.WithWidth(1, Run);
        foreach (int width in Widths)
        {
            var actual = CrossEntropyTests.WithWidth(width, Run);
            Assert.Equal(CrossEntropyTests.Bits(reference.Value), CrossEntropyTests.Bits(actual.Value));
            Assert.Equal(reference.Gradient.Select(CrossEntropyTests.Bits), actual.Gradient.Select(CrossEntropyTests.Bits));
            Assert.Equal(reference.Losses.Select(CrossEntropyTests.Bits), actual.Losses.Select(CrossEntropyTests.Bits));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void Tversky_half_half_is_dice_with_twice_the_smoothing(double smooth)
    {
        (double[] x, int[] y) = Make(3, 6, 4, seed: 11);
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(Loss.DiceFromLogits(x, y, 6, 4, 2 * smooth)),
            BitConverter.DoubleToInt64Bits(Loss.TverskyFromLogits(x, y, 6, 4, 0.5, 0.5, smooth)));
        double[] gd = new double[x.Length], gt = new double[x.Length];
        Loss.DiceFromLogitsGradient(x, y, 6, 4, gd, 2 * smooth, includeBackground: false, reduction: Reduction.Sum);
        Loss.TverskyFromLogitsGradient(x, y, 6, 4, gt, 0.5, 0.5, smooth, includeBackground: false, reduction: Reduction.Sum);
        Assert.Equal(gd.Select(BitConverter.DoubleToInt64Bits), gt.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(19)]
    public void Huge_logits_do_not_overflow_and_a_perfect_prediction_is_zero(int s)
    {
        // N = 1, C = 3: each position's target logit is +1e4, the others −1e4.
        int[] y = Enumerable.Range(0, s).Select(j => (j * 7) % 3).ToArray();
        float[] x = new float[3 * s];
        for (int j = 0; j < s; j++)
        {
            for (int k = 0; k < 3; k++)
            {
                x[(k * s) + j] = k == y[j] ? 1e4f : -1e4f;
            }
        }

        float[] g = new float[3 * s];
        Assert.Equal(0f, Loss.DiceFromLogitsWithGradient(x, y, 3, s, g, 1f));
        Assert.All(g, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(0f, Loss.TverskyFromLogits(x, y, 3, s, smooth: 0f));

        // The worst prediction ([N = 1, C = 2, S = 2], every target class at −1e4): every class's loss is 1 at s = 0.
        float[] wrong = [-1e4f, 1e4f, 1e4f, -1e4f];
        Assert.Equal(1f, Loss.DiceFromLogits(wrong, [0, 1], 2, 2, 0f));
        float[] gw = new float[4];
        Assert.Equal(1f, Loss.TverskyFromLogitsWithGradient(wrong, [0, 1], 2, 2, gw, smooth: 0f));
        Assert.All(gw, v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(21)]
    public void Ignored_positions_are_left_out_and_class_zero_can_be_excluded(int s)
    {
        (double[] x, int[] y) = Make(2, 4, s, seed: 3);
        // Changing an ignored position's logits changes nothing, even to NaN; its gradient is 0.
        double before = Loss.DiceFromLogits(x, y, 4, s);
        int ignored = Array.IndexOf(y, -100);
        Assert.True(ignored >= 0);
        double[] changed = (double[])x.Clone();
        changed[(((((ignored / s) * 4) + 2) * s) + (ignored % s))] = double.NaN;
        Assert.Equal(before, Loss.DiceFromLogits(changed, y, 4, s));
        double[] g = new double[x.Length];
        Loss.DiceFromLogitsGradient(changed, y, 4, s, g);
        Assert.All(g, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0d, g[((((ignored / s) * 4) + 2) * s) + (ignored % s)]);

        // A custom ignore index.
        int[] custom = y.Select(v => v == -100 ? 255 : v).ToArray();
        Assert.Equal(before, Loss.DiceFromLogits(x, custom, 4, s, ignoreIndex: 255));

        // Without the background: classes 1…C − 1 of the per-class output, mean over C − 1.
        double[] all = new double[4], foreground = new double[3];
        Loss.DiceFromLogits(x, y, 4, s, all);
        Loss.DiceFromLogits(x, y, 4, s, foreground, includeBackground: false);
        Assert.Equal(all[1..], foreground);
        Assert.Equal(foreground.Average(), Loss.DiceFromLogits(x, y, 4, s, includeBackground: false), 15);
    }

    [Fact]
    public void Nothing_is_allocated_once_the_pool_holds_the_scratch()
    {
        // C = 4 keeps the scratch on the stack; C = 90 rents it (and every C rents the per-class sums); S = 30 takes the
        // position blocks, S = 3 the rows.
        (double[] small, int[] ySmall) = Make(2, 4, 30, seed: 1);
        (double[] large, int[] yLarge) = Make(1, 90, 3, seed: 2);
        float[] xs = small.Select(v => (float)v).ToArray();
        double[] gSmall = new double[small.Length], gLarge = new double[large.Length], perClass = new double[90];
        float[] gs = new float[xs.Length];
        void Run()
        {
            Loss.DiceFromLogitsWithGradient(small, ySmall, 4, 30, gSmall);
            Loss.TverskyFromLogitsWithGradient(xs, ySmall, 4, 30, gs, includeBackground: false);
            Loss.DiceFromLogits(large, yLarge, 90, 3, perClass);
            Loss.TverskyFromLogitsGradient(large, yLarge, 90, 3, gLarge, reduction: Reduction.Sum);
            Loss.PolyCrossEntropyWithGradient(small, ySmall, 4, 30, gSmall, 1.5, labelSmoothing: 0.1);
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] x = new float[12];   // N = 2, C = 3, S = 2
        float[] g = Enumerable.Repeat(7f, 12).ToArray();
        float[] d = Enumerable.Repeat(7f, 3).ToArray();
        int[] y = [0, 1, 2, 0];
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsWithGradient(x, [0, 1, 3, 0], 3, 2, g)).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogits(x, [0, -1, 2, 0], 3, 2, d.AsSpan())).ParamName);
        Assert.Equal("target", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogitsGradient(x, [0, 1, 2], 3, 2, g)).ParamName);
        Assert.Equal("input", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogitsWithGradient(x, [0, 1], 3, 2, g)).ParamName);
        Assert.Equal("spatialSize", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsGradient(x, y, 3, 0, g)).ParamName);
        Assert.Equal("classCount", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsGradient(x, y, 0, 2, g)).ParamName);
        Assert.Equal("includeBackground", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsWithGradient(new float[4], y, 1, 2, g, includeBackground: false)).ParamName);
        Assert.Equal("destination", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogits(x, y, 3, 2, d.AsSpan(0, 2))).ParamName);
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogitsGradient(x, y, 3, 2, g.AsSpan(0, 11))).ParamName);
        float[] shared = new float[13];
        Assert.Equal("inputGradient", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogitsGradient(shared.AsSpan(0, 12), y, 3, 2, shared.AsSpan(1))).ParamName);
        Assert.Equal("smooth", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsWithGradient(x, y, 3, 2, g, float.NaN)).ParamName);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogitsWithGradient(x, y, 3, 2, g, -1f)).ParamName);
        Assert.Equal("beta", Assert.ThrowsAny<ArgumentException>(() => Loss.TverskyFromLogits(x, y, 3, 2, d.AsSpan(), beta: float.PositiveInfinity)).ParamName);
        Assert.Equal("reduction", Assert.ThrowsAny<ArgumentException>(() => Loss.DiceFromLogitsWithGradient(x, y, 3, 2, g, reduction: (Reduction)42)).ParamName);
        Assert.All(g, v => Assert.Equal(7f, v));
        Assert.All(d, v => Assert.Equal(7f, v));
    }
}
