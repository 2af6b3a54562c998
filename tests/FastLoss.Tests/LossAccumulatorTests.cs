using System.Numerics;

namespace FastLoss.Tests;

/// <summary>
/// <see cref="LossAccumulator{T}"/> against an independent exact reference (BigInteger sums of the scaled values,
/// rounded to nearest even by hand), and merge == one shot for any split and order.
/// </summary>
public sealed class LossAccumulatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Double_sum_is_the_correctly_rounded_exact_sum(int seed)
    {
        double[] values = MixedDoubles(new Random(seed), 5000);
        var accumulator = new LossAccumulator<double>();
        accumulator.Add(values);

        Assert.Equal(ExactDouble(values), accumulator.Sum);
        Assert.Equal(5000, accumulator.Count);
        Assert.Equal(5000.0, accumulator.WeightTotal);
        Assert.Equal(ExactDouble(values) / 5000, accumulator.Mean);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Float_sum_is_the_correctly_rounded_exact_sum(int seed)
    {
        float[] values = MixedFloats(new Random(seed), 5000);
        var accumulator = new LossAccumulator<float>();
        accumulator.Add(values);

        Assert.Equal(ExactFloat(values), accumulator.Sum);
    }

    [Fact]
    public void A_million_tenths_sum_exactly()
    {
        // TensorPrimitives.Sum is off by ~6e-4 relative here; the exact sum of 2^20 copies of 0.1f, rounded once.
        float[] values = Enumerable.Repeat(0.1f, 1 << 20).ToArray();
        var accumulator = new LossAccumulator<float>();
        accumulator.Add(values);

        Assert.Equal(ExactFloat(values), accumulator.Sum);
        Assert.Equal((float)((double)0.1f * (1 << 20)), accumulator.Sum);
    }

    [Fact]
    public void Cancellation_keeps_the_small_terms()
    {
        var accumulator = new LossAccumulator<float>();
        accumulator.Add([1e30f, 1f, -1e30f, 2f]);
        Assert.Equal(3f, accumulator.Sum);

        var doubles = new LossAccumulator<double>();
        doubles.Add([double.MaxValue, double.Epsilon, -double.MaxValue]);
        Assert.Equal(double.Epsilon, doubles.Sum);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void Merging_shards_in_any_order_equals_one_shot(int seed)
    {
        var random = new Random(seed);
        float[] values = MixedFloats(random, 20_000);
        float[] weights = values.Select(_ => (float)random.NextDouble() * 3).ToArray();

        var oneShot = new LossAccumulator<float>();
        oneShot.Add(values, weights);

        var shards = new List<LossAccumulator<float>>();
        for (int start = 0; start < values.Length;)
        {
            int length = Math.Min(values.Length - start, random.Next(0, 3000));
            var shard = new LossAccumulator<float>();
            shard.Add(values.AsSpan(start, length), weights.AsSpan(start, length));
            shards.Add(shard);
            start += length;
        }

        var merged = new LossAccumulator<float>();
        foreach (LossAccumulator<float> shard in shards.OrderBy(_ => random.Next()))
        {
            merged.Merge(LossAccumulator<float>.FromBytes(shard.ToBytes()));
        }

        Assert.Equal(oneShot.Count, merged.Count);
        Assert.Equal(BitConverter.SingleToUInt32Bits(oneShot.Sum), BitConverter.SingleToUInt32Bits(merged.Sum));
        Assert.Equal(BitConverter.SingleToUInt32Bits(oneShot.WeightTotal), BitConverter.SingleToUInt32Bits(merged.WeightTotal));
        Assert.Equal(BitConverter.SingleToUInt32Bits(oneShot.Mean), BitConverter.SingleToUInt32Bits(merged.Mean));
    }

    [Fact]
    public void Weighted_mean_is_torchs_sum_of_products_over_sum_of_weights()
    {
        double[] losses = [0.5, 2, 4, 1e-3];
        double[] weights = [1, 0.25, 3, 10];
        var accumulator = new LossAccumulator<double>();
        accumulator.Add(losses, weights);

        double[] products = losses.Zip(weights, (l, w) => w * l).ToArray();
        Assert.Equal(ExactDouble(products), accumulator.Sum);
        Assert.Equal(ExactDouble(weights), accumulator.WeightTotal);
        Assert.Equal(ExactDouble(products) / ExactDouble(weights), accumulator.Mean);
    }

    [Fact]
    public void Single_adds_equal_a_span_add()
    {
        double[] values = MixedDoubles(new Random(5), 300);
        var spans = new LossAccumulator<double>();
        spans.Add(values);
        var singles = new LossAccumulator<double>();
        foreach (double v in values)
        {
            singles.Add(v);
        }

        Assert.Equal(spans.Sum, singles.Sum);
        Assert.Equal(spans.Count, singles.Count);
        Assert.Equal(spans.WeightTotal, singles.WeightTotal);
    }

    [Fact]
    public void Empty_mean_is_nan_and_sum_zero()
    {
        var accumulator = new LossAccumulator<float>();
        Assert.Equal(0f, accumulator.Sum);
        Assert.True(float.IsNaN(accumulator.Mean));

        accumulator.Add([1f, 2f]);
        accumulator.Clear();
        Assert.Equal(0, accumulator.Count);
        Assert.True(float.IsNaN(accumulator.Mean));
    }

    [Theory]
    [InlineData(new[] { 1.0, double.NaN }, double.NaN)]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, double.PositiveInfinity)]
    [InlineData(new[] { double.NegativeInfinity, 1.0 }, double.NegativeInfinity)]
    [InlineData(new[] { double.PositiveInfinity, double.NegativeInfinity }, double.NaN)]
    [InlineData(new[] { double.MaxValue, double.MaxValue }, double.PositiveInfinity)]
    [InlineData(new[] { -double.MaxValue, -double.MaxValue, 1.0 }, double.NegativeInfinity)]
    public void Non_finite_values_follow_ieee_summation(double[] values, double expected)
    {
        var accumulator = new LossAccumulator<double>();
        accumulator.Add(values);
        Assert.Equal(expected, accumulator.Sum);
    }

    [Fact]
    public void Subnormal_sums_are_exact()
    {
        var accumulator = new LossAccumulator<float>();
        accumulator.Add([float.Epsilon, float.Epsilon, float.Epsilon]);
        Assert.Equal(3 * float.Epsilon, accumulator.Sum);
    }

    [Fact]
    public void Ties_round_to_even()
    {
        // 1 + 2^-24 is halfway between 1 and the next float: ties to even gives 1; a further 2^-60 breaks the tie upwards.
        var accumulator = new LossAccumulator<float>();
        accumulator.Add([1f, MathF.ScaleB(1, -24)]);
        Assert.Equal(1f, accumulator.Sum);
        accumulator.Add(MathF.ScaleB(1, -60));
        Assert.Equal(BitConverter.UInt32BitsToSingle(0x3F800001), accumulator.Sum);

        // The same with the tie-breaker 2^-140, far below the 64 bits kept beside the sticky bit.
        var far = new LossAccumulator<float>();
        far.Add([1f, MathF.ScaleB(1, -24), MathF.ScaleB(1, -140)]);
        Assert.Equal(BitConverter.UInt32BitsToSingle(0x3F800001), far.Sum);
        var farDouble = new LossAccumulator<double>();
        farDouble.Add([1.0, Math.ScaleB(1, -53), Math.ScaleB(1, -1000)]);
        Assert.Equal(BitConverter.UInt64BitsToDouble(0x3FF0000000000001), farDouble.Sum);
    }

    [Fact]
    public void Corrupt_or_foreign_bytes_are_rejected()
    {
        var accumulator = new LossAccumulator<float>();
        accumulator.Add([1f, 2f]);
        byte[] bytes = accumulator.ToBytes();

        Assert.Throws<ArgumentException>("data", () => LossAccumulator<double>.FromBytes(bytes));
        Assert.Throws<ArgumentException>("data", () => LossAccumulator<float>.FromBytes(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<ArgumentException>("data", () => LossAccumulator<float>.FromBytes(new byte[20]));
        Assert.Equal(3f, LossAccumulator<float>.FromBytes(bytes).Sum);
    }

    [Fact]
    public void Mismatched_weights_are_rejected()
    {
        var accumulator = new LossAccumulator<double>();
        Assert.Throws<ArgumentException>("weights", () => accumulator.Add([1.0, 2.0], [1.0]));
        Assert.Equal(0, accumulator.Count);
    }

    [Fact]
    public void Other_element_types_are_not_supported()
        => Assert.Throws<NotSupportedException>(() => new LossAccumulator<Half>());

    [Fact]
    public void Adding_a_span_does_not_allocate()
    {
        float[] values = MixedFloats(new Random(1), 4096);
        var accumulator = new LossAccumulator<float>();
        accumulator.Add(values);
        long before = GC.GetAllocatedBytesForCurrentThread();
        accumulator.Add(values);
        accumulator.Add(values, values);
        _ = accumulator.Sum;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double[] MixedDoubles(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(random.NextDouble(), random.Next(-1100, 1000))).ToArray();

    private static float[] MixedFloats(Random random, int count)
        => Enumerable.Range(0, count).Select(_ => (random.Next(2) == 0 ? -1 : 1) * MathF.ScaleB((float)random.NextDouble(), random.Next(-160, 120))).ToArray();

    private static double ExactDouble(IEnumerable<double> values)
        => (double)RoundScaled(values.Aggregate(BigInteger.Zero, (s, v) => s + Scaled(v, 1074)), 53, 1074);

    private static float ExactFloat(IEnumerable<float> values)
        => (float)RoundScaled(values.Aggregate(BigInteger.Zero, (s, v) => s + Scaled(v, 149)), 24, 149);

    /// <summary>v·2^shift as an integer (exact for every finite value of the type whose least ulp is 2^-shift).</summary>
    private static BigInteger Scaled(double v, int shift)
    {
        if (v == 0)
        {
            return BigInteger.Zero;
        }

        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(v));
        int exponent = (int)(bits >> 52);
        long significand = (bits & 0xFFFFFFFFFFFFFL) | (exponent != 0 ? 1L << 52 : 0);
        int power = Math.Max(exponent, 1) - 1075 + shift;
        BigInteger magnitude = power >= 0 ? (BigInteger)significand << power : (BigInteger)significand >> -power;
        return v < 0 ? -magnitude : magnitude;
    }

    /// <summary>Rounds sum·2^-shift to <paramref name="precision"/> bits, to nearest even, by hand.</summary>
    private static double RoundScaled(BigInteger sum, int precision, int shift)
    {
        if (sum.IsZero)
        {
            return 0;
        }

        int sign = sum.Sign;
        BigInteger magnitude = BigInteger.Abs(sum);
        int length = (int)magnitude.GetBitLength();
        if (length <= precision)
        {
            return sign * Math.ScaleB((double)magnitude, -shift);
        }

        int drop = length - precision;
        BigInteger kept = magnitude >> drop;
        BigInteger remainder = magnitude - (kept << drop);
        BigInteger half = BigInteger.One << (drop - 1);
        if (remainder > half || (remainder == half && !kept.IsEven))
        {
            kept += 1;
        }

        return sign * Math.ScaleB((double)kept, drop - shift);
    }
}
