using System.Runtime.ExceptionServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// A fixed pool of worker threads that runs the partitions of one call: <c>body(context, p)</c> for p in
/// [0, count), each partition exactly once, the calling thread taking part. Allocation-free in steady state: the body is
/// a function pointer, the context a pointer to the caller's stack, the results a pinned buffer kept between calls.
/// </summary>
/// <remarks>
/// <para>Which thread runs which partition is not fixed — so a body must write its result to its own slot
/// (<see cref="Results"/>[p]) and the caller combines the slots in partition order; that is what makes the parallel
/// sums deterministic.</para>
/// <para>Kernels are ref structs over spans, so workers reach them through pointers to the caller's stack. That is
/// GC-safe because the caller blocks in <see cref="Run"/> until every partition has finished: its frame, which owns
/// the kernel and reports the spans' references to the GC, stays alive, and a worker holds the references it loads
/// from it in its own (GC-reported) registers and stack slots.</para>
/// <para>One call at a time: a call that finds the pool busy (another thread's call, or a nested one) gets
/// <see langword="false"/> from <see cref="TryEnter"/> and runs single-threaded, with the same result.</para>
/// </remarks>
internal static unsafe class ParallelRunner
{
    private static readonly Lock Gate = new();
    private static readonly SemaphoreSlim Start = new(0);
    private static readonly ManualResetEventSlim Done = new(false);
    private static int s_threads;
    private static Vector512<byte>[] s_results = [];
    private static delegate*<void*, int, void> s_body;
    private static void* s_context;
    private static int s_count;
    private static int s_next;
    private static int s_pending;
    private static ExceptionDispatchInfo? s_error;
    private static int s_helperPartitions;

    /// <summary>Gets how many calls ran on the pool (tests check that the parallel path was taken).</summary>
    internal static long Runs { get; private set; }

    /// <summary>Gets how many partitions of the last call ran on a worker rather than the calling thread.</summary>
    internal static int LastHelperPartitions { get; private set; }

    /// <summary>Gets the 64-byte result slots of the current call (valid between <see cref="TryEnter"/> and <see cref="Exit"/>).</summary>
    public static Vector512<byte>* Results { get; private set; }

    /// <summary>Takes the pool for one call with <paramref name="count"/> result slots, unless it is busy.</summary>
    /// <param name="count">The number of partitions.</param>
    /// <returns><see langword="true"/> if the caller owns the pool and must call <see cref="Exit"/>.</returns>
    public static bool TryEnter(int count)
    {
        if (Gate.IsHeldByCurrentThread || !Gate.TryEnter())
        {
            return false;
        }

        if (s_results.Length < count)
        {
            s_results = GC.AllocateUninitializedArray<Vector512<byte>>(Math.Max(count, 2 * s_results.Length), pinned: true);
        }

        fixed (Vector512<byte>* results = s_results)
        {
            // The array lives on the pinned object heap: the address stays valid after the fixed block.
            Results = results;
        }

        return true;
    }

    /// <summary>Releases the pool.</summary>
    public static void Exit()
    {
        Results = null;
        Gate.Exit();
    }

    /// <summary>
    /// Runs <paramref name="body"/> for every partition on up to <paramref name="threads"/> threads (the caller's
    /// included) and returns when all have finished. Requires <see cref="TryEnter"/>.
    /// </summary>
    /// <param name="body">The partition body.</param>
    /// <param name="context">Its context.</param>
    /// <param name="count">The number of partitions.</param>
    /// <param name="threads">The degree of parallelism.</param>
    public static void Run(delegate*<void*, int, void> body, void* context, int count, int threads)
    {
        int helpers = Math.Min(threads, count) - 1;
        EnsureThreads(helpers);
        s_body = body;
        s_context = context;
        s_count = count;
        s_next = 0;
        s_error = null;
        s_pending = helpers + 1;
        s_helperPartitions = 0;
        Done.Reset();
        if (helpers > 0)
        {
            Start.Release(helpers);
        }

        Work(helper: false);
        Done.Wait();
        Runs++;
        LastHelperPartitions = s_helperPartitions;
        s_body = null;
        s_context = null;
        s_error?.Throw();
    }

    private static void Work(bool helper)
    {
        int done = 0;
        try
        {
            for (int p; (p = Interlocked.Increment(ref s_next) - 1) < s_count; done++)
            {
                s_body(s_context, p);
            }
        }
#pragma warning disable CA1031 // Any failure is handed to the caller, which rethrows it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.CompareExchange(ref s_error, ExceptionDispatchInfo.Capture(e), null);
            Volatile.Write(ref s_next, s_count);
        }

        if (helper)
        {
            Interlocked.Add(ref s_helperPartitions, done);
        }

        if (Interlocked.Decrement(ref s_pending) == 0)
        {
            Done.Set();
        }
    }

    private static void EnsureThreads(int count)
    {
        for (; s_threads < count; s_threads++)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "FastLoss worker " + s_threads };
            thread.Start();
        }
    }

    private static void Loop()
    {
        while (true)
        {
            Start.Wait();
            Work(helper: true);
        }
    }
}
