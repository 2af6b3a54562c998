using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastLoss.Kernels;

/// <summary>
/// One 64-byte logical block (16 floats or 8 doubles, the lanes of the driver's reduction layout) computed at one
/// hardware width: <see cref="Block512{T}"/>, <see cref="Block256{T}"/> (two halves), <see cref="Block128{T}"/> (four
/// quarters) or <see cref="BlockScalar{T}"/> (lane by lane). Every operation is lane-wise IEEE arithmetic or a
/// <see cref="VectorMath"/> function, so a lane holds the same bits whichever block type computed it; the row kernels are
/// written once over this interface and are therefore bit-identical on every width.
/// </summary>
/// <typeparam name="TSelf">The block type.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
internal interface IRowBlock<TSelf, T>
    where TSelf : struct, IRowBlock<TSelf, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>Loads the 64 bytes at <paramref name="source"/> + <paramref name="index"/>.</summary>
    static abstract TSelf Load(ref T source, nuint index);

    /// <summary>Stores the block at <paramref name="destination"/> + <paramref name="index"/>.</summary>
    static abstract void Store(TSelf value, ref T destination, nuint index);

    /// <summary>Stores only the first <paramref name="count"/> lanes (a masked store where the hardware has one).</summary>
    static abstract void StoreFirst(TSelf value, ref T destination, nuint index, int count);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(T value);

    /// <summary>Lanes below <paramref name="count"/> from <paramref name="value"/>, the others <paramref name="fill"/>.</summary>
    static abstract TSelf KeepFirst(TSelf value, int count, T fill);

    static abstract TSelf Add(TSelf left, TSelf right);

    static abstract TSelf Subtract(TSelf left, TSelf right);

    static abstract TSelf Multiply(TSelf left, TSelf right);

    /// <summary>IEEE division, lane by lane.</summary>
    static abstract TSelf Divide(TSelf left, TSelf right);

    /// <summary>IEEE 754:2019 maximum (NaN propagates).</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary><see cref="VectorMath"/>'s Exp, lane by lane.</summary>
    static abstract TSelf Exp(TSelf x);

    /// <summary><see cref="VectorMath"/>'s Log, lane by lane.</summary>
    static abstract TSelf Log(TSelf x);

    /// <summary>The lanes added by halving (lane j + lane j + n/2, recursively), as the driver's final step.</summary>
    static abstract T Sum(TSelf value);

    /// <summary>The largest lane (NaN if any lane is NaN); exact, so the order does not matter.</summary>
    static abstract T MaxAcross(TSelf value);
}

/// <summary>Lane-wise math shared by the block types: the generic-T front of <see cref="VectorMath"/>.</summary>
internal static class BlockMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.Exp(Unsafe.BitCast<T, float>(x)))
            : Unsafe.BitCast<double, T>(VectorMath.Exp(Unsafe.BitCast<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.Log(Unsafe.BitCast<T, float>(x)))
            : Unsafe.BitCast<double, T>(VectorMath.Log(Unsafe.BitCast<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.Tanh(Unsafe.BitCast<T, float>(x)))
            : Unsafe.BitCast<double, T>(VectorMath.Tanh(Unsafe.BitCast<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.Sigmoid(Unsafe.BitCast<T, float>(x)))
            : Unsafe.BitCast<double, T>(VectorMath.Sigmoid(Unsafe.BitCast<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogSigmoid<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.LogSigmoid(Unsafe.BitCast<T, float>(x)))
            : Unsafe.BitCast<double, T>(VectorMath.LogSigmoid(Unsafe.BitCast<T, double>(x)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Pow<T>(T x, T y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? Unsafe.BitCast<float, T>(VectorMath.Pow(Unsafe.BitCast<T, float>(x), Unsafe.BitCast<T, float>(y)))
            : Unsafe.BitCast<double, T>(VectorMath.Pow(Unsafe.BitCast<T, double>(x), Unsafe.BitCast<T, double>(y)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Exp(x.AsSingle()).As<float, T>() : VectorMath.Exp(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Exp(x.AsSingle()).As<float, T>() : VectorMath.Exp(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Exp(x.AsSingle()).As<float, T>() : VectorMath.Exp(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Log<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Log(x.AsSingle()).As<float, T>() : VectorMath.Log(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Log<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Log(x.AsSingle()).As<float, T>() : VectorMath.Log(x.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Log<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float) ? VectorMath.Log(x.AsSingle()).As<float, T>() : VectorMath.Log(x.AsDouble()).As<double, T>();

    /// <summary>The first <paramref name="count"/> lanes of <paramref name="value"/>, element by element.</summary>
    public static void StoreFirst<T>(Vector512<T> value, ref T destination, nuint index, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T lane = ref Unsafe.As<Vector512<T>, T>(ref value);
        for (int j = 0; j < count; j++)
        {
            Unsafe.Add(ref destination, index + (nuint)j) = Unsafe.Add(ref lane, j);
        }
    }

    /// <summary>The last halving steps inside one Vector128 (4 float or 2 double lanes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Halve<T>(Vector128<T> q)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector128<T>.Count == 4 ? (q.GetElement(0) + q.GetElement(2)) + (q.GetElement(1) + q.GetElement(3)) : q.GetElement(0) + q.GetElement(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MaxAcross<T>(Vector128<T> q)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T m = T.Max(q.GetElement(0), q.GetElement(1));
        for (int j = 2; j < Vector128<T>.Count; j++)
        {
            m = T.Max(m, q.GetElement(j));
        }

        return m;
    }
}

/// <summary>The block as one <see cref="Vector512{T}"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct Block512<T> : IRowBlock<Block512<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector512<T> _v;

    private Block512(Vector512<T> v) => _v = v;

    public static Block512<T> Load(ref T source, nuint index) => new(Vector512.LoadUnsafe(ref source, index));

    public static void Store(Block512<T> value, ref T destination, nuint index) => value._v.StoreUnsafe(ref destination, index);

    // Called per short row by the gradients (the pinning keeps it from being inlined); fully optimized from the first
    // call, as the dynamic-PGO version made CrossEntropy's C = 10 gradient ~10% slower.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static unsafe void StoreFirst(Block512<T> value, ref T destination, nuint index, int count)
    {
        if (Avx512F.IsSupported)
        {
            Vector512<T> mask = Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(count)));
            fixed (T* p = &Unsafe.Add(ref destination, index))
            {
                if (typeof(T) == typeof(float))
                {
                    Avx512F.MaskStore((float*)p, mask.AsSingle(), value._v.AsSingle());
                }
                else
                {
                    Avx512F.MaskStore((double*)p, mask.AsDouble(), value._v.AsDouble());
                }
            }
        }
        else
        {
            BlockMath.StoreFirst(value._v, ref destination, index, count);
        }
    }

    public static Block512<T> Create(T value) => new(Vector512.Create(value));

    public static Block512<T> KeepFirst(Block512<T> value, int count, T fill)
        => new(Vector512.ConditionalSelect(Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(count))), value._v, Vector512.Create(fill)));

    public static Block512<T> Add(Block512<T> left, Block512<T> right) => new(left._v + right._v);

    public static Block512<T> Subtract(Block512<T> left, Block512<T> right) => new(left._v - right._v);

    public static Block512<T> Multiply(Block512<T> left, Block512<T> right) => new(left._v * right._v);

    public static Block512<T> Divide(Block512<T> left, Block512<T> right) => new(left._v / right._v);

    public static Block512<T> Max(Block512<T> left, Block512<T> right) => new(Vector512.Max(left._v, right._v));

    public static Block512<T> Exp(Block512<T> x) => new(BlockMath.Exp(x._v));

    public static Block512<T> Log(Block512<T> x) => new(BlockMath.Log(x._v));

    public static T Sum(Block512<T> value)
    {
        Vector256<T> half = value._v.GetLower() + value._v.GetUpper();
        return BlockMath.Halve(half.GetLower() + half.GetUpper());
    }

    public static T MaxAcross(Block512<T> value)
    {
        Vector256<T> half = Vector256.Max(value._v.GetLower(), value._v.GetUpper());
        return BlockMath.MaxAcross(Vector128.Max(half.GetLower(), half.GetUpper()));
    }
}
