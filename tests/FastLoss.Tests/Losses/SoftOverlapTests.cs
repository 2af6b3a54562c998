namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.Dice / Loss.Tversky (per sample and per class): hand-computed values, the definitions and finite differences in
/// double, invariants, Tversky(½, ½, s) = Dice(2s), fused == separate, per-group outputs against the reduction, widths,
/// in place, argument checks before any write.
/// </summary>
public class SoftOverlapTests
{
    private static readonly int[] Widths = [512, 256, 128, 1];

    /// <summary>The textbook forms: Dice 1 − (2Σpt + s)/(Σp + Σt + s), Tversky 1 − (Σpt + s)/(Σpt + αΣp(1−t) + βΣ(1−p)t + s).</summary>
    private static double GroupLoss(IEnumerable<(double P, double T)> group, double? alpha, double beta, double smooth)
    {
        double pt = 0, p = 0, t = 0, fp = 0, fn = 0;
        foreach ((double pi, double ti) in group)
        {
            pt += pi * ti;
            p += pi;
            t += ti;
            fp += pi * (1 - ti);
            fn += (1 - pi) * ti;
        }

        return alpha is double a ? 1 - ((pt + smooth) / (pt + (a * fp) + (beta * fn) + smooth)) : 1 - (((2 * pt) + smooth) / (p + t + smooth));
    }

    /// <summary>Per-sample groups of [N, D]: returns the per-sample losses.</summary>
    private static double[] SampleLosses(double[] p, double[] t, int d, double? alpha, double beta, double smooth)
        => Enumerable.Range(0, p.Length / d).Select(n => GroupLoss(Enumerable.Range(n * d, d).Select(j => (p[j], t[j])), alpha, beta, smooth)).ToArray();

    /// <summary>Per-class groups of [N, C, S]: returns the per-class losses.</summary>
    private static double[] ClassLosses(double[] p, double[] t, int c, int s, double? alpha, double beta, double smooth)
        => Enumerable.Range(0, c).Select(k => GroupLoss(
            Enumerable.Range(0, p.Length / (c * s)).SelectMany(n => Enumerable.Range((n * c * s) + (k * s), s)).Select(j => (p[j], t[j])), alpha, beta, smooth)).ToArray();

    private static double[] Random01(Random random, int n, bool binary = false)
        => Enumerable.Range(0, n).Select(_ => binary ? random.Next(2) : random.NextDouble()).ToArray();

    [Fact]
    public void Hand_computed_values()
    {
        double[] p = [0.5, 1, 0, 0.25];
        double[] t = [1, 1, 0, 0];

        // Σpt = 1.5, Σp = 1.75, Σt = 2: Dice = 1 − (3 + 1)/(3.75 + 1) = 0.75/4.75.
        Assert.Equal(0.75 / 4.75, Loss.Dice(p, t, 4), 15);

        // FP = 0.25, FN = 0.5: Tversky(0.3, 0.7, 1) = 1 − 2.5/(1.5 + 0.075 + 0.35 + 1) = 0.425/2.925.
        Assert.Equal(0.425 / 2.925, Loss.Tversky(p, t, 4), 15);

        // Two samples of two: (0.5, 1 | 1, 1) and (0, 0 | 0.25, 0) with s = 0: 1 − 3/3.5 and 1 − 0/0.25.
        double[] losses = new double[2];
        Loss.Dice([0.5, 1, 0, 0.25], [1, 1, 0, 0], 2, losses, 0);
        Assert.Equal(0.5 / 3.5, losses[0], 15);
        Assert.Equal(1, losses[1], 15);
        Assert.Equal(((0.5 / 3.5) + 1) / 2, Loss.Dice([0.5, 1, 0, 0.25], [1, 1, 0, 0], 2, 0), 15);

        // Per class, [N = 2, C = 2, S = 1]: class 0 holds (0.5, 1) and (0, 0); class 1 holds (1, 1) and (0.25, 0).
        double[] perClass = new double[2];
        Loss.DicePerClass([0.5, 1, 0, 0.25], [1, 1, 0, 0], 2, 1, perClass, 0);
        Assert.Equal(1 - (1 / 1.5), perClass[0], 15);
        Assert.Equal(1 - (2 / 2.25), perClass[1], 15);

        // With s = 0 an empty group is 0/0.
        Assert.True(double.IsNaN(Loss.Dice([0.0, 0], [0.0, 0], 2, 0)));
    }

    public static TheoryData<bool, double?, double, double, int> Variants => new()
    {
        // per class, α (null: Dice), β, smooth, spatial size (1: the per-class groups are strided)
        { false, null, 0, 1, 5 },
        { false, null, 0, 0, 5 },
        { true, null, 0, 1e-3, 5 },
        { true, null, 0, 1, 1 },
        { false, 0.3, 0.7, 1, 5 },
        { true, 0.3, 0.7, 0.5, 5 },
        { true, 0.3, 0.7, 0.5, 1 },
        { true, 0, 2, 0, 5 },
        { false, 1, 1, 0, 5 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Matches_the_definition_and_finite_differences(bool perClass, double? alpha, double beta, double smooth, int S)
    {
        const int N = 3, C = 4;
        var random = new Random(perClass ? 5 : 6);
        double[] p = Random01(random, N * C * S);
        double[] t = Random01(random, N * C * S, binary: alpha is null);
        double[] Expected(double[] x) => perClass ? ClassLosses(x, t, C, S, alpha, beta, smooth) : SampleLosses(x, t, C * S, alpha, beta, smooth);
        double Value(Reduction reduction) => (perClass, alpha) switch
        {
            (false, null) => Loss.Dice(p, t, C * S, smooth, reduction),
            (true, null) => Loss.DicePerClass(p, t, C, S, smooth, reduction),
            (false, double a) => Loss.Tversky(p, t, C * S, a, beta, smooth, reduction),
            (true, double a) => Loss.TverskyPerClass(p, t, C, S, a, beta, smooth, reduction),
        };
        double Fused(double[] g, Reduction reduction) => (perClass, alpha) switch
        {
            (false, null) => Loss.DiceWithGradient(p, t, C * S, g, smooth, reduction),
            (true, null) => Loss.DicePerClassWithGradient(p, t, C, S, g, smooth, reduction),
            (false, double a) => Loss.TverskyWithGradient(p, t, C * S, g, a, beta, smooth, reduction),
            (true, double a) => Loss.TverskyPerClassWithGradient(p, t, C, S, g, a, beta, smooth, reduction),
        };
        void Gradient(double[] g, Reduction reduction)
        {
            switch (perClass, alpha)
            {
                case (false, null): Loss.DiceGradient(p, t, C * S, g, smooth, reduction); break;
                case (true, null): Loss.DicePerClassGradient(p, t, C, S, g, smooth, reduction); break;
                case (false, double a): Loss.TverskyGradient(p, t, C * S, g, a, beta, smooth, reduction); break;
                case (true, double a): Loss.TverskyPerClassGradient(p, t, C, S, g, a, beta, smooth, reduction); break;
            }
        }

        double[] groups = new double[perClass ? C : N];
        switch (perClass, alpha)
        {
            case (false, null): Loss.Dice(p, t, C * S, groups, smooth); break;
            case (true, null): Loss.DicePerClass(p, t, C, S, groups, smooth); break;
            case (false, double a): Loss.Tversky(p, t, C * S, groups, a, beta, smooth); break;
            case (true, double a): Loss.TverskyPerClass(p, t, C, S, groups, a, beta, smooth); break;
        }

        double[] expected = Expected(p);
        for (int i = 0; i < groups.Length; i++)
        {
            Assert.Equal(expected[i], groups[i], 14);
            Assert.InRange(groups[i], 0, 1);
        }

        Assert.Equal(expected.Average(), Value(Reduction.Mean), 14);
        Assert.Equal(expected.Sum(), Value(Reduction.Sum), 13);
        Assert.Equal(groups.Average(), Value(Reduction.Mean), 15);
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            double[] g = new double[p.Length], separate = new double[p.Length];
            Assert.Equal(Value(reduction), Fused(g, reduction));
            Gradient(separate, reduction);
            Assert.Equal(g, separate);
            for (int i = 0; i < p.Length; i++)
            {
                const double H = 1e-6;
                double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
                plus[i] += H;
                minus[i] -= H;
                double scale = reduction == Reduction.Mean ? 1.0 / groups.Length : 1;
                double numeric = scale * (Expected(plus).Sum() - Expected(minus).Sum()) / (2 * H);
                Assert.True(Math.Abs(numeric - g[i]) <= 1e-8, $"{reduction}, element {i}: analytic {g[i]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Invariants_hold()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 20; trial++)
        {
            int d = 1 + random.Next(40);
            float[] p = Random01(random, 3 * d).Select(v => (float)v).ToArray();
            float[] t = Random01(random, 3 * d, binary: trial % 2 == 0).Select(v => (float)v).ToArray();
            float s = trial % 3 == 0 ? 0f : (float)random.NextDouble();
            float[] losses = new float[3];
            Loss.Dice(p, t, d, losses, s);
            Assert.All(losses, v => Assert.InRange(v, 0f, 1f));
            Loss.Tversky(p, t, d, losses, (float)random.NextDouble() * 2, (float)random.NextDouble() * 2, s);
            Assert.All(losses, v => Assert.InRange(v, 0f, 1f));

            // A perfect prediction of 0/1 targets with s > 0 (or any positive target) is exactly 0, also per class.
            float[] mask = Random01(random, 3 * d, binary: true).Select(v => (float)v).ToArray();
            mask[0] = 1;
            Assert.Equal(0f, Loss.Dice(mask, mask, d, 1f));
            Assert.Equal(0f, Loss.Tversky(mask, mask, d, 0.3f, 0.7f, 1f));
            Assert.Equal(0f, Loss.DicePerClass(mask, mask, 3, d, 1f));
            float[] gradient = new float[3 * d];
            Loss.TverskyPerClassGradient(mask, mask, 3, d, gradient, 0.3f, 0.7f, 1f);

            // At the optimum the gradient pushes zeros down (positive) and ones up (negative or zero).
            Assert.All(Enumerable.Range(0, 3 * d), j => Assert.True(mask[j] == 0 ? gradient[j] > 0 : gradient[j] <= 0));
        }

        // Soft targets predicted exactly are not a zero Dice loss (p·t < p for 0 < p < 1): the loss is 0 only for 0/1 maps.
        Assert.True(Loss.Dice([0.5, 0.5], [0.5, 0.5], 2, 0) > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.37)]
    public void Tversky_half_half_is_dice_with_twice_the_smoothing(double smooth)
    {
        var random = new Random(3);
        double[] p = Random01(random, 6 * 11);
        double[] t = Random01(random, 6 * 11);
        double dice = Loss.Dice(p, t, 11, 2 * smooth);
        double tversky = Loss.Tversky(p, t, 11, 0.5, 0.5, smooth);
        Assert.True(Math.Abs(dice - tversky) <= 4e-16 * Math.Abs(dice), $"Dice {dice}, Tversky {tversky}");
        double[] gd = new double[p.Length], gt = new double[p.Length];
        Loss.DicePerClassGradient(p, t, 3, 11, gd, 2 * smooth);
        Loss.TverskyPerClassGradient(p, t, 3, 11, gt, 0.5, 0.5, smooth);
        for (int i = 0; i < p.Length; i++)
        {
            Assert.True(Math.Abs(gd[i] - gt[i]) <= 1e-15 * (Math.Abs(gd[i]) + 1e-3), $"element {i}: {gd[i]} vs {gt[i]}");
        }

        if (smooth == 0)
        {
            Assert.Equal(dice, Loss.Dice(p, t, 11, 0.0), 15);
        }
    }

    [Theory]
    [InlineData(false, 5, 1, 37)]
    [InlineData(false, 2, 1, 1061)]
    [InlineData(true, 3, 4, 17)]
    [InlineData(true, 2, 3, 1030)]
    [InlineData(true, 7, 5, 1)]
    public void Bit_identical_on_every_width_fused_equals_separate_in_place(bool perClass, int n, int c, int s)
    {
        var random = new Random((n * 100) + (c * 10) + s);
        float[] p = Random01(random, n * c * s).Select(v => (float)v).ToArray();
        float[] t = Random01(random, n * c * s, binary: s % 2 == 1).Select(v => (float)v).ToArray();
        int groups = perClass ? c : n;
        (float Value, float Sum, float[] Losses, float[] Gradient) Run()
        {
            float[] g = new float[p.Length], separate = new float[p.Length], losses = new float[groups];
            float value = perClass ? Loss.TverskyPerClassWithGradient(p, t, c, s, g) : Loss.DiceWithGradient(p, t, c * s, g);
            float alone = perClass ? Loss.TverskyPerClass(p, t, c, s) : Loss.Dice(p, t, c * s);
            Assert.Equal(CrossEntropyTests.Bits(value), CrossEntropyTests.Bits(alone));
            if (perClass)
            {
                Loss.TverskyPerClassGradient(p, t, c, s, separate);
                Loss.TverskyPerClass(p, t, c, s, losses);
            }
            else
            {
                Loss.DiceGradient(p, t, c * s, separate);
                Loss.Dice(p, t, c * s, losses);
            }

            Assert.Equal(g.Select(CrossEntropyTests.Bits), separate.Select(CrossEntropyTests.Bits));
            float[] inPlace = (float[])p.Clone();
            float again = perClass ? Loss.TverskyPerClassWithGradient(inPlace, t, c, s, inPlace) : Loss.DiceWithGradient(inPlace, t, c * s, inPlace);
            Assert.Equal(CrossEntropyTests.Bits(value), CrossEntropyTests.Bits(again));
            Assert.Equal(g.Select(CrossEntropyTests.Bits), inPlace.Select(CrossEntropyTests.Bits));
            float sum = perClass ? Loss.TverskyPerClass(p, t, c, s, reduction: Reduction.Sum) : Loss.Dice(p, t, c * s, reduction: Reduction.Sum);
            return (value, sum, losses, g);
        }

        var reference = CrossEntropyTests.WithWidth(1, Run);
        Assert.Equal(reference.Losses.Sum(v => (double)v), reference.Sum, 5);
        Assert.Equal(reference.Losses.Average(v => (double)v), reference.Value, 5);
        foreach (int width in Widths)
        {
            var actual = CrossEntropyTests.WithWidth(width, Run);
            Assert.Equal(CrossEntropyTests.Bits(reference.Value), CrossEntropyTests.Bits(actual.Value));
            Assert.Equal(reference.Losses.Select(CrossEntropyTests.Bits), actual.Losses.Select(CrossEntropyTests.Bits));
            Assert.Equal(reference.Gradient.Select(CrossEntropyTests.Bits), actual.Gradient.Select(CrossEntropyTests.Bits));
        }
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] p = new float[12];
        float[] g = Enumerable.Repeat(7f, 12).ToArray();
        string? Param(Action call) => Assert.ThrowsAny<ArgumentException>(call).ParamName;
        Assert.Equal("smooth", Param(() => Loss.DiceWithGradient(p, p, 4, g, -1f)));
        Assert.Equal("smooth", Param(() => Loss.DiceWithGradient(p, p, 4, g, float.NaN)));
        Assert.Equal("alpha", Param(() => Loss.TverskyWithGradient(p, p, 4, g, -0.1f)));
        Assert.Equal("beta", Param(() => Loss.TverskyPerClassWithGradient(p, p, 3, 2, g, 0.3f, float.PositiveInfinity)));
        Assert.Equal("sampleSize", Param(() => Loss.DiceWithGradient(p, p, 0, g)));
        Assert.Equal("input", Param(() => Loss.DiceWithGradient(p, p, 5, g)));
        Assert.Equal("target", Param(() => Loss.DiceWithGradient(p, new float[11], 4, g)));
        Assert.Equal("input", Param(() => Loss.DicePerClassWithGradient(p, p, 5, 1, g)));
        Assert.Equal("classCount", Param(() => Loss.DicePerClassWithGradient(p, p, 0, 1, g)));
        Assert.Equal("spatialSize", Param(() => Loss.DicePerClassWithGradient(p, p, 3, 0, g)));
        Assert.Equal("destination", Param(() => Loss.DicePerClass(p, p, 3, 2, g.AsSpan(0, 2))));
        Assert.Equal("destination", Param(() => Loss.Tversky(p, p, 4, g.AsSpan(0, 2))));
        Assert.Equal("inputGradient", Param(() => Loss.TverskyGradient(p, p, 4, g.AsSpan(0, 11))));
        Assert.Equal("reduction", Param(() => Loss.DiceGradient(p, p, 4, g, reduction: (Reduction)9)));
        Assert.All(g, v => Assert.Equal(7f, v));
    }
}
