using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>nll_loss</c> on log-probabilities [N, C] or [N, C, spatial]: loss_i = −w[y_i]·x[i, y_i], gradient
/// w[y_i]·(−s) at the target and 0 elsewhere (s = 1 / Σ w[y_j] for the mean), exactly as torch's kernel computes it.
/// Only one value per row is read, so there is nothing to vectorise but the zero fill; the reduction is the driver's
/// layout (<see cref="RowCascade{T}"/>).
/// </summary>
internal static class NllKernel
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<int> target, int classCount, int spatialSize, ReadOnlySpan<T> weight, int ignoreIndex,
        Span<T> losses, Span<T> inputGradient, RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        SoftmaxArguments.Shape(input, target.Length, classCount, spatialSize, nameof(target));
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

        bool mean = reduction == Reduction.Mean && (value || gradient);
        T total = SoftmaxArguments.Targets(target, classCount, ignoreIndex, weight, mean);
        T step = -(mean ? T.One / total : T.One);

        RowCascade<T>.Initialize(out RowCascade<T> sum);
        ref T x = ref MemoryMarshal.GetReference(input);
        ref T g = ref MemoryMarshal.GetReference(inputGradient);
        nuint stride = (nuint)spatialSize;
        for (int r = 0; r < target.Length; r++)
        {
            int n = r / spatialSize;
            int s = r - (n * spatialSize);
            nint offset = ((nint)n * classCount * spatialSize) + s;
            int y = target[r];
            bool ignored = y == ignoreIndex;
            T wy = ignored || weight.IsEmpty ? T.One : weight[y];
            T loss = ignored ? T.Zero : -Unsafe.Add(ref x, offset + (nint)((nuint)y * stride)) * wy;
            if (gradient)
            {
                // Read before written, row by row, so the gradient may be the input itself.
                ref T row = ref Unsafe.Add(ref g, offset);
                if (stride == 1)
                {
                    MemoryMarshal.CreateSpan(ref row, classCount).Clear();
                }
                else
                {
                    SoftmaxCrossEntropy.FillRow(ref row, classCount, stride, T.Zero);
                }

                if (!ignored)
                {
                    Unsafe.Add(ref row, (nuint)y * stride) = wy * step;
                }
            }

            if (writeLosses)
            {
                losses[r] = loss;
            }

            if (value)
            {
                sum.Add(loss);
            }
        }

        if (!value)
        {
            return T.Zero;
        }

        T result = sum.Total();
        return mean ? result / total : result;
    }
}
