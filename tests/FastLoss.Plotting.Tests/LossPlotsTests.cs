using System.Buffers.Binary;
using FastLoss.Plotting;
using FastLoss.Training;
using SkiaSharp;
using Xunit.Abstractions;

namespace FastLoss.Plotting.Tests;

/// <summary>
/// Renders the charts headlessly and checks the files: PNG signature, IHDR dimensions, and that the series were drawn
/// (pixels of the series colours exist). The PNGs are kept in the test output folder, TrainingPlots/, to look at.
/// </summary>
public class LossPlotsTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // ScottPlot's category-10 palette: C0 blue #1f77b4 (training, histogram), C1 orange #ff7f0e (validation, KDE).
    private static readonly SKColor Blue = new(0x1f, 0x77, 0xb4);
    private static readonly SKColor Orange = new(0xff, 0x7f, 0x0e);

    private static string OutputDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TrainingPlots")).FullName;

    /// <summary>Six epochs of 100 steps: noisy exponential decay; validation a little above the training trend.</summary>
    internal static LossTracker SampleRun()
    {
        var random = new Random(1234);
        var tracker = new LossTracker();
        for (int epoch = 0; epoch < 6; epoch++)
        {
            for (int i = 0; i < 100; i++)
            {
                int step = tracker.StepCount;
                double trend = (2.0 * Math.Exp(-step / 150.0)) + 0.3;
                tracker.AddTrainingLoss(trend * (1 + (0.15 * (random.NextDouble() - 0.5))));
            }

            tracker.AddValidationLoss(epoch, (2.0 * Math.Exp(-tracker.StepCount / 150.0)) + 0.4);
        }

        return tracker;
    }

    /// <summary>5 000 per-sample losses: 90% easy (exponential, mean 0.3), 10% hard (around 2).</summary>
    internal static float[] SampleLosses()
    {
        var random = new Random(99);
        return Enumerable.Range(0, 5000).Select(i =>
        {
            if (i % 10 != 0)
            {
                return (float)(-0.3 * Math.Log(1 - random.NextDouble()));
            }

            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            return (float)Math.Abs(2.0 + (0.4 * normal));
        }).ToArray();
    }

    [Fact]
    public void Loss_curves_png_is_valid_and_shows_both_series()
    {
        string path = Path.Combine(OutputDirectory, "loss-curves.png");
        LossPlots.SaveLossCurves(SampleRun(), path, 900, 520);
        output.WriteLine(path);

        AssertPng(path, 900, 520);
        using SKBitmap bitmap = SKBitmap.Decode(path);
        Assert.True(CountNear(bitmap, Blue) > 500, "training line (blue) not drawn");
        Assert.True(CountNear(bitmap, Orange) > 100, "validation line (orange) not drawn");
    }

    [Fact]
    public void Loss_distribution_png_is_valid_and_shows_histogram_and_density()
    {
        string path = Path.Combine(OutputDirectory, "loss-distribution.png");
        LossPlots.SaveLossDistribution<float>(SampleLosses(), path, binCount: 60, width: 900, height: 520);
        output.WriteLine(path);

        AssertPng(path, 900, 520);
        using SKBitmap bitmap = SKBitmap.Decode(path);
        // Bars are C0 at 45% opacity on white: (0.45·31 + 0.55·255, …) ≈ (154, 194, 221).
        Assert.True(CountNear(bitmap, new SKColor(154, 194, 221)) > 5000, "histogram bars not drawn");
        Assert.True(CountNear(bitmap, Orange) > 300, "density curve (orange) not drawn");
    }

    [Fact]
    public void A_long_tail_does_not_squeeze_the_histogram_into_one_bar()
    {
        // 99.5 % of the losses in [0, 2], a few at 1000: showing everything leaves one visible bar.
        var random = new Random(7);
        double[] losses = Enumerable.Range(0, 4000).Select(i => i % 200 == 0 ? 1000.0 : 2 * random.NextDouble() * random.NextDouble()).ToArray();
        string clipped = Path.Combine(OutputDirectory, "loss-distribution-tail.png");
        string everything = Path.Combine(OutputDirectory, "loss-distribution-tail-all.png");
        LossPlots.SaveLossDistribution<double>(losses, clipped, width: 640, height: 400);
        LossPlots.SaveLossDistribution<double>(losses, everything, width: 640, height: 400, shownQuantile: 1.0);
        AssertPng(clipped, 640, 400);
        AssertPng(everything, 640, 400);

        var barColor = new SKColor(154, 194, 221);
        using SKBitmap withTail = SKBitmap.Decode(everything);
        using SKBitmap withoutTail = SKBitmap.Decode(clipped);
        int barsWithTail = CountNear(withTail, barColor), barsWithoutTail = CountNear(withoutTail, barColor);
        output.WriteLine($"bar pixels: everything {barsWithTail}, up to the 0.99 quantile {barsWithoutTail}");
        Assert.True(barsWithoutTail > 3 * barsWithTail, $"clipping the tail should spread the bars: {barsWithoutTail} vs {barsWithTail} pixels");
        Assert.Equal("shownQuantile", Assert.Throws<ArgumentOutOfRangeException>(() => LossPlots.SaveLossDistribution<double>(losses, clipped, shownQuantile: 0)).ParamName);
        Assert.Equal("shownQuantile", Assert.Throws<ArgumentOutOfRangeException>(() => LossPlots.SaveLossDistribution<double>(losses, clipped, shownQuantile: double.NaN)).ParamName);
    }

    [Fact]
    public void Degenerate_inputs_still_render_or_are_rejected()
    {
        string same = Path.Combine(OutputDirectory, "loss-distribution-constant.png");
        LossPlots.SaveLossDistribution<double>([1.0, 1.0, 1.0, double.NaN], same, width: 320, height: 240);
        AssertPng(same, 320, 240);

        var single = new LossTracker();
        single.AddTrainingLoss(double.NaN);
        single.AddTrainingLoss(0.5);
        string one = Path.Combine(OutputDirectory, "loss-curves-single.png");
        LossPlots.SaveLossCurves(single, one, 320, 240);
        AssertPng(one, 320, 240);

        Assert.Equal("tracker", Assert.Throws<ArgumentException>(() => LossPlots.SaveLossCurves(new LossTracker(), one)).ParamName);
        Assert.Throws<ArgumentNullException>(() => LossPlots.SaveLossCurves(null!, one));
        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => LossPlots.SaveLossDistribution<double>([double.NaN], one)).ParamName);
        Assert.Throws<ArgumentException>(() => LossPlots.SaveLossDistribution<double>([1.0], ""));
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => LossPlots.SaveLossCurves(single, one, 0, 10)).ParamName);
        Assert.Equal("binCount", Assert.Throws<ArgumentOutOfRangeException>(() => LossPlots.SaveLossDistribution<double>([1.0], one, binCount: 0)).ParamName);
    }

    private static void AssertPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, "PNG too short");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    private static int CountNear(SKBitmap bitmap, SKColor color, int tolerance = 24)
    {
        int count = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                SKColor p = bitmap.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) <= tolerance && Math.Abs(p.Green - color.Green) <= tolerance && Math.Abs(p.Blue - color.Blue) <= tolerance)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
