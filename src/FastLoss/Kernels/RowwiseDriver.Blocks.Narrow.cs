using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastLoss.Kernels;

// The narrower blocks: the same 64 bytes as Block512, computed as two Vector256, four Vector128 or lane by lane.

/// <summary>The block as two <see cref="Vector256{T}"/> halves (lanes 0…n/2−1 and n/2…n−1).</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct Block256<T> : IRowBlock<Block256<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector256<T> _lo;
    private readonly Vector256<T> _hi;

    private Block256(Vector256<T> lo, Vector256<T> hi)
    {
        _lo = lo;
        _hi = hi;
    }

    private static nuint Half => (nuint)Vector256<T>.Count;

    public static Block256<T> Load(ref T source, nuint index)
        => new(Vector256.LoadUnsafe(ref source, index), Vector256.LoadUnsafe(ref source, index + Half));

    public static void Store(Block256<T> value, ref T destination, nuint index)
    {
        value._lo.StoreUnsafe(ref destination, index);
        value._hi.StoreUnsafe(ref destination, index + Half);
    }

    public static unsafe void StoreFirst(Block256<T> value, ref T destination, nuint index, int count)
    {
        if (Avx.IsSupported)
        {
            Vector256<T> limit = Vector256.Create(T.CreateTruncating(count));
            Vector256<T> lo = Vector256.LessThan(Vector256<T>.Indices, limit);
            Vector256<T> hi = Vector256.LessThan(Vector256<T>.Indices + Vector256.Create(T.CreateTruncating(Vector256<T>.Count)), limit);
            fixed (T* p = &Unsafe.Add(ref destination, index))
            {
                if (typeof(T) == typeof(float))
                {
                    Avx.MaskStore((float*)p, lo.AsSingle(), value._lo.AsSingle());
                    Avx.MaskStore((float*)p + Vector256<T>.Count, hi.AsSingle(), value._hi.AsSingle());
                }
                else
                {
                    Avx.MaskStore((double*)p, lo.AsDouble(), value._lo.AsDouble());
                    Avx.MaskStore((double*)p + Vector256<T>.Count, hi.AsDouble(), value._hi.AsDouble());
                }
            }
        }
        else
        {
            BlockMath.StoreFirst(Vector512.Create(value._lo, value._hi), ref destination, index, count);
        }
    }

    public static Block256<T> Create(T value) => new(Vector256.Create(value), Vector256.Create(value));

    public static Block256<T> KeepFirst(Block256<T> value, int count, T fill)
    {
        Vector256<T> limit = Vector256.Create(T.CreateTruncating(count));
        Vector256<T> f = Vector256.Create(fill);
        Vector256<T> indices = Vector256<T>.Indices;
        return new(
            Vector256.ConditionalSelect(Vector256.LessThan(indices, limit), value._lo, f),
            Vector256.ConditionalSelect(Vector256.LessThan(indices + Vector256.Create(T.CreateTruncating(Vector256<T>.Count)), limit), value._hi, f));
    }

    public static Block256<T> Add(Block256<T> left, Block256<T> right) => new(left._lo + right._lo, left._hi + right._hi);

    public static Block256<T> Subtract(Block256<T> left, Block256<T> right) => new(left._lo - right._lo, left._hi - right._hi);

    public static Block256<T> Multiply(Block256<T> left, Block256<T> right) => new(left._lo * right._lo, left._hi * right._hi);

    public static Block256<T> Divide(Block256<T> left, Block256<T> right) => new(left._lo / right._lo, left._hi / right._hi);

    public static Block256<T> Max(Block256<T> left, Block256<T> right) => new(Vector256.Max(left._lo, right._lo), Vector256.Max(left._hi, right._hi));

    public static Block256<T> Exp(Block256<T> x) => new(BlockMath.Exp(x._lo), BlockMath.Exp(x._hi));

    public static Block256<T> Log(Block256<T> x) => new(BlockMath.Log(x._lo), BlockMath.Log(x._hi));

    public static T Sum(Block256<T> value)
    {
        Vector256<T> half = value._lo + value._hi;
        return BlockMath.Halve(half.GetLower() + half.GetUpper());
    }

    public static T MaxAcross(Block256<T> value)
    {
        Vector256<T> half = Vector256.Max(value._lo, value._hi);
        return BlockMath.MaxAcross(Vector128.Max(half.GetLower(), half.GetUpper()));
    }
}

/// <summary>The block as four <see cref="Vector128{T}"/> quarters.</summary>
/// <typeparam name="T">float or double.</typeparam>
internal readonly struct Block128<T> : IRowBlock<Block128<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private readonly Vector128<T> _a;
    private readonly Vector128<T> _b;
    private readonly Vector128<T> _c;
    private readonly Vector128<T> _d;

    private Block128(Vector128<T> a, Vector128<T> b, Vector128<T> c, Vector128<T> d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    private static nuint Quarter => (nuint)Vector128<T>.Count;

    public static Block128<T> Load(ref T source, nuint index)
        => new(
            Vector128.LoadUnsafe(ref source, index),
            Vector128.LoadUnsafe(ref source, index + Quarter),
            Vector128.LoadUnsafe(ref source, index + (2 * Quarter)),
            Vector128.LoadUnsafe(ref source, index + (3 * Quarter)));

    public static void Store(Block128<T> value, ref T destination, nuint index)
    {
        value._a.StoreUnsafe(ref destination, index);
        value._b.StoreUnsafe(ref destination, index + Quarter);
        value._c.StoreUnsafe(ref destination, index + (2 * Quarter));
        value._d.StoreUnsafe(ref destination, index + (3 * Quarter));
    }

    public static void StoreFirst(Block128<T> value, ref T destination, nuint index, int count)
        => BlockMath.StoreFirst(Vector512.Create(Vector256.Create(value._a, value._b), Vector256.Create(value._c, value._d)), ref destination, index, count);

    public static Block128<T> Create(T value)
    {
        Vector128<T> v = Vector128.Create(value);
        return new(v, v, v, v);
    }

    public static Block128<T> KeepFirst(Block128<T> value, int count, T fill)
    {
        Vector128<T> limit = Vector128.Create(T.CreateTruncating(count));
        Vector128<T> f = Vector128.Create(fill);
        Vector128<T> indices = Vector128<T>.Indices;
        Vector128<T> step = Vector128.Create(T.CreateTruncating(Vector128<T>.Count));
        return new(
            Vector128.ConditionalSelect(Vector128.LessThan(indices, limit), value._a, f),
            Vector128.ConditionalSelect(Vector128.LessThan(indices + step, limit), value._b, f),
            Vector128.ConditionalSelect(Vector128.LessThan(indices + step + step, limit), value._c, f),
            Vector128.ConditionalSelect(Vector128.LessThan(indices + step + step + step, limit), value._d, f));
    }

    public static Block128<T> Add(Block128<T> left, Block128<T> right)
        => new(left._a + right._a, left._b + right._b, left._c + right._c, left._d + right._d);

    public static Block128<T> Subtract(Block128<T> left, Block128<T> right)
        => new(left._a - right._a, left._b - right._b, left._c - right._c, left._d - right._d);

    public static Block128<T> Multiply(Block128<T> left, Block128<T> right)
        => new(left._a * right._a, left._b * right._b, left._c * right._c, left._d * right._d);

    public static Block128<T> Divide(Block128<T> left, Block128<T> right)
        => new(left._a / right._a, left._b / right._b, left._c / right._c, left._d / right._d);

    public static Block128<T> Max(Block128<T> left, Block128<T> right)
        => new(Vector128.Max(left._a, right._a), Vector128.Max(left._b, right._b), Vector128.Max(left._c, right._c), Vector128.Max(left._d, right._d));

    public static Block128<T> Exp(Block128<T> x)
        => new(BlockMath.Exp(x._a), BlockMath.Exp(x._b), BlockMath.Exp(x._c), BlockMath.Exp(x._d));

    public static Block128<T> Log(Block128<T> x)
        => new(BlockMath.Log(x._a), BlockMath.Log(x._b), BlockMath.Log(x._c), BlockMath.Log(x._d));

    // Halving: lanes j += j + n/2 is (a + c, b + d); then j += j + n/4 is (a + c) + (b + d).
    public static T Sum(Block128<T> value) => BlockMath.Halve((value._a + value._c) + (value._b + value._d));

    public static T MaxAcross(Block128<T> value)
        => BlockMath.MaxAcross(Vector128.Max(Vector128.Max(value._a, value._c), Vector128.Max(value._b, value._d)));
}

/// <summary>The block computed lane by lane with scalar code (the reference the vector blocks must match).</summary>
/// <typeparam name="T">float or double.</typeparam>
internal struct BlockScalar<T> : IRowBlock<BlockScalar<T>, T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    private Lanes _lanes;

    private static int Count => 64 / Unsafe.SizeOf<T>();

    public static BlockScalar<T> Load(ref T source, nuint index)
    {
        BlockScalar<T> r = default;
        for (int j = 0; j < Count; j++)
        {
            r[j] = Unsafe.Add(ref source, index + (nuint)j);
        }

        return r;
    }

    public static void Store(BlockScalar<T> value, ref T destination, nuint index)
    {
        for (int j = 0; j < Count; j++)
        {
            Unsafe.Add(ref destination, index + (nuint)j) = value[j];
        }
    }

    public static void StoreFirst(BlockScalar<T> value, ref T destination, nuint index, int count)
    {
        for (int j = 0; j < count; j++)
        {
            Unsafe.Add(ref destination, index + (nuint)j) = value[j];
        }
    }

    public static BlockScalar<T> Create(T value)
    {
        BlockScalar<T> r = default;
        for (int j = 0; j < Count; j++)
        {
            r[j] = value;
        }

        return r;
    }

    public static BlockScalar<T> KeepFirst(BlockScalar<T> value, int count, T fill)
    {
        for (int j = count; j < Count; j++)
        {
            value[j] = fill;
        }

        return value;
    }

    public static BlockScalar<T> Add(BlockScalar<T> left, BlockScalar<T> right)
    {
        for (int j = 0; j < Count; j++)
        {
            left[j] += right[j];
        }

        return left;
    }

    public static BlockScalar<T> Subtract(BlockScalar<T> left, BlockScalar<T> right)
    {
        for (int j = 0; j < Count; j++)
        {
            left[j] -= right[j];
        }

        return left;
    }

    public static BlockScalar<T> Multiply(BlockScalar<T> left, BlockScalar<T> right)
    {
        for (int j = 0; j < Count; j++)
        {
            left[j] *= right[j];
        }

        return left;
    }

    public static BlockScalar<T> Divide(BlockScalar<T> left, BlockScalar<T> right)
    {
        for (int j = 0; j < Count; j++)
        {
            left[j] /= right[j];
        }

        return left;
    }

    public static BlockScalar<T> Max(BlockScalar<T> left, BlockScalar<T> right)
    {
        for (int j = 0; j < Count; j++)
        {
            left[j] = T.Max(left[j], right[j]);
        }

        return left;
    }

    public static BlockScalar<T> Exp(BlockScalar<T> x)
    {
        for (int j = 0; j < Count; j++)
        {
            x[j] = BlockMath.Exp(x[j]);
        }

        return x;
    }

    public static BlockScalar<T> Log(BlockScalar<T> x)
    {
        for (int j = 0; j < Count; j++)
        {
            x[j] = BlockMath.Log(x[j]);
        }

        return x;
    }

    public static T Sum(BlockScalar<T> value)
    {
        for (int width = Count / 2; width >= 1; width /= 2)
        {
            for (int j = 0; j < width; j++)
            {
                value[j] += value[j + width];
            }
        }

        return value[0];
    }

    public static T MaxAcross(BlockScalar<T> value)
    {
        T m = value[0];
        for (int j = 1; j < Count; j++)
        {
            m = T.Max(m, value[j]);
        }

        return m;
    }

    private T this[int lane]
    {
        readonly get => Unsafe.Add(ref Unsafe.As<Lanes, T>(ref Unsafe.AsRef(in _lanes)), lane);
        set => Unsafe.Add(ref Unsafe.As<Lanes, T>(ref _lanes), lane) = value;
    }

    /// <summary>64 bytes of storage.</summary>
    [InlineArray(8)]
    private struct Lanes
    {
        private ulong _element;
    }
}
