using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Soft Dice loss per sample, averaged over the samples: for probabilities p and targets t of shape [N, D], the
    /// loss of sample n is 1 − (2·Σ p·t + s) / (Σ p + Σ t + s) with the sums over its D values; the mean is over the N samples (NaN for N = 0).
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, Reduction)"/>.</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float Dice(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    public static double Dice(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// The per-sample soft Dice losses (reduction 'none'): writes the loss of each sample, 1 − (2·Σ p·t + s) / (Σ p + Σ t + s), to
    /// <paramref name="destination"/> (samples in order).
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, Reduction)"/>.</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="destination">Receives the N per-sample losses; must not overlap the inputs.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    public static void Dice(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> destination, float smooth = 1f)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float)"/>
    public static void Dice(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> destination, double smooth = 1d)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced soft Dice loss with respect to the probabilities: within each sample,
    /// d loss / d p_j = (2Σpt + s) / (Σp + Σt + s)² − 2·t_j / (Σp + Σt + s), times 1 / (the number of samples) for the mean.
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, Reduction)"/>.</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void DiceGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> inputGradient, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="DiceGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, Reduction)"/>
    public static void DiceGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> inputGradient, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced soft Dice loss and its gradient in one call that shares the sums; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, Reduction)"/>.</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float DiceWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> inputGradient, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="DiceWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, Reduction)"/>
    public static double DiceWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> inputGradient, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <summary>
    /// Soft Dice loss per class, averaged over the classes: for probabilities p and targets t of shape [N, C, S], the
    /// loss of class c is 1 − (2·Σ p·t + s) / (Σ p + Σ t + s) with the sums over the batch and the spatial positions (n, s) of that class; the
    /// mean is over the C classes.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float DicePerClass(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, Reduction)"/>
    public static double DicePerClass(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// The per-class soft Dice losses (reduction 'none'): writes the loss of each class, 1 − (2·Σ p·t + s) / (Σ p + Σ t + s), to
    /// <paramref name="destination"/> (classes in order).
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="destination">Receives the C per-class losses; must not overlap the inputs.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    public static void DicePerClass(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> destination, float smooth = 1f)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="DicePerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float)"/>
    public static void DicePerClass(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> destination, double smooth = 1d)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced soft Dice loss with respect to the probabilities: within each class,
    /// d loss / d p_j = (2Σpt + s) / (Σp + Σt + s)² − 2·t_j / (Σp + Σt + s), times 1 / (the number of classes) for the mean.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void DicePerClassGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="DicePerClassGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, Reduction)"/>
    public static void DicePerClassGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced soft Dice loss and its gradient in one call that shares the sums; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Dice(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Computed as (FP + FN) / (2·I + FP + FN + s) with I = Σ p·t, FP = Σ p·(1 − t), FN = Σ (1 − p)·t (the same
    /// value, since Σp + Σt = 2I + FP + FN, without the cancellation of 1 − ratio near a perfect prediction). For p and
    /// t in [0, 1] the loss is in [0, 1]; it is 0 exactly when FP = FN = 0 (p = t with 0/1 targets) and s + 2I &gt; 0.
    /// <c>Tversky(α = ½, β = ½, s)</c> equals <c>Dice(2s)</c> (and <c>Dice</c> at s = 0).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 an empty group (Σp = Σt = 0) is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float DicePerClassWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="DicePerClassWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, Reduction)"/>
    public static double DicePerClassWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Dice(smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
