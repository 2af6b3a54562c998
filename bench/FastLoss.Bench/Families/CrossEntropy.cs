using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>
/// cross_entropy with class-index targets, reduction mean, logits N(0, 2²) as [rows, C] with rows = N / C (N is the
/// number of logits, so sizes compare with the element-wise families). Row-wise, so not an <see cref="ElementwiseLossBenchmark{TLoss, T}"/>:
/// the same engines and columns, with C as a parameter.
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
[MemoryDiagnoser]
public partial class CrossEntropy<T> : ITrafficModel, ISelfCheck
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private NativeBuffer<T>? logits;
    private NativeBuffer<T>? gradient;
    private int[] targets = [];
    private NativeBuffer<T>? scratch;
    private bool quiet;

    [Params(1024, 65536, 1048576, 16777216, 1000003)]
    public int N { get; set; } = 1024;

    /// <summary>The class count.</summary>
    [Params(10, 1000)]
    public int C { get; set; } = 10;

    [ParamsAllValues]
    public Operation Operation { get; set; }

    /// <summary>The logits actually used: whole rows.</summary>
    public int Elements => Rows * C;

    private int Rows => Math.Max(1, N / C);

    /// <inheritdoc/>
    public long BytesMoved => ((long)Elements * Unsafe.SizeOf<T>() * (Operation == Operation.Forward ? 1 : 2)) + ((long)Rows * sizeof(int));

    public string DisplayName => $"CrossEntropy<{typeof(T).Name}> C={C}";

    private ReadOnlySpan<T> Logits => logits!.Span;

    private Span<T> InputGradient => gradient!.Span;

    [GlobalSetup]
    public void Setup() => Allocate();

    [GlobalCleanup]
    public void Cleanup()
    {
        logits?.Dispose();
        gradient?.Dispose();
        scratch?.Dispose();
#if WITH_TORCH
        CleanupTorch();
#endif
    }

    /// <summary>The textbook loop: per row, max, Σ exp(x − max), log; gradient softmax − one-hot, over the rows.</summary>
    [Benchmark(Baseline = true)]
    public T Scalar()
    {
        ReadOnlySpan<T> x = Logits;
        Span<T> g = InputGradient;
        T scale = T.One / T.CreateTruncating(Rows);
        T sum = T.Zero;
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * C, C);
            T max = row[0];
            for (int c = 1; c < C; c++)
            {
                max = T.Max(max, row[c]);
            }

            T total = T.Zero;
            for (int c = 0; c < C; c++)
            {
                total += T.Exp(row[c] - max);
            }

            T logTotal = T.Log(total);
            int label = targets[r];
            if (Operation != Operation.Gradient)
            {
                sum += max + logTotal - row[label];
            }

            if (Operation != Operation.Forward)
            {
                Span<T> gradientRow = g.Slice(r * C, C);
                for (int c = 0; c < C; c++)
                {
                    gradientRow[c] = T.Exp(row[c] - max - logTotal) * scale;
                }

                gradientRow[label] -= scale;
            }
        }

        return sum * scale;
    }

    [Benchmark]
    public T FastLoss() => Operation switch
    {
        Operation.Forward => Forward(Logits, targets, C),
        Operation.Gradient => GradientOnly(Logits, targets, C, InputGradient),
        _ => Fused(Logits, targets, C, InputGradient),
    };

    /// <summary>What a user composes: per row TensorPrimitives.Max, Subtract, Exp, Sum (and SoftMax for the gradient).</summary>
    [Benchmark]
    public T TensorPrimitives()
    {
        ReadOnlySpan<T> x = Logits;
        Span<T> g = InputGradient;
        Span<T> shifted = scratch!.Span;
        T scale = T.One / T.CreateTruncating(Rows);
        T sum = T.Zero;
        for (int r = 0; r < Rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * C, C);
            int label = targets[r];
            if (Operation != Operation.Gradient)
            {
                T max = TP.Max(row);
                TP.Subtract(row, max, shifted);
                TP.Exp(shifted, shifted);
                sum += max + T.Log(TP.Sum<T>(shifted)) - row[label];
            }

            if (Operation != Operation.Forward)
            {
                Span<T> gradientRow = g.Slice(r * C, C);
                TP.SoftMax(row, gradientRow);
                gradientRow[label] -= T.One;
                TP.Multiply(gradientRow, scale, gradientRow);
            }
        }

        return sum * scale;
    }

    [Benchmark]
    public T ReadBound() => Operation switch
    {
        Operation.Forward => Infrastructure.ReadBound.Sum(Logits, Logits),
        Operation.Gradient => StoreOnly(),
        _ => Infrastructure.ReadBound.SumAndStore(Logits, Logits, InputGradient),
    };

    /// <inheritdoc/>
    public bool SelfCheck(int length, double tolerance, bool torch, TextWriter output)
    {
        bool ok = true;
        quiet = true;
        foreach (int classes in (int[])[10, 1000])
        {
            C = classes;
            N = Math.Max(length, 3 * classes);
            foreach (Operation operation in Enum.GetValues<Operation>())
            {
                Operation = operation;
                var engines = new List<(string Name, Func<T> Run)> { (nameof(Scalar), Scalar), (nameof(FastLoss), FastLoss), (nameof(TensorPrimitives), TensorPrimitives) };
#if WITH_TORCH
                if (torch)
                {
                    engines.Add((nameof(Torch), Torch));
                }
#endif
                (T Loss, T[] Gradient)? reference = null;
                var line = new List<string>();
                foreach ((string name, Func<T> run) in engines)
                {
                    Allocate();
#if WITH_TORCH
                    if (name == nameof(Torch))
                    {
                        SetupTorchTensors();
                        captureTorchGradient = true;
                    }
#endif
                    T loss = run();
                    T[] g = gradient!.ToArray();
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    run();
                    long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                    Cleanup();
                    if (reference is null)
                    {
                        reference = (loss, g);
                        continue;
                    }

                    double lossError = operation == Operation.Gradient ? 0 : Math.Abs(double.CreateTruncating(loss - reference.Value.Loss)) / Math.Abs(double.CreateTruncating(reference.Value.Loss));
                    double scaleOfGradient = reference.Value.Gradient.Max(v => Math.Abs(double.CreateTruncating(v)));
                    double gradientError = operation == Operation.Forward ? 0 : g.Zip(reference.Value.Gradient, (a, b) => Math.Abs(double.CreateTruncating(a - b))).Max() / scaleOfGradient;
                    bool pass = lossError <= tolerance && gradientError <= tolerance && (name != nameof(FastLoss) || allocated == 0);
                    ok &= pass;
                    line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} loss {lossError:E1} grad {gradientError:E1} {allocated} B{(pass ? string.Empty : " FAIL")}"));
                }

                output.WriteLine($"{DisplayName,-36} {operation,-8} {string.Join("; ", line)}");
            }
        }

        return ok;
    }

    private T StoreOnly()
    {
        Infrastructure.ReadBound.Store(Logits, Logits, InputGradient);
        return T.Zero;
    }

    private void Allocate()
    {
        // Single-threaded like every engine here (see ElementwiseLossBenchmark.Allocate).
        global::FastLoss.LossOptions.Default = global::FastLoss.LossOptions.SingleThreaded;
        var random = new Random(20240607);
        logits = new NativeBuffer<T>(Elements);
        gradient = new NativeBuffer<T>(Elements);
        scratch = new NativeBuffer<T>(C);
        TestData.Normal(random, logits.Span, standardDeviation: 2);
        targets = new int[Rows];
        for (int r = 0; r < targets.Length; r++)
        {
            targets[r] = random.Next(C);
        }

        if (!quiet)
        {
            Console.WriteLine($"// {DisplayName}: N={N} ({Rows} rows), {Operation}, {IsaInfo.Describe()}");
        }
    }

    private static T Forward(ReadOnlySpan<T> x, ReadOnlySpan<int> t, int c)
        => typeof(T) == typeof(float)
            ? T.CreateTruncating(Loss.CrossEntropy(MemoryMarshal.Cast<T, float>(x), t, c))
            : T.CreateTruncating(Loss.CrossEntropy(MemoryMarshal.Cast<T, double>(x), t, c));

    private static T GradientOnly(ReadOnlySpan<T> x, ReadOnlySpan<int> t, int c, Span<T> g)
    {
        if (typeof(T) == typeof(float))
        {
            Loss.CrossEntropyGradient(MemoryMarshal.Cast<T, float>(x), t, c, MemoryMarshal.Cast<T, float>(g));
        }
        else
        {
            Loss.CrossEntropyGradient(MemoryMarshal.Cast<T, double>(x), t, c, MemoryMarshal.Cast<T, double>(g));
        }

        return T.Zero;
    }

    private static T Fused(ReadOnlySpan<T> x, ReadOnlySpan<int> t, int c, Span<T> g)
        => typeof(T) == typeof(float)
            ? T.CreateTruncating(Loss.CrossEntropyWithGradient(MemoryMarshal.Cast<T, float>(x), t, c, MemoryMarshal.Cast<T, float>(g)))
            : T.CreateTruncating(Loss.CrossEntropyWithGradient(MemoryMarshal.Cast<T, double>(x), t, c, MemoryMarshal.Cast<T, double>(g)));
}
