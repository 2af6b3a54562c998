using System.Buffers;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Training;

/// <summary>
/// A summary of one set of per-sample losses (e.g. a validation epoch's <c>reduction='none'</c> output): count,
/// mean, standard deviation, extremes, quantiles, histogram, per-class mean loss and the hardest samples. Built from
/// the per-element loss span the caller already has; keeps no reference to it.
/// </summary>
/// <remarks>
/// <para>
/// Cost: one pooled double copy of the losses, sorted (O(n log n)), for the moments, quantiles and histogram; one
/// pass for per-class means; one O(n log k) pass for the k hardest samples.
/// </para>
/// <para>
/// NaN: a NaN loss makes <see cref="Mean"/>, <see cref="StandardDeviation"/>, <see cref="Min"/>, <see cref="Max"/>
/// and every quantile NaN (as numpy), its class's mean NaN, and ranks first among the hardest samples;
/// <see cref="NaNCount"/> says how many there are. The histogram counts finite losses only.
/// </para>
/// </remarks>
public sealed partial class LossDistribution
{
    /// <summary>The probabilities of the quantiles reported by default: 0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.</summary>
    public static IReadOnlyList<double> DefaultProbabilities { get; } = [0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0];

    private readonly QuantileValue[] _quantiles;
    private readonly ClassLoss[] _classes;
    private readonly HardSample[] _hardest;

    private LossDistribution(
        int count, int nanCount, int nonFiniteCount, double mean, double standardDeviation, double min, double max,
        QuantileValue[] quantiles, LossHistogram histogram, ClassLoss[] classes, HardSample[] hardest)
    {
        Count = count;
        NaNCount = nanCount;
        NonFiniteCount = nonFiniteCount;
        Mean = mean;
        StandardDeviation = standardDeviation;
        Min = min;
        Max = max;
        _quantiles = quantiles;
        Histogram = histogram;
        _classes = classes;
        _hardest = hardest;
    }

    /// <summary>The number of losses.</summary>
    public int Count { get; }

    /// <summary>The number of NaN losses.</summary>
    public int NaNCount { get; }

    /// <summary>The number of NaN or infinite losses.</summary>
    public int NonFiniteCount { get; }

    /// <summary>The mean loss (Neumaier-compensated sum in double).</summary>
    public double Mean { get; }

    /// <summary>The population standard deviation (divisor n, numpy's default <c>ddof=0</c>).</summary>
    public double StandardDeviation { get; }

    /// <summary>The smallest loss.</summary>
    public double Min { get; }

    /// <summary>The largest loss.</summary>
    public double Max { get; }

    /// <summary>The quantiles, linear interpolation (numpy's default), in the order the probabilities were given.</summary>
    public IReadOnlyList<QuantileValue> Quantiles => _quantiles;

    /// <summary>The histogram of the finite losses over their range.</summary>
    public LossHistogram Histogram { get; }

    /// <summary>Per-class sample count and mean loss, one per class; empty when no labels were given.</summary>
    public IReadOnlyList<ClassLoss> Classes => _classes;

    /// <summary>The hardest samples (largest losses), largest first; NaN first of all; ties by lower index.</summary>
    public IReadOnlyList<HardSample> Hardest => _hardest;

    /// <summary>Summarises per-sample losses.</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; not empty.</param>
    /// <param name="binCount">The number of histogram bins, at least 1.</param>
    /// <param name="hardestCount">How many of the hardest samples to keep, at least 0.</param>
    /// <param name="probabilities">The quantiles' probabilities, each in [0, 1]; null for <see cref="DefaultProbabilities"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException"><paramref name="losses"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or probability is out of range.</exception>
    public static LossDistribution Create<T>(ReadOnlySpan<T> losses, int binCount = 50, int hardestCount = 10, IReadOnlyList<double>? probabilities = null)
        where T : IFloatingPointIeee754<T>
        => Create(losses, ReadOnlySpan<int>.Empty, 0, binCount, hardestCount, probabilities);

    /// <summary>Summarises per-sample losses with their class labels, adding per-class mean losses.</summary>
    /// <typeparam name="T">The loss type.</typeparam>
    /// <param name="losses">Per-element losses; not empty.</param>
    /// <param name="labels">The class of each loss, in [0, <paramref name="classCount"/>); as long as <paramref name="losses"/>.</param>
    /// <param name="classCount">The number of classes, at least 1 (0 only with empty labels: no per-class means).</param>
    /// <param name="binCount">The number of histogram bins, at least 1.</param>
    /// <param name="hardestCount">How many of the hardest samples to keep, at least 0.</param>
    /// <param name="probabilities">The quantiles' probabilities, each in [0, 1]; null for <see cref="DefaultProbabilities"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="losses"/> is empty, <paramref name="labels"/> has another length, or a label is out of range.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or probability is out of range.</exception>
    public static LossDistribution Create<T>(
        ReadOnlySpan<T> losses, ReadOnlySpan<int> labels, int classCount, int binCount = 50, int hardestCount = 10, IReadOnlyList<double>? probabilities = null)
        where T : IFloatingPointIeee754<T>
    {
        LossStatistics.ValidateNotEmpty(losses.Length, nameof(losses));
        ArgumentOutOfRangeException.ThrowIfLessThan(binCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(hardestCount);
        bool hasLabels = !(labels.IsEmpty && classCount == 0);
        if (hasLabels)
        {
            Labels.ValidateClassCount(classCount);
            ThrowHelper.ValidateOperandLength(losses.Length, labels.Length, nameof(labels));
        }

        probabilities ??= DefaultProbabilities;
        double[] probabilityArray = [.. probabilities];
        LossStatistics.ValidateProbabilities(probabilityArray, nameof(probabilities));

        int n = losses.Length;
        double[] rented = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Span<double> sorted = rented.AsSpan(0, n);
            LossStatistics.CopyToDouble(losses, sorted);
            sorted.Sort();

            // Sorted: NaN first, then −∞ … +∞.
            int nanCount = 0;
            while (nanCount < n && double.IsNaN(sorted[nanCount]))
            {
                nanCount++;
            }

            int firstFinite = nanCount;
            while (firstFinite < n && double.IsNegativeInfinity(sorted[firstFinite]))
            {
                firstFinite++;
            }

            int endFinite = n;
            while (endFinite > firstFinite && double.IsPositiveInfinity(sorted[endFinite - 1]))
            {
                endFinite--;
            }

            double mean = LossStatistics.Sum<double>(sorted) / n;
            double standardDeviation = StandardDeviationAbout(sorted, mean);
            bool hasNaN = nanCount > 0;

            var quantiles = new QuantileValue[probabilityArray.Length];
            for (int i = 0; i < quantiles.Length; i++)
            {
                quantiles[i] = new QuantileValue(probabilityArray[i], LossStatistics.QuantileOfSorted(sorted, probabilityArray[i]));
            }

            ReadOnlySpan<double> finite = sorted[firstFinite..endFinite];
            (double lower, double upper) = finite.IsEmpty
                ? LossHistogram.AutomaticRange(double.PositiveInfinity, double.NegativeInfinity)
                : LossHistogram.AutomaticRange(finite[0], finite[^1]);
            LossHistogram histogram = LossHistogram.Create(finite, binCount, lower, upper);

            ClassLoss[] classes = [];
            if (hasLabels)
            {
                double[] means = new double[classCount];
                int[] counts = new int[classCount];
                LossStatistics.PerClassMean(losses, labels, means, counts);
                classes = new ClassLoss[classCount];
                for (int c = 0; c < classCount; c++)
                {
                    classes[c] = new ClassLoss(c, counts[c], means[c]);
                }
            }

            int[] hardestIndices = new int[Math.Min(hardestCount, n)];
            TopK.Largest(losses, hardestIndices);
            var hardest = new HardSample[hardestIndices.Length];
            for (int i = 0; i < hardest.Length; i++)
            {
                int index = hardestIndices[i];
                hardest[i] = new HardSample(index, double.CreateTruncating(losses[index]), hasLabels ? labels[index] : null);
            }

            return new LossDistribution(
                n, nanCount, n - (endFinite - firstFinite), mean, standardDeviation,
                hasNaN ? double.NaN : sorted[0], hasNaN ? double.NaN : sorted[^1],
                quantiles, histogram, classes, hardest);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static double StandardDeviationAbout(ReadOnlySpan<double> values, double mean)
    {
        if (!double.IsFinite(mean))
        {
            return double.NaN;
        }

        double sum = 0;
        foreach (double x in values)
        {
            double d = x - mean;
            sum += d * d;
        }

        return Math.Sqrt(sum / values.Length);
    }
}

/// <summary>One quantile of a loss distribution.</summary>
/// <param name="Probability">The probability, in [0, 1].</param>
/// <param name="Value">The loss at that quantile.</param>
public readonly record struct QuantileValue(double Probability, double Value);

/// <summary>The sample count and mean loss of one class.</summary>
/// <param name="Class">The class label.</param>
/// <param name="Count">The number of samples with that label.</param>
/// <param name="MeanLoss">Their mean loss; NaN when <paramref name="Count"/> is 0.</param>
public readonly record struct ClassLoss(int Class, int Count, double MeanLoss);

/// <summary>One of the hardest samples: a large per-sample loss and where it is.</summary>
/// <param name="Index">The sample's index in the loss span.</param>
/// <param name="Loss">Its loss.</param>
/// <param name="Label">Its class label, when labels were given.</param>
public readonly record struct HardSample(int Index, double Loss, int? Label);
