using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class TopKTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(150)]
    public void Largest_matches_a_full_sort(int k)
    {
        var random = new Random(k + 1);
        // Few distinct values, so ties are common and their index order is checked.
        double[] keys = Enumerable.Range(0, 100).Select(_ => (double)random.Next(20)).ToArray();
        int[] expected = Enumerable.Range(0, keys.Length).OrderByDescending(i => keys[i]).ThenBy(i => i).Take(k).ToArray();
        int[] actual = new int[k];
        int written = TopK.Largest<double>(keys, actual);
        Assert.Equal(Math.Min(k, 100), written);
        Assert.Equal(expected, actual.Take(written).ToArray());
    }

    [Fact]
    public void NaN_ranks_first_then_infinity()
    {
        float[] keys = [1f, float.NaN, float.PositiveInfinity, -0f, 0f, float.NaN, float.NegativeInfinity];
        int[] top = new int[7];
        TopK.Largest<float>(keys, top);
        Assert.Equal([1, 5, 2, 0, 3, 4, 6], top);
    }

    [Fact]
    public void Compare_is_a_total_order_with_nan_greatest()
    {
        Assert.Equal(1, TopK.Compare(double.NaN, double.PositiveInfinity));
        Assert.Equal(-1, TopK.Compare(double.MaxValue, double.NaN));
        Assert.Equal(0, TopK.Compare(double.NaN, double.NaN));
        Assert.Equal(0, TopK.Compare(-0.0, 0.0));
        Assert.Equal(-1, TopK.Compare(1.0, 2.0));
    }
}
