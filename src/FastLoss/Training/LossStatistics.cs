using System.Buffers;
using System.Globalization;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Training;

/// <summary>
/// Statistics of per-element (per-sample) losses: the span a loss's <c>destination</c> overload already wrote
/// (PyTorch's <c>reduction='none'</c>), so no extra pass over the data set is needed to get it.
/// </summary>
/// <remarks>
/// Everything is computed in double precision. A NaN loss makes the mean and every quantile NaN, as in numpy;
/// histograms count only finite values; <see cref="Hardest{T}(ReadOnlySpan{T}, Span{int})"/> ranks NaN first.
/// </remarks>
public static class LossStatistics
{
    /// <summary>The arithmetic mean, summed with Neumaier's compensation. NaN for an empty span.</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses.</param>
    /// <returns>The mean, or NaN if <paramref name="losses"/> is empty.</returns>
    public static double Mean<T>(ReadOnlySpan<T> losses)
        where T : IFloatingPointIeee754<T>
        => losses.IsEmpty ? double.NaN : Sum(losses) / losses.Length;

    /// <summary>The <paramref name="probability"/>-quantile with linear interpolation (numpy's default method).</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; not empty.</param>
    /// <param name="probability">In [0, 1]: 0 is the minimum, 0.5 the median, 1 the maximum.</param>
    /// <returns>The quantile; NaN if any loss is NaN.</returns>
    /// <exception cref="ArgumentException"><paramref name="losses"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is not in [0, 1].</exception>
    public static double Quantile<T>(ReadOnlySpan<T> losses, double probability)
        where T : IFloatingPointIeee754<T>
    {
        ThrowHelper.ValidateHyperparameter(probability >= 0.0 && probability <= 1.0, probability, nameof(probability), "in [0, 1]");
        Span<double> result = stackalloc double[1];
        Quantiles(losses, [probability], result);
        return result[0];
    }

    /// <summary>
    /// Several quantiles with linear interpolation (numpy's default <c>method='linear'</c>): for probability q and n
    /// sorted values x, h = (n − 1)q and the result is <c>x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋])</c>.
    /// </summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; not empty. Not modified: a pooled copy is sorted.</param>
    /// <param name="probabilities">Probabilities in [0, 1], in any order.</param>
    /// <param name="destination">Receives one quantile per probability; at least as long as <paramref name="probabilities"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="losses"/> is empty, or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A probability is not in [0, 1] (NaN included).</exception>
    public static void Quantiles<T>(ReadOnlySpan<T> losses, ReadOnlySpan<double> probabilities, Span<double> destination)
        where T : IFloatingPointIeee754<T>
    {
        ValidateNotEmpty(losses.Length, nameof(losses));
        ValidateProbabilities(probabilities);
        ThrowHelper.ValidateDestination(probabilities.Length, destination, nameof(destination));
        destination = destination[..probabilities.Length];
        ThrowHelper.ValidateNoOverlap(probabilities, destination, nameof(destination), nameof(probabilities));
        ThrowHelper.ValidateNoOverlap(losses, destination, nameof(destination), nameof(losses));
        double[] sorted = ArrayPool<double>.Shared.Rent(losses.Length);
        try
        {
            Span<double> values = sorted.AsSpan(0, losses.Length);
            CopyToDouble(losses, values);
            values.Sort();
            for (int i = 0; i < probabilities.Length; i++)
            {
                destination[i] = QuantileOfSorted(values, probabilities[i]);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sorted);
        }
    }

    /// <summary>
    /// Counts the finite losses in [<paramref name="lower"/>, <paramref name="upper"/>] into
    /// <c>counts.Length</c> equal-width bins, as numpy's <c>histogram(losses, bins, range=(lower, upper))</c>: each
    /// bin is half-open [a, b) except the last, which includes <paramref name="upper"/>; values outside the range are
    /// not counted.
    /// </summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses.</param>
    /// <param name="lower">The lower edge of the first bin; finite.</param>
    /// <param name="upper">The upper edge of the last bin; finite and greater than <paramref name="lower"/>.</param>
    /// <param name="counts">Receives the count of each bin (cleared first); at least one bin.</param>
    /// <returns>The number of losses counted.</returns>
    /// <exception cref="ArgumentException"><paramref name="counts"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range is not finite or not increasing.</exception>
    public static long Histogram<T>(ReadOnlySpan<T> losses, double lower, double upper, Span<long> counts)
        where T : IFloatingPointIeee754<T>
    {
        if (counts.IsEmpty)
        {
            throw new ArgumentException("'counts' is empty: a histogram needs at least one bin.", nameof(counts));
        }

        if (!double.IsFinite(lower))
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, "'lower' must be finite.");
        }

        if (!(double.IsFinite(upper) && upper > lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, "'upper' must be finite and greater than 'lower'.");
        }

        counts.Clear();
        int bins = counts.Length;
        double norm = bins / (upper - lower);
        long counted = 0;
        foreach (T loss in losses)
        {
            double x = double.CreateTruncating(loss);
            if (!(x >= lower && x <= upper))
            {
                continue;
            }

            // numpy's index computation, then its one-ulp corrections against the edges themselves.
            int index = (int)((x - lower) * norm);
            if (index >= bins)
            {
                index = bins - 1;
            }

            if (x < Edge(lower, upper, bins, index))
            {
                index--;
            }
            else if (index != bins - 1 && x >= Edge(lower, upper, bins, index + 1))
            {
                index++;
            }

            counts[index]++;
            counted++;
        }

        return counted;
    }

    /// <summary>
    /// Edge <paramref name="i"/> of <paramref name="bins"/> equal-width bins over [lower, upper], as numpy's
    /// <c>linspace</c>: <c>lower + i · ((upper − lower) / bins)</c>, with the last edge exactly <paramref name="upper"/>.
    /// </summary>
    /// <param name="lower">The lower edge of the first bin.</param>
    /// <param name="upper">The upper edge of the last bin.</param>
    /// <param name="bins">The number of bins.</param>
    /// <param name="i">The edge index, 0 to <paramref name="bins"/>.</param>
    /// <returns>The edge.</returns>
    public static double Edge(double lower, double upper, int bins, int i)
        => i == bins ? upper : (i * ((upper - lower) / bins)) + lower;

    /// <summary>
    /// The mean loss of each class, and its sample count. A class with no samples has mean NaN and count 0.
    /// </summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses.</param>
    /// <param name="labels">The class of each loss, in [0, <c>means.Length</c>); as long as <paramref name="losses"/>.</param>
    /// <param name="means">Receives one mean per class; its length is the class count (at least 1).</param>
    /// <param name="counts">Receives one count per class; as long as <paramref name="means"/>.</param>
    /// <exception cref="ArgumentException">
    /// The lengths differ, <paramref name="means"/> is empty, or a label is out of range.
    /// </exception>
    public static void PerClassMean<T>(ReadOnlySpan<T> losses, ReadOnlySpan<int> labels, Span<double> means, Span<int> counts)
        where T : IFloatingPointIeee754<T>
    {
        ThrowHelper.ValidateOperandLength(losses.Length, labels.Length, nameof(labels));
        if (means.IsEmpty)
        {
            throw new ArgumentException("'means' is empty: its length is the class count, at least 1.", nameof(means));
        }

        if (counts.Length != means.Length)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "'counts' has {0} elements but 'means' has {1}: both have one element per class.", counts.Length, means.Length),
                nameof(counts));
        }

        int classCount = means.Length;
        ThrowHelper.ValidateNoOverlap(losses, means, nameof(means), nameof(losses));
        ThrowHelper.ValidateNoOverlap(labels, counts, nameof(counts), nameof(labels));
        ThrowHelper.ValidateNoOverlap<double, int>(means, counts, nameof(counts), nameof(means));
        Labels.ValidateRange(labels, classCount);
        means.Clear();
        counts.Clear();
        for (int i = 0; i < losses.Length; i++)
        {
            int label = labels[i];
            means[label] += double.CreateTruncating(losses[i]);
            counts[label]++;
        }

        for (int c = 0; c < classCount; c++)
        {
            means[c] = counts[c] == 0 ? double.NaN : means[c] / counts[c];
        }
    }

    /// <summary>
    /// The indices of the <c>k = indices.Length</c> largest losses (the hardest samples), largest first, in
    /// O(n log k) time without allocating. NaN ranks above every number; equal losses are ordered by index.
    /// </summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses.</param>
    /// <param name="indices">Receives the indices; its length is k.</param>
    /// <returns>The number of indices written, <c>min(k, losses.Length)</c>.</returns>
    public static int Hardest<T>(ReadOnlySpan<T> losses, Span<int> indices)
        where T : IFloatingPointIeee754<T>
        => TopK.Largest(losses, indices);

    /// <summary>Neumaier-compensated sum in double.</summary>
    internal static double Sum<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        double sum = 0;
        double compensation = 0;
        foreach (T value in values)
        {
            double x = double.CreateTruncating(value);
            double t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        // Infinite terms make the compensation NaN; the plain sum is then the answer.
        return double.IsFinite(sum) ? sum + compensation : sum;
    }

    /// <summary>numpy's linear quantile of sorted values, including its two-sided <c>_lerp</c>.</summary>
    internal static double QuantileOfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        // double.Sort puts NaN first: one NaN poisons every quantile, as in numpy.
        if (double.IsNaN(sorted[0]))
        {
            return double.NaN;
        }

        double h = (sorted.Length - 1) * probability;
        int below = (int)Math.Floor(h);
        int above = Math.Min(below + 1, sorted.Length - 1);
        double gamma = h - below;
        double a = sorted[below];
        double b = sorted[above];
        double difference = b - a;
        return gamma >= 0.5 ? b - (difference * (1 - gamma)) : a + (difference * gamma);
    }

    internal static void CopyToDouble<T>(ReadOnlySpan<T> source, Span<double> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = double.CreateTruncating(source[i]);
        }
    }

    internal static void ValidateProbabilities(ReadOnlySpan<double> probabilities, string parameterName = "probabilities")
    {
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (!(p >= 0.0 && p <= 1.0))
            {
                throw new ArgumentOutOfRangeException(
                    parameterName,
                    p,
                    string.Format(CultureInfo.InvariantCulture, "{0}[{1}] must be in [0, 1].", parameterName, i));
            }
        }
    }

    internal static void ValidateNotEmpty(int length, string parameterName)
    {
        if (length == 0)
        {
            throw new ArgumentException("'" + parameterName + "' is empty: the statistic needs at least one loss.", parameterName);
        }
    }
}
