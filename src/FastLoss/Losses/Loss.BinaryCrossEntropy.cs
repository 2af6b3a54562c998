using System.Numerics;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Binary cross-entropy on probabilities (<c>torch.nn.functional.binary_cross_entropy</c>):
    /// −(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)), with x = input and t = target.
    /// </summary>
    /// <remarks>
    /// <para>As in torch, each log is clamped at −100, so x = 0 or 1 gives a finite loss (100 where the target is the
    /// opposite class, 0 where it agrees) and log(1 − x) is computed as log1p(−x). The gradient is torch's hand-written
    /// (x − t) / max((1 − x)·x, 1e-12 rounded to float) (<see cref="BinaryCrossEntropyInputGradient{T}"/>), not the
    /// derivative of the clamped loss: torch is inconsistent here — the clamped loss is flat below x ≈ e^−100, but its
    /// gradient at x = 0 is ≈ −t·1e12 (huge, finite); the Hessian, derived from that gradient, behaves the same way.</para>
    /// <para>Valid range: torch requires both input and target in [0, 1] and raises otherwise (NaN and ±∞ included);
    /// so does FastLoss (<see cref="OperandAttribute"/>): an <see cref="ArgumentException"/> names the operand, the
    /// first bad element's index and its value, before anything is written. Prefer <see cref="BinaryCrossEntropyWithLogits{T}(T, T)"/> on logits, which is
    /// stable everywhere. torch's <c>weight</c>: the overloads with a <c>classCount</c> (<see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>). Kernels vs this
    /// method: a few ulp (see README, "Accuracy").</para>
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted probability, in [0, 1].</param>
    /// <param name="target">The target probability, in [0, 1] (0 or 1 for hard labels).</param>
    /// <returns>The per-element loss.</returns>
    [LossFormula(Gradient = nameof(BinaryCrossEntropyInputGradient))]
    public static T BinaryCrossEntropy<T>(
        [Operand(Minimum = 0, Maximum = 1, Rule = "torch: all elements of input should be between 0 and 1")] T input,
        [Operand(Minimum = 0, Maximum = 1, Rule = "torch: all elements of target should be between 0 and 1")] T target)
        where T : IFloatingPointIeee754<T>
    {
        T floor = T.CreateChecked(-100.0);

        // torch: (t − 1)·max(log1p(−x), −100) − t·max(log x, −100), in this order.
        return ((target - T.One) * T.Max(T.LogP1(-input), floor)) - (target * T.Max(T.Log(input), floor));
    }

    /// <summary>
    /// d(binary cross-entropy)/d(input) as torch computes it: (x − t) / max((1 − x)·x, ε) with ε = 1e-12 as a float
    /// constant (9.999999960041972e-13) in float and in double alike — torch's <c>EPSILON</c> is a <c>float</c>.
    /// </summary>
    /// <remarks>
    /// At x = 0 or 1 the denominator is the ε floor, so the gradient is ≈ ±1e12·|x − t| rather than ±∞ (0 where
    /// x = t). The symbolic derivative of the clamped loss would be 0 (or ∞) there instead.
    /// </remarks>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted probability.</param>
    /// <param name="target">The target probability.</param>
    /// <returns>The gradient of the per-element loss.</returns>
    private static T BinaryCrossEntropyInputGradient<T>(T input, T target)
        where T : IFloatingPointIeee754<T>
        => (input - target) / T.Max((T.One - input) * input, T.CreateChecked(9.999999960041972e-13));
}
