using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastLoss.Kernels;

namespace FastLoss;

// binary_cross_entropy with weight (broadcast to the target's shape): the generated operators of the weighted formula,
// driven by a kernel that reads the weight broadcast over the rows.
public static partial class Loss
{
    /// <summary>The weighted binary cross-entropy on probabilities, as torch computes it: <see cref="BinaryCrossEntropy{T}(T, T)"/>·w.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted probability.</param>
    /// <param name="target">The target probability.</param>
    /// <param name="weight">The element's weight.</param>
    /// <returns>The weighted per-element loss.</returns>
    [LossFormula(Gradient = nameof(BinaryCrossEntropyWeightedInputGradient))]
    internal static T BinaryCrossEntropyWeighted<T>(T input, T target, T weight)
        where T : IFloatingPointIeee754<T>
    {
        T floor = T.CreateChecked(-100.0);
        return (((target - T.One) * T.Max(T.LogP1(-input), floor)) - (target * T.Max(T.Log(input), floor))) * weight;
    }

    /// <summary>torch's hand-written gradient times the weight (torch multiplies it last).</summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="input">The predicted probability.</param>
    /// <param name="target">The target probability.</param>
    /// <param name="weight">The element's weight.</param>
    /// <returns>The gradient of the weighted per-element loss.</returns>
    private static T BinaryCrossEntropyWeightedInputGradient<T>(T input, T target, T weight)
        where T : IFloatingPointIeee754<T>
        => BinaryCrossEntropyInputGradient(input, target) * weight;

    /// <summary>Binary cross-entropy on probabilities with torch's <c>weight</c> (<c>torch.nn.functional.binary_cross_entropy(input, target, weight)</c>).</summary>
    /// <remarks><para>As torch: loss = w·(−(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100))), gradient w·(x − t) / max((1 − x)·x, 1e-12) (torch's hand-written one, see <see cref="BinaryCrossEntropy{T}(T, T)"/>); <see cref="Reduction.Mean"/> is the mean over the elements (not a weighted mean). Input and target must lie in [0, 1] (NaN and ±∞ rejected, as torch); the weight is used as given (zero, negative, NaN). torch broadcasts <c>weight</c> to the target's shape; the span API has no shape, so pass the last dimension as <paramref name="classCount"/>, against which a weight of C values is checked.</para></remarks>
    /// <param name="input">The predicted probabilities in [0, 1], viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities in [0, 1], the input's shape.</param>
    /// <param name="classCount">The last dimension C: a <paramref name="weight"/> of length C is repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per position of the last dimension (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, the weight has another length than 0, 1, <paramref name="classCount"/> or the input's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float BinaryCrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<float>(input, target, classCount, weight);
        return ElementwiseDriver.Reduce<float, WeightedProbabilityKernel<float>>(ref kernel, reduction);
    }

    /// <summary>Writes the weighted loss of each element (torch's <c>reduction='none'</c>); see <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The predicted probabilities in [0, 1], viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities in [0, 1], the input's shape.</param>
    /// <param name="classCount">The last dimension C: a <paramref name="weight"/> of length C is repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per position of the last dimension (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="destination">Receives one loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, the weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropy(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, Span<float> destination)
    {
        var kernel = new WeightedProbabilityKernel<float>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, destination, nameof(destination));
        ElementwiseDriver.MapLoss<float, WeightedProbabilityKernel<float>>(ref kernel, destination);
    }

    /// <summary>Writes the gradient of the weighted reduced loss with respect to the input. See <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The predicted probabilities in [0, 1], viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities in [0, 1], the input's shape.</param>
    /// <param name="classCount">The last dimension C: a <paramref name="weight"/> of length C is repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per position of the last dimension (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, the weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropyGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<float>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient));
        ElementwiseDriver.MapGradient<float, WeightedProbabilityKernel<float>>(ref kernel, inputGradient, reduction);
    }

    /// <summary>Computes the weighted reduced loss and writes its gradient with respect to the input, in one fused pass. See <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The predicted probabilities in [0, 1], viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities in [0, 1], the input's shape.</param>
    /// <param name="classCount">The last dimension C: a <paramref name="weight"/> of length C is repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per position of the last dimension (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, the weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float BinaryCrossEntropyWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<float>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient));
        return ElementwiseDriver.ReduceWithGradient<float, WeightedProbabilityKernel<float>>(ref kernel, inputGradient, reduction);
    }

    /// <summary>Writes the diagonal of the Hessian of the weighted reduced loss with respect to the input. See <see cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>.</summary>
    /// <param name="input">The predicted probabilities in [0, 1], viewed as [N, <paramref name="classCount"/>] (row-major).</param>
    /// <param name="target">The target probabilities in [0, 1], the input's shape.</param>
    /// <param name="classCount">The last dimension C: a <paramref name="weight"/> of length C is repeated for every row. For a 1-d input, its length.</param>
    /// <param name="weight">torch's <c>weight</c>: one per position of the last dimension (C values, broadcast over the rows), one per element, one for all, or empty for none.</param>
    /// <param name="inputHessian">Receives d²(loss)/d(input)². At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="classCount"/> does not divide it, the weight has another length than 0, 1, <paramref name="classCount"/> or the input's, or the destination is too short or partially overlaps an operand.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void BinaryCrossEntropyHessian(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, ReadOnlySpan<float> weight, Span<float> inputHessian, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<float>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputHessian, nameof(inputHessian));
        ElementwiseDriver.MapHessian<float, WeightedProbabilityKernel<float>>(ref kernel, inputHessian, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Reduction)"/>
    public static double BinaryCrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<double>(input, target, classCount, weight);
        return ElementwiseDriver.Reduce<double, WeightedProbabilityKernel<double>>(ref kernel, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropy(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Span{float})"/>
    public static void BinaryCrossEntropy(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, Span<double> destination)
    {
        var kernel = new WeightedProbabilityKernel<double>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, destination, nameof(destination));
        ElementwiseDriver.MapLoss<double, WeightedProbabilityKernel<double>>(ref kernel, destination);
    }

    /// <inheritdoc cref="BinaryCrossEntropyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void BinaryCrossEntropyGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<double>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient));
        ElementwiseDriver.MapGradient<double, WeightedProbabilityKernel<double>>(ref kernel, inputGradient, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static double BinaryCrossEntropyWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<double>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputGradient, nameof(inputGradient));
        return ElementwiseDriver.ReduceWithGradient<double, WeightedProbabilityKernel<double>>(ref kernel, inputGradient, reduction);
    }

    /// <inheritdoc cref="BinaryCrossEntropyHessian(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, Span{float}, Reduction)"/>
    public static void BinaryCrossEntropyHessian(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, ReadOnlySpan<double> weight, Span<double> inputHessian, Reduction reduction = Reduction.Mean)
    {
        var kernel = new WeightedProbabilityKernel<double>(input, target, classCount, weight);
        ValidateOutput(input, target, weight, inputHessian, nameof(inputHessian));
        ElementwiseDriver.MapHessian<double, WeightedProbabilityKernel<double>>(ref kernel, inputHessian, reduction);
    }

    /// <summary>Binds <see cref="BinaryCrossEntropyWeighted{T}"/>'s generated operators to the input, the target and the (broadcast) weight.</summary>
    private readonly ref struct WeightedProbabilityKernel<T> : IElementwiseKernel<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref T _input;
        private readonly ref T _target;
        private readonly RepeatedOperand<T> _weight;

        public WeightedProbabilityKernel(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount, ReadOnlySpan<T> weight)
        {
            ThrowHelper.ValidateOperandLength(input.Length, target.Length, "target");
            ValidateClassCount(input.Length, classCount);
            RepeatedOperand<T>.ValidateLength(weight.Length, classCount, input.Length, "weight");
            OperandValidation.ValidateRange(input, T.Zero, T.One, false, "input", "between 0 and 1 (torch: all elements of input should be between 0 and 1)");
            OperandValidation.ValidateRange(target, T.Zero, T.One, false, "target", "between 0 and 1 (torch: all elements of target should be between 0 and 1)");
            _input = ref MemoryMarshal.GetReference(input);
            _target = ref MemoryMarshal.GetReference(target);
            _weight = new RepeatedOperand<T>(weight, input.Length, T.One);
            Length = input.Length;
        }

        public int Length { get; }

        public T Loss(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWeightedSingleOperator).Loss(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWeightedDoubleOperator).Loss(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i))));

        public Vector128<T> Loss128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Loss(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Loss(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Loss256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Loss(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Loss(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Loss512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Loss(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Loss(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>()).As<double, T>();

        public T Gradient(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWeightedSingleOperator).Gradient(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWeightedDoubleOperator).Gradient(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i))));

        public Vector128<T> Gradient128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Gradient(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Gradient(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Gradient256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Gradient(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Gradient(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Gradient512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Gradient(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Gradient(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>()).As<double, T>();

        public T Hessian(nuint i) => typeof(T) == typeof(float)
            ? Unsafe.BitCast<float, T>(default(BinaryCrossEntropyWeightedSingleOperator).Hessian(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i))))
            : Unsafe.BitCast<double, T>(default(BinaryCrossEntropyWeightedDoubleOperator).Hessian(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i))));

        public Vector128<T> Hessian128(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Hessian(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Hessian(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>()).As<double, T>();

        public Vector256<T> Hessian256(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Hessian(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Hessian(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>()).As<double, T>();

        public Vector512<T> Hessian512(nuint i) => typeof(T) == typeof(float)
            ? default(BinaryCrossEntropyWeightedSingleOperator).Hessian(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>()).As<float, T>()
            : default(BinaryCrossEntropyWeightedDoubleOperator).Hessian(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>()).As<double, T>();

        public T LossAndGradient(nuint i, out T gradient)
        {
            if (typeof(T) == typeof(float))
            {
                float single = default(BinaryCrossEntropyWeightedSingleOperator).LossAndGradient(Unsafe.BitCast<T, float>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, float>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, float>(_weight.At(i)), out float singleGradient);
                gradient = Unsafe.BitCast<float, T>(singleGradient);
                return Unsafe.BitCast<float, T>(single);
            }

            double result = default(BinaryCrossEntropyWeightedDoubleOperator).LossAndGradient(Unsafe.BitCast<T, double>(Unsafe.Add(ref _input, i)), Unsafe.BitCast<T, double>(Unsafe.Add(ref _target, i)), Unsafe.BitCast<T, double>(_weight.At(i)), out double doubleGradient);
            gradient = Unsafe.BitCast<double, T>(doubleGradient);
            return Unsafe.BitCast<double, T>(result);
        }

        public Vector128<T> LossAndGradient128(nuint i, out Vector128<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector128<float> single = default(BinaryCrossEntropyWeightedSingleOperator).LossAndGradient(Vector128.LoadUnsafe(ref _input, i).As<T, float>(), Vector128.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At128(i).As<T, float>(), out Vector128<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector128<double> result = default(BinaryCrossEntropyWeightedDoubleOperator).LossAndGradient(Vector128.LoadUnsafe(ref _input, i).As<T, double>(), Vector128.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At128(i).As<T, double>(), out Vector128<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }

        public Vector256<T> LossAndGradient256(nuint i, out Vector256<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector256<float> single = default(BinaryCrossEntropyWeightedSingleOperator).LossAndGradient(Vector256.LoadUnsafe(ref _input, i).As<T, float>(), Vector256.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At256(i).As<T, float>(), out Vector256<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector256<double> result = default(BinaryCrossEntropyWeightedDoubleOperator).LossAndGradient(Vector256.LoadUnsafe(ref _input, i).As<T, double>(), Vector256.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At256(i).As<T, double>(), out Vector256<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }

        public Vector512<T> LossAndGradient512(nuint i, out Vector512<T> gradient)
        {
            if (typeof(T) == typeof(float))
            {
                Vector512<float> single = default(BinaryCrossEntropyWeightedSingleOperator).LossAndGradient(Vector512.LoadUnsafe(ref _input, i).As<T, float>(), Vector512.LoadUnsafe(ref _target, i).As<T, float>(), _weight.At512(i).As<T, float>(), out Vector512<float> singleGradient);
                gradient = singleGradient.As<float, T>();
                return single.As<float, T>();
            }

            Vector512<double> result = default(BinaryCrossEntropyWeightedDoubleOperator).LossAndGradient(Vector512.LoadUnsafe(ref _input, i).As<T, double>(), Vector512.LoadUnsafe(ref _target, i).As<T, double>(), _weight.At512(i).As<T, double>(), out Vector512<double> doubleGradient);
            gradient = doubleGradient.As<double, T>();
            return result.As<double, T>();
        }
    }
}
