using System.Numerics;

namespace FastLoss.Training;

/// <summary>
/// An equal-width histogram of losses, with numpy's <c>histogram</c> conventions: bins are [a, b) except the last,
/// which is [a, b]; the automatic range is the minimum and maximum finite loss, widened by ±0.5 when they are equal
/// and [0, 1] when there is no finite loss.
/// </summary>
public sealed class LossHistogram
{
    private readonly long[] _counts;

    private LossHistogram(double lower, double upper, long[] counts, long total)
    {
        Lower = lower;
        Upper = upper;
        _counts = counts;
        Total = total;
    }

    /// <summary>The lower edge of the first bin.</summary>
    public double Lower { get; }

    /// <summary>The upper edge of the last bin.</summary>
    public double Upper { get; }

    /// <summary>The number of bins.</summary>
    public int BinCount => _counts.Length;

    /// <summary>The width of each bin.</summary>
    public double BinWidth => (Upper - Lower) / _counts.Length;

    /// <summary>The count of each bin.</summary>
    public IReadOnlyList<long> Counts => _counts;

    /// <summary>The number of losses counted (the finite ones inside the range).</summary>
    public long Total { get; }

    /// <summary>Edge <paramref name="index"/> (0 to <see cref="BinCount"/>), computed as numpy's <c>linspace</c>.</summary>
    /// <param name="index">The edge index.</param>
    /// <returns>The edge.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not in [0, <see cref="BinCount"/>].</exception>
    public double Edge(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, BinCount);
        return LossStatistics.Edge(Lower, Upper, BinCount, index);
    }

    /// <summary>
    /// The probability density of bin <paramref name="bin"/>: its count / (total · bin width), numpy's
    /// <c>density=True</c>, so the bars' areas sum to 1. 0 when nothing was counted.
    /// </summary>
    /// <param name="bin">The bin index.</param>
    /// <returns>The density.</returns>
    public double Density(int bin) => Total == 0 ? 0.0 : _counts[bin] / (Total * BinWidth);

    /// <summary>Builds a histogram over the range of the finite losses, as numpy's <c>histogram(losses, binCount)</c>.</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; NaN and infinities are not counted.</param>
    /// <param name="binCount">The number of bins, at least 1.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 1.</exception>
    public static LossHistogram Create<T>(ReadOnlySpan<T> losses, int binCount)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (T loss in losses)
        {
            double x = double.CreateTruncating(loss);
            if (double.IsFinite(x))
            {
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }

        (double lower, double upper) = AutomaticRange(min, max);
        return Create(losses, binCount, lower, upper);
    }

    /// <summary>Builds a histogram over a given range, as numpy's <c>histogram(losses, binCount, range=(lower, upper))</c>.</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; values outside the range, NaN and infinities are not counted.</param>
    /// <param name="binCount">The number of bins, at least 1.</param>
    /// <param name="lower">The lower edge; finite.</param>
    /// <param name="upper">The upper edge; finite and greater than <paramref name="lower"/>.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binCount"/> is less than 1, or the range is invalid.</exception>
    public static LossHistogram Create<T>(ReadOnlySpan<T> losses, int binCount, double lower, double upper)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        long[] counts = new long[binCount];
        long total = LossStatistics.Histogram(losses, lower, upper, counts);
        return new LossHistogram(lower, upper, counts, total);
    }

    /// <summary>numpy's automatic range from the finite minimum and maximum.</summary>
    internal static (double Lower, double Upper) AutomaticRange(double min, double max)
    {
        if (min > max)
        {
            return (0.0, 1.0);
        }

        return min == max ? (min - 0.5, max + 0.5) : (min, max);
    }
}
