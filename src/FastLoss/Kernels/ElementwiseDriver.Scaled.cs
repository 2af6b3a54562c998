using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

// Entry points whose reduction is not "divide by the element count": weighted means Σw·l / Σw (l1_loss, mse_loss with
// weight) and kl_div's 'batchmean' (sum / batch size). The caller computes the divisor; the sums use the same fixed
// layout as every other reduction, so the results stay bit-identical across SIMD widths.
public static partial class ElementwiseDriver
{
    /// <summary>The sum of <paramref name="values"/> in the fixed logical layout of every FastLoss reduction (e.g. a weight total).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="values">The values.</param>
    /// <returns>The sum (0 for no values).</returns>
    public static T Total<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var kernel = new ValuesKernel<T>(values);
        GradientSink<T> none = default;
        return Sum<T, ValuesKernel<T>, LossBlocks<T>>(ref kernel, ref none);
    }

    /// <summary>The sum of the per-element losses of <paramref name="kernel"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <returns>The sum.</returns>
    public static T ReduceSum<T, TKernel>(scoped ref TKernel kernel)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        GradientSink<T> none = default;
        return Sum<T, TKernel, LossBlocks<T>>(ref kernel, ref none);
    }

    /// <summary>Writes <paramref name="scale"/> · d(loss)/d(input) of each element to <paramref name="inputGradient"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputGradient">The destination, already validated to be long enough.</param>
    /// <param name="scale">d(reduced loss)/d(per-element loss), e.g. 1 / Σw.</param>
    public static void MapGradientScaled<T, TKernel>(scoped ref TKernel kernel, Span<T> inputGradient, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        => Map<T, TKernel, GradientOf<T>>(ref kernel, inputGradient, scale);

    /// <summary>Writes <paramref name="scale"/> · d²(loss)/d(input)² of each element to <paramref name="inputHessian"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputHessian">The destination, already validated to be long enough.</param>
    /// <param name="scale">d(reduced loss)/d(per-element loss).</param>
    public static void MapHessianScaled<T, TKernel>(scoped ref TKernel kernel, Span<T> inputHessian, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        => Map<T, TKernel, HessianOf<T>>(ref kernel, inputHessian, scale);

    /// <summary>
    /// Sums the losses and writes <paramref name="scale"/> · d(loss)/d(input) of each element in one pass; the caller
    /// divides the returned sum by the same divisor <paramref name="scale"/> was derived from.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputGradient">The gradient destination, already validated to be long enough.</param>
    /// <param name="scale">d(reduced loss)/d(per-element loss).</param>
    /// <returns>The sum of the losses.</returns>
    public static T ReduceSumWithScaledGradient<T, TKernel>(scoped ref TKernel kernel, Span<T> inputGradient, T scale)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        var sink = new GradientSink<T>(inputGradient, scale);
        return Sum<T, TKernel, LossAndGradientBlocks<T>>(ref kernel, ref sink);
    }

    /// <summary>Plain values as a kernel whose "loss" is the value itself: what <see cref="Total{T}"/> sums.</summary>
    private readonly ref struct ValuesKernel<T>(ReadOnlySpan<T> values) : IElementwiseKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // The driver reads only whole blocks within [0, Length): no bounds checks needed.
        private readonly ref T _values = ref MemoryMarshal.GetReference(values);

        public static bool IsArithmetic => true;

        public int Length { get; } = values.Length;

        public T Loss(nuint i) => Unsafe.Add(ref _values, i);

        public Vector128<T> Loss128(nuint i) => Vector128.LoadUnsafe(ref _values, i);

        public Vector256<T> Loss256(nuint i) => Vector256.LoadUnsafe(ref _values, i);

        public Vector512<T> Loss512(nuint i) => Vector512.LoadUnsafe(ref _values, i);

        public T Gradient(nuint i) => throw new NotSupportedException();

        public Vector128<T> Gradient128(nuint i) => throw new NotSupportedException();

        public Vector256<T> Gradient256(nuint i) => throw new NotSupportedException();

        public Vector512<T> Gradient512(nuint i) => throw new NotSupportedException();

        public T Hessian(nuint i) => throw new NotSupportedException();

        public Vector128<T> Hessian128(nuint i) => throw new NotSupportedException();

        public Vector256<T> Hessian256(nuint i) => throw new NotSupportedException();

        public Vector512<T> Hessian512(nuint i) => throw new NotSupportedException();

        public T LossAndGradient(nuint i, out T gradient) => throw new NotSupportedException();

        public Vector128<T> LossAndGradient128(nuint i, out Vector128<T> gradient) => throw new NotSupportedException();

        public Vector256<T> LossAndGradient256(nuint i, out Vector256<T> gradient) => throw new NotSupportedException();

        public Vector512<T> LossAndGradient512(nuint i, out Vector512<T> gradient) => throw new NotSupportedException();
    }
}
