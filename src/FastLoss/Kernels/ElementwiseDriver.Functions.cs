using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

public static partial class ElementwiseDriver
{
    /// <summary>Which per-element quantity a map writes: the loss, the gradient or the Hessian.</summary>
    private interface IMapFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        static abstract T Invoke<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct;

        static abstract Vector128<T> Invoke128<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct;

        static abstract Vector256<T> Invoke256<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct;

        static abstract Vector512<T> Invoke512<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct;
    }

    private readonly struct LossOf<T> : IMapFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static T Invoke<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Loss(i);

        public static Vector128<T> Invoke128<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Loss128(i);

        public static Vector256<T> Invoke256<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Loss256(i);

        public static Vector512<T> Invoke512<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Loss512(i);
    }

    private readonly struct GradientOf<T> : IMapFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static T Invoke<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Gradient(i);

        public static Vector128<T> Invoke128<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Gradient128(i);

        public static Vector256<T> Invoke256<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Gradient256(i);

        public static Vector512<T> Invoke512<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Gradient512(i);
    }

    private readonly struct HessianOf<T> : IMapFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public static T Invoke<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Hessian(i);

        public static Vector128<T> Invoke128<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Hessian128(i);

        public static Vector256<T> Invoke256<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Hessian256(i);

        public static Vector512<T> Invoke512<TKernel>(ref TKernel kernel, nuint i)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Hessian512(i);
    }

    /// <summary>Where a fused pass stores its gradients, and the reduction's factor.</summary>
    private ref struct GradientSink<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ref T Destination;
        public T Scale;

        public GradientSink(Span<T> destination, T scale)
        {
            Destination = ref MemoryMarshal.GetReference(destination);
            Scale = scale;
        }
    }

    /// <summary>Produces the 64-byte loss blocks a sum accumulates (and, when fused, stores gradients on the way).</summary>
    private interface IBlockFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        /// <summary>The losses of the full block at <paramref name="i"/>, at the widest accelerated width.</summary>
        static abstract Vector512<T> Block<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct;

        /// <summary>The loss of element <paramref name="i"/> with scalar code.</summary>
        static abstract T Element<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct;
    }

    private readonly struct LossBlocks<T> : IBlockFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Block<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct
        {
            if (Vector512.IsHardwareAccelerated)
            {
                return kernel.Loss512(i);
            }

            if (Vector256.IsHardwareAccelerated)
            {
                nuint half = (nuint)Vector256<T>.Count;
                return Vector512.Create(kernel.Loss256(i), kernel.Loss256(i + half));
            }

            if (Vector128.IsHardwareAccelerated)
            {
                nuint quarter = (nuint)Vector128<T>.Count;
                return Vector512.Create(
                    Vector256.Create(kernel.Loss128(i), kernel.Loss128(i + quarter)),
                    Vector256.Create(kernel.Loss128(i + (2 * quarter)), kernel.Loss128(i + (3 * quarter))));
            }

            return ScalarBlock<T, TKernel, LossBlocks<T>>(ref kernel, i, Vector512<T>.Count, ref sink);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Element<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct => kernel.Loss(i);
    }

    private readonly struct LossAndGradientBlocks<T> : IBlockFunction<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<T> Block<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct
        {
            if (Vector512.IsHardwareAccelerated)
            {
                Vector512<T> loss = kernel.LossAndGradient512(i, out Vector512<T> gradient);
                (gradient * Vector512.Create(sink.Scale)).StoreUnsafe(ref sink.Destination, i);
                return loss;
            }

            if (Vector256.IsHardwareAccelerated)
            {
                nuint half = (nuint)Vector256<T>.Count;
                Vector256<T> factor = Vector256.Create(sink.Scale);
                Vector256<T> lower = kernel.LossAndGradient256(i, out Vector256<T> lowerGradient);
                Vector256<T> upper = kernel.LossAndGradient256(i + half, out Vector256<T> upperGradient);
                (lowerGradient * factor).StoreUnsafe(ref sink.Destination, i);
                (upperGradient * factor).StoreUnsafe(ref sink.Destination, i + half);
                return Vector512.Create(lower, upper);
            }

            if (Vector128.IsHardwareAccelerated)
            {
                nuint quarter = (nuint)Vector128<T>.Count;
                Vector128<T> factor = Vector128.Create(sink.Scale);
                Vector128<T> l0 = kernel.LossAndGradient128(i, out Vector128<T> g0);
                Vector128<T> l1 = kernel.LossAndGradient128(i + quarter, out Vector128<T> g1);
                Vector128<T> l2 = kernel.LossAndGradient128(i + (2 * quarter), out Vector128<T> g2);
                Vector128<T> l3 = kernel.LossAndGradient128(i + (3 * quarter), out Vector128<T> g3);
                (g0 * factor).StoreUnsafe(ref sink.Destination, i);
                (g1 * factor).StoreUnsafe(ref sink.Destination, i + quarter);
                (g2 * factor).StoreUnsafe(ref sink.Destination, i + (2 * quarter));
                (g3 * factor).StoreUnsafe(ref sink.Destination, i + (3 * quarter));
                return Vector512.Create(Vector256.Create(l0, l1), Vector256.Create(l2, l3));
            }

            return ScalarBlock<T, TKernel, LossAndGradientBlocks<T>>(ref kernel, i, Vector512<T>.Count, ref sink);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static T Element<TKernel>(ref TKernel kernel, nuint i, scoped ref GradientSink<T> sink)
            where TKernel : IElementwiseKernel<T>, allows ref struct
        {
            T loss = kernel.LossAndGradient(i, out T gradient);
            Unsafe.Add(ref sink.Destination, i) = gradient * sink.Scale;
            return loss;
        }
    }
}
