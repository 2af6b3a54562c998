using System.Numerics;

namespace FastLoss.Tests.Golden;

/// <summary>
/// Maps the cases of one golden file onto FastLoss calls. One small subclass per loss (see Adapters/), registered in
/// <see cref="GoldenLossRegistry"/>; <see cref="GoldenRunner"/> does the rest (results, tolerances, errors.json, counts).
/// </summary>
public abstract class GoldenLossAdapter
{
    /// <summary>The torch name, which is also the golden file name and the <c>loss</c> of errors.json cases (e.g. <c>huber_loss</c>).</summary>
    public abstract string TorchName { get; }

    /// <summary>The FastLoss name (e.g. <c>Huber</c>): <c>Loss.Huber</c>, <c>Loss.HuberGradient</c>, <c>Loss.HuberWithGradient</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The golden name of the tensor whose gradient FastLoss computes (<c>input</c>; torchvision's <c>inputs</c>).</summary>
    public virtual string PredictionName => "input";

    /// <summary>
    /// Why a case cannot be run yet because FastLoss lacks a feature (e.g. a <c>weight</c> tensor), or null. Cases
    /// that cannot be expressed in the span API at all are reported by <see cref="Bind{T}"/> throwing
    /// <see cref="GoldenSkipException"/> instead.
    /// </summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The reason to skip, or null to run the case.</returns>
    public virtual string? Unsupported(GoldenCase goldenCase) => null;

    /// <summary>Why a recorded gradient (other than the prediction's) is not checked, e.g. a target gradient.</summary>
    /// <param name="inputName">The golden input name from <c>grad_wrt</c>.</param>
    /// <returns>The reason.</returns>
    public virtual string UncheckedGradientReason(string inputName) => $"FastLoss has no gradient with respect to '{inputName}' yet";

    /// <summary>
    /// The golden inputs other than the prediction whose gradients FastLoss computes (its <c>[Differentiable]</c>
    /// operands): their recorded gradients are checked through <see cref="LossInvocation{T}.Gradients"/> and
    /// <see cref="LossInvocation{T}.WithGradients"/>.
    /// </summary>
    public virtual IReadOnlyCollection<string> OperandGradients => [];

    /// <summary>
    /// For a loss whose gradient torch forms as a sum of terms that can cancel far below their own size, per element
    /// the sum of the terms' magnitudes (computed from the case's inputs); the comparison then also allows
    /// <see cref="GoldenTolerance.TermUlps"/> unit roundoffs of it (<see cref="GoldenTolerance.Matches"/>). Null (the
    /// default) when the norm-wise floor already covers the rounding of the terms.
    /// </summary>
    /// <param name="goldenCase">The case.</param>
    /// <param name="inputName">The golden input whose gradient is compared.</param>
    /// <param name="reduction">The reduction of the compared gradient (Sum for 'none').</param>
    /// <returns>One magnitude per gradient element, or null.</returns>
    public virtual double[]? GradientTerms(GoldenCase goldenCase, string inputName, Reduction reduction) => null;

    /// <summary>Maps a golden reduction key onto a FastLoss reduction (null: 'none', i.e. the destination overload).</summary>
    /// <param name="key">The key of <c>results</c>.</param>
    /// <param name="reduction">The reduction, or null for 'none'.</param>
    /// <returns>False if the adapter does not support the key.</returns>
    public virtual bool TryMapReduction(string key, out Reduction? reduction)
    {
        reduction = key switch { "mean" => Reduction.Mean, "sum" => Reduction.Sum, _ => null };
        return key is "none" or "mean" or "sum";
    }

    /// <summary>Why a reduction key that <see cref="TryMapReduction"/> rejects is skipped (e.g. kl_div's <c>batchmean</c>).</summary>
    /// <param name="key">The key of <c>results</c>.</param>
    /// <returns>The reason.</returns>
    public virtual string UnmappedReductionReason(string key) => $"reduction '{key}' not mapped by the adapter";

    /// <summary>Prepares the FastLoss calls for a case: operands converted to <typeparamref name="T"/> and hyperparameters bound.</summary>
    /// <typeparam name="T">float for float32 cases, double for float64 cases.</typeparam>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The bound calls.</returns>
    /// <exception cref="GoldenSkipException">The case cannot be expressed in the span API.</exception>
    public abstract LossInvocation<T> Bind<T>(GoldenCase goldenCase)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <inheritdoc/>
    public override string ToString() => TorchName;
}

/// <summary>
/// The FastLoss calls for one case, with operands and hyperparameters bound. Results come back as doubles, laid out
/// like the golden tensors (a broadcast input's gradient already summed back to the input's shape).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public abstract class LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The per-element losses ('none', destination overload).</summary>
    /// <returns>The losses, laid out like the golden 'none' output.</returns>
    public abstract double[] None();

    /// <summary>The reduced loss (reduced overload).</summary>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The loss.</returns>
    public abstract double Reduce(Reduction reduction);

    /// <summary>The gradient of the reduced loss with respect to the prediction (<c>NameGradient</c>).</summary>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The gradient, laid out like the prediction.</returns>
    public abstract double[] Gradient(Reduction reduction);

    /// <summary>The reduced loss and its gradient in one call (<c>NameWithGradient</c>).</summary>
    /// <param name="reduction">The reduction.</param>
    /// <param name="gradient">The gradient, laid out like the prediction.</param>
    /// <returns>The loss.</returns>
    public abstract double WithGradient(Reduction reduction, out double[] gradient);

    /// <summary>
    /// The gradients with respect to the prediction and every differentiable operand (the all-gradients
    /// <c>NameGradients</c>), keyed by golden input name and laid out like that input; null if the loss has none.
    /// </summary>
    /// <param name="reduction">The reduction.</param>
    /// <returns>The gradients, or null.</returns>
    public virtual IReadOnlyDictionary<string, double[]>? Gradients(Reduction reduction) => null;

    /// <summary>The reduced loss and all its gradients in one call (the all-gradients <c>NameWithGradients</c>); null if none.</summary>
    /// <param name="reduction">The reduction.</param>
    /// <param name="loss">The loss.</param>
    /// <returns>The gradients, or null.</returns>
    public virtual IReadOnlyDictionary<string, double[]>? WithGradients(Reduction reduction, out double loss)
    {
        loss = double.NaN;
        return null;
    }

    /// <summary>A destination prefilled with NaN, so that elements FastLoss fails to write cannot pass as zeros.</summary>
    /// <param name="length">The length.</param>
    /// <returns>The buffer.</returns>
    protected static T[] Destination(int length)
    {
        var buffer = new T[length];
        Array.Fill(buffer, T.NaN);
        return buffer;
    }

    /// <summary>Converts to double.</summary>
    /// <param name="values">The values.</param>
    /// <returns>The doubles.</returns>
    protected static double[] ToDouble(T[] values) => Array.ConvertAll(values, v => double.CreateTruncating(v));
}

/// <summary>A case (or one of its results) cannot be expressed with FastLoss's span API; the message says why.</summary>
/// <param name="reason">Why.</param>
public sealed class GoldenSkipException(string reason) : Exception(reason);

/// <summary>The reduced overload of a two-operand element-wise loss, hyperparameters bound.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T ReduceCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Reduction reduction);

/// <summary>The destination ('none') overload.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void NoneCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> destination);

/// <summary>The <c>NameGradient</c> overload.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void GradientCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Reduction reduction);

/// <summary>The <c>NameWithGradient</c> overload.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T WithGradientCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Reduction reduction);

/// <summary>The four span overloads of a two-operand element-wise loss for one element type.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Reduce">The reduced overload.</param>
/// <param name="None">The destination overload.</param>
/// <param name="Gradient">The gradient overload.</param>
/// <param name="WithGradient">The fused overload.</param>
/// <param name="Gradients">The all-gradients overload (input and target), for a <c>[Differentiable]</c> target.</param>
/// <param name="WithGradients">The fused all-gradients overload.</param>
public sealed record ElementwiseCalls<T>(
    ReduceCall<T> Reduce, NoneCall<T> None, GradientCall<T> Gradient, WithGradientCall<T> WithGradient,
    GradientsCall<T>? Gradients = null, WithGradientsCall<T>? WithGradients = null);

/// <summary>The all-gradients <c>NameGradients</c>: the input's gradient and the target's.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate void GradientsCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Span<T> targetGradient, Reduction reduction);

/// <summary>The fused all-gradients <c>NameWithGradients</c>: the loss, the input's gradient and the target's.</summary>
/// <typeparam name="T">The element type.</typeparam>
public delegate T WithGradientsCall<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Span<T> targetGradient, Reduction reduction);

/// <summary>
/// An element-wise loss of (prediction, target) with scalar hyperparameters, i.e. everything the generator emits from a
/// <c>[LossFormula]</c> with two operands. A subclass only names the loss and binds the overloads for float and double.
/// </summary>
public abstract class ElementwiseLossAdapter : GoldenLossAdapter
{
    /// <summary>The golden name of the target tensor.</summary>
    public virtual string TargetName => "target";

    /// <summary>
    /// Whether torch broadcasts the target against the input (l1/mse/smooth_l1/huber do, with a warning); if not, the
    /// shapes must be equal (binary_cross_entropy_with_logits and everything built on it).
    /// </summary>
    public virtual bool Broadcasts => true;

    /// <inheritdoc/>
    public override LossInvocation<T> Bind<T>(GoldenCase goldenCase)
    {
        GoldenTensor input = Tensor(goldenCase, PredictionName);
        GoldenTensor target = Tensor(goldenCase, TargetName);
        double[] x = input.Data;
        double[] t = target.Data;
        int[]? broadcast = null;
        if (!GoldenData.SameShape(input.Shape, target.Shape))
        {
            int[]? shape = Broadcasts ? GoldenData.BroadcastShape(input.Shape, target.Shape) : null;
            if (shape is not null)
            {
                // FastLoss takes one target per input element: expand here, as a caller would, and sum the input's
                // gradient back over the broadcast dimensions (what autograd does).
                broadcast = shape;
                x = GoldenData.Expand(x, input.Shape, shape);
                t = GoldenData.Expand(t, target.Shape, shape);
            }
            else if (x.Length == t.Length)
            {
                throw new GoldenSkipException(
                    $"shapes {input.ShapeText} and {target.ShapeText} {(Broadcasts ? "do not broadcast" : "differ")} but have the same element count: " +
                    "the span API has no shapes, so this check is the caller's");
            }

            // Otherwise pass the operands as they are: FastLoss must reject the length mismatch.
        }

        ElementwiseCalls<T> calls = typeof(T) == typeof(float) ? (ElementwiseCalls<T>)(object)Single(goldenCase)
            : typeof(T) == typeof(double) ? (ElementwiseCalls<T>)(object)Double(goldenCase)
            : throw new NotSupportedException(typeof(T).Name);
        return new ElementwiseInvocation<T>(calls, Convert<T>(x), Convert<T>(t), input.Shape, broadcast, target.Shape, PredictionName, TargetName);
    }

    /// <summary>Binds the float overloads (hyperparameters from <see cref="GoldenCase.Number"/>, rounded to float).</summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The calls.</returns>
    protected abstract ElementwiseCalls<float> Single(GoldenCase goldenCase);

    /// <summary>Binds the double overloads.</summary>
    /// <param name="goldenCase">The case.</param>
    /// <returns>The calls.</returns>
    protected abstract ElementwiseCalls<double> Double(GoldenCase goldenCase);

    private static GoldenTensor Tensor(GoldenCase goldenCase, string name)
    {
        if (!goldenCase.Inputs.TryGetValue(name, out GoldenTensor? tensor))
        {
            throw new InvalidDataException($"{goldenCase.Id}: no input '{name}' (has: {string.Join(", ", goldenCase.Inputs.Keys)}).");
        }

        return tensor.DType is "float32" or "float64"
            ? tensor
            : throw new GoldenSkipException($"'{name}' has dtype {tensor.DType}: the span API takes only float/double, so integer tensors are not expressible");
    }

    private static T[] Convert<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Array.ConvertAll(values, v => T.CreateTruncating(v));
}

/// <summary>The calls of an <see cref="ElementwiseLossAdapter"/> on one case.</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class ElementwiseInvocation<T>(
    ElementwiseCalls<T> calls, T[] input, T[] target, int[] inputShape, int[]? broadcastShape, int[] targetShape, string inputName, string targetName)
    : LossInvocation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public override double[] None()
    {
        T[] destination = Destination(input.Length);
        calls.None(input, target, destination);
        return ToDouble(destination);
    }

    public override double Reduce(Reduction reduction) => double.CreateTruncating(calls.Reduce(input, target, reduction));

    public override double[] Gradient(Reduction reduction)
    {
        T[] gradient = Destination(input.Length);
        calls.Gradient(input, target, gradient, reduction);
        return ToInputShape(gradient);
    }

    public override double WithGradient(Reduction reduction, out double[] gradient)
    {
        T[] buffer = Destination(input.Length);
        T loss = calls.WithGradient(input, target, buffer, reduction);
        gradient = ToInputShape(buffer);
        return double.CreateTruncating(loss);
    }

    public override IReadOnlyDictionary<string, double[]>? Gradients(Reduction reduction)
    {
        if (calls.Gradients is null)
        {
            return null;
        }

        T[] inputGradient = Destination(input.Length), targetGradient = Destination(input.Length);
        calls.Gradients(input, target, inputGradient, targetGradient, reduction);
        return Both(inputGradient, targetGradient);
    }

    public override IReadOnlyDictionary<string, double[]>? WithGradients(Reduction reduction, out double loss)
    {
        loss = double.NaN;
        if (calls.WithGradients is null)
        {
            return null;
        }

        T[] inputGradient = Destination(input.Length), targetGradient = Destination(input.Length);
        loss = double.CreateTruncating(calls.WithGradients(input, target, inputGradient, targetGradient, reduction));
        return Both(inputGradient, targetGradient);
    }

    private Dictionary<string, double[]> Both(T[] inputGradient, T[] targetGradient) => new()
    {
        [inputName] = ToInputShape(inputGradient),
        [targetName] = broadcastShape is null ? ToDouble(targetGradient) : GoldenData.SumTo(ToDouble(targetGradient), targetShape, broadcastShape),
    };

    private double[] ToInputShape(T[] gradient)
        => broadcastShape is null ? ToDouble(gradient) : GoldenData.SumTo(ToDouble(gradient), inputShape, broadcastShape);
}
