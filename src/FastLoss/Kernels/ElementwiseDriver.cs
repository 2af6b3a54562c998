using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FastLoss.Kernels;

/// <summary>
/// The one driver behind every element-wise loss: validation helpers, width dispatch, tails and reductions. Generated
/// code binds a formula's operands into an <see cref="IElementwiseKernel{T}"/> and calls one of these entry points.
/// Infrastructure for generated code.
/// </summary>
/// <remarks>
/// <para><b>Numerical contract.</b> Sums use a fixed logical layout: elements are grouped in 64-byte blocks (16
/// floats or 8 doubles), four interleaved block accumulators are added lane by lane over 16 steps, folded as
/// (a0 + a1) + (a2 + a3), and the folded blocks are combined by a binary-counter (pairwise) cascade; the lanes of
/// the final block are added by halving. Narrower hardware computes the same blocks from two Vector256 or four
/// Vector128 values, or from scalar code, and the tail is padded with −0 (the additive identity that keeps the sign
/// of zero). The result therefore depends only on the input values and their count — not on the SIMD width, the
/// buffer address or the tail length — and the error grows with log2(n) rather than n.</para>
/// <para><b>Threads.</b> Above <see cref="LossOptions.ParallelThreshold"/> (of <see cref="LossOptions.Current"/>), sums
/// are split in partitions of 2^8 chunks, complete subtrees of the cascade whose boundaries depend only on the element
/// type; workers sum whole partitions and the caller pushes them into the cascade in order, so the result does not
/// depend on the thread count either. Maps are split in partitions of 64 chunks.</para>
/// <para><b>No FMA.</b> Neither the driver nor generated kernels contract multiply-adds, so scalar and vector
/// code give the same bits (SLEEF's -ffp-contract=off decision, for the same reason).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ElementwiseDriver
{
    /// <summary>Reduces the per-element losses of <paramref name="kernel"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The mean or sum of the losses.</returns>
    public static T Reduce<T, TKernel>(scoped ref TKernel kernel, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateReduction(reduction);
        GradientSink<T> none = default;
        T sum = Sum<T, TKernel, LossBlocks<T>>(ref kernel, ref none);
        return reduction == Reduction.Mean ? sum / T.CreateTruncating(kernel.Length) : sum;
    }

    /// <summary>Writes the per-element losses of <paramref name="kernel"/> to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="destination">The destination, already validated to be long enough.</param>
    public static void MapLoss<T, TKernel>(scoped ref TKernel kernel, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
        => Map<T, TKernel, LossOf<T>>(ref kernel, destination, T.One);

    /// <summary>Writes d(reduced loss)/d(input) to <paramref name="inputGradient"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputGradient">The destination, already validated to be long enough.</param>
    /// <param name="reduction">The reduction whose gradient is taken.</param>
    public static void MapGradient<T, TKernel>(scoped ref TKernel kernel, Span<T> inputGradient, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateReduction(reduction);
        Map<T, TKernel, GradientOf<T>>(ref kernel, inputGradient, Scale<T>(reduction, kernel.Length));
    }

    /// <summary>Writes the diagonal of d²(reduced loss)/d(input)² to <paramref name="inputHessian"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputHessian">The destination, already validated to be long enough.</param>
    /// <param name="reduction">The reduction whose second derivative is taken.</param>
    public static void MapHessian<T, TKernel>(scoped ref TKernel kernel, Span<T> inputHessian, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateReduction(reduction);
        Map<T, TKernel, HessianOf<T>>(ref kernel, inputHessian, Scale<T>(reduction, kernel.Length));
    }

    /// <summary>Reduces the losses and writes the gradient of the reduced loss in one pass.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <typeparam name="TKernel">The kernel.</typeparam>
    /// <param name="kernel">The kernel bound to its operands.</param>
    /// <param name="inputGradient">The gradient destination, already validated to be long enough.</param>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The reduced loss.</returns>
    public static T ReduceWithGradient<T, TKernel>(scoped ref TKernel kernel, Span<T> inputGradient, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TKernel : IElementwiseKernel<T>, allows ref struct
    {
        ValidateReduction(reduction);
        var sink = new GradientSink<T>(inputGradient, Scale<T>(reduction, kernel.Length));
        T sum = Sum<T, TKernel, LossAndGradientBlocks<T>>(ref kernel, ref sink);
        return reduction == Reduction.Mean ? sum / T.CreateTruncating(kernel.Length) : sum;
    }

    /// <summary>The factor d(reduced)/d(per-element loss): 1/n for a mean, 1 for a sum.</summary>
    private static T Scale<T>(Reduction reduction, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => reduction == Reduction.Mean ? T.One / T.CreateTruncating(length) : T.One;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValidateReduction(Reduction reduction)
    {
        if (reduction is not (Reduction.Mean or Reduction.Sum))
        {
            ThrowHelper.ThrowUnsupportedReduction(reduction);
        }
    }
}
