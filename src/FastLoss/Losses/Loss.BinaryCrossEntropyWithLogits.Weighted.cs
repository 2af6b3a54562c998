using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss;

// binary_cross_entropy_with_logits with weight and pos_weight. The formula is generated like every loss; its operators
// are driven by a kernel that reads weight and pos_weight broadcast over the rows (torch's per-class weights), which the
// generated kernels (one value per element) cannot.
public static partial class Loss
{
    /// <summary>
    /// The weighted binary cross-entropy on logits, as torch computes it: ((1 − t)·x − (1 + (p − 1)·t)·log σ(x))·w.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The logit x.</param>
    /// <param name="target">The target t.</param>
    /// <param name="weight">The element's weight w.</param>
    /// <param name="posWeight">The positive-class weight p.</param>
    /// <returns>The weighted per-element loss.</returns>
    [LossFormula]
    internal static T BinaryCrossEntropyWithLogitsWeighted<T>(T input, T target, T weight, T posWeight)
        where T : IFloatingPointIeee754<T>
        => (((T.One - target) * input) - ((((posWeight - T.One) * target) + T.One) * LossMath.LogSigmoid(input))) * weight;

    /// <summary>Binary cross-entropy on logits with torch's <c>weight</c> and <c>pos_weight</c> (<c>torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight, pos_weight=...)</c>).</summary>
    /// <remarks><para>As torch: loss = w·((1 − t)·x − (1 + (p − 1)·t)·log σ(x)) with w = <paramref name="weight"/> and p = <paramref name="posWeight"/>, stable for any logit (log σ(x) = −softplus(−x)); zero and negative weights are accepted, NaN propagates. <see cref="Reduction.Mean"/> is the mean over the elements (not a weighted mean). torch broadcasts <c>pos_weight</c> (and a 1-d <c>weight</c>) over the last dimension; the span API has no shape, so pass that dimension as <paramref name="classCount"/> — a weight of C values is then checked against it, as torch rejects a non-broadcastable one. Gradient w·((1 − t) − (1 + (p − 1)·t)·σ(−x)) = w·((1 + (p − 1)·t)·σ(x) − p·t).</para>
    /// <para>With no <paramref name="posWeight"/> the term is computed with p = 1 (so 1 + 0·t): the same numbers as torch for every finite target; a target of ±∞ gives NaN instead of torch's ±∞.</para></remarks>
    /// <param name="input">The logits, viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities, the input's shape.</param>
    /// <param name="classCount">The last dimension C (the number of classes): <paramref name="weight"/> and <paramref name="posWeight"/> of length C are repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per class (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="posWeight">torch's <c>pos_weight</c>: the weight of the positive term per class (C values), one per element, one for all, or empty for none.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, a weight has another length than 0, 1, <paramref name="classCount"/> or the input's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float BinaryCrossEntropyWithLogits(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<float>(input, target, classCount, weight, posWeight);
        return ElementwiseDriver.Reduce<float, WeightedLogitsKernel<float>>(ref kernel, reduction);
    }

    /// <summary>Writes the weighted loss of each element (torch's <c>reduction='none'</c>); see <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The logits, viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities, the input's shape.</param>
    /// <param name="classCount">The last dimension C (the number of classes): <paramref name="weight"/> and <paramref name="posWeight"/> of length C are repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per class (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="posWeight">torch's <c>pos_weight</c>: the weight of the positive term per class (C values), one per element, one for all, or empty for none.</param>
    /// <param name="destination">Receives one loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, a weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Span<float> destination)
    {
        var kernel = new WeightedLogitsKernel<float>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, destination, nameof(destination), posWeight);
        ElementwiseDriver.MapLoss<float, WeightedLogitsKernel<float>>(ref kernel, destination);
    }

    /// <summary>Writes the gradient of the weighted reduced loss with respect to the input. See <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The logits, viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities, the input's shape.</param>
    /// <param name="classCount">The last dimension C (the number of classes): <paramref name="weight"/> and <paramref name="posWeight"/> of length C are repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per class (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="posWeight">torch's <c>pos_weight</c>: the weight of the positive term per class (C values), one per element, one for all, or empty for none.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, a weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<float>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient), posWeight);
        ElementwiseDriver.MapGradient<float, WeightedLogitsKernel<float>>(ref kernel, inputGradient, reduction);
    }

    /// <summary>Computes the weighted reduced loss and writes its gradient with respect to the input, in one fused pass. See <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The logits, viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities, the input's shape.</param>
    /// <param name="classCount">The last dimension C (the number of classes): <paramref name="weight"/> and <paramref name="posWeight"/> of length C are repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per class (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="posWeight">torch's <c>pos_weight</c>: the weight of the positive term per class (C values), one per element, one for all, or empty for none.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, a weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float BinaryCrossEntropyWithLogitsWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<float>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient), posWeight);
        return ElementwiseDriver.ReduceWithGradient<float, WeightedLogitsKernel<float>>(ref kernel, inputGradient, reduction);
    }

    /// <summary>Writes the diagonal of the Hessian of the weighted reduced loss with respect to the input. See <see cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The logits, viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities, the input's shape.</param>
    /// <param name="classCount">The last dimension C (the number of classes): <paramref name="weight"/> and <paramref name="posWeight"/> of length C are repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per class (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="posWeight">torch's <c>pos_weight</c>: the weight of the positive term per class (C values), one per element, one for all, or empty for none.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, a weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropyWithLogitsHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, ReadOnlySpan<float> posWeight, Span<float> inputHessian, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<float>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputHessian, nameof(inputHessian), posWeight);
        ElementwiseDriver.MapHessian<float, WeightedLogitsKernel<float>>(ref kernel, inputHessian, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/>
    public static double BinaryCrossEntropyWithLogits(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<double>(input, target, classCount, weight, posWeight);
        return ElementwiseDriver.Reduce<double, WeightedLogitsKernel<double>>(ref kernel, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogits(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/>
    public static void BinaryCrossEntropyWithLogits(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Span<double> destination)
    {
        var kernel = new WeightedLogitsKernel<double>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, destination, nameof(destination), posWeight);
        ElementwiseDriver.MapLoss<double, WeightedLogitsKernel<double>>(ref kernel, destination);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void BinaryCrossEntropyWithLogitsGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<double>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient), posWeight);
        ElementwiseDriver.MapGradient<double, WeightedLogitsKernel<double>>(ref kernel, inputGradient, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogitsWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static double BinaryCrossEntropyWithLogitsWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<double>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient), posWeight);
        return ElementwiseDriver.ReduceWithGradient<double, WeightedLogitsKernel<double>>(ref kernel, inputGradient, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithLogitsHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void BinaryCrossEntropyWithLogitsHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, ReadOnlySpan<double> posWeight, Span<double> inputHessian, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedLogitsKernel<double>(input, target, classCount, weight, posWeight);
        ValidateOutput(input, target, weight, inputHessian, nameof(inputHessian), posWeight);
        ElementwiseDriver.MapHessian<double, WeightedLogitsKernel<double>>(ref kernel, inputHessian, reduction);
    }

    /// <summary>Throws unless <paramref name="classCount"/> ≥ 1 divides the input's length.</summary>
    private static void ValidateClassCount(int length, int classCount)
    {
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
        }

        if (length % classCount != 0)
        {
            throw new ArgumentException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'classCount' ({classCount}) does not divide the input's {length} elements: it must be the input's last dimension."),
                nameof(classCount));
        }
    }

    /// <summary>Binds <see cref="BinaryCrossEntropyWithLogitsWeighted{T}"/>'s generated operators to the input, the target and the per-class (broadcast) weights.</summary>
    private readonly ref struct WeightedLogitsKernel<T> : IElementwiseKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref T _input;
        private readonly ref T _target;
        private readonly RepeatedOperand<T> _weight;
        private readonly RepeatedOperand<T> _posWeight;

        public WeightedLogitsKernel(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount, ReadOnlySpan<T> weight, ReadOnlySpan<T> posWeight)
        {
            ThrowHelper.ValidateOperandLength(input.Length, target.Length, "target");
            ValidateClassCount(input.Length, classCount);
            RepeatedOperand<T>.ValidateLength(weight.Length, classCount, input.Length, "weight");
            RepeatedOperand<T>.ValidateLength(posWeight.Length, classCount, input.Length, "posWeight");
            _input = ref MemoryMarshal.GetReference(input);
            _target = ref MemoryMarshal.GetReference(target);
            _weight = new RepeatedOperand<T>(weight, input.Length, T.One);
            _posWeight = new RepeatedOperand<T>(posWeight, input.Length, T.One);
            Length = input.Length;
        }

        public int Length { get; }

        public T Loss(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Loss(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i)), Unsafe.BitCast<T, float>(_posWeight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Loss(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i)), Unsafe.BitCast<T, double>(_posWeight.At(i))));

        public Vector128<T> Loss128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Loss(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>(), _posWeight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Loss(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>(), _posWeight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Loss256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Loss(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>(), _posWeight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Loss(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>(), _posWeight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Loss512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Loss(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>(), _posWeight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Loss(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>(), _posWeight.At512(i).As<T, double>()).As<double, T>();

        public T Gradient(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Gradient(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i)), Unsafe.BitCast<T, float>(_posWeight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Gradient(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i)), Unsafe.BitCast<T, double>(_posWeight.At(i))));

        public Vector128<T> Gradient128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Gradient(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>(), _posWeight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Gradient(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>(), _posWeight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Gradient256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Gradient(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>(), _posWeight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Gradient(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>(), _posWeight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Gradient512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Gradient(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>(), _posWeight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Gradient(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>(), _posWeight.At512(i).As<T, double>()).As<double, T>();

        public T Hessian(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Hessian(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i)), Unsafe.BitCast<T, float>(_posWeight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Hessian(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i)), Unsafe.BitCast<T, double>(_posWeight.At(i))));

        public Vector128<T> Hessian128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Hessian(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>(), _posWeight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Hessian(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>(), _posWeight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Hessian256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Hessian(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>(), _posWeight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Hessian(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>(), _posWeight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Hessian512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).Hessian(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>(), _posWeight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).Hessian(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>(), _posWeight.At512(i).As<T, double>()).As<double, T>();

        public T LossAndGradient(nuint i, out T gradient)
        {
            if (typeof(T) == typeof(float))
            {
                float single = default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).LossAndGradient(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i)), Unsafe.BitCast<T, float>(_posWeight.At(i)), out float singleGradient);
                gradient = Unsafe.BitCast<float, T>(singleGradient);
                return Unsafe.BitCast<float, T>(single);
            }

            double result = default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).LossAndGradient(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i)), Unsafe.BitCast<T, double>(_posWeight.At(i)), out double doubleGradient);
            gradient = Unsafe.BitCast<double, T>(doubleGradient);
            return Unsafe.BitCast<double, T>(result);
        }

        public Vector128<T> LossAndGradient128(nuint i, out Vector128<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector128<float> single = default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).LossAndGradient(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>(), _posWeight.At128(i).As<T, float>(), out Vector128<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector128<double> result = default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).LossAndGradient(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>(), _posWeight.At128(i).As<T, double>(), out Vector128<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }

        public Vector256<T> LossAndGradient256(nuint i, out Vector256<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector256<float> single = default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).LossAndGradient(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>(), _posWeight.At256(i).As<T, float>(), out Vector256<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector256<double> result = default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).LossAndGradient(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>(), _posWeight.At256(i).As<T, double>(), out Vector256<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }

        public Vector512<T> LossAndGradient512(nuint i, out Vector512<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector512<float> single = default(BinaryCrossEntropyWithLogitsWeightedSingleOperator).LossAndGradient(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>(), _posWeight.At512(i).As<T, float>(), out Vector512<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector512<double> result = default(BinaryCrossEntropyWithLogitsWeightedDoubleOperator).LossAndGradient(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>(), _posWeight.At512(i).As<T, double>(), out Vector512<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }
    }
}
