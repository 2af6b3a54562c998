using System.Buffers;
using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss.Training;

/// <summary>
/// Draws sample indices with probability proportional to per-sample weights, like PyTorch's
/// <c>torch.utils.data.WeightedRandomSampler(weights, num_samples, replacement, generator)</c>: each epoch
/// (<see cref="Sample()"/>, or one enumeration) yields <see cref="SampleCount"/> indices in [0, <see cref="WeightCount"/>).
/// </summary>
/// <remarks>
/// <para>
/// With replacement, draws use Walker's alias method in Vose's form: O(n) setup, then O(1) per draw (one uniform
/// column and one uniform coin). Without replacement, each epoch gives every index with a non-zero weight the key
/// <c>E_i / w_i</c>, with <c>E_i</c> a standard exponential, and returns the <see cref="SampleCount"/> smallest keys in
/// increasing order (the exponential-sort form of Efraimidis–Spirakis, as <c>torch.multinomial</c> without
/// replacement does): the sequence has the law of drawing one index at a time, proportionally to the weights of
/// those not yet drawn. That costs O(n log k) per epoch for k = <see cref="SampleCount"/>.
/// </para>
/// <para>
/// A zero weight is allowed and its index is never drawn. The random stream is xoshiro256** seeded by SplitMix64:
/// the same weights, options and seed give the same indices on every platform and .NET version (not the same
/// numbers as PyTorch, whose generator differs). An instance is not thread-safe; use one per thread.
/// After construction, <see cref="Sample(Span{int})"/> and <see cref="Next"/> allocate nothing.
/// </para>
/// </remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after PyTorch's WeightedRandomSampler; enumerating it draws an epoch.")]
public sealed class WeightedRandomSampler : IReadOnlyCollection<int>
{
    private readonly int _weightCount;
    private readonly int _sampleCount;
    private readonly bool _replacement;

    // Indices with a non-zero weight, and their weights relative to the largest one.
    private readonly int[] _support;
    private readonly double[] _relativeWeights;

    // With replacement: the alias table over the support.
    private readonly double[]? _probability;
    private readonly int[]? _alias;

    // Without replacement: one key per support element, reused every epoch.
    private readonly double[]? _keys;

    private Xoshiro256StarStar _random;

    /// <summary>Creates a sampler over double weights.</summary>
    /// <param name="weights">One weight per sample index; finite and non-negative, not all zero. Need not sum to 1.</param>
    /// <param name="sampleCount">The number of indices per epoch (PyTorch's <c>num_samples</c>), at least 1.</param>
    /// <param name="seed">The seed of the random stream.</param>
    /// <param name="replacement">Whether an index may be drawn more than once per epoch (PyTorch's default: true).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="weights"/> is empty, has a negative, NaN or infinite weight, or is all zero; or, without
    /// replacement, <paramref name="sampleCount"/> exceeds the number of non-zero weights.
    /// </exception>
    public WeightedRandomSampler(ReadOnlySpan<double> weights, int sampleCount, long seed, bool replacement = true)
        : this(Prepare(weights, sampleCount, replacement), weights.Length, sampleCount, seed, replacement)
    {
    }

    /// <summary>Creates a sampler over float weights (PyTorch's default dtype).</summary>
    /// <param name="weights">One weight per sample index; finite and non-negative, not all zero.</param>
    /// <param name="sampleCount">The number of indices per epoch, at least 1.</param>
    /// <param name="seed">The seed of the random stream.</param>
    /// <param name="replacement">Whether an index may be drawn more than once per epoch.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="weights"/> is empty, has a negative, NaN or infinite weight, or is all zero; or, without
    /// replacement, <paramref name="sampleCount"/> exceeds the number of non-zero weights.
    /// </exception>
    public WeightedRandomSampler(ReadOnlySpan<float> weights, int sampleCount, long seed, bool replacement = true)
        : this(Prepare(weights, sampleCount, replacement), weights.Length, sampleCount, seed, replacement)
    {
    }

    private WeightedRandomSampler((int[] Support, double[] Relative) prepared, int weightCount, int sampleCount, long seed, bool replacement)
    {
        _weightCount = weightCount;
        _sampleCount = sampleCount;
        _replacement = replacement;
        _support = prepared.Support;
        _relativeWeights = prepared.Relative;
        _random = new Xoshiro256StarStar(seed);
        if (replacement)
        {
            (_probability, _alias) = BuildAliasTable(_relativeWeights);
        }
        else
        {
            _keys = new double[_support.Length];
        }
    }

    /// <summary>The number of weights, i.e. the exclusive upper bound of the drawn indices.</summary>
    public int WeightCount => _weightCount;

    /// <summary>The number of indices drawn per epoch (PyTorch's <c>num_samples</c>).</summary>
    public int SampleCount => _sampleCount;

    /// <summary>The number of indices per epoch, <see cref="SampleCount"/> (PyTorch's <c>len(sampler)</c>).</summary>
    public int Count => _sampleCount;

    /// <summary>Whether an index may be drawn more than once per epoch.</summary>
    public bool Replacement => _replacement;

    /// <summary>The number of indices that can be drawn: those with a non-zero weight.</summary>
    public int SupportCount => _support.Length;

    /// <summary>Draws one epoch of <see cref="SampleCount"/> indices.</summary>
    /// <returns>A new array of <see cref="SampleCount"/> indices.</returns>
    public int[] Sample()
    {
        int[] indices = new int[_sampleCount];
        Sample(indices);
        return indices;
    }

    /// <summary>Draws one epoch of <see cref="SampleCount"/> indices into <paramref name="destination"/>, without allocating.</summary>
    /// <param name="destination">Receives the indices in draw order; at least <see cref="SampleCount"/> long.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void Sample(Span<int> destination)
    {
        ThrowHelper.ValidateDestination(_sampleCount, destination, nameof(destination));
        destination = destination[.._sampleCount];
        if (_replacement)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = DrawWithReplacement();
            }

            return;
        }

        // Exponential sort: key_i = E_i / w_i, smallest first. TopK ranks largest first, so rank −key_i.
        double[] keys = _keys!;
        for (int i = 0; i < keys.Length; i++)
        {
            double exponential = -Math.Log(_random.NextDoubleNonZero());
            keys[i] = -(exponential / _relativeWeights[i]);
        }

        TopK.Largest<double>(keys, destination);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _support[destination[i]];
        }
    }

    /// <summary>Draws one index with replacement in O(1).</summary>
    /// <returns>An index in [0, <see cref="WeightCount"/>) with probability proportional to its weight.</returns>
    /// <exception cref="InvalidOperationException">The sampler draws without replacement (draws depend on the epoch).</exception>
    public int Next()
    {
        if (!_replacement)
        {
            throw new InvalidOperationException("Next() draws with replacement; this sampler draws without replacement: use Sample() for an epoch of distinct indices.");
        }

        return DrawWithReplacement();
    }

    /// <summary>Draws one epoch (as <see cref="Sample()"/>) and enumerates it, as PyTorch's <c>iter(sampler)</c>.</summary>
    /// <returns>An enumerator over a new epoch of indices.</returns>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Sample()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Per-sample weights that give every class the same total weight, <c>w_i = 1 / n_(label_i)</c>: a sampler over
    /// them draws each class equally often in expectation, oversampling minority classes.
    /// </summary>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1. Classes with no samples get no weight and are never drawn.</param>
    /// <returns>One weight per label; the weights of each class present sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="labels"/> is empty or a label is out of range.</exception>
    public static double[] BalancedSampleWeights(ReadOnlySpan<int> labels, int classCount)
    {
        Labels.ValidateClassCount(classCount);
        double[] weights = new double[labels.Length];
        BalancedSampleWeights(labels, classCount, weights.AsSpan());
        return weights;
    }

    /// <summary>Writes per-sample weights <c>1 / n_(label_i)</c> (each class present totals 1), without allocating.</summary>
    /// <typeparam name="T">The weight type.</typeparam>
    /// <param name="labels">Class labels in [0, <paramref name="classCount"/>); not empty.</param>
    /// <param name="classCount">The number of classes, at least 1.</param>
    /// <param name="destination">Receives one weight per label; at least <c>labels.Length</c> long.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, a label is out of range, or <paramref name="destination"/> is too short.
    /// </exception>
    public static void BalancedSampleWeights<T>(ReadOnlySpan<int> labels, int classCount, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Labels.ValidateClassCount(classCount);
        Labels.ValidateNotEmpty(labels);
        ThrowHelper.ValidateDestination(labels.Length, destination, nameof(destination));
        int[]? rented = null;
        Span<int> counts = classCount <= Labels.StackCountLimit
            ? stackalloc int[Labels.StackCountLimit]
            : (rented = ArrayPool<int>.Shared.Rent(classCount));
        try
        {
            counts = counts[..classCount];
            Labels.Count(labels, counts);
            for (int i = 0; i < labels.Length; i++)
            {
                destination[i] = T.CreateTruncating(1.0 / counts[labels[i]]);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private int DrawWithReplacement()
    {
        int column = (int)_random.NextUInt32((uint)_probability!.Length);
        double coin = _random.NextDouble();
        return _support[coin < _probability[column] ? column : _alias![column]];
    }

    private static (int[] Support, double[] Relative) Prepare<T>(ReadOnlySpan<T> weights, int sampleCount, bool replacement)
        where T : IFloatingPointIeee754<T>
    {
        if (sampleCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "'sampleCount' must be at least 1.");
        }

        if (weights.IsEmpty)
        {
            throw new ArgumentException("'weights' is empty: there is nothing to sample.", nameof(weights));
        }

        T max = T.Zero;
        int nonZero = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            T w = weights[i];
            if (!T.IsFinite(w) || w < T.Zero)
            {
                throw new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "weights[{0}] is {1}: weights must be finite and non-negative.", i, w),
                    nameof(weights));
            }

            if (w > T.Zero)
            {
                nonZero++;
                max = T.Max(max, w);
            }
        }

        if (nonZero == 0)
        {
            throw new ArgumentException("Every weight is 0: at least one weight must be positive.", nameof(weights));
        }

        if (!replacement && sampleCount > nonZero)
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, "Without replacement, sampleCount ({0}) cannot exceed the number of non-zero weights ({1}).", sampleCount, nonZero),
                nameof(sampleCount));
        }

        // Relative to the largest weight, so sums cannot overflow however large the weights are.
        int[] support = new int[nonZero];
        double[] relative = new double[nonZero];
        double maxDouble = double.CreateTruncating(max);
        for (int i = 0, j = 0; i < weights.Length; i++)
        {
            if (weights[i] > T.Zero)
            {
                support[j] = i;
                relative[j] = double.CreateTruncating(weights[i]) / maxDouble;
                j++;
            }
        }

        return (support, relative);
    }

    /// <summary>Vose's alias table: column i keeps itself with probability[i], else yields alias[i].</summary>
    internal static (double[] Probability, int[] Alias) BuildAliasTable(ReadOnlySpan<double> weights)
    {
        int n = weights.Length;
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w;
        }

        double[] scaled = new double[n];
        double[] probability = new double[n];
        int[] alias = new int[n];

        // One work array: the "small" stack grows from the front, the "large" stack from the back.
        int[] work = new int[n];
        int small = 0;
        int large = n;
        for (int i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / sum;
            alias[i] = i;
            if (scaled[i] < 1.0)
            {
                work[small++] = i;
            }
            else
            {
                work[--large] = i;
            }
        }

        while (small > 0 && large < n)
        {
            int less = work[--small];
            int more = work[large++];
            probability[less] = scaled[less];
            alias[less] = more;

            // Vose's update, (more + less) − 1, loses less precision than more − (1 − less).
            scaled[more] = (scaled[more] + scaled[less]) - 1.0;
            if (scaled[more] < 1.0)
            {
                work[small++] = more;
            }
            else
            {
                work[--large] = more;
            }
        }

        // What is left is 1 up to rounding.
        while (large < n)
        {
            probability[work[large++]] = 1.0;
        }

        while (small > 0)
        {
            probability[work[--small]] = 1.0;
        }

        return (probability, alias);
    }
}
