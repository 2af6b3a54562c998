using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>One row's operands: two inputs and an output, each starting at the row's first class, <see cref="Stride"/> apart.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal ref struct RowRefs<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>The first input (logits, or the exponentials stored by an earlier pass).</summary>
    public ref T First;

    /// <summary>The second input (probability targets), if the pass reads one.</summary>
    public ref T Second;

    /// <summary>The output, if the pass writes.</summary>
    public ref T Output;

    /// <summary>The distance between consecutive classes (1, or the spatial size).</summary>
    public nuint Stride;

    /// <summary>The number of classes.</summary>
    public int Count;

    /// <summary>How many elements of every operand may be read from the row's start (contiguous layout only).</summary>
    public nint Readable;
}

/// <summary>Per-class weights (or none: every weight 1), with the row's tail block prepared once.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <typeparam name="TBlock">The block type.</typeparam>
internal ref struct ClassWeights<T, TBlock>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
    where TBlock : struct, IRowBlock<TBlock, T>
{
    public ref T Values;
    public bool Present;
    public TBlock Tail;
    public TBlock One;

    public ClassWeights(ReadOnlySpan<T> weight)
    {
        One = TBlock.Create(T.One);
        Present = !weight.IsEmpty;
        if (Present)
        {
            Values = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(weight);
            int lanes = Vector512<T>.Count;
            int full = weight.Length - (weight.Length % lanes);
            Tail = RowLayouts.Copy<T, TBlock>(ref Values, (nuint)full, weight.Length - full, 1);
        }
        else
        {
            Tail = One;
        }
    }
}

/// <summary>How a row's classes are laid out: contiguous (<c>[N, C]</c>) or strided (<c>[N, C, spatial]</c>).</summary>
internal interface IRowLayout
{
    static abstract TBlock Load<T, TBlock>(ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>;

    static abstract TBlock LoadPartial<T, TBlock>(ref T row, nuint c, int count, nuint stride, bool overRead)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>;

    static abstract void Store<T, TBlock>(TBlock value, ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>;

    static abstract void StorePartial<T, TBlock>(TBlock value, ref T row, nuint c, int count, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>;
}

/// <summary>Classes next to each other (stride 1).</summary>
internal readonly struct ContiguousRows : IRowLayout
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TBlock Load<T, TBlock>(ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => TBlock.Load(ref row, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TBlock LoadPartial<T, TBlock>(ref T row, nuint c, int count, nuint stride, bool overRead)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => overRead ? TBlock.Load(ref row, c) : RowLayouts.Copy<T, TBlock>(ref row, c, count, 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T, TBlock>(TBlock value, ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => TBlock.Store(value, ref row, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial<T, TBlock>(TBlock value, ref T row, nuint c, int count, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => TBlock.StoreFirst(value, ref row, c, count);
}

/// <summary>Classes <c>stride</c> elements apart (the <c>[N, C, d1, …]</c> layout): gathered and scattered.</summary>
internal readonly struct StridedRows : IRowLayout
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TBlock Load<T, TBlock>(ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => RowLayouts.Copy<T, TBlock>(ref row, c, Vector512<T>.Count, stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TBlock LoadPartial<T, TBlock>(ref T row, nuint c, int count, nuint stride, bool overRead)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => RowLayouts.Copy<T, TBlock>(ref row, c, count, stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<T, TBlock>(TBlock value, ref T row, nuint c, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => RowLayouts.Scatter(value, ref row, c, Vector512<T>.Count, stride);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StorePartial<T, TBlock>(TBlock value, ref T row, nuint c, int count, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
        => RowLayouts.Scatter(value, ref row, c, count, stride);
}

/// <summary>Element-by-element copies between a row and a 64-byte block.</summary>
internal static class RowLayouts
{
    /// <summary>Classes c … c + count − 1 (stride apart) in the first lanes of a block; the other lanes are 0.</summary>
    public static TBlock Copy<T, TBlock>(ref T row, nuint c, int count, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        Vector512<T> buffer = default;
        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref buffer);
        for (int j = 0; j < count; j++)
        {
            Unsafe.Add(ref lane, j) = Unsafe.Add(ref row, (c + (nuint)j) * stride);
        }

        return TBlock.Load(ref lane, 0);
    }

    /// <summary>The first <paramref name="count"/> lanes of a block to classes c … (stride apart).</summary>
    public static void Scatter<T, TBlock>(TBlock value, ref T row, nuint c, int count, nuint stride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        Vector512<T> buffer = default;
        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref buffer);
        TBlock.Store(value, ref lane, 0);
        for (int j = 0; j < count; j++)
        {
            Unsafe.Add(ref row, (c + (nuint)j) * stride) = Unsafe.Add(ref lane, j);
        }
    }
}
