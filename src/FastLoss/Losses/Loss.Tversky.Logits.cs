using FastLoss.Kernels;

namespace FastLoss;

// Multiclass Tversky from logits [N, C, S] and class indices [N, S]: softmax over C, one-hot targets, one score per class
// over the batch and space (the TverskyPerClass form). Named ...FromLogits because the input is logits, not probabilities.
public static partial class Loss
{
    /// <summary>
    /// Multiclass soft Tversky loss from logits and class indices, averaged over the classes: for logits [N, C, S] and class
    /// indices [N, S], the loss of class c is 1 − (Σ p_c·t_c + s) / (Σ p_c·t_c + α·Σ p_c·(1 − t_c) + β·Σ (1 − p_c)·t_c + s) with
    /// p = softmax(input) over the classes and t = onehot(target), the sums over the batch and the positions not ignored.
    /// </summary>
    /// <remarks>
    /// <para>The common segmentation setup, MONAI's <c>TverskyLoss(softmax=True, to_onehot_y=True, batch=True)</c>: p = softmax of the
    /// logits over the C classes at every (sample, position) (max-shifted, logits of ±1e4 are fine), t = onehot(target), and per
    /// class c the sums I_c = Σ p_c·t_c, FP_c = Σ p_c·(1 − t_c), FN_c = Σ (1 − p_c)·t_c over the batch and the spatial positions not
    /// ignored; the loss of class c is then that of <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>
    /// on (p, t), computed without materializing either. Positions whose target equals <c>ignoreIndex</c> are left out of every
    /// sum (and get a zero gradient). With <c>includeBackground</c> false, class 0 still takes part in the softmax but has no loss
    /// of its own (MONAI's <c>include_background=False</c>): the mean is over classes 1 … C − 1 and the per-class output holds
    /// C − 1 values.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s); α = β = ½ with s is <c>DiceFromLogits</c> with 2s. Not a torch function. For S of at least one vector block (8 doubles, 16 floats) the softmax runs across positions, else one position row at a time; sums are width-independent per-class cascades:
    /// the result is bit-identical on the Vector512, Vector256, Vector128 and scalar paths. Scratch rows live on the stack for up
    /// to 32 classes, larger ones and the per-class sums are rented from <see cref="System.Buffers.ArrayPool{T}"/>: nothing is
    /// allocated once the pool holds them.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The class index per position, [N, S], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1 (at least 2 without the background).</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = target.Length / S.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a class with Σ p·t = 0 and no
    /// weighted errors is 0/0 = NaN.</param>
    /// <param name="ignoreIndex">The target value that marks a position to leave out; default −100.</param>
    /// <param name="includeBackground">Whether class 0 has a loss of its own (default true); false: the loss is over classes 1 … C − 1.</param>
    /// <param name="reduction">Mean over the (included) classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, a class index is out of range, a size is less than 1, an
    /// output is too short or overlaps an input, a hyperparameter is negative, infinite or NaN, or the background is excluded with C = 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float TverskyFromLogits(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, default, RowOutputs.Value, reduction);

    /// <inheritdoc cref="TverskyFromLogits(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, float, float, float, int, bool, Reduction)"/>
    public static double TverskyFromLogits(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, default, RowOutputs.Value, reduction);

    /// <summary>
    /// The per-class losses of the multiclass soft Tversky from logits (reduction 'none'): writes the loss of every (included) class, in order, to
    /// <paramref name="destination"/>: for logits [N, C, S] and class
    /// indices [N, S], the loss of class c is 1 − (Σ p_c·t_c + s) / (Σ p_c·t_c + α·Σ p_c·(1 − t_c) + β·Σ (1 − p_c)·t_c + s) with
    /// p = softmax(input) over the classes and t = onehot(target), the sums over the batch and the positions not ignored.
    /// </summary>
    /// <remarks>
    /// <para>The common segmentation setup, MONAI's <c>TverskyLoss(softmax=True, to_onehot_y=True, batch=True)</c>: p = softmax of the
    /// logits over the C classes at every (sample, position) (max-shifted, logits of ±1e4 are fine), t = onehot(target), and per
    /// class c the sums I_c = Σ p_c·t_c, FP_c = Σ p_c·(1 − t_c), FN_c = Σ (1 − p_c)·t_c over the batch and the spatial positions not
    /// ignored; the loss of class c is then that of <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>
    /// on (p, t), computed without materializing either. Positions whose target equals <c>ignoreIndex</c> are left out of every
    /// sum (and get a zero gradient). With <c>includeBackground</c> false, class 0 still takes part in the softmax but has no loss
    /// of its own (MONAI's <c>include_background=False</c>): the mean is over classes 1 … C − 1 and the per-class output holds
    /// C − 1 values.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s); α = β = ½ with s is <c>DiceFromLogits</c> with 2s. Not a torch function. For S of at least one vector block (8 doubles, 16 floats) the softmax runs across positions, else one position row at a time; sums are width-independent per-class cascades:
    /// the result is bit-identical on the Vector512, Vector256, Vector128 and scalar paths. Scratch rows live on the stack for up
    /// to 32 classes, larger ones and the per-class sums are rented from <see cref="System.Buffers.ArrayPool{T}"/>: nothing is
    /// allocated once the pool holds them.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The class index per position, [N, S], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1 (at least 2 without the background).</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = target.Length / S.</param>
    /// <param name="destination">Receives C losses (C − 1 without the background); must not overlap the inputs.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a class with Σ p·t = 0 and no
    /// weighted errors is 0/0 = NaN.</param>
    /// <param name="ignoreIndex">The target value that marks a position to leave out; default −100.</param>
    /// <param name="includeBackground">Whether class 0 has a loss of its own (default true); false: the loss is over classes 1 … C − 1.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, a class index is out of range, a size is less than 1, an
    /// output is too short or overlaps an input, a hyperparameter is negative, infinite or NaN, or the background is excluded with C = 1.</exception>
    public static void TverskyFromLogits(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> destination, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, int ignoreIndex = -100,
        bool includeBackground = true)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <inheritdoc cref="TverskyFromLogits(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, float, float, int, bool)"/>
    public static void TverskyFromLogits(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> destination, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, int ignoreIndex = -100,
        bool includeBackground = true)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, destination, default, RowOutputs.Losses, Reduction.Sum);

    /// <summary>
    /// The gradient of the reduced multiclass soft Tversky loss from logits and class indices with respect to the logits: d loss / d p_c = a_c − b_c·t_c per class
    /// (see <see cref="TverskyPerClassGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, float, float, float, Reduction)"/>), through the
    /// softmax: g_x = p ⊙ (g_p − Σ_c p_c·g_p,c) at every position.
    /// </summary>
    /// <remarks>
    /// <para>The common segmentation setup, MONAI's <c>TverskyLoss(softmax=True, to_onehot_y=True, batch=True)</c>: p = softmax of the
    /// logits over the C classes at every (sample, position) (max-shifted, logits of ±1e4 are fine), t = onehot(target), and per
    /// class c the sums I_c = Σ p_c·t_c, FP_c = Σ p_c·(1 − t_c), FN_c = Σ (1 − p_c)·t_c over the batch and the spatial positions not
    /// ignored; the loss of class c is then that of <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>
    /// on (p, t), computed without materializing either. Positions whose target equals <c>ignoreIndex</c> are left out of every
    /// sum (and get a zero gradient). With <c>includeBackground</c> false, class 0 still takes part in the softmax but has no loss
    /// of its own (MONAI's <c>include_background=False</c>): the mean is over classes 1 … C − 1 and the per-class output holds
    /// C − 1 values.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s); α = β = ½ with s is <c>DiceFromLogits</c> with 2s. Not a torch function. For S of at least one vector block (8 doubles, 16 floats) the softmax runs across positions, else one position row at a time; sums are width-independent per-class cascades:
    /// the result is bit-identical on the Vector512, Vector256, Vector128 and scalar paths. Scratch rows live on the stack for up
    /// to 32 classes, larger ones and the per-class sums are rented from <see cref="System.Buffers.ArrayPool{T}"/>: nothing is
    /// allocated once the pool holds them.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The class index per position, [N, S], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1 (at least 2 without the background).</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = target.Length / S.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not overlap it partially.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a class with Σ p·t = 0 and no
    /// weighted errors is 0/0 = NaN.</param>
    /// <param name="ignoreIndex">The target value that marks a position to leave out; default −100.</param>
    /// <param name="includeBackground">Whether class 0 has a loss of its own (default true); false: the loss is over classes 1 … C − 1.</param>
    /// <param name="reduction">Mean over the (included) classes (default) or their sum.</param>
    /// <exception cref="ArgumentException">A length does not match the shape, a class index is out of range, a size is less than 1, an
    /// output is too short or overlaps an input, a hyperparameter is negative, infinite or NaN, or the background is excluded with C = 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static void TverskyFromLogitsGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyFromLogitsGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, float, float, int, bool, Reduction)"/>
    public static void TverskyFromLogitsGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, inputGradient, RowOutputs.Gradient, reduction);

    /// <summary>
    /// The reduced multiclass soft Tversky loss from logits and class indices and its gradient with respect to the logits in one call that shares the per-class sums; the
    /// same bits as the separate calls.
    /// </summary>
    /// <remarks>
    /// <para>The common segmentation setup, MONAI's <c>TverskyLoss(softmax=True, to_onehot_y=True, batch=True)</c>: p = softmax of the
    /// logits over the C classes at every (sample, position) (max-shifted, logits of ±1e4 are fine), t = onehot(target), and per
    /// class c the sums I_c = Σ p_c·t_c, FP_c = Σ p_c·(1 − t_c), FN_c = Σ (1 − p_c)·t_c over the batch and the spatial positions not
    /// ignored; the loss of class c is then that of <see cref="TverskyPerClass(ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, float, float, float, Reduction)"/>
    /// on (p, t), computed without materializing either. Positions whose target equals <c>ignoreIndex</c> are left out of every
    /// sum (and get a zero gradient). With <c>includeBackground</c> false, class 0 still takes part in the softmax but has no loss
    /// of its own (MONAI's <c>include_background=False</c>): the mean is over classes 1 … C − 1 and the per-class output holds
    /// C − 1 values.</para>
    /// <para>Salehi et al. 2017. Computed as (α·FP + β·FN) / (I + α·FP + β·FN + s); α = β = ½ with s is <c>DiceFromLogits</c> with 2s. Not a torch function. For S of at least one vector block (8 doubles, 16 floats) the softmax runs across positions, else one position row at a time; sums are width-independent per-class cascades:
    /// the result is bit-identical on the Vector512, Vector256, Vector128 and scalar paths. Scratch rows live on the stack for up
    /// to 32 classes, larger ones and the per-class sums are rented from <see cref="System.Buffers.ArrayPool{T}"/>: nothing is
    /// allocated once the pool holds them.</para>
    /// </remarks>
    /// <param name="input">The logits, [N, C, S] row-major (torch's channel-first layout, S = the product of the spatial sizes).</param>
    /// <param name="target">The class index per position, [N, S], in [0, C) or equal to <paramref name="ignoreIndex"/>.</param>
    /// <param name="classCount">C, at least 1 (at least 2 without the background).</param>
    /// <param name="spatialSize">S, at least 1 (1 for [N, C]); N = target.Length / S.</param>
    /// <param name="inputGradient">Receives the input's length of values; may be exactly <paramref name="input"/> (in place), must not overlap it partially.</param>
    /// <param name="alpha">α ≥ 0 (finite), the weight of the false positives Σ p·(1 − t); default 0.3 (Salehi et al. 2017).</param>
    /// <param name="beta">β ≥ 0 (finite), the weight of the false negatives Σ (1 − p)·t; default 0.7.</param>
    /// <param name="smooth">s ≥ 0 (finite), added to numerator and denominator; default 1. With s = 0 a class with Σ p·t = 0 and no
    /// weighted errors is 0/0 = NaN.</param>
    /// <param name="ignoreIndex">The target value that marks a position to leave out; default −100.</param>
    /// <param name="includeBackground">Whether class 0 has a loss of its own (default true); false: the loss is over classes 1 … C − 1.</param>
    /// <param name="reduction">Mean over the (included) classes (default) or their sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">A length does not match the shape, a class index is out of range, a size is less than 1, an
    /// output is too short or overlaps an input, a hyperparameter is negative, infinite or NaN, or the background is excluded with C = 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reduction is not Mean or Sum.</exception>
    public static float TverskyFromLogitsWithGradient(
        ReadOnlySpan<float> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<float> inputGradient, float alpha = 0.3f, float beta = 0.7f, float smooth = 1f, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);

    /// <inheritdoc cref="TverskyFromLogitsWithGradient(ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, Span{float}, float, float, float, int, bool, Reduction)"/>
    public static double TverskyFromLogitsWithGradient(
        ReadOnlySpan<double> input, ReadOnlySpan<int> target, int classCount, int spatialSize, Span<double> inputGradient, double alpha = 0.3d, double beta = 0.7d, double smooth = 1d, int ignoreIndex = -100,
        bool includeBackground = true, Reduction reduction = Reduction.Mean)
        => SoftOverlapLogitsKernel.Run(input, target, classCount, spatialSize, SoftOverlapKernel.Tversky(alpha, beta, smooth), ignoreIndex, includeBackground, default, inputGradient, RowOutputs.Value | RowOutputs.Gradient, reduction);
}
