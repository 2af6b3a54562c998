namespace FastLoss;

/// <summary>
/// How a reduced loss, a gradient or a fused loss-and-gradient call may use threads. Immutable; share one instance.
/// </summary>
/// <remarks>
/// <para><b>The result never depends on these options.</b> Large inputs are split into partitions whose size depends
/// only on the element type (and, for row-wise losses, on the row length) — never on the number of threads — and whose
/// boundaries fall on the pairwise cascade's own subtrees; partial sums are combined in partition order, exactly as
/// the single-threaded cascade would combine them. Any <see cref="MaxDegreeOfParallelism"/> and any
/// <see cref="ParallelThreshold"/> therefore give the same bits as a single thread.</para>
/// <para>Threads come from a small pool that FastLoss starts on first use and keeps (background threads); a call
/// that finds the pool busy with another call runs on its own thread. Nothing is allocated per call.</para>
/// </remarks>
public sealed class LossOptions
{
    /// <summary>
    /// The default <see cref="ParallelThreshold"/>: 2^20 elements. Measured on two cores (float MSE, the cheapest
    /// kind of loss): 2^20 elements take 87 µs on one thread and 45 µs on two when the second core is free; at 2^19
    /// (the smallest float input with two partitions) the best case is still 47 → 25 µs, but with the cores busy
    /// the average got slower (105 → 134 µs), so the default keeps such inputs on the calling thread.
    /// </summary>
    public const int DefaultParallelThreshold = 1 << 20;

    /// <summary>The largest accepted <see cref="MaxDegreeOfParallelism"/>.</summary>
    public const int MaxThreads = 64;

    private static LossOptions s_default = new();

    [ThreadStatic]
    private static LossOptions? t_current;

    private readonly int _maxDegreeOfParallelism = -1;
    private readonly int _parallelThreshold = DefaultParallelThreshold;

    /// <summary>
    /// Gets or sets the options of every overload that does not take a <see cref="LossOptions"/> (initially
    /// parallel above <see cref="DefaultParallelThreshold"/> on every core). Set it to <see cref="SingleThreaded"/>
    /// to keep all computation on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public static LossOptions Default
    {
        get => Volatile.Read(ref s_default);
        set => Volatile.Write(ref s_default, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// Gets the options in effect on the calling thread: those of the innermost <see cref="Use"/> scope, otherwise
    /// <see cref="Default"/>. Every overload without a <see cref="LossOptions"/> parameter uses them.
    /// </summary>
    public static LossOptions Current => t_current ?? Default;

    /// <summary>Gets options that never use another thread.</summary>
    public static LossOptions SingleThreaded { get; } = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>
    /// Gets the largest number of threads (the calling thread included) one call may use: −1 (the default) for
    /// <see cref="Environment.ProcessorCount"/>, 1 for none but the caller's, at most <see cref="MaxThreads"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0, less than −1 or above <see cref="MaxThreads"/>.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        init
        {
            if (value is 0 or < -1 or > MaxThreads)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxDegreeOfParallelism must be -1 (every core) or between 1 and " + MaxThreads + ".");
            }

            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>
    /// Gets the number of input elements (for row-wise losses: logits) from which a call uses more than one thread;
    /// default <see cref="DefaultParallelThreshold"/>. 0 parallelises everything that spans at least two partitions.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int ParallelThreshold
    {
        get => _parallelThreshold;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _parallelThreshold = value;
        }
    }

    /// <summary>
    /// Makes <paramref name="options"/> the <see cref="Current"/> options of the calling thread until the returned scope
    /// is disposed (<c>using (LossOptions.Use(options)) { … }</c>); scopes nest. Allocation-free.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The scope, which restores the previous options when disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static Scope Use(LossOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LossOptions? previous = t_current;
        t_current = options;
        return new Scope(previous);
    }

    /// <summary>The number of threads a call over <paramref name="length"/> elements may use.</summary>
    /// <param name="length">The number of input elements.</param>
    /// <returns>1 below the threshold, otherwise the degree of parallelism.</returns>
    internal int ThreadsFor(long length)
        => length < _parallelThreshold ? 1 : _maxDegreeOfParallelism == -1 ? Math.Min(Environment.ProcessorCount, MaxThreads) : _maxDegreeOfParallelism;

    /// <summary>The lifetime of a <see cref="Use"/> call: disposing it restores the options that were current before.</summary>
    public readonly ref struct Scope
    {
        private readonly LossOptions? _previous;

        internal Scope(LossOptions? previous) => _previous = previous;

        /// <summary>Restores the options that were current before the scope began.</summary>
        public void Dispose() => t_current = _previous;
    }
}
