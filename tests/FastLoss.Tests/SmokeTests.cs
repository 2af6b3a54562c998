namespace FastLoss.Tests;

public class SmokeTests
{
    [Fact]
    public void Mse_of_spans_matches_hand_computation()
    {
        float[] x = [1, 2, 3, 4, 5];
        float[] t = [1, 1, 1, 1, 1];
        Assert.Equal((0 + 1 + 4 + 9 + 16) / 5f, Loss.Mse(x, t));
        Assert.Equal(30f, Loss.Mse(x, t, Reduction.Sum));
        var g = new float[5];
        float l = Loss.MseWithGradient(x, t, g, Reduction.Sum);
        Assert.Equal(30f, l);
        Assert.Equal(new float[] { 0, 2, 4, 6, 8 }, g);
    }
}
