using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class Xoshiro256StarStarTests
{
    [Fact]
    public void SplitMix64_of_zero_is_the_published_first_output()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Theory]
    // Reference: an independent Python transcription of Vigna's C code (splitmix64 seeding, then xoshiro256**).
    [InlineData(0L, 0x99ec5f36cb75f2b4UL, 0xbf6e1f784956452aUL, 0x1a5f849d4933e6e0UL, 0x6aa594f1262d2d2cUL)]
    [InlineData(42L, 0x15780b2e0c2ec716UL, 0x6104d9866d113a7eUL, 0xae17533239e499a1UL, 0xecb8ad4703b360a1UL)]
    [InlineData(-1L, 0x8f5520d52a7ead08UL, 0xc476a018caa1802dUL, 0x81de31c0d260469eUL, 0xbf658d7e065f3c2fUL)]
    public void Stream_matches_the_reference(long seed, ulong a, ulong b, ulong c, ulong d)
    {
        var random = new Xoshiro256StarStar(seed);
        Assert.Equal([a, b, c, d], new[] { random.NextUInt64(), random.NextUInt64(), random.NextUInt64(), random.NextUInt64() });
    }

    [Fact]
    public void Doubles_are_in_their_intervals()
    {
        var random = new Xoshiro256StarStar(7);
        for (int i = 0; i < 10_000; i++)
        {
            double u = random.NextDouble();
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
            double v = random.NextDoubleNonZero();
            Assert.InRange(v, Math.Pow(2, -53), 1.0);
        }
    }

    [Fact]
    public void Bounded_integers_are_in_range_and_uniform()
    {
        // 7 cells, 70 000 draws: chi-square with 6 degrees of freedom; 0.999 quantile 22.458.
        var random = new Xoshiro256StarStar(123);
        long[] counts = new long[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[random.NextUInt32(7)]++;
        }

        double chi2 = counts.Sum(o => (o - 10_000.0) * (o - 10_000.0) / 10_000.0);
        Assert.True(chi2 < 22.458, $"chi-square {chi2}");
        Assert.Equal(0u, random.NextUInt32(1));
        uint big = random.NextUInt32(uint.MaxValue);
        Assert.True(big < uint.MaxValue);
    }
}
