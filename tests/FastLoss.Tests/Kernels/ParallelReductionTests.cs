using System.Runtime.InteropServices;
using FastLoss.Kernels;

namespace FastLoss.Tests.Kernels;

/// <summary>Runs alone: the tests check that the worker pool really took part, which a concurrent call would prevent.</summary>
[CollectionDefinition(nameof(ParallelReductionCollection), DisableParallelization = true)]
public sealed class ParallelReductionCollection;

/// <summary>
/// The thread-count contract: large inputs are reduced on several threads in fixed partitions, and the result — the
/// reduced loss and every gradient element — is the single-threaded one bit for bit, for every thread count and buffer
/// offset; steady-state calls allocate nothing; the options are validated.
/// </summary>
[Collection(nameof(ParallelReductionCollection))]
public class ParallelReductionTests
{
    /// <summary>3·10^6 + 17 floats: 11 partitions of 2^18 plus a partial chunk.</summary>
    private const int FloatLength = 3_000_017;

    /// <summary>1.5·10^6 + 17 doubles: 11 partitions of 2^17 plus a partial chunk.</summary>
    private const int DoubleLength = 1_500_017;

    private static readonly LossOptions Single = LossOptions.SingleThreaded;

    public static TheoryData<string> ElementwiseLosses => new() { "Mse", "L1", "Huber", "SmoothL1", "BceWithLogits" };

    private static LossOptions Threads(int count) => new() { MaxDegreeOfParallelism = count, ParallelThreshold = 0 };

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void Float_reduced_loss_gradient_and_fused_pass_are_the_single_threaded_bits_for_every_thread_count(string loss)
    {
        (float[] input, float[] target) = Data<float>(FloatLength, 11);
        float[] expectedGradient = new float[FloatLength];
        float[] gradient = new float[FloatLength];
        float expectedMean = FloatLoss(loss, input, target, Reduction.Mean, Single);
        float expectedSum = FloatLoss(loss, input, target, Reduction.Sum, Single);
        FloatGradient(loss, input, target, expectedGradient, Reduction.Mean, Single);

        for (int threads = 1; threads <= 8; threads++)
        {
            LossOptions options = Threads(threads);
            long runs = ParallelRunner.Runs;
            Assert.Equal(Bits(expectedMean), Bits(FloatLoss(loss, input, target, Reduction.Mean, options)));
            Assert.Equal(Bits(expectedSum), Bits(FloatLoss(loss, input, target, Reduction.Sum, options)));
            Assert.Equal(threads > 1 ? runs + 2 : runs, ParallelRunner.Runs);

            Array.Clear(gradient);
            FloatGradient(loss, input, target, gradient, Reduction.Mean, options);
            AssertBitsEqual(expectedGradient, gradient);

            Array.Clear(gradient);
            Assert.Equal(Bits(expectedMean), Bits(FloatFused(loss, input, target, gradient, options)));
            AssertBitsEqual(expectedGradient, gradient);
        }
    }

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void Double_reduced_loss_and_fused_pass_are_the_single_threaded_bits_for_every_thread_count(string loss)
    {
        (double[] input, double[] target) = Data<double>(DoubleLength, 12);
        double[] expectedGradient = new double[DoubleLength];
        double[] gradient = new double[DoubleLength];
        double expected = DoubleFused(loss, input, target, expectedGradient, Single);

        foreach (int threads in new[] { 2, 3, 8 })
        {
            Array.Clear(gradient);
            Assert.Equal(Bits(expected), Bits(DoubleFused(loss, input, target, gradient, Threads(threads))));
            AssertBitsEqual(expectedGradient, gradient);
        }
    }

    [Fact]
    public void Sum_does_not_depend_on_the_thread_count_or_the_byte_offset()
    {
        (float[] input, float[] target) = Data<float>(FloatLength, 13);
        float expected = Loss.Mse(input, target, Reduction.Sum, Single);
        byte[] inputBytes = new byte[(FloatLength * sizeof(float)) + 64];
        byte[] targetBytes = new byte[inputBytes.Length];

        for (int offset = 0; offset < 64; offset++)
        {
            // Every byte offset (also ones no float[] can have), each with another thread count.
            Span<float> shiftedInput = MemoryMarshal.Cast<byte, float>(inputBytes.AsSpan(offset, FloatLength * sizeof(float)));
            Span<float> shiftedTarget = MemoryMarshal.Cast<byte, float>(targetBytes.AsSpan(63 - offset, FloatLength * sizeof(float)));
            input.CopyTo(shiftedInput);
            target.CopyTo(shiftedTarget);
            float actual = Loss.Mse(shiftedInput, shiftedTarget, Reduction.Sum, Threads(1 + (offset % 8)));
            Assert.True(Bits(expected) == Bits(actual), $"offset {offset}: {actual} != {expected}");
        }
    }

    [Fact]
    public void Workers_really_take_part()
    {
        (float[] input, float[] target) = Data<float>(FloatLength, 14);
        int helped = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // On a loaded machine the caller may finish all partitions before a worker is scheduled: retry for a while.
        while (helped == 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Loss.L1(input, target, Reduction.Sum, Threads(4));
            helped = ParallelRunner.LastHelperPartitions;
        }

        Assert.True(helped > 0, "No partition ran on a worker thread in 10 s of calls.");
    }

    [Theory]
    [InlineData(10, 0f, false)]
    [InlineData(10, 0.1f, true)]
    [InlineData(40, 0f, true)]
    [InlineData(40, 0.2f, false)]
    public void CrossEntropy_is_the_single_threaded_bits_for_every_thread_count(int classes, float smoothing, bool weighted)
    {
        // 3 partitions and a partial one: 32768 rows per partition for C = 10, 8192 for C = 40 (floats).
        int rows = (3 * (classes == 10 ? 32_768 : 8_192)) + 37;
        (float[] input, int[] target, float[] weight) = CrossEntropyData<float>(rows, classes, weighted, 15);
        float[] expectedGradient = new float[input.Length];
        float[] gradient = new float[input.Length];
        float[] expectedLosses = new float[rows];
        float[] losses = new float[rows];
        float expected = Loss.CrossEntropyWithGradient(input, target, classes, expectedGradient, weight, -100, smoothing, Reduction.Mean, Single);
        float expectedSum = Loss.CrossEntropy(input, target, classes, weight, -100, smoothing, Reduction.Sum, Single);
        using (LossOptions.Use(Single))
        {
            Loss.CrossEntropy(input, target, classes, expectedLosses, weight, -100, smoothing);
        }

        for (int threads = 2; threads <= 8; threads++)
        {
            LossOptions options = Threads(threads);
            long runs = ParallelRunner.Runs;
            Array.Clear(gradient);
            Assert.Equal(Bits(expected), Bits(Loss.CrossEntropyWithGradient(input, target, classes, gradient, weight, -100, smoothing, Reduction.Mean, options)));
            AssertBitsEqual(expectedGradient, gradient);
            Assert.Equal(Bits(expectedSum), Bits(Loss.CrossEntropy(input, target, classes, weight, -100, smoothing, Reduction.Sum, options)));
            Array.Clear(gradient);
            Loss.CrossEntropyGradient(input, target, classes, gradient, weight, -100, smoothing, Reduction.Mean, options);
            AssertBitsEqual(expectedGradient, gradient);
            using (LossOptions.Use(options))
            {
                Loss.CrossEntropy(input, target, classes, losses, weight, -100, smoothing);
            }

            AssertBitsEqual(expectedLosses, losses);
            Assert.Equal(runs + 4, ParallelRunner.Runs);
        }
    }

    [Fact]
    public void Spatial_and_double_CrossEntropy_through_a_scope_are_the_single_threaded_bits()
    {
        // [N, C, spatial] with N·spatial = 3·512·... rows of doubles: C = 6 gives 512 << 7 = 65536 rows per partition.
        const int Classes = 6, Spatial = 7, Batch = 30_000;
        (double[] input, int[] target, _) = CrossEntropyData<double>(Batch * Spatial, Classes, false, 16);
        double[] expectedGradient = new double[input.Length];
        double[] gradient = new double[input.Length];
        double expected;
        using (LossOptions.Use(Single))
        {
            expected = Loss.CrossEntropyWithGradient(input, target, Classes, Spatial, expectedGradient);
        }

        long runs = ParallelRunner.Runs;
        using (LossOptions.Use(Threads(3)))
        {
            Assert.Equal(Bits(expected), Bits(Loss.CrossEntropyWithGradient(input, target, Classes, Spatial, gradient)));
        }

        AssertBitsEqual(expectedGradient, gradient);
        Assert.Equal(runs + 1, ParallelRunner.Runs);
    }

    [Fact]
    public void Steady_state_parallel_calls_allocate_nothing()
    {
        (float[] input, float[] target) = Data<float>(FloatLength, 17);
        float[] gradient = new float[FloatLength];
        (float[] logits, int[] labels, _) = CrossEntropyData<float>(3 * 32_768, 10, false, 18);
        float[] logitGradient = new float[logits.Length];
        LossOptions options = Threads(4);

        void Calls()
        {
            Loss.Mse(input, target, Reduction.Mean, options);
            Loss.HuberWithGradient(input, target, 1f, gradient, Reduction.Mean, options);
            Loss.L1Gradient(input, target, gradient, Reduction.Sum, options);
            Loss.CrossEntropyWithGradient(logits, labels, 10, logitGradient, default, -100, 0f, Reduction.Mean, options);
        }

        Calls(); // Starts the workers and sizes the result buffer.
        Calls();
        long runs = ParallelRunner.Runs;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++)
        {
            Calls();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(runs + 20, ParallelRunner.Runs);
    }

    [Fact]
    public void Small_inputs_and_the_threshold_stay_on_the_calling_thread()
    {
        (float[] input, float[] target) = Data<float>(FloatLength, 19);
        long runs = ParallelRunner.Runs;
        Loss.Mse(input.AsSpan(0, 300_000), target.AsSpan(0, 300_000), Reduction.Mean, Threads(4)); // one partition
        Loss.Mse(input, target, Reduction.Mean, new LossOptions { MaxDegreeOfParallelism = 4, ParallelThreshold = FloatLength + 1 });
        Loss.Mse(input, target, Reduction.Mean, new LossOptions { MaxDegreeOfParallelism = 1, ParallelThreshold = 0 });
        Assert.Equal(runs, ParallelRunner.Runs);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions { MaxDegreeOfParallelism = -2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions { MaxDegreeOfParallelism = LossOptions.MaxThreads + 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LossOptions { ParallelThreshold = -1 });
        Assert.Equal(LossOptions.MaxThreads, new LossOptions { MaxDegreeOfParallelism = LossOptions.MaxThreads }.MaxDegreeOfParallelism);
        Assert.Equal(-1, new LossOptions().MaxDegreeOfParallelism);
        Assert.Equal(LossOptions.DefaultParallelThreshold, new LossOptions().ParallelThreshold);

        float[] values = [1f, 2f];
        Assert.Throws<ArgumentNullException>("options", () => Loss.Mse(values, values, Reduction.Mean, null!));
        Assert.Throws<ArgumentNullException>("options", () => Loss.MseGradient(values, values, new float[2], Reduction.Mean, null!));
        Assert.Throws<ArgumentNullException>("options", () => Loss.CrossEntropy(values, [0], 2, default, -100, 0f, Reduction.Mean, null!));
        Assert.Throws<ArgumentNullException>("value", () => LossOptions.Default = null!);
        Assert.Throws<ArgumentNullException>("options", () => LossOptions.Use(null!));
    }

    [Fact]
    public void Scopes_nest_and_restore_the_current_options()
    {
        LossOptions outer = Threads(2), inner = Threads(3);
        Assert.Same(LossOptions.Default, LossOptions.Current);
        using (LossOptions.Use(outer))
        {
            Assert.Same(outer, LossOptions.Current);
            using (LossOptions.Use(inner))
            {
                Assert.Same(inner, LossOptions.Current);
            }

            Assert.Same(outer, LossOptions.Current);
        }

        Assert.Same(LossOptions.Default, LossOptions.Current);
    }

    private static float FloatLoss(string loss, float[] input, float[] target, Reduction reduction, LossOptions options) => loss switch
    {
        "Mse" => Loss.Mse(input, target, reduction, options),
        "L1" => Loss.L1(input, target, reduction, options),
        "Huber" => Loss.Huber(input, target, 0.7f, reduction, options),
        "SmoothL1" => Loss.SmoothL1(input, target, 0.5f, reduction, options),
        _ => Loss.BinaryCrossEntropyWithLogits(input, target, reduction, options),
    };

    private static void FloatGradient(string loss, float[] input, float[] target, float[] gradient, Reduction reduction, LossOptions options)
    {
        switch (loss)
        {
            case "Mse": Loss.MseGradient(input, target, gradient, reduction, options); break;
            case "L1": Loss.L1Gradient(input, target, gradient, reduction, options); break;
            case "Huber": Loss.HuberGradient(input, target, 0.7f, gradient, reduction, options); break;
            case "SmoothL1": Loss.SmoothL1Gradient(input, target, 0.5f, gradient, reduction, options); break;
            default: Loss.BinaryCrossEntropyWithLogitsGradient(input, target, gradient, reduction, options); break;
        }
    }

    private static float FloatFused(string loss, float[] input, float[] target, float[] gradient, LossOptions options) => loss switch
    {
        "Mse" => Loss.MseWithGradient(input, target, gradient, Reduction.Mean, options),
        "L1" => Loss.L1WithGradient(input, target, gradient, Reduction.Mean, options),
        "Huber" => Loss.HuberWithGradient(input, target, 0.7f, gradient, Reduction.Mean, options),
        "SmoothL1" => Loss.SmoothL1WithGradient(input, target, 0.5f, gradient, Reduction.Mean, options),
        _ => Loss.BinaryCrossEntropyWithLogitsWithGradient(input, target, gradient, Reduction.Mean, options),
    };

    private static double DoubleFused(string loss, double[] input, double[] target, double[] gradient, LossOptions options) => loss switch
    {
        "Mse" => Loss.MseWithGradient(input, target, gradient, Reduction.Sum, options),
        "L1" => Loss.L1WithGradient(input, target, gradient, Reduction.Sum, options),
        "Huber" => Loss.HuberWithGradient(input, target, 0.7, gradient, Reduction.Sum, options),
        "SmoothL1" => Loss.SmoothL1WithGradient(input, target, 0.5, gradient, Reduction.Sum, options),
        _ => Loss.BinaryCrossEntropyWithLogitsWithGradient(input, target, gradient, Reduction.Sum, options),
    };

    private static (T[] Input, T[] Target) Data<T>(int length, int seed)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] input = new T[length];
        T[] target = new T[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = T.CreateTruncating((random.NextDouble() * 6) - 3);
            target[i] = T.CreateTruncating(random.NextDouble());
        }

        return (input, target);
    }

    private static (T[] Input, int[] Target, T[] Weight) CrossEntropyData<T>(int rows, int classes, bool weighted, int seed)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        T[] input = new T[rows * classes];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = T.CreateTruncating((random.NextDouble() * 8) - 4);
        }

        int[] target = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            target[r] = random.Next(20) == 0 ? -100 : random.Next(classes);
        }

        T[] weight = weighted ? Enumerable.Range(0, classes).Select(c => T.CreateTruncating(0.5 + (c * 0.1))).ToArray() : [];
        return (input, target, weight);
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static void AssertBitsEqual<T>(T[] expected, T[] actual)
        where T : unmanaged
    {
        ReadOnlySpan<byte> e = MemoryMarshal.AsBytes(expected.AsSpan());
        ReadOnlySpan<byte> a = MemoryMarshal.AsBytes(actual.AsSpan());
        if (!e.SequenceEqual(a))
        {
            int first = 0;
            while (e[first] == a[first])
            {
                first++;
            }

            Assert.Fail($"Outputs differ from byte {first} (element {first / System.Runtime.CompilerServices.Unsafe.SizeOf<T>()}).");
        }
    }
}
