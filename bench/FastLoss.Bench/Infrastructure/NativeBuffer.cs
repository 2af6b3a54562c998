using System.Runtime.InteropServices;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// A 64-byte aligned native buffer: every engine reads the same addresses in every process, so a result does not
/// depend on where the GC happened to put an array (a Vector512 load that straddles two cache lines costs more).
/// Allocated in the global setup, so it never shows up in the allocation column.
/// </summary>
public sealed unsafe class NativeBuffer<T> : IDisposable
    where T : unmanaged
{
    private T* pointer;

    public NativeBuffer(int length)
    {
        Length = length;
        pointer = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * (nuint)sizeof(T), 64);
        Span.Clear();
    }

    public int Length { get; }

    public Span<T> Span => new(pointer, Length);

    public T[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (pointer != null)
        {
            NativeMemory.AlignedFree(pointer);
            pointer = null;
        }
    }
}

/// <summary>Scratch spans for the TensorPrimitives compositions (a user would keep such buffers between calls).</summary>
public sealed class Scratch<T> : IDisposable
    where T : unmanaged
{
    private readonly NativeBuffer<T>[] buffers;

    public Scratch(int count, int length)
    {
        buffers = new NativeBuffer<T>[count];
        for (int i = 0; i < count; i++)
        {
            buffers[i] = new NativeBuffer<T>(length);
        }
    }

    public Span<T> this[int index] => buffers[index].Span;

    public void Dispose()
    {
        foreach (NativeBuffer<T> buffer in buffers)
        {
            buffer.Dispose();
        }
    }
}
