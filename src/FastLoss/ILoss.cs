using System.Numerics;

namespace FastLoss;

/// <summary>
/// A loss of an input (prediction) against a target, element by element, as a training loop consumes it.
/// Every <see cref="LossFormulaAttribute"/> formula whose operands are exactly <c>(input, target)</c> gets a sealed
/// class implementing this interface, with its hyperparameters as constructor arguments.
/// </summary>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface ILoss<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Computes the reduced loss.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="reduction">How per-element losses are combined.</param>
    /// <returns>The reduced loss (NaN for the mean of an empty input).</returns>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    T Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the per-element losses (PyTorch's <c>reduction='none'</c>).</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="destination">Receives one loss per element; at least as long as <paramref name="input"/>.</param>
    /// <exception cref="ArgumentException">The spans differ in length, the destination is too short, or it overlaps an input partially.</exception>
    void Loss(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> destination);

    /// <summary>Writes the gradient of the reduced loss with respect to <paramref name="input"/>.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input); at least as long as <paramref name="input"/>.</param>
    /// <param name="reduction">The reduction whose gradient is taken.</param>
    /// <exception cref="ArgumentException">The spans differ in length, the gradient span is too short, or it overlaps an input partially.</exception>
    void Gradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Reduction reduction = Reduction.Mean);

    /// <summary>Computes the reduced loss and writes its gradient in one pass over the data.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input); at least as long as <paramref name="input"/>.</param>
    /// <param name="reduction">How per-element losses are combined.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, the gradient span is too short, or it overlaps an input partially.</exception>
    T LossWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Reduction reduction = Reduction.Mean);

    /// <summary>Writes the diagonal of the Hessian of the reduced loss with respect to <paramref name="input"/>.</summary>
    /// <param name="input">The predictions.</param>
    /// <param name="target">The targets, one per prediction.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)²; at least as long as <paramref name="input"/>.</param>
    /// <param name="reduction">The reduction whose second derivative is taken.</param>
    /// <exception cref="ArgumentException">The spans differ in length, the Hessian span is too short, or it overlaps an input partially.</exception>
    void Hessian(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputHessian, Reduction reduction = Reduction.Mean);
}
