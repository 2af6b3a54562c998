using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;

namespace FastLoss.Bench;

/// <summary>
/// The thread-count contract's price and gain at 10^7 floats (README, "Threads"), and the layout's price where the
/// data sits in L2 (65,536) and L3 (2^20) rather than DRAM: FastLoss on one and two threads
/// (same bits), against the fastest loop that gives up reproducibility — Vector512 with eight plain accumulators
/// (its result depends on the vector width) and that loop split over two threads whose sums are added in completion
/// order (its result also depends on the thread count and timing). Mse is memory-bound; BCE-with-logits fused
/// (loss + gradient) is compute-bound and shows what the second core can give.
/// Run: <c>--filter *ParallelReduction*</c> (V512 job only).
/// </summary>
[MemoryDiagnoser]
public class ParallelReduction
{
    private static readonly LossOptions One = LossOptions.SingleThreaded;
    private static readonly LossOptions Two = new() { MaxDegreeOfParallelism = 2, ParallelThreshold = 0 };

    private float[] _input = [];
    private float[] _target = [];
    private float[] _gradient = [];

    [Params(65_536, 1_048_576, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _input = new float[N];
        _target = new float[N];
        _gradient = new float[N];
        TestData.Normal<float>(random, _input);
        TestData.Labels<float>(random, _target);
    }

    [Benchmark(Baseline = true)]
    public float Mse_FastLoss_1Thread() => Loss.Mse(_input, _target, Reduction.Mean, One);

    [Benchmark]
    public float Mse_FastLoss_2Threads() => Loss.Mse(_input, _target, Reduction.Mean, Two);

    [Benchmark]
    public float Mse_FastestLoop_1Thread() => FastestMseSum(_input, _target) / _input.Length;

    [Benchmark]
    public float Mse_FastestLoop_2Threads()
    {
        int half = (_input.Length / 2) & ~63;
        float first = 0, second = 0;
        Parallel.Invoke(
            () => first = FastestMseSum(_input.AsSpan(0, half), _target.AsSpan(0, half)),
            () => second = FastestMseSum(_input.AsSpan(half), _target.AsSpan(half)));
        return (first + second) / _input.Length;
    }

    [Benchmark]
    public float BceWithLogitsFused_FastLoss_1Thread() => Loss.BinaryCrossEntropyWithLogitsWithGradient(_input, _target, _gradient, Reduction.Mean, One);

    [Benchmark]
    public float BceWithLogitsFused_FastLoss_2Threads() => Loss.BinaryCrossEntropyWithLogitsWithGradient(_input, _target, _gradient, Reduction.Mean, Two);

    /// <summary>Σ(x − y)² with eight independent Vector512 accumulators and a scalar tail: as fast as it gets, width-dependent.</summary>
    private static float FastestMseSum(ReadOnlySpan<float> input, ReadOnlySpan<float> target)
    {
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(target);
        nuint n = (nuint)input.Length, i = 0, lanes = (nuint)Vector512<float>.Count;
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (; i + (8 * lanes) <= n; i += 8 * lanes)
        {
            a0 += Square(ref x, ref y, i);
            a1 += Square(ref x, ref y, i + lanes);
            a2 += Square(ref x, ref y, i + (2 * lanes));
            a3 += Square(ref x, ref y, i + (3 * lanes));
            a4 += Square(ref x, ref y, i + (4 * lanes));
            a5 += Square(ref x, ref y, i + (5 * lanes));
            a6 += Square(ref x, ref y, i + (6 * lanes));
            a7 += Square(ref x, ref y, i + (7 * lanes));
        }

        float sum = Vector512.Sum(((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)));
        for (; i < n; i++)
        {
            float d = Unsafe.Add(ref x, i) - Unsafe.Add(ref y, i);
            sum += d * d;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Square(ref float x, ref float y, nuint i)
    {
        Vector512<float> d = Vector512.LoadUnsafe(ref x, i) - Vector512.LoadUnsafe(ref y, i);
        return d * d;
    }
}
