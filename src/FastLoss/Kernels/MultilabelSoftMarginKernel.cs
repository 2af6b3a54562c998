using System.Runtime.CompilerServices;
using System.Globalization;
using System.Numerics;

namespace FastLoss.Kernels;

/// <summary>
/// torch's <c>multilabel_soft_margin_loss</c> on logits [N, C] with targets of the same shape:
/// loss_i = Σ_c w_c·(−(t·log σ(x) + (1 − t)·log σ(−x))) / C, then the mean or sum over samples. log σ is
/// <see cref="VectorMath.LogSigmoid(float)"/> (stable for every logit); the gradient is
/// w·s·((1 − t)·σ(x) − t·σ(−x)) (s = 1/C, divided by N for the mean), the form torch's autograd evaluates, so a
/// saturated logit on the right side gives exactly 0 and no 0·∞.
/// </summary>
/// <remarks>
/// The weight is per class (C values, torch's documented shape) or per element (N·C values, torch broadcasts it).
/// A row's terms are summed in <see cref="RowCascade{T}"/>'s layout (width-independent), the per-sample losses too.
/// Every element's gradient depends only on that element, so the gradient may be the input itself. The scalar
/// <see cref="VectorMath"/> functions used here are the polynomials of its vector paths, bit for bit.
/// </remarks>
internal static class MultilabelSoftMarginKernel
{
    /// <summary>Validates, then computes what <paramref name="outputs"/> asks for.</summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Run<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount, ReadOnlySpan<T> weight, Span<T> losses, Span<T> inputGradient,
        RowOutputs outputs, Reduction reduction)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        SoftmaxArguments.Reduction(reduction, outputs);
        int rows = RowGeometry.Rows(input, classCount);
        ThrowHelper.ValidateOperandLength(input.Length, target.Length, nameof(target));
        if (!weight.IsEmpty && weight.Length != classCount && weight.Length != input.Length)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"'weight' has {weight.Length} elements: give one per class ({classCount}), one per element ({input.Length}), or none. (Per-sample losses go to 'destination:', not 'weight:'.)"),
                nameof(weight));
        }

        bool value = (outputs & RowOutputs.Value) != 0;
        bool writeLosses = (outputs & RowOutputs.Losses) != 0;
        bool gradient = (outputs & RowOutputs.Gradient) != 0;
        if (writeLosses)
        {
            SoftmaxArguments.Losses(losses, rows, input, target, weight);
        }

        if (gradient)
        {
            SoftmaxArguments.Gradient(inputGradient, input, target, weight);
        }

        bool needLoss = value || writeLosses;
        bool mean = reduction == Reduction.Mean;
        T classes = T.CreateTruncating(classCount);
        T samples = T.CreateTruncating(rows);
        T step = mean && (value || gradient) ? T.One / (samples * classes) : T.One / classes;
        bool perElement = weight.Length == input.Length && weight.Length != classCount;
        var sink = new RowLossSink<T>(losses, outputs);
        for (int r = 0; r < rows; r++)
        {
            int offset = r * classCount;
            RowCascade<T>.Initialize(out RowCascade<T> sum);
            for (int c = 0; c < classCount; c++)
            {
                T x = input[offset + c];
                T t = target[offset + c];
                T w = weight.IsEmpty ? T.One : weight[perElement ? offset + c : c];
                if (needLoss)
                {
                    T term = -((t * BlockMath.LogSigmoid(x)) + ((T.One - t) * BlockMath.LogSigmoid(-x)));
                    sum.Add(weight.IsEmpty ? term : term * w);
                }

                if (gradient)
                {
                    T d = ((T.One - t) * BlockMath.Sigmoid(x)) - (t * BlockMath.Sigmoid(-x));
                    inputGradient[offset + c] = weight.IsEmpty ? d * step : d * (w * step);
                }
            }

            if (needLoss)
            {
                sink.Add(r, sum.Total() / classes);
            }
        }

        // An empty batch: 0 for the sum, NaN (0 / 0) for the mean, as torch.
        return sink.Result(reduction, samples);
    }
}
