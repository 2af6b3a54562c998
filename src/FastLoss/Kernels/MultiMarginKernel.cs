using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>multi_margin_loss</c> on scores [N, C]: loss_i = Σ_{c≠y_i} w[y_i]·max(0, margin − x[i, y_i] + x[i, c])^p / C,
/// p ∈ {1, 2}. The gradient is torch's: a hinge term that is exactly 0 contributes nothing (strict &gt; 0); for z &gt; 0 it
/// is w·s·(1 or 2z) at c and minus the same at y_i (s = 1/C, divided by N for the mean).
/// </summary>
/// <remarks>
/// A row's terms are summed in <see cref="RowCascade{T}"/>'s layout (the driver's layout, width-independent), in class
/// order, the target class skipped; the per-sample losses are summed the same way. The gradient of a row is written in
/// one pass that reads x[i, c] before writing the gradient there (x[i, y_i] is read first), so it may be the input
/// itself.
/// </remarks>
internal static class MultiMarginKernel
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int p, T margin, ReadOnlySpan<T> weight,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        SoftmaxArguments.Shape(input, target.Length, classCount, 1, nameof(target));
        if (p is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "'p' must be 1 or 2 (as torch: only p == 1 and p == 2 are supported).");
        }

        ThrowHelper.ValidateHyperparameter(!T.IsNaN(margin), margin, nameof(margin), "a number");
        SoftmaxArguments.PerClass(weight, classCount, nameof(weight));
        bool value = (outputs & RowOutputs.Value) != 0;
        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if (writeLosses)
        {
            SoftmaxArguments.Losses(losses, target.Length, input, default, weight);
        }

        if (gradient)
        {
            SoftmaxArguments.Gradient(inputGradient, input, default, weight);
        }

        for (int i = 0; i < target.Length; i++)
        {
            if ((uint)target[i] >= (uint)classCount)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'target' holds class {target[i]} at index {i}: class indices must be in [0, {classCount})."),
                    nameof(target));
            }
        }

        T classes = T.CreateTruncating(classCount);
        bool mean = reduction == Reduction.Mean;
        T samples = T.CreateTruncating(target.Length);

        // torch: g = 1 / (N·C) for the mean, 1 / C otherwise; the per-term gradient is g (p = 1) or 2·g·z, times w[y].
        T step = mean && (value || gradient) ? T.One / (samples * classes) : T.One / classes;
        T two = T.One + T.One;
        var sink = new RowLossSink<T>(losses, outputs);
        ref T x = ref MemoryMarshal.GetReference(input);
        ref T g = ref MemoryMarshal.GetReference(inputGradient);
        for (int r = 0; r < target.Length; r++)
        {
            nint offset = (nint)r * classCount;
            ref T row = ref Unsafe.Add(ref x, offset);
            ref T gradientRow = ref Unsafe.Add(ref g, offset);
            int y = target[r];
            T xy = Unsafe.Add(ref row, y);
            T wy = weight.IsEmpty ? T.One : weight[y];
            bool needLoss = value || writeLosses;
            RowCascade<T>.Initialize(out RowCascade<T> sum);
            T gradientY = T.Zero;
            for (int c = 0; c < classCount; c++)
            {
                if (c == y)
                {
                    continue;
                }

                T z = margin - xy + Unsafe.Add(ref row, c);
                bool active = z > T.Zero;
                if (needLoss)
                {
                    sum.Add(active ? (p == 1 ? z : z * z) * wy : T.Zero);
                }

                if (gradient)
                {
                    T h = active ? (p == 1 ? step : two * step * z) * wy : T.Zero;
                    gradientY -= h;
                    Unsafe.Add(ref gradientRow, c) = h;
                }
            }

            if (gradient)
            {
                Unsafe.Add(ref gradientRow, y) = gradientY;
            }

            if (needLoss)
            {
                sink.Add(r, sum.Total() / classes);
            }
        }

        // An empty batch: 0 for the sum, NaN (0 / 0) for the mean (torch returns uninitialised memory for the margin losses).
        return sink.Result(reduction, samples);
    }
}
