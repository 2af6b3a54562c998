using System.Numerics;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// The benchmarks every element-wise (input, target) loss gets: the scalar reference loop (the baseline), the
/// FastLoss kernels, a TensorPrimitives composition, the read-bound floor and, with -p:WithTorch=true, TorchSharp.
/// A family only supplies <typeparamref name="TLoss"/>.
/// </summary>
/// <typeparam name="TLoss">The loss family.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
public abstract partial class ElementwiseLossBenchmark<TLoss, T> : ITrafficModel
    where TLoss : struct, IElementwiseLoss<TLoss, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private NativeBuffer<T>? input;
    private NativeBuffer<T>? target;
    private NativeBuffer<T>? gradient;
    private Scratch<T>? scratch;
    private bool quiet;

    /// <summary>
    /// Gets or sets the number of elements: L1/L2-resident (1024, 65536), L3-sized (2^20), DRAM-bound (2^24) and one
    /// that is not a multiple of the vector width (1000003).
    /// </summary>
    [Params(1024, 65536, 1048576, 16777216, 1000003)]
    public int N { get; set; } = 1024;

    /// <summary>Gets or sets what is computed.</summary>
    [ParamsAllValues]
    public Operation Operation { get; set; }

    /// <inheritdoc/>
    public long BytesMoved => (long)N * Unsafe.SizeOf<T>() * (Operation == Operation.Forward ? 2 : 3);

    /// <summary>Gets the name as BenchmarkDotNet shows it, e.g. Mse&lt;Single&gt;.</summary>
    public string DisplayName => $"{GetType().Name.Split('`')[0]}<{typeof(T).Name}>";

    private ReadOnlySpan<T> Input => input!.Span;

    private ReadOnlySpan<T> Target => target!.Span;

    private Span<T> InputGradient => gradient!.Span;

    [GlobalSetup]
    public void Setup() => Allocate(scratchBuffers: 0);

    [GlobalSetup(Target = nameof(TensorPrimitives))]
    public void SetupTensorPrimitives() => Allocate(TLoss.ScratchBuffers);

    [GlobalCleanup]
    public void Cleanup()
    {
        input?.Dispose();
        target?.Dispose();
        gradient?.Dispose();
        scratch?.Dispose();
#if WITH_TORCH
        CleanupTorch();
#endif
    }

    /// <summary>The formula as a plain C# loop over the <c>[LossFormula]</c> method (and a hand-written derivative).</summary>
    [Benchmark(Baseline = true)]
    public T Scalar()
    {
        ReadOnlySpan<T> x = Input;
        ReadOnlySpan<T> t = Target;
        Span<T> g = InputGradient;
        T scale = T.One / T.CreateTruncating(x.Length);
        T sum = T.Zero;
        switch (Operation)
        {
            case Operation.Forward:
                for (int i = 0; i < x.Length; i++)
                {
                    sum += TLoss.Reference(x[i], t[i]);
                }

                return sum * scale;
            case Operation.Gradient:
                for (int i = 0; i < x.Length; i++)
                {
                    g[i] = TLoss.ReferenceGradient(x[i], t[i]) * scale;
                }

                return T.Zero;
            default:
                for (int i = 0; i < x.Length; i++)
                {
                    sum += TLoss.Reference(x[i], t[i]);
                    g[i] = TLoss.ReferenceGradient(x[i], t[i]) * scale;
                }

                return sum * scale;
        }
    }

    /// <summary>The generated kernels: <c>Name</c>, <c>NameGradient</c>, <c>NameWithGradient</c> (mean reduction).</summary>
    [Benchmark]
    public T FastLoss()
    {
        switch (Operation)
        {
            case Operation.Forward:
                return TLoss.Generated.Loss(Input, Target);
            case Operation.Gradient:
                TLoss.Generated.Gradient(Input, Target, InputGradient);
                return T.Zero;
            default:
                return TLoss.Generated.LossWithGradient(Input, Target, InputGradient);
        }
    }

    /// <summary>TensorPrimitives calls composed as a user would, with preallocated scratch spans.</summary>
    [Benchmark]
    public T TensorPrimitives()
    {
        switch (Operation)
        {
            case Operation.Forward:
                return TLoss.TensorForward(Input, Target, scratch!);
            case Operation.Gradient:
                TLoss.TensorGradient(Input, Target, InputGradient, scratch!);
                return T.Zero;
            default:
                return TLoss.TensorWithGradient(Input, Target, InputGradient, scratch!);
        }
    }

    /// <summary>The floor: read the operands (forward), also write one span (gradient), and sum it (fused).</summary>
    [Benchmark]
    public T ReadBound()
    {
        switch (Operation)
        {
            case Operation.Forward:
                return Infrastructure.ReadBound.Sum(Input, Target);
            case Operation.Gradient:
                Infrastructure.ReadBound.Store(Input, Target, InputGradient);
                return T.Zero;
            default:
                return Infrastructure.ReadBound.SumAndStore(Input, Target, InputGradient);
        }
    }

    private void Allocate(int scratchBuffers)
    {
        // The comparisons are single-threaded (libtorch runs with one thread): inputs above
        // LossOptions.ParallelThreshold would otherwise use every core. ParallelReduction measures the threads.
        global::FastLoss.LossOptions.Default = global::FastLoss.LossOptions.SingleThreaded;
        var random = new Random(20240607);
        input = new NativeBuffer<T>(N);
        target = new NativeBuffer<T>(N);
        gradient = new NativeBuffer<T>(N);
        TLoss.Fill(random, input.Span, target.Span);
        if (scratchBuffers > 0)
        {
            scratch = new Scratch<T>(scratchBuffers, N);
        }

        if (!quiet)
        {
            Console.WriteLine($"// {DisplayName}: N={N}, {Operation}, {IsaInfo.Describe()}");
        }
    }
}
