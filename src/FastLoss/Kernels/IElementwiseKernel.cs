using System.ComponentModel;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastLoss.Kernels;

/// <summary>
/// An element-wise loss bound to its operand spans: what generated code hands to <see cref="ElementwiseDriver"/>.
/// Index <c>i</c> addresses element <c>i</c> of every operand; a vector overload covers elements
/// <c>[i, i + Count)</c>. Infrastructure for generated code, not meant to be implemented by hand.
/// </summary>
/// <remarks>
/// Contract the driver relies on: for every element, the scalar overload and every lane of the vector overloads
/// return the same bits. Generated kernels guarantee it by lowering every operation to the deterministic
/// implementations of <see cref="VectorMath"/> and never contracting multiply-adds. That is what lets the driver
/// mix widths (vector body, scalar tail) and still give results that do not depend on the hardware.
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IElementwiseKernel<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    /// <summary>
    /// Gets a value indicating whether the kernel is arithmetic only: no call into <see cref="VectorMath"/>, a few
    /// instructions per vector. The driver's sum loop then inlines it once per accumulator (four blocks per
    /// iteration) instead of once; the sums, and so the bits, are the same.
    /// </summary>
    static virtual bool IsArithmetic => false;

    /// <summary>Gets the number of elements of every operand.</summary>
    int Length { get; }

    /// <summary>The loss of element <paramref name="i"/>.</summary>
    /// <param name="i">The element index.</param>
    /// <returns>The per-element loss.</returns>
    T Loss(nuint i);

    /// <summary>The losses of the elements starting at <paramref name="i"/>.</summary>
    /// <param name="i">The first element index.</param>
    /// <returns>The per-element losses.</returns>
    Vector128<T> Loss128(nuint i);

    /// <inheritdoc cref="Loss128"/>
    Vector256<T> Loss256(nuint i);

    /// <inheritdoc cref="Loss128"/>
    Vector512<T> Loss512(nuint i);

    /// <summary>d(loss)/d(input) of element <paramref name="i"/>.</summary>
    /// <param name="i">The element index.</param>
    /// <returns>The per-element gradient.</returns>
    T Gradient(nuint i);

    /// <summary>d(loss)/d(input) of the elements starting at <paramref name="i"/>.</summary>
    /// <param name="i">The first element index.</param>
    /// <returns>The per-element gradients.</returns>
    Vector128<T> Gradient128(nuint i);

    /// <inheritdoc cref="Gradient128"/>
    Vector256<T> Gradient256(nuint i);

    /// <inheritdoc cref="Gradient128"/>
    Vector512<T> Gradient512(nuint i);

    /// <summary>d²(loss)/d(input)² of element <paramref name="i"/>.</summary>
    /// <param name="i">The element index.</param>
    /// <returns>The per-element second derivative.</returns>
    T Hessian(nuint i);

    /// <summary>d²(loss)/d(input)² of the elements starting at <paramref name="i"/>.</summary>
    /// <param name="i">The first element index.</param>
    /// <returns>The per-element second derivatives.</returns>
    Vector128<T> Hessian128(nuint i);

    /// <inheritdoc cref="Hessian128"/>
    Vector256<T> Hessian256(nuint i);

    /// <inheritdoc cref="Hessian128"/>
    Vector512<T> Hessian512(nuint i);

    /// <summary>The loss and its gradient of element <paramref name="i"/>, sharing common subexpressions.</summary>
    /// <param name="i">The element index.</param>
    /// <param name="gradient">Receives d(loss)/d(input).</param>
    /// <returns>The per-element loss.</returns>
    T LossAndGradient(nuint i, out T gradient);

    /// <summary>The losses and gradients of the elements starting at <paramref name="i"/>.</summary>
    /// <param name="i">The first element index.</param>
    /// <param name="gradient">Receives d(loss)/d(input).</param>
    /// <returns>The per-element losses.</returns>
    Vector128<T> LossAndGradient128(nuint i, out Vector128<T> gradient);

    /// <inheritdoc cref="LossAndGradient128"/>
    Vector256<T> LossAndGradient256(nuint i, out Vector256<T> gradient);

    /// <inheritdoc cref="LossAndGradient128"/>
    Vector512<T> LossAndGradient512(nuint i, out Vector512<T> gradient);
}
