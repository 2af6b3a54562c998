using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// Connectionist temporal classification (torch's <c>ctc_loss</c>, CPU kernel of ATen's <c>LossCTC.cpp</c>):
/// validation, the per-sample driver and the reductions shared by every public overload, float and double.
/// </summary>
/// <remarks>
/// <para>Per sample b (log_probs [T, N, C], input length T_b, target l of length L, extended target l' = blank, l_1,
/// blank, …, l_L, blank of width W = 2L + 1): the forward variables α (log space) over T_b × W give
/// nll_b = −log(α[T_b−1, W−1] + α[T_b−1, W−2]); the backward variables β (two rows) and the log-sum of α·β per
/// (t, class) give torch's gradient (exp(lp) − exp(log Σ αβ + nll − lp))·g_b, where g_b is the reduction's scale.
/// Every log-add-exp is torch's: the maximum of the terms taken with <c>&gt;</c>, replaced by 0 when it is −∞, then
/// log(Σ exp(term − max)) + max, so ±∞ and NaN propagate exactly as in torch.</para>
/// <para>Arithmetic is in double for both element types (the float results are the double results rounded once per
/// output; torch computes float in float, within the golden tolerance of this). The lattice lives in one scratch
/// buffer: on the stack up to <see cref="StackDoubles"/> doubles, else rented from <see cref="ArrayPool{T}.Shared"/>
/// (no allocation once the pool holds a buffer); the value-only paths keep two rows of α.</para>
/// </remarks>
internal static partial class CtcKernel
{
    /// <summary>Scratch doubles taken on the stack (8 KiB); larger lattices use the shared array pool.</summary>
    private const int StackDoubles = 1024;

    /// <summary>Validates everything, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> logProbs, int batchSize, int classCount, ReadOnlySpan<int> targets, CtcTargetLayout targetLayout,
        ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int blank, bool zeroInfinity,
        Span<T> losses, Span<T> logProbsGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        int steps = Shape(logProbs, batchSize, classCount, blank);
        int stride = Targets(targets, targetLayout, inputLengths, targetLengths, batchSize, classCount, blank, steps);
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if ((outputs & RowOutputs.Losses) != 0)
        {
            ThrowHelper.ValidateDestination(batchSize, losses, "destination");
            Span<T> written = losses[..batchSize];
            NoOverlap(logProbs, targets, inputLengths, targetLengths, written, "destination", exactInput: false);
        }

        if (gradient)
        {
            ThrowHelper.ValidateDestination(logProbs.Length, logProbsGradient, nameof(logProbsGradient));
            Span<T> written = logProbsGradient[..logProbs.Length];
            NoOverlap(logProbs, targets, inputLengths, targetLengths, written, nameof(logProbsGradient), exactInput: true);
        }

        var problem = new Problem<T>
        {
            LogProbs = logProbs,
            Batch = batchSize,
            Classes = classCount,
            Blank = blank,
        };
        int scratchLength = ScratchLength(inputLengths, targetLengths, classCount, gradient);
        double[]? rented = null;
        Span<double> scratch = scratchLength <= StackDoubles
            ? stackalloc double[StackDoubles]
            : (rented = ArrayPool<double>.Shared.Rent(scratchLength));
        try
        {
            double total = 0;
            int offset = 0;
            for (int b = 0; b < batchSize; b++)
            {
                int length = targetLengths[b];
                ReadOnlySpan<int> labels = targets.Slice(targetLayout == CtcTargetLayout.Padded ? b * stride : offset, length);
                offset += length;
                int inputLength = inputLengths[b];

                // torch's forward returns nll in the element type; zero_infinity replaces +∞ (only) by 0 after that.
                double nll = double.CreateTruncating(T.CreateTruncating(Forward(problem, b, labels, inputLength, scratch, gradient)));
                bool infinite = double.IsPositiveInfinity(nll);
                T loss = T.CreateTruncating(zeroInfinity && infinite ? 0d : nll);
                double divisor = reduction == Reduction.Mean ? Math.Max(length, 1) : 1d;
                total += double.CreateTruncating(loss) / divisor;
                if ((outputs & RowOutputs.Losses) != 0)
                {
                    losses[b] = loss;
                }

                if (gradient)
                {
                    if (zeroInfinity && infinite)
                    {
                        Zero(logProbsGradient, problem, b, 0, inputLength);
                    }
                    else
                    {
                        double scale = reduction == Reduction.Mean ? 1d / batchSize / divisor : 1d;
                        Backward(problem, b, labels, inputLength, nll, scale, scratch, logProbsGradient);
                    }

                    Zero(logProbsGradient, problem, b, inputLength, problem.Steps);
                }
            }

            return T.CreateTruncating(reduction == Reduction.Mean ? total / batchSize : total);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Checks the sizes and the blank; returns T (time steps).</summary>
    private static int Shape<T>(ReadOnlySpan<T> logProbs, int batchSize, int classCount, int blank)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "'batchSize' must be at least 1 (torch rejects an empty log_probs).");
        }

        if (classCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "'classCount' must be at least 1 (torch rejects an empty log_probs).");
        }

        long frame = (long)batchSize * classCount;
        if (logProbs.IsEmpty || logProbs.Length % frame != 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'logProbs' has {logProbs.Length} elements, which is not a positive multiple of batchSize × classCount = {frame} ([T, N, C] with T ≥ 1; torch rejects an empty log_probs)."),
                nameof(logProbs));
        }

        if ((uint)blank >= (uint)classCount)
        {
            throw new ArgumentOutOfRangeException(nameof(blank), blank, string.Create(CultureInfo.InvariantCulture, $"'blank' must be a class index in [0, {classCount}) (torch: blank must be in label range)."));
        }

        return (int)(logProbs.Length / frame);
    }

    /// <summary>Checks the lengths and the labels; returns the padded width S (0 for concatenated targets).</summary>
    private static int Targets(
        ReadOnlySpan<int> targets, CtcTargetLayout targetLayout, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int batchSize, int classCount,
        int blank, int steps)
    {
        if (targetLayout is not (CtcTargetLayout.Padded or CtcTargetLayout.Concatenated))
        {
            throw new ArgumentOutOfRangeException(nameof(targetLayout), targetLayout, "Unknown target layout: use CtcTargetLayout.Padded or CtcTargetLayout.Concatenated.");
        }

        Lengths(inputLengths, batchSize, steps, nameof(inputLengths));
        Lengths(targetLengths, batchSize, int.MaxValue, nameof(targetLengths));
        int stride = 0;
        long sum = 0;
        foreach (int length in targetLengths)
        {
            sum += length;
        }

        if (targetLayout == CtcTargetLayout.Concatenated)
        {
            if (sum != targets.Length)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'targets' has {targets.Length} labels but the concatenated target lengths add up to {sum}."),
                    nameof(targets));
            }
        }
        else
        {
            if (targets.Length % batchSize != 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'targets' has {targets.Length} labels, which is not a multiple of batchSize ({batchSize}): padded targets are [N, S]."),
                    nameof(targets));
            }

            stride = targets.Length / batchSize;
            for (int b = 0; b < batchSize; b++)
            {
                if (targetLengths[b] > stride)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"'targetLengths' holds {targetLengths[b]} at index {b}, more than the padded target width S = {stride}."),
                        nameof(targetLengths));
                }
            }
        }

        int offset = 0;
        for (int b = 0; b < batchSize; b++)
        {
            int start = targetLayout == CtcTargetLayout.Padded ? b * stride : offset;
            for (int i = start; i < start + targetLengths[b]; i++)
            {
                int label = targets[i];
                // A label equal to the blank is accepted as torch accepts it (its docs forbid it, its kernel computes a
                // value, which this kernel reproduces); out-of-range labels torch would read out of bounds are rejected.
                if ((uint)label >= (uint)classCount)
                {
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"'targets' holds label {label} at index {i} (sample {b}): labels must be class indices in [0, {classCount})."),
                        nameof(targets));
                }
            }

            offset += targetLengths[b];
        }

        return stride;
    }

    /// <summary>One length per sample, each in [0, <paramref name="maximum"/>] (int.MaxValue: no upper bound).</summary>
    private static void Lengths(ReadOnlySpan<int> lengths, int batchSize, int maximum, string name)
    {
        if (lengths.Length != batchSize)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'{name}' has {lengths.Length} elements but the batch has {batchSize} samples: give one length per sample."),
                name);
        }

        for (int b = 0; b < lengths.Length; b++)
        {
            if (lengths[b] < 0 || lengths[b] > maximum)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'{name}' holds {lengths[b]} at index {b}: lengths must be at least 0{(maximum == int.MaxValue ? string.Empty : $" and at most T = {maximum}, the input's time steps")}."),
                    name);
            }
        }
    }

    /// <summary>An output must not share memory with an input (the gradient may be exactly the log-probabilities).</summary>
    private static void NoOverlap<T>(
        ReadOnlySpan<T> logProbs, ReadOnlySpan<int> targets, ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, Span<T> written, string name,
        bool exactInput)
    {
        if (exactInput)
        {
            ThrowHelper.ValidateNoPartialOverlap(logProbs, written, name);
        }
        else
        {
            ThrowHelper.ValidateNoOverlap(logProbs, written, name, nameof(logProbs));
        }

        ThrowHelper.ValidateNoOverlap(targets, written, name, nameof(targets));
        ThrowHelper.ValidateNoOverlap(inputLengths, written, name, nameof(inputLengths));
        ThrowHelper.ValidateNoOverlap(targetLengths, written, name, nameof(targetLengths));
    }

    /// <summary>The scratch doubles the largest sample needs: α (all rows for a gradient, else two), two rows of β and T_b × C of Σαβ.</summary>
    private static int ScratchLength(ReadOnlySpan<int> inputLengths, ReadOnlySpan<int> targetLengths, int classCount, bool gradient)
    {
        long most = 0;
        for (int b = 0; b < inputLengths.Length; b++)
        {
            long width = (2L * targetLengths[b]) + 1;
            long steps = inputLengths[b];
            long need = gradient ? (steps * width) + (2 * width) + (steps * classCount) : 2 * width;
            most = Math.Max(most, need);
        }

        return most <= Array.MaxLength
            ? (int)most
            : throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The CTC lattice of the largest sample needs {most} values, more than an array can hold."),
                nameof(inputLengths));
    }

    /// <summary>Writes 0 to sample b's gradient at time steps [from, to).</summary>
    private static void Zero<T>(Span<T> gradient, in Problem<T> problem, int b, int from, int to)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int t = from; t < to; t++)
        {
            gradient.Slice(problem.Index(t, b, 0), problem.Classes).Clear();
        }
    }
}
