using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// The soft Dice and Tversky losses, one kernel: over a group of elements (a sample, or a class over the batch) with
/// I = Σ p·t, FP = Σ p·(1 − t) and FN = Σ (1 − p)·t, loss = (α·FP + β·FN) / (k·I + α·FP + β·FN + s).
/// </summary>
/// <remarks>
/// <para>Dice is k = 2, α = β = 1: (FP + FN) / (2I + FP + FN + s) = 1 − (2Σpt + s) / (Σp + Σt + s), since
/// Σp + Σt = 2I + FP + FN. Tversky is k = 1: 1 − (I + s) / (I + α·FP + β·FN + s). Computing 1 − ratio as the ratio of
/// the error terms avoids the cancellation of 1 − ratio near a perfect prediction (for p, t in [0, 1] every term is
/// non-negative).</para>
/// <para>Gradient: with D the denominator, L the loss and R = (k·I + s) / D (= 1 − L),
/// d L / d p_j = α·R / D − t_j·((α + β)·R + k·L) / D, an affine function of t_j per group.</para>
/// <para>The three sums of a group are one pass of <see cref="RowwiseDriver"/> per contiguous run, the runs of a group
/// (and the groups' losses) combined by <see cref="RowCascade{T}"/>: bit-identical on every SIMD width.</para>
/// </remarks>
internal static class SoftOverlapKernel
{
    /// <summary>The loss's constants: intersection weight k, α, β and the smoothing s.</summary>
    public readonly record struct Shape<T>(T Intersection, T Alpha, T Beta, T Smooth);

    /// <summary>Checks smoothing, α and β (finite, at least 0) and returns the Tversky shape.</summary>
    public static Shape<T> Tversky<T>(T alpha, T beta, T smooth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        NonNegative(alpha, nameof(alpha));
        NonNegative(beta, nameof(beta));
        NonNegative(smooth, nameof(smooth));
        return new Shape<T>(T.One, alpha, beta, smooth);
    }

    /// <summary>Checks the smoothing (finite, at least 0) and returns the Dice shape.</summary>
    public static Shape<T> Dice<T>(T smooth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        NonNegative(smooth, nameof(smooth));
        return new Shape<T>(T.One + T.One, T.One, T.One, smooth);
    }

    /// <summary>Per-sample form: input and target [N, D] (D = <paramref name="sampleSize"/>), one loss per sample.</summary>
    public static T Samples<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, int sampleSize, Shape<T> shape, Span<T> losses, Span<T> inputGradient, RowOutputs outputs,
        Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        if (sampleSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "'sampleSize' must be at least 1.");
        }

        ThrowHelper.ValidateOperandLength(input.Length, target.Length, nameof(target));
        if (input.Length % sampleSize != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'input' has {input.Length} elements, which is not a multiple of 'sampleSize' ({sampleSize})."),
                nameof(input));
        }

        int samples = input.Length / sampleSize;
        Outputs(input, target, samples, losses, inputGradient, outputs);
        var kernel = new OverlapKernel<T>
        {
            Input = input,
            Target = target,
            Groups = samples,
            Runs = 1,
            RunLength = sampleSize,
            GroupStride = sampleSize,
            RunStride = 0,
            ElementStride = 1,
            Shape = shape,
            Scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(samples) : T.One,
            Mean = reduction == Reduction.Mean,
            Losses = losses,
            Gradient = inputGradient,
            Outputs = outputs,
        };
        return RowwiseDriver.Dispatch<T, OverlapKernel<T>, T>(ref kernel);
    }

    /// <summary>Per-class form: input and target [N, C, S] (C = <paramref name="classCount"/>, S = <paramref name="spatialSize"/>), one loss per class.</summary>
    public static T Classes<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount, int spatialSize, Shape<T> shape, Span<T> losses, Span<T> inputGradient,
        RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1.");
        }

        if (spatialSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spatialSize), spatialSize, "'spatialSize' must be at least 1.");
        }

        ThrowHelper.ValidateOperandLength(input.Length, target.Length, nameof(target));
        long perSample = (long)classCount * spatialSize;
        if (input.Length % perSample != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'input' has {input.Length} elements, which is not a multiple of 'classCount' × 'spatialSize' ({perSample})."),
                nameof(input));
        }

        Outputs(input, target, classCount, losses, inputGradient, outputs);
        int samples = (int)(input.Length / perSample);

        // S = 1 ([N, C]): class c is one strided row of N values (C apart) rather than N runs of one value.
        bool strided = spatialSize == 1;
        var kernel = new OverlapKernel<T>
        {
            Input = input,
            Target = target,
            Groups = classCount,
            Runs = strided ? 1 : samples,
            RunLength = strided ? samples : spatialSize,
            GroupStride = spatialSize,
            RunStride = strided ? 0 : (int)perSample,
            ElementStride = strided ? classCount : 1,
            Shape = shape,
            Scale = reduction == Reduction.Mean ? T.One / T.CreateTruncating(classCount) : T.One,
            Mean = reduction == Reduction.Mean,
            Losses = losses,
            Gradient = inputGradient,
            Outputs = outputs,
        };
        return RowwiseDriver.Dispatch<T, OverlapKernel<T>, T>(ref kernel);
    }

    private static void NonNegative<T>(T value, string name)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ThrowHelper.ValidateHyperparameter(T.IsFinite(value) && value >= T.Zero, value, name, "a finite number greater than or equal to 0");

    private static void Outputs<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int groups, Span<T> losses, Span<T> inputGradient, RowOutputs outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if ((outputs & RowOutputs.Losses) != 0)
        {
            SoftmaxArguments.Losses(losses, groups, input, target, default);
        }

        if ((outputs & RowOutputs.Gradient) != 0)
        {
            SoftmaxArguments.Gradient(inputGradient, input, target, default);
        }
    }

    /// <summary>
    /// The group loop, for one block type. Group g consists of <see cref="Runs"/> runs of <see cref="RunLength"/>
    /// elements, <see cref="ElementStride"/> apart (1: contiguous); run r of group g starts at
    /// g·<see cref="GroupStride"/> + r·<see cref="RunStride"/>.
    /// </summary>
    private ref struct OverlapKernel<T> : IBlockAction<T, T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        public ReadOnlySpan<T> Input;
        public ReadOnlySpan<T> Target;
        public int Groups;
        public int Runs;
        public int RunLength;
        public int GroupStride;
        public int RunStride;
        public int ElementStride;
        public Shape<T> Shape;
        public T Scale;
        public bool Mean;
        public Span<T> Losses;
        public Span<T> Gradient;
        public RowOutputs Outputs;

        public readonly T Run<TBlock>()
            where TBlock : struct, IRowBlock<TBlock, T>
            => ElementStride == 1 ? Loop<TBlock, ContiguousRows>() : Loop<TBlock, StridedRows>();

        [SkipLocalsInit]
        [MethodImpl(MethodImplOptions.NoInlining)]
        private readonly T Loop<TBlock, TLayout>()
            where TBlock : struct, IRowBlock<TBlock, T>
            where TLayout : IRowLayout
        {
            bool value = (Outputs & RowOutputs.Value) != 0;
            bool writeLosses = (Outputs & RowOutputs.Losses) != 0;
            bool gradient = (Outputs & RowOutputs.Gradient) != 0;
            var none = new ClassWeights<T, TBlock>(default);
            (T k, T alpha, T beta, T smooth) = Shape;
            RowCascade<T>.Initialize(out RowCascade<T> lossSum);
            for (int g = 0; g < Groups; g++)
            {
                RowCascade<T>.Initialize(out RowCascade<T> intersection);
                RowCascade<T>.Initialize(out RowCascade<T> falsePositive);
                RowCascade<T>.Initialize(out RowCascade<T> falseNegative);
                for (int r = 0; r < Runs; r++)
                {
                    RowRefs<T> row = RunAt(g, r);
                    var terms = default(OverlapTerms<T>);
                    RowwiseDriver.Pass<T, TBlock, TLayout, OverlapTerms<T>>(ref terms, in row, in none, false, out T i, out T fp, out T fn);
                    intersection.Add(i);
                    falsePositive.Add(fp);
                    falseNegative.Add(fn);
                }

                T errors = (alpha * falsePositive.Total()) + (beta * falseNegative.Total());
                T overlap = (k * intersection.Total()) + smooth;
                T denominator = overlap + errors;
                T loss = errors / denominator;
                lossSum.Add(loss);
                if (writeLosses)
                {
                    Losses[g] = loss;
                }

                if (gradient)
                {
                    T rest = overlap / denominator;
                    T a = Scale * (alpha * rest / denominator);
                    T b = Scale * ((((alpha + beta) * rest) + (k * loss)) / denominator);
                    var terms = new AffineTargetTerms<T>(a, b);
                    for (int r = 0; r < Runs; r++)
                    {
                        RowRefs<T> row = RunAt(g, r);
                        RowwiseDriver.Pass<T, TBlock, TLayout, AffineTargetTerms<T>>(ref terms, in row, in none, true, out _, out _, out _);
                    }
                }
            }

            if (!value)
            {
                return T.Zero;
            }

            T total = lossSum.Total();
            return Mean ? total / T.CreateTruncating(Groups) : total;
        }

        private readonly RowRefs<T> RunAt(int group, int run)
        {
            nint offset = ((nint)group * GroupStride) + ((nint)run * RunStride);
            return new RowRefs<T>
            {
                First = ref Unsafe.Add(ref MemoryMarshal.GetReference(Input), offset),
                Second = ref Unsafe.Add(ref MemoryMarshal.GetReference(Target), offset),
                Output = ref Unsafe.Add(ref MemoryMarshal.GetReference(Gradient), offset),
                Stride = (nuint)ElementStride,
                Count = RunLength,
                Readable = Input.Length - offset,
            };
        }
    }
}

/// <summary>Dice/Tversky sums of p (first) and t (second): p·t, p·(1 − t), (1 − p)·t.</summary>
internal readonly struct OverlapTerms<T> : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 3;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        TBlock one = TBlock.Create(T.One);
        sum0 = TBlock.Multiply(first, second);
        sum1 = TBlock.Multiply(first, TBlock.Subtract(one, second));
        sum2 = TBlock.Multiply(TBlock.Subtract(one, first), second);
        return first;
    }
}

/// <summary>Writes a − b·t (t the second operand): the Dice/Tversky gradient of a group.</summary>
internal readonly struct AffineTargetTerms<T>(T a, T b) : IRowTerms<T>
    where T : unmanaged, IBinaryFloatingPointIeee754<T>
{
    public static int Sums => 0;

    public static bool ReadsSecond => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TBlock Compute<TBlock>(TBlock first, TBlock second, TBlock weight, out TBlock sum0, out TBlock sum1, out TBlock sum2)
        where TBlock : struct, IRowBlock<TBlock, T>
    {
        sum0 = default;
        sum1 = default;
        sum2 = default;
        return TBlock.Subtract(TBlock.Create(a), TBlock.Multiply(second, TBlock.Create(b)));
    }
}
