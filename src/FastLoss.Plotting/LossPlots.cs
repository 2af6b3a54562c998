using System.Buffers;
using System.Numerics;
using ScottPlot;
using FastLoss.Training;
using SkiaSharp;

namespace FastLoss.Plotting;

/// <summary>
/// PNG charts of a training run, rendered headlessly with ScottPlot 5 (SkiaSharp): the loss curves, and the
/// distribution of per-sample losses.
/// </summary>
/// <remarks>
/// Rendering needs SkiaSharp's and HarfBuzzSharp's native libraries, which ScottPlot's NuGet dependencies supply for
/// Windows, macOS and Linux (glibc and musl; the Linux Skia build has no fontconfig dependency). Text uses a common
/// sans-serif system font when there is one (Segoe UI, Helvetica, Arial, Liberation Sans, DejaVu Sans, Noto Sans),
/// else Skia's default; a machine with no fonts at all draws charts without readable labels. Nothing else in FastLoss loads
/// ScottPlot or SkiaSharp: the native libraries are loaded on the first call here.
/// </remarks>
public static class LossPlots
{
    // A sans-serif family if the machine has a common one; otherwise ScottPlot's default (Skia's default typeface).
    private static readonly Lazy<string?> SansSerif = new(() =>
    {
        string[] families = SKFontManager.Default.GetFontFamilies();
        string[] candidates = ["Segoe UI", "Helvetica Neue", "Helvetica", "Arial", "Liberation Sans", "DejaVu Sans", "Noto Sans"];
        return candidates.FirstOrDefault(c => families.Contains(c, StringComparer.OrdinalIgnoreCase));
    });

    /// <summary>
    /// Saves the training loss of every step (a line) and the validation loss of every epoch (a line with markers,
    /// each at the step where its epoch ended) on one chart, x axis "Step", y axis "Loss", as a PNG file.
    /// Non-finite losses are left out.
    /// </summary>
    /// <param name="tracker">The recorded run; at least one loss.</param>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="width">The image width in pixels, at least 1.</param>
    /// <param name="height">The image height in pixels, at least 1.</param>
    /// <param name="title">The chart title.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tracker"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or the tracker has no finite loss.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="height"/> is less than 1.</exception>
    public static void SaveLossCurves(LossTracker tracker, string path, int width = 800, int height = 500, string title = "Loss")
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ValidateOutput(path, width, height);

        var (trainX, trainY) = Finite(tracker.TrainingLosses.Count, i => i, i => tracker.TrainingLosses[i]);
        var (validationX, validationY) = Finite(tracker.ValidationLosses.Count, i => tracker.ValidationLosses[i].Step, i => tracker.ValidationLosses[i].Loss);
        if (trainX.Length == 0 && validationX.Length == 0)
        {
            throw new ArgumentException("The tracker has no finite loss to plot.", nameof(tracker));
        }

        using var plot = new Plot();
        Style(plot, title, "Step", "Loss");
        if (trainX.Length > 0)
        {
            var train = plot.Add.Scatter(trainX, trainY, Colors.C0);
            train.LegendText = "Training (per step)";
            train.LineWidth = 1.5f;
            train.MarkerSize = trainX.Length == 1 ? 5 : 0;
        }

        if (validationX.Length > 0)
        {
            var validation = plot.Add.Scatter(validationX, validationY, Colors.C1);
            validation.LegendText = "Validation (per epoch)";
            validation.LineWidth = 2;
            validation.MarkerSize = 7;
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// Saves the distribution of per-sample losses as a PNG file: a density histogram (bar areas sum to 1) and a
    /// Gaussian kernel density estimate with Silverman's bandwidth
    /// (<see cref="KernelDensity.SilvermanBandwidth{T}(ReadOnlySpan{T})"/>), x axis "Per-sample loss", y axis
    /// "Density", with the mean and median marked. Non-finite losses are left out.
    /// </summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses (the <c>reduction='none'</c> output); at least one finite.</param>
    /// <param name="path">The PNG file to create or replace.</param>
    /// <param name="binCount">The number of histogram bins, at least 1.</param>
    /// <param name="width">The image width in pixels, at least 1.</param>
    /// <param name="height">The image height in pixels, at least 1.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="shownQuantile">
    /// The x axis ends at this quantile of the finite losses (default 0.99) so that a long right tail does not squeeze
    /// the bulk into one bar; the legend says how many losses lie beyond and the maximum. 1 shows everything.
    /// </param>
    /// <remarks>
    /// The density curve is evaluated on 512 points over the data's range by binned estimation (linear binning, then
    /// convolution; O(n + 512²)). It is not corrected at the boundary, so near a hard bound such as 0 it is lower
    /// than the histogram. It is left out when all finite losses are equal.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or no loss is finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size or <paramref name="binCount"/> is less than 1, or
    /// <paramref name="shownQuantile"/> is not in (0, 1].</exception>
    public static void SaveLossDistribution<T>(
        ReadOnlySpan<T> losses, string path, int binCount = 50, int width = 800, int height = 500, string title = "Per-sample loss distribution", double shownQuantile = 0.99)
        where T : IFloatingPointIeee754<T>
    {
        ValidateOutput(path, width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        if (!(shownQuantile > 0.0 && shownQuantile <= 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(shownQuantile), shownQuantile, "'shownQuantile' must be in (0, 1].");
        }

        double[] rented = ArrayPool<double>.Shared.Rent(Math.Max(1, losses.Length));
        try
        {
            int n = KernelDensity.CopyFinite(losses, rented);
            if (n == 0)
            {
                throw new ArgumentException("No loss is finite: there is nothing to plot.", nameof(losses));
            }

            Span<double> sorted = rented.AsSpan(0, n);
            sorted.Sort();

            // Loss distributions have long right tails: a few huge losses would squeeze everything else into one bar.
            // Show up to the shownQuantile quantile and say how many lie beyond.
            double shownMax = LossStatistics.QuantileOfSorted(sorted, shownQuantile);
            int hidden = shownMax < sorted[^1] ? n - UpperBound(sorted, shownMax) : 0;
            (double lower, double upper) = LossHistogram.AutomaticRange(sorted[0], hidden > 0 ? shownMax : sorted[^1]);
            LossHistogram histogram = LossHistogram.Create<double>(sorted, binCount, lower, upper);
            double shownFraction = (double)histogram.Total / n;
            double bandwidth = KernelDensity.SilvermanBandwidthOfSorted(sorted);
            double mean = LossStatistics.Sum<double>(sorted) / n;
            double median = LossStatistics.QuantileOfSorted(sorted, 0.5);

            using var plot = new Plot();
            Style(plot, title, "Per-sample loss", "Density");

            double[] centers = new double[histogram.BinCount];
            double[] densities = new double[histogram.BinCount];
            for (int i = 0; i < centers.Length; i++)
            {
                centers[i] = (histogram.Edge(i) + histogram.Edge(i + 1)) / 2;
                densities[i] = histogram.Density(i) * shownFraction;  // a density of all n values, like the curve
            }

            var bars = plot.Add.Bars(centers, densities);
            bars.LegendText = hidden == 0
                ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Histogram ({histogram.BinCount} bins, n = {n})")
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Histogram ({histogram.BinCount} bins, n = {n}; {hidden} above {upper:G3} not shown, max {sorted[^1]:G3})");
            foreach (Bar bar in bars.Bars)
            {
                bar.Size = histogram.BinWidth;
                bar.FillColor = Colors.C0.WithAlpha(0.45);
                bar.LineColor = Colors.C0.WithAlpha(0.8);
                bar.LineWidth = 0.5f;
            }

            if (bandwidth > 0)
            {
                // Over the shown range only (plus four bandwidths, beyond which a sample's kernel is negligible), scaled
                // by the share of the samples used, so that the curve is a density of all n values like the bars.
                const int GridPoints = 512;
                double end = Math.Min(sorted[^1], upper + (4 * bandwidth));
                int used = UpperBound(sorted, end);
                double[] xs = new double[GridPoints];
                double[] ys = new double[GridPoints];
                KernelDensity.GaussianBinned(sorted[..used], bandwidth, sorted[0], end, ys);
                double delta = (end - sorted[0]) / (GridPoints - 1);
                int shown = 0;
                for (int i = 0; i < GridPoints && sorted[0] + (i * delta) <= upper * (1 + 1e-12); i++, shown++)
                {
                    xs[i] = sorted[0] + (i * delta);
                    ys[i] *= (double)used / n;
                }

                var curve = plot.Add.ScatterLine(xs[..shown], ys[..shown], Colors.C1);
                curve.LineWidth = 2.5f;
                curve.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Gaussian KDE (Silverman h = {bandwidth:G3})");
            }

            var meanLine = plot.Add.VerticalLine(mean, 1.5f, Colors.C3);
            meanLine.LinePattern = LinePattern.Dashed;
            meanLine.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Mean {mean:G4}{(mean > upper ? " (beyond the axis)" : string.Empty)}");
            var medianLine = plot.Add.VerticalLine(median, 1.5f, Colors.C2);
            medianLine.LinePattern = LinePattern.Dotted;
            medianLine.LegendText = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Median {median:G4}");

            plot.Axes.Margins(bottom: 0);
            if (hidden > 0)
            {
                // The mean of a long tail can lie far beyond the shown range: keep the axis on the histogram.
                plot.Axes.AutoScale();
                plot.Axes.SetLimitsX(lower - (0.02 * (upper - lower)), upper + (0.02 * (upper - lower)));
            }

            plot.ShowLegend(Alignment.UpperRight);
            plot.SavePng(path, width, height);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The index of the first element of <paramref name="sorted"/> greater than <paramref name="value"/>.</summary>
    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Style(Plot plot, string title, string xLabel, string yLabel)
    {
        if (SansSerif.Value is string family)
        {
            plot.Font.Set(family);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
    }

    private static (double[] X, double[] Y) Finite(int count, Func<int, double> x, Func<int, double> y)
    {
        var xs = new List<double>(count);
        var ys = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            double value = y(i);
            if (double.IsFinite(value))
            {
                xs.Add(x(i));
                ys.Add(value);
            }
        }

        return (xs.ToArray(), ys.ToArray());
    }

    private static void ValidateOutput(string path, int width, int height)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
    }
}
