using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

public static partial class ElementwiseDriver
{
    /// <summary>Elements per parallel map partition: 64 chunks (64 Ki floats, 32 Ki doubles), a multiple of every vector width.</summary>
    private const int MapPartitionChunks = 64;

    /// <summary>Span → span with <see cref="LossOptions.Current"/>.</summary>
    private static void Map<T, TKernel, TFunction>(scoped ref TKernel kernel, Span<T> destination, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
        => Map<T, TKernel, TFunction>(ref kernel, destination, scale, LossOptions.Current);

    /// <summary>
    /// Span → span: the widest accelerated vector over the body, scalar code for the tail. Every element is loaded
    /// before it is stored, so a destination that is exactly an input (in place) is fine. Above the options'
    /// threshold, fixed partitions are mapped on worker threads; each element's value does not depend on which
    /// code path computes it (the kernel contract), so neither does the output.
    /// </summary>
    private static unsafe void Map<T, TKernel, TFunction>(scoped ref TKernel kernel, Span<T> destination, T scale, LossOptions options)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
    {
        nuint length = (nuint)kernel.Length;
        ref T output = ref MemoryMarshal.GetReference(destination);
        nuint size = (nuint)Vector512<T>.Count * 4 * StepsPerChunk * MapPartitionChunks;
        int partitions = (int)((length + size - 1) / size);
        int threads = options.ThreadsFor(kernel.Length);
        if (partitions >= 2 && threads > 1 && ParallelRunner.TryEnter(0))
        {
            try
            {
                var job = new MapJob<T>
                {
                    Kernel = Unsafe.AsPointer(ref kernel),
                    Destination = Unsafe.AsPointer(ref destination),
                    Scale = scale,
                    Length = length,
                };
                ParallelRunner.Run(&MapPartition<T, TKernel, TFunction>, &job, partitions, threads);
                return;
            }
            finally
            {
                ParallelRunner.Exit();
            }
        }

        MapRange<T, TKernel, TFunction>(ref kernel, ref output, scale, 0, length);
    }

    /// <summary>Maps partition <paramref name="p"/> on a worker thread.</summary>
    private static unsafe void MapPartition<T, TKernel, TFunction>(void* context, int p)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
    {
        MapJob<T>* job = (MapJob<T>*)context;
        nuint size = (nuint)Vector512<T>.Count * 4 * StepsPerChunk * MapPartitionChunks;
        nuint start = (nuint)p * size;
        ref T output = ref MemoryMarshal.GetReference(Unsafe.AsRef<Span<T>>(job->Destination));
        MapRange<T, TKernel, TFunction>(ref Unsafe.AsRef<TKernel>(job->Kernel), ref output, job->Scale, start, nuint.Min(start + size, job->Length));
    }

    /// <summary>
    /// The Vector512 loop of <see cref="MapRange{T, TKernel, TFunction}"/>, in a method of its own for the reasons
    /// given at <see cref="SumChunks{T, TKernel, TBlocks}"/> (its own inlining budget, no dynamic PGO).
    /// </summary>
    /// <returns>The index of the first element not written.</returns>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static nuint Map512<T, TKernel, TFunction>(scoped ref TKernel kernel, ref T output, T scale, nuint i, nuint length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
    {
        Vector512<T> factor = Vector512.Create(scale);
        nuint last = length - (nuint)Vector512<T>.Count;
        TKernel local = kernel; // in registers: see SumChunks
        for (; i <= last; i += (nuint)Vector512<T>.Count)
        {
            (TFunction.Invoke512(ref local, i) * factor).StoreUnsafe(ref output, i);
        }

        return i;
    }

    /// <summary>Maps elements [<paramref name="i"/>, <paramref name="length"/>).</summary>
    private static void MapRange<T, TKernel, TFunction>(scoped ref TKernel kernel, ref T output, T scale, nuint i, nuint length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        where TFunction : IMapFunction<T>
    {
        if (Vector512.IsHardwareAccelerated && length - i >= (nuint)Vector512<T>.Count)
        {
            i = Map512<T, TKernel, TFunction>(ref kernel, ref output, scale, i, length);
        }
        else if (Vector256.IsHardwareAccelerated && length - i >= (nuint)Vector256<T>.Count)
        {
            Vector256<T> factor = Vector256.Create(scale);
            nuint last = length - (nuint)Vector256<T>.Count;
            for (; i <= last; i += (nuint)Vector256<T>.Count)
            {
                (TFunction.Invoke256(ref kernel, i) * factor).StoreUnsafe(ref output, i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length - i >= (nuint)Vector128<T>.Count)
        {
            Vector128<T> factor = Vector128.Create(scale);
            nuint last = length - (nuint)Vector128<T>.Count;
            for (; i <= last; i += (nuint)Vector128<T>.Count)
            {
                (TFunction.Invoke128(ref kernel, i) * factor).StoreUnsafe(ref output, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref output, i) = TFunction.Invoke(ref kernel, i) * scale;
        }
    }

    /// <summary>
    /// What a worker needs to map a partition: pointers to the caller's kernel and destination span (on its stack, where
    /// the GC sees and updates the references they hold — never a raw pointer into a managed array).
    /// </summary>
    private unsafe struct MapJob<T>
        where T : unmanaged
    {
        public void* Kernel;
        public void* Destination;
        public T Scale;
        public nuint Length;
    }
}
