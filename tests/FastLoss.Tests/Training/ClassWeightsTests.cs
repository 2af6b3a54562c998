using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class ClassWeightsTests
{
    // Counts 3, 1, 2 of 6 labels.
    private static readonly int[] Labels = [0, 2, 0, 1, 2, 0];

    [Fact]
    public void Balanced_is_total_over_count_times_classes()
    {
        // 6 / (3·3), 6 / (3·1), 6 / (3·2): by hand.
        double[] weights = ClassWeights.Balanced<double>(Labels, 3);
        Assert.Equal([6.0 / 9, 2.0, 1.0], weights);
    }

    [Fact]
    public void Balanced_of_balanced_labels_is_all_ones_and_weighted_mean_is_one()
    {
        Assert.Equal([1f, 1f, 1f, 1f], ClassWeights.Balanced<float>([3, 2, 1, 0, 0, 1, 2, 3], 4));

        int[] labels = [0, 0, 0, 0, 0, 0, 0, 1, 2, 2];
        double[] w = ClassWeights.Balanced<double>(labels, 3);
        Assert.Equal(1.0, labels.Average(l => w[l]), 12);
    }

    [Fact]
    public void Balanced_destination_overload_matches_and_leaves_the_rest_alone()
    {
        float[] destination = [-7f, -7f, -7f, -7f];
        ClassWeights.Balanced<float>(Labels, 3, destination);
        Assert.Equal([(float)(6.0 / 9), 2f, 1f, -7f], destination);
    }

    [Fact]
    public void Destination_overloads_allocate_nothing()
    {
        double[] destination = new double[3];
        int[] binary = [0, 1, 1, 0, 0, 1];
        void Run()
        {
            ClassWeights.Balanced<double>(Labels, 3, destination);
            ClassWeights.EffectiveNumber<double>(Labels, 3, 0.99, destination);
            ClassWeights.PositiveWeights<double>(binary, 2, destination);
            ClassWeights.PositiveWeight(binary);
        }

        Run(); // first calls may allocate (type initialisation)
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Balanced_from_counts_matches_from_labels()
    {
        double[] fromCounts = new double[3];
        ClassWeights.BalancedFromCounts<double>([3, 1, 2], fromCounts);
        Assert.Equal(ClassWeights.Balanced<double>(Labels, 3), fromCounts);
    }

    [Fact]
    public void Balanced_with_many_classes_uses_the_pooled_buffer()
    {
        // 300 classes (> 256 counted on the stack); class c appears c + 1 times.
        int[] labels = Enumerable.Range(0, 300).SelectMany(c => Enumerable.Repeat(c, c + 1)).ToArray();
        double[] w = ClassWeights.Balanced<double>(labels, 300);
        double total = labels.Length;
        for (int c = 0; c < 300; c++)
        {
            Assert.Equal(total / (300.0 * (c + 1)), w[c], 14);
        }
    }

    // Reference: exact rational arithmetic (Python fractions) on the binary value of β, rounded once to double.
    // numpy's naive 1 - b**n is off by ~1e-13 relative at β = 0.9999 (cancellation); the expm1 form is not.
    [Theory]
    [InlineData(0.9, new[] { 0.5840762373193975, 1.5828466031355672, 0.8330771595450354 })]
    [InlineData(0.99, new[] { 0.5491877678497753, 1.6311425892906177, 0.8196696428596069 })]
    [InlineData(0.999, new[] { 0.5458265882940108, 1.6358428309437387, 0.8183305807622505 })]
    [InlineData(0.9999, new[] { 0.5454917369571896, 1.636311568805399, 0.8181966942374114 })]
    public void Effective_number_matches_exact_reference(double beta, double[] expected)
    {
        // w = (1 - b) / (1 - b^n), then w / sum(w) * classes, for counts 3, 1, 2.
        double[] w = ClassWeights.EffectiveNumber<double>(Labels, 3, beta);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(expected[c], w[c], expected[c] * 4e-15);
        }

        Assert.Equal(3.0, w.Sum(), 1e-14);
    }

    [Fact]
    public void Effective_number_of_very_unequal_counts_matches_exact_reference()
    {
        double[] w = new double[4];
        ClassWeights.EffectiveNumberFromCounts<double>([5000, 20, 700, 1], 0.9999, w);
        double[] expected = [0.0009665117616178738, 0.19033440999150866, 0.005625063316139544, 3.803074014930734];
        for (int c = 0; c < 4; c++)
        {
            Assert.Equal(expected[c], w[c], expected[c] * 4e-15);
        }
    }

    [Fact]
    public void Effective_number_beta_zero_is_all_ones_and_beta_near_one_approaches_inverse_frequency()
    {
        Assert.Equal([1.0, 1.0, 1.0], ClassWeights.EffectiveNumber<double>(Labels, 3, 0.0));

        // β → 1: (1 − β)/(1 − βⁿ) → 1/n, so w0/w1 → n1/n0 = 1/3.
        double[] w = ClassWeights.EffectiveNumber<double>(Labels, 3, 1 - 1e-12);
        Assert.Equal(1.0 / 3.0, w[0] / w[1], 1e-9);
        Assert.Equal(2.0 / 3.0, w[0] / w[2], 1e-9);
    }

    [Fact]
    public void Effective_number_float_is_double_rounded_once()
    {
        float[] f = new float[3];
        ClassWeights.EffectiveNumber<float>(Labels, 3, 0.99, f);
        double[] d = ClassWeights.EffectiveNumber<double>(Labels, 3, 0.99);
        Assert.Equal(d.Select(x => (float)x).ToArray(), f);
    }

    [Theory]
    // Reference: Python Decimal(x).exp() - 1 at 50 digits, rounded to double.
    [InlineData(1e-10, 1.00000000005e-10)]
    [InlineData(-1e-10, -9.999999999500001e-11)]
    [InlineData(1e-05, 1.0000050000166668e-05)]
    [InlineData(-0.0003, -0.0002999550044996625)]
    [InlineData(0.01, 0.010050167084168058)]
    [InlineData(-0.2, -0.18126924692201815)]
    [InlineData(0.49, 0.632316219955379)]
    public void ExpM1_is_accurate_for_small_arguments(double x, double expected)
    {
        Assert.Equal(expected, ClassWeights.ExpM1(x), Math.Abs(expected) * 1e-15);
    }

    [Fact]
    public void ExpM1_large_and_infinite_arguments()
    {
        Assert.Equal(Math.Exp(3) - 1, ClassWeights.ExpM1(3));
        Assert.Equal(-1.0, ClassWeights.ExpM1(double.NegativeInfinity));
    }

    [Fact]
    public void Positive_weight_is_negatives_over_positives()
    {
        Assert.Equal(3.0, ClassWeights.PositiveWeight([0, 1, 0, 0]));
        Assert.Equal(0.5, ClassWeights.PositiveWeight([1, 1, 0, 1, 1, 0]));
    }

    [Fact]
    public void Positive_weights_per_column_of_multi_label_targets()
    {
        // Rows: [1,0], [0,0], [1,1] → column 0: 1 negative / 2 positives, column 1: 2 / 1.
        Assert.Equal([0.5f, 2f], ClassWeights.PositiveWeights<float>([1, 0, 0, 0, 1, 1], 2));
    }

    [Fact]
    public void Count_labels()
    {
        Assert.Equal([3, 1, 2], ClassWeights.CountLabels(Labels, 3));
        Span<int> counts = [9, 9, 9, 9];
        ClassWeights.CountLabels(Labels, counts);
        Assert.Equal([3, 1, 2, 0], counts.ToArray());
    }

    [Fact]
    public void Empty_class_is_rejected_naming_labels_and_the_class()
    {
        var e = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced<double>([0, 0, 2], 3));
        Assert.Equal("labels", e.ParamName);
        Assert.Contains("Class 1", e.Message);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClassWeights.EffectiveNumber<double>([0, 0, 2], 3, 0.9)).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => ClassWeights.BalancedFromCounts<double>([4, 0], new double[2])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => ClassWeights.EffectiveNumberFromCounts<double>([4, -1], 0.9, new double[2])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => ClassWeights.BalancedFromCounts<double>([], new double[2])).ParamName);
    }

    [Fact]
    public void Negative_and_too_large_labels_are_rejected_with_their_index()
    {
        var negative = Assert.Throws<ArgumentException>(() => ClassWeights.Balanced<double>([0, 1, -1], 2));
        Assert.Equal("labels", negative.ParamName);
        Assert.Contains("labels[2] is -1", negative.Message);
        Assert.Contains("negative", negative.Message);

        var large = Assert.Throws<ArgumentException>(() => ClassWeights.EffectiveNumber<double>([0, 2, 1], 2, 0.5));
        Assert.Equal("labels", large.ParamName);
        Assert.Contains("labels[1] is 2", large.Message);
        Assert.Throws<ArgumentException>(() => ClassWeights.CountLabels([5], 5));
    }

    [Fact]
    public void Empty_labels_and_bad_class_count_are_rejected()
    {
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClassWeights.Balanced<double>([], 3)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClassWeights.EffectiveNumber<double>([], 3, 0.9)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeight([])).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.Balanced<double>([0], 0)).ParamName);
        Assert.Equal("classCount", Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.CountLabels([0], -1)).ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Beta_outside_zero_one_is_rejected(double beta)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.EffectiveNumber<double>(Labels, 3, beta));
        Assert.Equal("beta", e.ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.EffectiveNumberFromCounts<double>([1, 2], beta, new double[2])).ParamName);
    }

    [Fact]
    public void Short_destination_is_rejected()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ClassWeights.Balanced<double>(Labels, 3, new double[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ClassWeights.EffectiveNumber<double>(Labels, 3, 0.9, new double[2])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeights<double>([0, 1, 1, 0], 2, new double[1])).ParamName);
    }

    [Fact]
    public void Positive_weight_rejects_non_binary_and_one_sided_labels()
    {
        var nonBinary = Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeight([0, 2, 1]));
        Assert.Equal("labels", nonBinary.ParamName);
        Assert.Contains("Positive", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeight([0, 0]))
            .Message.Replace("positive", "Positive", StringComparison.Ordinal));
        Assert.Contains("no negative", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeight([1, 1])).Message);

        Assert.Contains("not a multiple", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeights<double>([0, 1, 1], 2)).Message);
        Assert.Contains("targets[1] is 3", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeights<double>([0, 3, 1, 0], 2)).Message);
        Assert.Contains("column 1", Assert.Throws<ArgumentException>(() => ClassWeights.PositiveWeights<double>([0, 1, 1, 1], 2)).Message);
        Assert.Equal("labelCount", Assert.Throws<ArgumentOutOfRangeException>(() => ClassWeights.PositiveWeights<double>([0, 1], 0)).ParamName);
    }
}
