using FastLoss.Training;
using Xunit.Abstractions;

namespace FastLoss.Tests.Training;

/// <summary>
/// Statistical tests use fixed seeds, so each is deterministic: it passes or fails the same way every run. Thresholds
/// are the chi-square distribution's 0.999 quantiles (scipy.stats.chi2.ppf(0.999, df)): a correct sampler would fail
/// one in a thousand seeds, while a wrong one (a misbuilt alias table, a biased coin) gives statistics in the
/// hundreds or thousands.
/// </summary>
public class WeightedRandomSamplerTests(ITestOutputHelper output)
{
    // scipy.stats.chi2.ppf(0.999, df)
    private const double Chi2Df2 = 13.815510557964274;
    private const double Chi2Df4 = 18.46682695290317;
    private const double Chi2Df999 = 1142.8479838910355;

    private static readonly double[] SmallWeights = [1, 2, 3, 4, 0, 10];

    [Fact]
    public void With_replacement_frequencies_are_proportional_to_weights()
    {
        var sampler = new WeightedRandomSampler(SmallWeights, 200_000, seed: 2024);
        long[] counts = Histogram(sampler.Sample(), SmallWeights.Length);

        Assert.Equal(0, counts[4]);
        double chi2 = ChiSquare(counts, SmallWeights, skipZero: true);
        output.WriteLine($"with replacement, 6 weights (5 non-zero), 200000 draws: chi2 = {chi2:F3} (df 4, threshold {Chi2Df4:F3}); counts {string.Join(' ', counts)}");
        Assert.True(chi2 < Chi2Df4, $"chi-square {chi2}");
    }

    [Fact]
    public void With_replacement_over_1000_weights()
    {
        double[] weights = Enumerable.Range(0, 1000).Select(i => 0.5 + ((i * 7919) % 1009 / 1009.0)).ToArray();
        var sampler = new WeightedRandomSampler(weights, 1_000_000, seed: 7);
        long[] counts = Histogram(sampler.Sample(), weights.Length);
        double chi2 = ChiSquare(counts, weights, skipZero: false);
        output.WriteLine($"with replacement, 1000 weights, 1000000 draws: chi2 = {chi2:F1} (df 999, threshold {Chi2Df999:F1})");
        Assert.True(chi2 < Chi2Df999, $"chi-square {chi2}");
    }

    [Fact]
    public void Alias_table_encodes_the_weights_exactly()
    {
        // Column j keeps j with probability prob[j], else gives alias[j]: P(i) = (prob[i] + Σ_{alias[j]=i} (1 − prob[j])) / n.
        var random = new Random(5);
        foreach (int n in new[] { 1, 2, 3, 10, 257 })
        {
            double[] weights = Enumerable.Range(0, n).Select(_ => random.NextDouble() * (random.Next(3) == 0 ? 100 : 1) + 1e-3).ToArray();
            var (probability, alias) = WeightedRandomSampler.BuildAliasTable(weights);
            double[] implied = new double[n];
            for (int j = 0; j < n; j++)
            {
                Assert.InRange(probability[j], 0.0, 1.0);
                implied[j] += probability[j] / n;
                implied[alias[j]] += (1 - probability[j]) / n;
            }

            double sum = weights.Sum();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(weights[i] / sum, implied[i], 1e-12);
            }
        }
    }

    [Fact]
    public void Huge_weights_do_not_overflow()
    {
        double[] weights = [1e308, 1e308, 5e307];
        var sampler = new WeightedRandomSampler(weights, 50_000, seed: 3);
        long[] counts = Histogram(sampler.Sample(), 3);
        double chi2 = ChiSquare(counts, [2, 2, 1], skipZero: false);
        output.WriteLine($"weights near double.MaxValue, 50000 draws: chi2 = {chi2:F3} (df 2, threshold {Chi2Df2:F3})");
        Assert.True(chi2 < Chi2Df2, $"chi-square {chi2}");
    }

    [Fact]
    public void Without_replacement_draws_are_distinct_and_sequentially_proportional()
    {
        // First draw: P(j) = p_j. Second draw: P(j) = Σ_{i≠j} p_i · p_j / (1 − p_i) (draw i first, then j among the rest).
        const int Epochs = 30_000;
        var sampler = new WeightedRandomSampler(SmallWeights, 3, seed: 11, replacement: false);
        long[] first = new long[6];
        long[] second = new long[6];
        int[] epoch = new int[3];
        for (int e = 0; e < Epochs; e++)
        {
            sampler.Sample(epoch);
            Assert.Equal(3, epoch.Distinct().Count());
            Assert.DoesNotContain(4, epoch);
            first[epoch[0]]++;
            second[epoch[1]]++;
        }

        double total = SmallWeights.Sum();
        double[] p = SmallWeights.Select(w => w / total).ToArray();
        double[] pSecond = new double[6];
        for (int j = 0; j < 6; j++)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i != j)
                {
                    pSecond[j] += p[i] * p[j] / (1 - p[i]);
                }
            }
        }

        double chi2First = ChiSquare(first, p, skipZero: true);
        double chi2Second = ChiSquare(second, pSecond, skipZero: true);
        output.WriteLine($"without replacement, 30000 epochs of 3: first draw chi2 = {chi2First:F3}, second draw chi2 = {chi2Second:F3} (df 4, threshold {Chi2Df4:F3})");
        Assert.True(chi2First < Chi2Df4, $"first-draw chi-square {chi2First}");
        Assert.True(chi2Second < Chi2Df4, $"second-draw chi-square {chi2Second}");
    }

    [Fact]
    public void Without_replacement_taking_every_non_zero_weight_gives_a_permutation_of_them()
    {
        var sampler = new WeightedRandomSampler(SmallWeights, 5, seed: 1, replacement: false);
        for (int e = 0; e < 100; e++)
        {
            int[] epoch = sampler.Sample();
            Assert.Equal([0, 1, 2, 3, 5], epoch.Order().ToArray());
        }
    }

    [Fact]
    public void A_seed_determines_the_indices_and_epochs_differ()
    {
        int[] a = new WeightedRandomSampler(SmallWeights, 50, seed: 99).Sample();
        int[] b = new WeightedRandomSampler(SmallWeights, 50, seed: 99).Sample();
        int[] c = new WeightedRandomSampler(SmallWeights, 50, seed: 100).Sample();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);

        var sampler = new WeightedRandomSampler(SmallWeights, 50, seed: 99);
        Assert.Equal(a, sampler.Sample());
        Assert.NotEqual(a, sampler.Sample());

        int[] d = new WeightedRandomSampler(SmallWeights, 4, seed: 5, replacement: false).Sample();
        int[] e = new WeightedRandomSampler(SmallWeights, 4, seed: 5, replacement: false).Sample();
        Assert.Equal(d, e);
    }

    [Fact]
    public void Next_continues_the_same_stream_as_Sample()
    {
        int[] epoch = new WeightedRandomSampler(SmallWeights, 20, seed: 8).Sample();
        var sampler = new WeightedRandomSampler(SmallWeights, 20, seed: 8);
        Assert.Equal(epoch, Enumerable.Range(0, 20).Select(_ => sampler.Next()).ToArray());
    }

    [Fact]
    public void Float_weights_sample_as_the_same_double_weights()
    {
        float[] f = [0.5f, 0.25f, 0f, 2f];
        double[] d = [0.5, 0.25, 0, 2];
        Assert.Equal(new WeightedRandomSampler(d, 100, 4).Sample(), new WeightedRandomSampler(f, 100, 4).Sample());
        Assert.Equal(new WeightedRandomSampler(d, 3, 4, false).Sample(), new WeightedRandomSampler(f, 3, 4, false).Sample());
    }

    [Fact]
    public void Enumeration_and_properties_follow_pytorch()
    {
        var sampler = new WeightedRandomSampler(SmallWeights, 7, seed: 1);
        Assert.Equal(7, sampler.Count);
        Assert.Equal(7, sampler.SampleCount);
        Assert.Equal(6, sampler.WeightCount);
        Assert.Equal(5, sampler.SupportCount);
        Assert.True(sampler.Replacement);
        List<int> drawn = [.. sampler];
        Assert.Equal(7, drawn.Count);
        Assert.All(drawn, i => Assert.InRange(i, 0, 5));
        Assert.All(drawn, i => Assert.NotEqual(4, i));
    }

    [Fact]
    public void Sample_writes_only_sample_count_elements()
    {
        var sampler = new WeightedRandomSampler(SmallWeights, 3, seed: 1);
        int[] destination = [-1, -1, -1, -1, -1];
        sampler.Sample(destination);
        Assert.Equal(-1, destination[3]);
        Assert.Equal(-1, destination[4]);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => sampler.Sample(new int[2])).ParamName);
    }

    [Theory]
    [InlineData(-1.0, "weights[1] is -1")]
    [InlineData(double.NaN, "weights[1] is NaN")]
    [InlineData(double.PositiveInfinity, "weights[1] is ∞")]
    public void Invalid_weights_are_rejected_with_their_index(double bad, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1.0, bad, 2.0], 2, seed: 1));
        Assert.Equal("weights", e.ParamName);
        Assert.Contains(message.Replace("∞", double.PositiveInfinity.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), e.Message);
        Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([1f, (float)bad], 1, seed: 1));
    }

    [Fact]
    public void Degenerate_requests_are_rejected()
    {
        Assert.Contains("Every weight is 0", Assert.Throws<ArgumentException>(() => new WeightedRandomSampler([0.0, 0.0], 1, seed: 1)).Message);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => new WeightedRandomSampler(ReadOnlySpan<double>.Empty, 1, seed: 1)).ParamName);
        Assert.Equal("sampleCount", Assert.Throws<ArgumentOutOfRangeException>(() => new WeightedRandomSampler([1.0], 0, seed: 1)).ParamName);

        var tooMany = Assert.Throws<ArgumentException>(() => new WeightedRandomSampler(SmallWeights, 6, seed: 1, replacement: false));
        Assert.Equal("sampleCount", tooMany.ParamName);
        Assert.Contains("(5)", tooMany.Message);

        // With replacement, more draws than weights is fine.
        Assert.Equal(100, new WeightedRandomSampler([0.0, 1.0], 100, seed: 1).Sample().Count(i => i == 1));
        Assert.Throws<InvalidOperationException>(() => new WeightedRandomSampler(SmallWeights, 2, seed: 1, replacement: false).Next());
    }

    [Fact]
    public void Balanced_sample_weights_give_each_class_total_one()
    {
        int[] labels = [0, 0, 0, 0, 1, 2, 2];
        Assert.Equal([0.25, 0.25, 0.25, 0.25, 1.0, 0.5, 0.5], WeightedRandomSampler.BalancedSampleWeights(labels, 3));

        // A class with no samples (3) is allowed: no sample carries its weight.
        float[] f = new float[7];
        WeightedRandomSampler.BalancedSampleWeights<float>(labels, 4, f);
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f, 1f, 0.5f, 0.5f], f);

        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => WeightedRandomSampler.BalancedSampleWeights([0, 3], 3)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => WeightedRandomSampler.BalancedSampleWeights([], 3)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => WeightedRandomSampler.BalancedSampleWeights<double>(labels, 3, new double[6])).ParamName);
    }

    [Fact]
    public void Oversampling_with_balanced_weights_draws_classes_equally()
    {
        // 90% class 0, 9% class 1, 1% class 2.
        int[] labels = Enumerable.Range(0, 1000).Select(i => i < 900 ? 0 : i < 990 ? 1 : 2).ToArray();
        var sampler = new WeightedRandomSampler(WeightedRandomSampler.BalancedSampleWeights(labels, 3), 60_000, seed: 21);
        long[] classCounts = new long[3];
        foreach (int index in sampler.Sample())
        {
            classCounts[labels[index]]++;
        }

        double chi2 = ChiSquare(classCounts, [1, 1, 1], skipZero: false);
        output.WriteLine($"balanced oversampling 900/90/10, 60000 draws: class counts {string.Join(' ', classCounts)}, chi2 = {chi2:F3} (df 2, threshold {Chi2Df2:F3})");
        Assert.True(chi2 < Chi2Df2, $"chi-square {chi2}");
    }

    [Fact]
    public void Sampling_into_a_span_allocates_nothing()
    {
        var with = new WeightedRandomSampler(SmallWeights, 64, seed: 1);
        var without = new WeightedRandomSampler(SmallWeights, 4, seed: 1, replacement: false);
        int[] destination = new int[64];
        with.Sample(destination);
        without.Sample(destination);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            with.Sample(destination);
            without.Sample(destination);
            with.Next();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static long[] Histogram(int[] indices, int length)
    {
        long[] counts = new long[length];
        foreach (int i in indices)
        {
            counts[i]++;
        }

        return counts;
    }

    /// <summary>Pearson's statistic Σ (O − E)² / E, with E proportional to <paramref name="weights"/>.</summary>
    private static double ChiSquare(long[] observed, double[] weights, bool skipZero)
    {
        double n = observed.Sum();
        double total = weights.Sum();
        double chi2 = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            if (skipZero && weights[i] == 0)
            {
                continue;
            }

            double expected = n * weights[i] / total;
            chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
        }

        return chi2;
    }
}
