using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// The memory floor a loss kernel is compared with: loops that touch exactly the bytes a loss has to touch and do
/// one add per element. <see cref="Sum{T}"/> only reads the operands (as the reduced forward loss must);
/// <see cref="Store{T}"/> reads them and writes one output (as the gradient must); <see cref="SumAndStore{T}"/>
/// also sums what it writes (as the fused loss and gradient must). Widest accelerated vector
/// first (Vector512, Vector256, Vector128, as FastLoss dispatches, so each ISA job gets its own floor), four
/// independent accumulators, a scalar tail.
/// </summary>
public static class ReadBound
{
    /// <summary>Σ a[i] + b[i].</summary>
    public static T Sum<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b)
        where T : unmanaged, INumber<T>
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        nuint n = (nuint)a.Length;
        nuint i = 0;
        T total = T.Zero;

        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= (nuint)Vector512<T>.Count)
        {
            nuint w = (nuint)Vector512<T>.Count;
            Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                s0 += Vector512.LoadUnsafe(ref ra, i) + Vector512.LoadUnsafe(ref rb, i);
                s1 += Vector512.LoadUnsafe(ref ra, i + w) + Vector512.LoadUnsafe(ref rb, i + w);
                s2 += Vector512.LoadUnsafe(ref ra, i + (2 * w)) + Vector512.LoadUnsafe(ref rb, i + (2 * w));
                s3 += Vector512.LoadUnsafe(ref ra, i + (3 * w)) + Vector512.LoadUnsafe(ref rb, i + (3 * w));
            }

            for (; i + w <= n; i += w)
            {
                s0 += Vector512.LoadUnsafe(ref ra, i) + Vector512.LoadUnsafe(ref rb, i);
            }

            total = Vector512.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= (nuint)Vector256<T>.Count)
        {
            nuint w = (nuint)Vector256<T>.Count;
            Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                s0 += Vector256.LoadUnsafe(ref ra, i) + Vector256.LoadUnsafe(ref rb, i);
                s1 += Vector256.LoadUnsafe(ref ra, i + w) + Vector256.LoadUnsafe(ref rb, i + w);
                s2 += Vector256.LoadUnsafe(ref ra, i + (2 * w)) + Vector256.LoadUnsafe(ref rb, i + (2 * w));
                s3 += Vector256.LoadUnsafe(ref ra, i + (3 * w)) + Vector256.LoadUnsafe(ref rb, i + (3 * w));
            }

            for (; i + w <= n; i += w)
            {
                s0 += Vector256.LoadUnsafe(ref ra, i) + Vector256.LoadUnsafe(ref rb, i);
            }

            total = Vector256.Sum((s0 + s1) + (s2 + s3));
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= (nuint)Vector128<T>.Count)
        {
            nuint w = (nuint)Vector128<T>.Count;
            Vector128<T> s0 = Vector128<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                s0 += Vector128.LoadUnsafe(ref ra, i) + Vector128.LoadUnsafe(ref rb, i);
                s1 += Vector128.LoadUnsafe(ref ra, i + w) + Vector128.LoadUnsafe(ref rb, i + w);
                s2 += Vector128.LoadUnsafe(ref ra, i + (2 * w)) + Vector128.LoadUnsafe(ref rb, i + (2 * w));
                s3 += Vector128.LoadUnsafe(ref ra, i + (3 * w)) + Vector128.LoadUnsafe(ref rb, i + (3 * w));
            }

            for (; i + w <= n; i += w)
            {
                s0 += Vector128.LoadUnsafe(ref ra, i) + Vector128.LoadUnsafe(ref rb, i);
            }

            total = Vector128.Sum((s0 + s1) + (s2 + s3));
        }

        for (; i < n; i++)
        {
            total += Unsafe.Add(ref ra, i) + Unsafe.Add(ref rb, i);
        }

        return total;
    }

    /// <summary>destination[i] = a[i] + b[i]: the floor of a gradient (read the operands, write one span).</summary>
    public static void Store<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, INumber<T>
        => Map<T, NoSum>(a, b, destination);

    /// <summary>destination[i] = a[i] + b[i] and Σ destination[i]: the floor of a fused loss and gradient.</summary>
    public static T SumAndStore<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, INumber<T>
        => Map<T, WithSum>(a, b, destination);

    private static T Map<T, TSum>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination)
        where T : unmanaged, INumber<T>
        where TSum : ISumPolicy
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(b.Length, a.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, a.Length);
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rd = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)a.Length;
        nuint i = 0;
        T total = T.Zero;

        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= (nuint)Vector512<T>.Count)
        {
            nuint w = (nuint)Vector512<T>.Count;
            Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                Vector512<T> v0 = Vector512.LoadUnsafe(ref ra, i) + Vector512.LoadUnsafe(ref rb, i);
                Vector512<T> v1 = Vector512.LoadUnsafe(ref ra, i + w) + Vector512.LoadUnsafe(ref rb, i + w);
                Vector512<T> v2 = Vector512.LoadUnsafe(ref ra, i + (2 * w)) + Vector512.LoadUnsafe(ref rb, i + (2 * w));
                Vector512<T> v3 = Vector512.LoadUnsafe(ref ra, i + (3 * w)) + Vector512.LoadUnsafe(ref rb, i + (3 * w));
                v0.StoreUnsafe(ref rd, i);
                v1.StoreUnsafe(ref rd, i + w);
                v2.StoreUnsafe(ref rd, i + (2 * w));
                v3.StoreUnsafe(ref rd, i + (3 * w));
                if (TSum.Enabled)
                {
                    s0 += v0;
                    s1 += v1;
                    s2 += v2;
                    s3 += v3;
                }
            }

            for (; i + w <= n; i += w)
            {
                Vector512<T> v = Vector512.LoadUnsafe(ref ra, i) + Vector512.LoadUnsafe(ref rb, i);
                v.StoreUnsafe(ref rd, i);
                if (TSum.Enabled)
                {
                    s0 += v;
                }
            }

            total = TSum.Enabled ? Vector512.Sum((s0 + s1) + (s2 + s3)) : T.Zero;
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= (nuint)Vector256<T>.Count)
        {
            nuint w = (nuint)Vector256<T>.Count;
            Vector256<T> s0 = Vector256<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                Vector256<T> v0 = Vector256.LoadUnsafe(ref ra, i) + Vector256.LoadUnsafe(ref rb, i);
                Vector256<T> v1 = Vector256.LoadUnsafe(ref ra, i + w) + Vector256.LoadUnsafe(ref rb, i + w);
                Vector256<T> v2 = Vector256.LoadUnsafe(ref ra, i + (2 * w)) + Vector256.LoadUnsafe(ref rb, i + (2 * w));
                Vector256<T> v3 = Vector256.LoadUnsafe(ref ra, i + (3 * w)) + Vector256.LoadUnsafe(ref rb, i + (3 * w));
                v0.StoreUnsafe(ref rd, i);
                v1.StoreUnsafe(ref rd, i + w);
                v2.StoreUnsafe(ref rd, i + (2 * w));
                v3.StoreUnsafe(ref rd, i + (3 * w));
                if (TSum.Enabled)
                {
                    s0 += v0;
                    s1 += v1;
                    s2 += v2;
                    s3 += v3;
                }
            }

            for (; i + w <= n; i += w)
            {
                Vector256<T> v = Vector256.LoadUnsafe(ref ra, i) + Vector256.LoadUnsafe(ref rb, i);
                v.StoreUnsafe(ref rd, i);
                if (TSum.Enabled)
                {
                    s0 += v;
                }
            }

            total = TSum.Enabled ? Vector256.Sum((s0 + s1) + (s2 + s3)) : T.Zero;
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= (nuint)Vector128<T>.Count)
        {
            nuint w = (nuint)Vector128<T>.Count;
            Vector128<T> s0 = Vector128<T>.Zero, s1 = s0, s2 = s0, s3 = s0;
            for (; i + (4 * w) <= n; i += 4 * w)
            {
                Vector128<T> v0 = Vector128.LoadUnsafe(ref ra, i) + Vector128.LoadUnsafe(ref rb, i);
                Vector128<T> v1 = Vector128.LoadUnsafe(ref ra, i + w) + Vector128.LoadUnsafe(ref rb, i + w);
                Vector128<T> v2 = Vector128.LoadUnsafe(ref ra, i + (2 * w)) + Vector128.LoadUnsafe(ref rb, i + (2 * w));
                Vector128<T> v3 = Vector128.LoadUnsafe(ref ra, i + (3 * w)) + Vector128.LoadUnsafe(ref rb, i + (3 * w));
                v0.StoreUnsafe(ref rd, i);
                v1.StoreUnsafe(ref rd, i + w);
                v2.StoreUnsafe(ref rd, i + (2 * w));
                v3.StoreUnsafe(ref rd, i + (3 * w));
                if (TSum.Enabled)
                {
                    s0 += v0;
                    s1 += v1;
                    s2 += v2;
                    s3 += v3;
                }
            }

            for (; i + w <= n; i += w)
            {
                Vector128<T> v = Vector128.LoadUnsafe(ref ra, i) + Vector128.LoadUnsafe(ref rb, i);
                v.StoreUnsafe(ref rd, i);
                if (TSum.Enabled)
                {
                    s0 += v;
                }
            }

            total = TSum.Enabled ? Vector128.Sum((s0 + s1) + (s2 + s3)) : T.Zero;
        }

        for (; i < n; i++)
        {
            T v = Unsafe.Add(ref ra, i) + Unsafe.Add(ref rb, i);
            Unsafe.Add(ref rd, i) = v;
            total += v;
        }

        return total;
    }

    private interface ISumPolicy
    {
        static abstract bool Enabled { get; }
    }

    private readonly struct NoSum : ISumPolicy
    {
        public static bool Enabled => false;
    }

    private readonly struct WithSum : ISumPolicy
    {
        public static bool Enabled => true;
    }
}
