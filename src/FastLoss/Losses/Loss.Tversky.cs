using FastLoss.Kernels;

namespace FastLoss;

public static partial class Loss
{
    /// <summary>
    /// Soft Tversky loss per sample, averaged over the samples: for probabilities p and targets t of shape [N, D], the
    /// loss of sample n is 1 − (Σ p·t + s) / (Σ p·t + α·Σ p·(1 − t) + β·Σ (1 − p)·t + s) with the sums over its D values; the mean is over the N samples (NaN for N = 0).
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float Tversky(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, Reduction)"/>
    public static double Tversky(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// The per-sample soft Tversky losses (reduction 'none'): writes the loss of each sample, 1 − (Σ p·t + s) / (Σ p·t + α·Σ p·(1 − t) + β·Σ (1 − p)·t + s), to
    /// <paramref name="destination"/> (samples in order).
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="destination">Receives the N per-sample losses; must not overlap the inputs.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    public static void Tversky(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> destination, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, float, float)"/>
    public static void Tversky(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> destination, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced soft Tversky loss with respect to the probabilities: within each sample,
    /// d loss / d p_j = α·R / D − t_j·((α + β)·R + L) / D, with D the denominator, L the loss and R = 1 − L = (Σpt + s) / D, times 1 / (the number of samples) for the mean.
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void TverskyGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, float, float, Reduction)"/>
    public static void TverskyGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced soft Tversky loss and its gradient in one call that shares the sums; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>The binary (or multilabel) form: each sample's map is one group. For per-(sample, class) losses of a
    /// [N, C, S] map pass <paramref name="sampleSize"/> = S (N·C groups); for one loss per class over the batch see
    /// <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, D] row-major (each sample's D values contiguous).</param>
    /// <param name="target">The targets t, the input's length: 0/1 masks or soft targets.</param>
    /// <param name="sampleSize">D, the number of values per sample (e.g. H·W of a binary mask), at least 1; N = input.Length / D.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not
    /// overlap it partially or overlap the target.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the samples (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// sample size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float TverskyWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int sampleSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, float, float, float, Reduction)"/>
    public static double TverskyWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int sampleSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Samples(input, target, sampleSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <summary>
    /// Soft Tversky loss per class, averaged over the classes: for probabilities p and targets t of shape [N, C, S], the
    /// loss of class c is 1 − (Σ p·t + s) / (Σ p·t + α·Σ p·(1 − t) + β·Σ (1 − p)·t + s) with the sums over the batch and the spatial positions (n, s) of that class; the
    /// mean is over the C classes.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float TverskyPerClass(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>
    public static double TverskyPerClass(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// The per-class soft Tversky losses (reduction 'none'): writes the loss of each class, 1 − (Σ p·t + s) / (Σ p·t + α·Σ p·(1 − t) + β·Σ (1 − p)·t + s), to
    /// <paramref name="destination"/> (classes in order).
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
    /// <para>Not a torch function. Sums are taken in the element-wise driver's layout (pairwise blocks, runs and groups
    /// combined by a pairwise cascade): the result is bit-identical on the Vector512, Vector256, Vector128 and scalar
    /// paths. Nothing is allocated.</para>
    /// </remarks>
    /// <param name="input">The predicted probabilities p, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The targets t, the input's length: one-hot (or multilabel 0/1, or soft) maps.</param>
    /// <param name="classCount">C, at least 1.</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = input.Length / (C·S).</param>
    /// <param name="destination">Receives the C per-class losses; must not overlap the inputs.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    public static void TverskyPerClass(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> destination, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, float, float)"/>
    public static void TverskyPerClass(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> destination, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced soft Tversky loss with respect to the probabilities: within each class,
    /// d loss / d p_j = α·R / D − t_j·((α + β)·R + L) / D, with D the denominator, L the loss and R = 1 − L = (Σpt + s) / D, times 1 / (the number of classes) for the mean.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
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
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void TverskyPerClassGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyPerClassGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, float, float, Reduction)"/>
    public static void TverskyPerClassGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced soft Tversky loss and its gradient in one call that shares the sums; the same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>The segmentation form (one global score per class, as segmentation_models_pytorch's <c>DiceLoss</c> on
    /// probabilities); for one loss per (sample, class) use <see cref="Tversky(ReadOnlySpan{float}, ReadOnlySpan{float}, int, float, float, float, Reduction)"/>
    /// with sampleSize = S. The probabilities are taken as given (apply softmax or sigmoid first).</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s) with I = Σ p·t, FP = Σ p·(1 − t),
    /// FN = Σ (1 − p)·t (the same value without the cancellation of 1 − ratio near a perfect prediction). For p and t
    /// in [0, 1] the loss is in [0, 1]; it is 0 when FP = FN = 0 (p = t with 0/1 targets) and s + I &gt; 0.
    /// α = β = ½ with smoothing s is <c>Dice</c> with smoothing 2s (α = β = 1 with s is 1 − Jaccard/IoU).</para>
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
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a group with Σ p·t = 0 and no weighted errors is 0/0 = NaN.</param>
    /// <param name="reduction">Mean over the classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, the input's length is not a multiple of the
    /// class count × spatial size, a size is less than 1, an output is too short or overlaps an input, or a hyperparameter is negative, infinite or NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float TverskyPerClassWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<float> target, int classCount, int spatialSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyPerClassWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, float, float, Reduction)"/>
    public static double TverskyPerClassWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<double> target, int classCount, int spatialSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, Reduction reduction = Reduction.Mean)
        => SoftOverlapKernel.Classes(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
