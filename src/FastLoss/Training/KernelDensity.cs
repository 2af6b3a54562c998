using System.Buffers;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Training;

/// <summary>
/// Gaussian kernel density estimation for loss distributions: <c>f(x) = (1 / (n h)) Σ φ((x − xᵢ) / h)</c>, with
/// φ the standard normal density, over the finite samples (NaN and infinities are left out).
/// </summary>
public static class KernelDensity
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>
    /// Silverman's rule of thumb (1986, eq. 3.31): <c>h = 0.9 · min(σ, IQR / 1.34) · n^(−1/5)</c>, with σ the sample
    /// standard deviation (divisor n − 1) and IQR the interquartile range (linear quantiles). When the IQR is 0 it
    /// uses σ alone.
    /// </summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="samples">The samples; non-finite ones are ignored.</param>
    /// <returns>The bandwidth; 0 when there are fewer than 2 finite samples or they are all equal.</returns>
    /// <remarks>This is not scipy's <c>gaussian_kde(bw_method='silverman')</c>, which is <c>(3n/4)^(−1/5)·σ ≈ 1.06σn^(−1/5)</c> with no IQR term.</remarks>
    public static double SilvermanBandwidth<T>(ReadOnlySpan<T> samples)
        where T : IFloatingPointIeee754<T>
    {
        double[] rented = ArrayPool<double>.Shared.Rent(Math.Max(samples.Length, 1));
        try
        {
            int n = CopyFinite(samples, rented);
            Span<double> finite = rented.AsSpan(0, n);
            finite.Sort();
            return SilvermanBandwidthOfSorted(finite);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Evaluates the Gaussian kernel density estimate at each point, exactly (O(samples · points)).</summary>
    /// <typeparam name="T">The sample type.</typeparam>
    /// <param name="samples">The samples; non-finite ones are ignored.</param>
    /// <param name="bandwidth">The kernel's standard deviation h; finite and positive.</param>
    /// <param name="points">Where to evaluate the density.</param>
    /// <param name="density">Receives one density per point; at least as long as <paramref name="points"/>. All 0 without finite samples.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bandwidth"/> is not finite and positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="density"/> is too short.</exception>
    public static void Gaussian<T>(ReadOnlySpan<T> samples, double bandwidth, ReadOnlySpan<double> points, Span<double> density)
        where T : IFloatingPointIeee754<T>
    {
        ThrowHelper.ValidateHyperparameter(double.IsFinite(bandwidth) && bandwidth > 0, bandwidth, nameof(bandwidth), "finite and greater than 0");
        ThrowHelper.ValidateDestination(points.Length, density, nameof(density));
        density = density[..points.Length];
        ThrowHelper.ValidateNoOverlap(points, density, nameof(density), nameof(points));
        ThrowHelper.ValidateNoOverlap(samples, density, nameof(density), nameof(samples));
        density.Clear();
        int n = 0;
        foreach (T sample in samples)
        {
            double s = double.CreateTruncating(sample);
            if (!double.IsFinite(s))
            {
                continue;
            }

            n++;
            for (int j = 0; j < points.Length; j++)
            {
                double z = (points[j] - s) / bandwidth;
                density[j] += Math.Exp(-0.5 * z * z);
            }
        }

        if (n > 0)
        {
            double scale = InverseSqrtTwoPi / (n * bandwidth);
            for (int j = 0; j < density.Length; j++)
            {
                density[j] *= scale;
            }
        }
    }

    /// <summary>
    /// The Gaussian KDE of sorted finite samples on an equally spaced grid over [lower, upper], by linear binning onto
    /// the grid then direct convolution (Wand 1994): O(n + grid²) instead of O(n · grid). The binning error is
    /// O(δ²) for grid spacing δ.
    /// </summary>
    internal static void GaussianBinned(ReadOnlySpan<double> finiteSamples, double bandwidth, double lower, double upper, Span<double> density)
    {
        int g = density.Length;
        density.Clear();
        if (finiteSamples.IsEmpty || g < 2)
        {
            return;
        }

        double delta = (upper - lower) / (g - 1);
        double[] weights = ArrayPool<double>.Shared.Rent(g);
        try
        {
            Span<double> grid = weights.AsSpan(0, g);
            grid.Clear();

            // Linear binning: each sample splits unit weight between its two neighbouring grid points. Samples outside
            // the grid (possible when the grid is narrower than the data) go to the nearest end.
            foreach (double s in finiteSamples)
            {
                double position = (s - lower) / delta;
                if (position <= 0)
                {
                    grid[0] += 1;
                }
                else if (position >= g - 1)
                {
                    grid[g - 1] += 1;
                }
                else
                {
                    int left = (int)position;
                    double fraction = position - left;
                    grid[left] += 1 - fraction;
                    grid[left + 1] += fraction;
                }
            }

            // The kernel is negligible beyond 8 bandwidths (φ(8) ≈ 5e−15).
            int reach = (int)Math.Min(g - 1, Math.Ceiling(8 * bandwidth / delta));
            for (int j = 0; j < g; j++)
            {
                double sum = 0;
                int from = Math.Max(0, j - reach);
                int to = Math.Min(g - 1, j + reach);
                for (int k = from; k <= to; k++)
                {
                    if (grid[k] != 0)
                    {
                        double z = (j - k) * delta / bandwidth;
                        sum += grid[k] * Math.Exp(-0.5 * z * z);
                    }
                }

                density[j] = sum * InverseSqrtTwoPi / (finiteSamples.Length * bandwidth);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(weights);
        }
    }

    /// <summary>Silverman's bandwidth of sorted finite samples.</summary>
    internal static double SilvermanBandwidthOfSorted(ReadOnlySpan<double> sorted)
    {
        int n = sorted.Length;
        if (n < 2)
        {
            return 0.0;
        }

        double mean = LossStatistics.Sum(sorted) / n;
        double sumSquares = 0;
        foreach (double x in sorted)
        {
            double d = x - mean;
            sumSquares += d * d;
        }

        double sigma = Math.Sqrt(sumSquares / (n - 1));
        double iqr = LossStatistics.QuantileOfSorted(sorted, 0.75) - LossStatistics.QuantileOfSorted(sorted, 0.25);
        double spread = iqr > 0 ? Math.Min(sigma, iqr / 1.34) : sigma;
        return 0.9 * spread * Math.Pow(n, -0.2);
    }

    internal static int CopyFinite<T>(ReadOnlySpan<T> samples, Span<double> destination)
        where T : IFloatingPointIeee754<T>
    {
        int n = 0;
        foreach (T sample in samples)
        {
            double s = double.CreateTruncating(sample);
            if (double.IsFinite(s))
            {
                destination[n++] = s;
            }
        }

        return n;
    }
}
