using System.Numerics;

namespace FastLoss.Tests.Golden.Adapters;

/// <summary>
/// <c>kl_div</c> → <see cref="Loss.KlDiv(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> for
/// <c>log_target=False</c> and <see cref="Loss.KlDivLogTarget(ReadOnlySpan{float}, ReadOnlySpan{float}, Reduction)"/> for
/// <c>log_target=True</c> (a boolean option is a separate formula: the generator's hyperparameters are numbers).
/// </summary>
public sealed class KlDivAdapter : ElementwiseLossAdapter
{
    /// <inheritdoc/>
    public override string TorchName => "kl_div";

    /// <inheritdoc/>
    public override string Name => "KlDiv";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> OperandGradients => ["target"];

    /// <inheritdoc/>
    /// <remarks>'batchmean' (sum / input.size(0)) → <see cref="Reduction.BatchMean"/> through the overloads that take the batch size.</remarks>
    public override bool TryMapReduction(string key, out Reduction? reduction)
    {
        if (key == "batchmean")
        {
            reduction = Reduction.BatchMean;
            return true;
        }

        return base.TryMapReduction(key, out reduction);
    }

    /// <inheritdoc/>
    protected override ElementwiseCalls<float> Single(GoldenCase goldenCase) => LogTarget(goldenCase)
        ? new(
            (x, t, r) => r == Reduction.BatchMean ? Loss.KlDivLogTarget(x, t, BatchSize(goldenCase), r) : Loss.KlDivLogTarget(x, t, r),
            (x, t, d) => Loss.KlDivLogTarget(x, t, d),
            (x, t, g, r) => { if (r == Reduction.BatchMean) { Loss.KlDivLogTargetGradient(x, t, BatchSize(goldenCase), g, r); } else { Loss.KlDivLogTargetGradient(x, t, g, r); } },
            (x, t, g, r) => r == Reduction.BatchMean ? Loss.KlDivLogTargetWithGradient(x, t, BatchSize(goldenCase), g, r) : Loss.KlDivLogTargetWithGradient(x, t, g, r),
            (x, t, g, tg, r) => { Loss.KlDivLogTargetGradients(x, t, g, tg, SumFor(r)); PerBatch(g, tg, r, goldenCase); },
            (x, t, g, tg, r) => PerBatch(Loss.KlDivLogTargetWithGradients(x, t, g, tg, SumFor(r)), g, tg, r, goldenCase))
        : new(
            (x, t, r) => r == Reduction.BatchMean ? Loss.KlDiv(x, t, BatchSize(goldenCase), r) : Loss.KlDiv(x, t, r),
            (x, t, d) => Loss.KlDiv(x, t, d),
            (x, t, g, r) => { if (r == Reduction.BatchMean) { Loss.KlDivGradient(x, t, BatchSize(goldenCase), g, r); } else { Loss.KlDivGradient(x, t, g, r); } },
            (x, t, g, r) => r == Reduction.BatchMean ? Loss.KlDivWithGradient(x, t, BatchSize(goldenCase), g, r) : Loss.KlDivWithGradient(x, t, g, r),
            (x, t, g, tg, r) => { Loss.KlDivGradients(x, t, g, tg, SumFor(r)); PerBatch(g, tg, r, goldenCase); },
            (x, t, g, tg, r) => PerBatch(Loss.KlDivWithGradients(x, t, g, tg, SumFor(r)), g, tg, r, goldenCase));

    /// <inheritdoc/>
    protected override ElementwiseCalls<double> Double(GoldenCase goldenCase) => LogTarget(goldenCase)
        ? new(
            (x, t, r) => r == Reduction.BatchMean ? Loss.KlDivLogTarget(x, t, BatchSize(goldenCase), r) : Loss.KlDivLogTarget(x, t, r),
            (x, t, d) => Loss.KlDivLogTarget(x, t, d),
            (x, t, g, r) => { if (r == Reduction.BatchMean) { Loss.KlDivLogTargetGradient(x, t, BatchSize(goldenCase), g, r); } else { Loss.KlDivLogTargetGradient(x, t, g, r); } },
            (x, t, g, r) => r == Reduction.BatchMean ? Loss.KlDivLogTargetWithGradient(x, t, BatchSize(goldenCase), g, r) : Loss.KlDivLogTargetWithGradient(x, t, g, r),
            (x, t, g, tg, r) => { Loss.KlDivLogTargetGradients(x, t, g, tg, SumFor(r)); PerBatch(g, tg, r, goldenCase); },
            (x, t, g, tg, r) => PerBatch(Loss.KlDivLogTargetWithGradients(x, t, g, tg, SumFor(r)), g, tg, r, goldenCase))
        : new(
            (x, t, r) => r == Reduction.BatchMean ? Loss.KlDiv(x, t, BatchSize(goldenCase), r) : Loss.KlDiv(x, t, r),
            (x, t, d) => Loss.KlDiv(x, t, d),
            (x, t, g, r) => { if (r == Reduction.BatchMean) { Loss.KlDivGradient(x, t, BatchSize(goldenCase), g, r); } else { Loss.KlDivGradient(x, t, g, r); } },
            (x, t, g, r) => r == Reduction.BatchMean ? Loss.KlDivWithGradient(x, t, BatchSize(goldenCase), g, r) : Loss.KlDivWithGradient(x, t, g, r),
            (x, t, g, tg, r) => { Loss.KlDivGradients(x, t, g, tg, SumFor(r)); PerBatch(g, tg, r, goldenCase); },
            (x, t, g, tg, r) => PerBatch(Loss.KlDivWithGradients(x, t, g, tg, SumFor(r)), g, tg, r, goldenCase));

    /// <summary>The reduction the all-gradients overloads are called with: 'batchmean' is the sum, divided here (as a caller would).</summary>
    private static Reduction SumFor(Reduction reduction) => reduction == Reduction.BatchMean ? Reduction.Sum : reduction;

    /// <summary>Divides the sum's loss and gradients by the batch size for 'batchmean' (the generated overloads take Mean or Sum only).</summary>
    private static T PerBatch<T>(T loss, Span<T> inputGradient, Span<T> targetGradient, Reduction reduction, GoldenCase goldenCase)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (reduction != Reduction.BatchMean)
        {
            return loss;
        }

        T batch = T.CreateTruncating(BatchSize(goldenCase));
        for (int i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] /= batch;
            targetGradient[i] /= batch;
        }

        return loss / batch;
    }

    private static void PerBatch<T>(Span<T> inputGradient, Span<T> targetGradient, Reduction reduction, GoldenCase goldenCase)
        where T : unmanaged, IFloatingPointIeee754<T>
        => PerBatch(T.Zero, inputGradient, targetGradient, reduction, goldenCase);

    /// <summary>torch's <c>input.size(0)</c>, or 1 for a 0-d input (which 'batchmean' does not divide).</summary>
    private static int BatchSize(GoldenCase goldenCase) => goldenCase.Inputs["input"].Shape is [int first, ..] ? first : 1;

    private static bool LogTarget(GoldenCase goldenCase) => goldenCase.OptionNames.Contains("log_target") && goldenCase.Flag("log_target");
}
