using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>multilabel_margin_loss</c> on scores [N, C] with targets [N, C] of class indices, each row ending at its
/// first −1 (later entries are ignored): loss_i = Σ_{j ∈ targets} Σ_{c ∉ targets} max(0, 1 − (x[i, j] − x[i, c])) / C.
/// The targets are iterated as given (a duplicated label counts twice, as in torch); a row starting with −1 has loss 0.
/// The gradient is torch's: a hinge term that is exactly 0 contributes nothing (strict &gt; 0).
/// </summary>
/// <remarks>
/// Per row, the target set is marked in a scratch row (stack memory up to 256 classes, a pooled array above), the terms
/// are summed in <see cref="RowCascade{T}"/>'s layout in torch's order (targets outer, classes inner), and the gradient
/// is accumulated in a second scratch row before it is copied out, so it may be the input itself. Every target entry,
/// including those after the first −1, must lie in [−1, C), as torch checks.
/// </remarks>
internal static class MultilabelMarginKernel
{
    private const int StackClasses = 256;

    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        int rows = RowGeometry.Rows(input, classCount);
        if (target.Length != input.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'target' has {target.Length} elements but 'input' has {input.Length}: the target has the input's shape [N, C]."),
                nameof(target));
        }

        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if (writeLosses)
        {
            SoftmaxArguments.Losses(losses, rows, input, default, default);
        }

        if (gradient)
        {
            SoftmaxArguments.Gradient(inputGradient, input, default, default);
        }

        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] < -1 || target[i] >= classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'target' holds {target[i]} at index {i}: entries must be class indices in [0, {classCount}) or −1 (the end of a row's labels)."),
                    nameof(target));
            }
        }

        T[]? rented = null;
        bool[]? rentedFlags = null;
        Span<T> scratch = classCount <= StackClasses && gradient ? stackalloc T[StackClasses] : default;
        Span<bool> flags = classCount <= StackClasses ? stackalloc bool[StackClasses] : default;
        try
        {
            if (classCount > StackClasses)
            {
                rentedFlags = ArrayPool<bool>.Shared.Rent(classCount);
                flags = rentedFlags;
                if (gradient)
                {
                    rented = ArrayPool<T>.Shared.Rent(classCount);
                    scratch = rented;
                }
            }

            var state = new State<T>
            {
                IsTarget = flags[..classCount],
                Gradient = gradient ? scratch[..classCount] : default,
            };
            return Rows(input, target, classCount, rows, losses, inputGradient, outputs, reduction, ref state);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }

            if (rentedFlags is not null)
            {
                ArrayPool<bool>.Shared.Return(rentedFlags);
            }
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Rows<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int rows, Span<T> losses, Span<T> inputGradient, RowOutputs outputs,
        Reduction reduction, scoped ref State<T> state)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool value = (outputs & RowOutputs.Value) != 0;
        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        bool needLoss = value || writeLosses;
        bool mean = reduction == Reduction.Mean;
        T classes = T.CreateTruncating(classCount);
        T samples = T.CreateTruncating(rows);

        // torch: g = 1 / (N·C) for the mean, 1 / C otherwise.
        T step = mean && (value || gradient) ? T.One / (samples * classes) : T.One / classes;
        var sink = new RowLossSink<T>(losses, outputs);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> x = input.Slice(r * classCount, classCount);
            ReadOnlySpan<int> labels = target.Slice(r * classCount, classCount);
            Span<bool> isTarget = state.IsTarget;
            isTarget.Clear();
            int count = 0;
            for (; count < classCount && labels[count] >= 0; count++)
            {
                isTarget[labels[count]] = true;
            }

            Span<T> g = state.Gradient;
            if (gradient)
            {
                g.Clear();
            }

            RowCascade<T>.Initialize(out RowCascade<T> sum);
            for (int k = 0; k < count; k++)
            {
                int j = labels[k];
                T xj = x[j];
                for (int c = 0; c < classCount; c++)
                {
                    if (isTarget[c])
                    {
                        continue;
                    }

                    T z = T.One - xj + x[c];
                    bool active = z > T.Zero;
                    if (needLoss)
                    {
                        sum.Add(active ? z : T.Zero);
                    }

                    if (gradient && active)
                    {
                        g[j] -= step;
                        g[c] += step;
                    }
                }
            }

            if (gradient)
            {
                g.CopyTo(inputGradient.Slice(r * classCount, classCount));
            }

            if (needLoss)
            {
                sink.Add(r, sum.Total() / classes);
            }
        }

        // An empty batch: 0 for the sum, NaN (0 / 0) for the mean (torch returns uninitialised memory for the margin losses).
        return sink.Result(reduction, samples);
    }

    private ref struct State<T>
    {
        public Span<bool> IsTarget;
        public Span<T> Gradient;
    }
}
