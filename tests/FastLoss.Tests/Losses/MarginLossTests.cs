namespace FastLoss.Tests.Losses;

/// <summary>
/// Loss.MultiMargin, Loss.MultilabelMargin and Loss.MultilabelSoftMargin against naive double references (torch's
/// formulas written out), central finite differences, fused == separate, per-sample vs reduced, margins satisfied,
/// and argument checks made before anything is written.
/// </summary>
public class MarginLossTests
{
    public static TheoryData<string> Losses => new(MarginLossCases.Names);

    public static TheoryData<string, int> LossesAndClasses
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (string name in MarginLossCases.Names)
            {
                foreach (int classes in new[] { 1, 2, 5, 17, 300 })
                {
                    data.Add(name, classes);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(LossesAndClasses))]
    public void Matches_the_naive_reference(string name, int classes)
    {
        foreach (MarginLossCase c in MarginLossCases.Make(name, classes, samples: 6, seed: classes))
        {
            double[] expected = c.Reference();
            Assert.Equal(c.Samples, expected.Length);
            double[] perSample = new double[c.Samples];
            c.None(perSample);
            for (int i = 0; i < c.Samples; i++)
            {
                Assert.Equal(expected[i], perSample[i], 1e-12 * Math.Max(1, Math.Abs(expected[i])));
            }

            double sum = expected.Sum();
            Assert.Equal(sum, c.Reduce(Reduction.Sum), 1e-12 * Math.Max(1, Math.Abs(sum)));
            Assert.Equal(sum / c.Samples, c.Reduce(Reduction.Mean), 1e-12 * Math.Max(1, Math.Abs(sum)));
        }
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Gradient_matches_central_differences(string name)
    {
        const double h = 1e-6;
        foreach (int classes in new[] { 1, 3, 8 })
        {
            foreach (MarginLossCase c in MarginLossCases.Make(name, classes, samples: 4, seed: 100 + classes))
            {
                foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
                {
                    double[] gradient = new double[c.Input.Length];
                    c.Gradient(gradient, reduction);
                    for (int k = 0; k < c.Input.Length; k++)
                    {
                        double saved = c.Input[k];
                        c.Input[k] = saved + h;
                        double up = c.Reduce(reduction);
                        c.Input[k] = saved - h;
                        double down = c.Reduce(reduction);
                        c.Input[k] = saved;
                        Assert.True(
                            Math.Abs(((up - down) / (2 * h)) - gradient[k]) <= 1e-6 * Math.Max(1, Math.Abs(gradient[k])),
                            $"{name} C={classes} {reduction} [{k}]: finite difference {(up - down) / (2 * h)}, gradient {gradient[k]}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(LossesAndClasses))]
    public void Fused_equals_separate_bit_for_bit_and_in_place_works(string name, int classes)
    {
        foreach (MarginLossCase c in MarginLossCases.Make(name, classes, samples: 9, seed: 7 * classes))
        {
            foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
            {
                double[] separate = new double[c.Input.Length];
                double[] fused = new double[c.Input.Length];
                c.Gradient(separate, reduction);
                double loss = c.WithGradient(fused, reduction);
                Assert.Equal(c.Reduce(reduction), loss);
                Assert.Equal(separate, fused);

                double[] original = (double[])c.Input.Clone();
                Assert.Equal(loss, c.WithGradient(c.Input, reduction, inPlace: true));
                Assert.Equal(separate, c.Input);
                original.CopyTo(c.Input, 0);
            }
        }
    }

    [Theory]
    [MemberData(nameof(LossesAndClasses))]
    public void Per_sample_losses_are_non_negative_and_sum_to_the_reduced_loss(string name, int classes)
    {
        foreach (MarginLossCase c in MarginLossCases.Make(name, classes, samples: 40, seed: 3 + classes, nonNegativeWeights: true))
        {
            double[] perSample = new double[c.Samples];
            c.None(perSample);
            Assert.All(perSample, v => Assert.True(v >= 0, $"{name}: negative per-sample loss {v}"));
            double sum = c.Reduce(Reduction.Sum);
            Assert.Equal(perSample.Sum(), sum, 1e-13 * Math.Max(1, sum));
            Assert.Equal(sum / c.Samples, c.Reduce(Reduction.Mean), 1e-15 * Math.Max(1, sum));
        }
    }

    [Fact]
    public void Satisfied_margins_give_zero_loss_and_zero_gradient()
    {
        // Every target score beats every other by at least the margin (exactly the margin included: no gradient at 0).
        double[] x = [3, 0, 1, 0.5, 2.5, -2];
        double[] g = new double[6];
        Assert.Equal(0, Loss.MultiMarginWithGradient(x, [0, 1], 3, g, p: 1, margin: 2));
        Assert.All(g, v => Assert.Equal(0, v));
        Assert.Equal(0, Loss.MultiMarginWithGradient(x, [0, 1], 3, g, p: 2, margin: 2, reduction: Reduction.Sum));
        Assert.All(g, v => Assert.Equal(0, v));
        Assert.Equal(0, Loss.MultilabelMarginWithGradient(x, [0, -1, 0, 1, 0, -1], 3, g));
        Assert.All(g, v => Assert.Equal(0, v));

        // A row with no labels (first entry −1) has loss 0 whatever its scores.
        double[] d = new double[2];
        Loss.MultilabelMargin([5.0, -5, 2, 1], [-1, 0, 1, -1], 2, d.AsSpan());
        Assert.Equal(0, d[0]);
        Assert.Equal(1.0, d[1]);

        // Confident correct logits: the soft margin vanishes (log σ is stable, no 1 − σ cancellation).
        float[] logits = [60f, -60f, -100f, 100f];
        float[] targets = [1f, 0f, 0f, 1f];
        float[] fg = new float[4];
        float loss = Loss.MultilabelSoftMarginWithGradient(logits, targets, 2, fg);
        Assert.InRange(loss, 0f, 1e-25f);
        Assert.All(fg, v => Assert.InRange(Math.Abs(v), 0f, 1e-25f));
        Assert.Equal(60 + Math.Log(2), Loss.MultilabelSoftMargin([60.0, 0], [0.0, 0], 1, reduction: Reduction.Sum), 12);
    }

    [Fact]
    public void Empty_batch_is_zero_for_the_sum_and_nan_for_the_mean()
    {
        Assert.True(double.IsNaN(Loss.MultiMargin(ReadOnlySpan<double>.Empty, [], 3)));
        Assert.Equal(0, Loss.MultiMargin(ReadOnlySpan<double>.Empty, [], 3, reduction: Reduction.Sum));
        Assert.True(float.IsNaN(Loss.MultilabelMargin(ReadOnlySpan<float>.Empty, [], 3)));
        Assert.Equal(0f, Loss.MultilabelMarginWithGradient(ReadOnlySpan<float>.Empty, [], 3, [], Reduction.Sum));
        Assert.True(double.IsNaN(Loss.MultilabelSoftMargin(ReadOnlySpan<double>.Empty, [], 4)));
        Assert.Equal(0, Loss.MultilabelSoftMargin(ReadOnlySpan<double>.Empty, [], 4, reduction: Reduction.Sum));
    }

    [Fact]
    public void Rejects_bad_arguments_before_writing()
    {
        float[] x = new float[6];
        float[] g = [7f, 7f, 7f, 7f, 7f, 7f];
        void Rejects(string param, Action call)
        {
            Assert.Equal(param, Assert.ThrowsAny<ArgumentException>(call).ParamName);
            Assert.All(g, v => Assert.Equal(7f, v));
        }

        Rejects("target", () => Loss.MultiMarginGradient(x, [0, 3], 3, g));
        Rejects("target", () => Loss.MultiMarginGradient(x, [-1, 0], 3, g));
        Rejects("input", () => Loss.MultiMarginGradient(x, [0, 1, 2], 3, g));
        Rejects("p", () => Loss.MultiMarginGradient(x, [0, 1], 3, g, p: 3));
        Rejects("p", () => Loss.MultiMarginWithGradient(x, [0, 1], 3, g, p: 0));
        Rejects("margin", () => Loss.MultiMarginGradient(x, [0, 1], 3, g, margin: float.NaN));
        Rejects("weight", () => Loss.MultiMarginGradient(x, [0, 1], 3, g, weight: new float[2]));
        Rejects("classCount", () => Loss.MultiMarginGradient(x, [0, 1], 0, g));
        Rejects("reduction", () => Loss.MultiMarginGradient(x, [0, 1], 3, g, reduction: (Reduction)9));
        Rejects("destination", () => Loss.MultiMargin(x, [0, 1], 3, g.AsSpan(0, 1)));

        Rejects("target", () => Loss.MultilabelMarginGradient(x, [0, 3, -1, 0, -1, 0], 3, g));
        Rejects("target", () => Loss.MultilabelMarginGradient(x, [0, -1, -1, 0, -2, 0], 3, g));
        Rejects("target", () => Loss.MultilabelMarginGradient(x, [0, -1, 0, -1], 3, g));
        Rejects("input", () => Loss.MultilabelMarginGradient(x, [0, -1, 0, -1, 0, -1], 4, g));
        Rejects("inputGradient", () => Loss.MultilabelMarginGradient(x, [0, -1, 0, -1, 0, -1], 3, g.AsSpan(1)));
        Rejects("classCount", () => Loss.MultilabelMarginWithGradient(x, [0, -1, 0, -1, 0, -1], 0, g));

        Rejects("target", () => Loss.MultilabelSoftMarginGradient(x, new float[5], 3, g));
        Rejects("weight", () => Loss.MultilabelSoftMarginGradient(x, new float[6], 3, g, new float[2]));
        Rejects("input", () => Loss.MultilabelSoftMarginGradient(x, new float[6], 4, g));
        Rejects("inputGradient", () => Loss.MultilabelSoftMarginGradient(x, g, 3, g));
        Rejects("destination", () => Loss.MultilabelSoftMargin(x, new float[6], 3, g.AsSpan(0, 1)));
    }
}
