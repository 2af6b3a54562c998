using System.Buffers;
using System.Globalization;
using System.Numerics;
using FastLoss.Kernels;

namespace FastLoss;

// gaussian_nll_loss with torch's broadcast var shapes: one variance per element, one per row of the last dimension
// (torch's size-1 last dimension, or the last dimension left out, which Python unsqueezes), or a single value. The
// variance is expanded into a pooled buffer and the per-element overloads run on it, so losses and the input's and
// target's gradients are bit-identical to the caller expanding it; the variance's gradient is summed back over the
// broadcast (as autograd does) with ElementwiseDriver.Total, the fixed cascade of every FastLoss reduction.
// (No 'using var': a using local is read-only, so VarianceGradient would rent into a defensive copy.)
public static partial class Loss
{
    /// <summary><see cref="GaussianNll{T}(T, T, T, T)"/> reduced, with torch's broadcast <c>var</c> shapes (one per element, per row or a single value); the same bits as expanding the variance per element.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNll(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps = 1e-6f, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            return GaussianNll(input, target, v.Values, eps, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes <see cref="GaussianNll{T}(T, T, T, T)"/> of each element (torch's <c>reduction='none'</c>) with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="destination">Receives one loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNll(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> destination)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, destination, nameof(destination));
            GaussianNll(input, target, v.Values, eps, destination);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes the gradient of the reduced <see cref="GaussianNll{T}(T, T, T, T)"/> with respect to the input, with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNllGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            GaussianNllGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Computes the reduced <see cref="GaussianNll{T}(T, T, T, T)"/> and writes its gradient with respect to the input in one pass, with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNllWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            return GaussianNllWithGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes the gradients of the reduced <see cref="GaussianNll{T}(T, T, T, T)"/> with respect to the input, the target and the broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an operand span (in place).</param>
    /// <param name="targetGradient">Receives d(loss)/d(target). At least as long as <paramref name="input"/>; never another gradient's memory.</param>
    /// <param name="varianceGradient">Receives d(loss)/d(variance) in the variance's own shape: one per variance value, the element-wise gradients summed over the broadcast (as autograd does, in the fixed order of every FastLoss reduction). At least as long as <paramref name="variance"/>; it may be exactly the variance (in place), never another gradient's memory.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNllGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Span<float> targetGradient, Span<float> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<float> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            GaussianNllGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Computes the reduced <see cref="GaussianNll{T}(T, T, T, T)"/> and writes its gradients with respect to the input, the target and the broadcast variance in one pass.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an operand span (in place).</param>
    /// <param name="targetGradient">Receives d(loss)/d(target). At least as long as <paramref name="input"/>; never another gradient's memory.</param>
    /// <param name="varianceGradient">Receives d(loss)/d(variance) in the variance's own shape: one per variance value, the element-wise gradients summed over the broadcast (as autograd does, in the fixed order of every FastLoss reduction). At least as long as <paramref name="variance"/>; it may be exactly the variance (in place), never another gradient's memory.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNllWithGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Span<float> targetGradient, Span<float> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<float> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            float loss = GaussianNllWithGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
            return loss;
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    public static double GaussianNll(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps = 1e-6, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            return GaussianNll(input, target, v.Values, eps, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNll(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float})"/>
    public static void GaussianNll(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> destination)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, destination, nameof(destination));
            GaussianNll(input, target, v.Values, eps, destination);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static void GaussianNllGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            GaussianNllGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static double GaussianNllWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            return GaussianNllWithGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Span{float}, Span{float}, Reduction)"/>
    public static void GaussianNllGradients(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Span<double> targetGradient, Span<double> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<double> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            GaussianNllGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllWithGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Span{float}, Span{float}, Reduction)"/>
    public static double GaussianNllWithGradients(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Span<double> targetGradient, Span<double> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<double> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            double loss = GaussianNllWithGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
            return loss;
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary><see cref="GaussianNllFull{T}(T, T, T, T)"/> reduced, with torch's broadcast <c>var</c> shapes (one per element, per row or a single value); the same bits as expanding the variance per element.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNllFull(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps = 1e-6f, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            return GaussianNllFull(input, target, v.Values, eps, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes <see cref="GaussianNllFull{T}(T, T, T, T)"/> of each element (torch's <c>reduction='none'</c>) with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="destination">Receives one loss per element. At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNllFull(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> destination)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, destination, nameof(destination));
            GaussianNllFull(input, target, v.Values, eps, destination);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes the gradient of the reduced <see cref="GaussianNllFull{T}(T, T, T, T)"/> with respect to the input, with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNllFullGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            GaussianNllFullGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Computes the reduced <see cref="GaussianNllFull{T}(T, T, T, T)"/> and writes its gradient with respect to the input in one pass, with a broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an input span (in place).</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNllFullWithGradient(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            return GaussianNllFullWithGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Writes the gradients of the reduced <see cref="GaussianNllFull{T}(T, T, T, T)"/> with respect to the input, the target and the broadcast variance.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an operand span (in place).</param>
    /// <param name="targetGradient">Receives d(loss)/d(target). At least as long as <paramref name="input"/>; never another gradient's memory.</param>
    /// <param name="varianceGradient">Receives d(loss)/d(variance) in the variance's own shape: one per variance value, the element-wise gradients summed over the broadcast (as autograd does, in the fixed order of every FastLoss reduction). At least as long as <paramref name="variance"/>; it may be exactly the variance (in place), never another gradient's memory.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static void GaussianNllFullGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Span<float> targetGradient, Span<float> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<float> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            GaussianNllFullGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>Computes the reduced <see cref="GaussianNllFull{T}(T, T, T, T)"/> and writes its gradients with respect to the input, the target and the broadcast variance in one pass.</summary>
    /// <param name="input">The predicted mean, viewed as rows of <paramref name="dimension"/> values (row-major).</param>
    /// <param name="target">The observation, one per input element.</param>
    /// <param name="dimension">torch's last dimension D (for a 1-d input, its length): a variance of n / D values holds one per row.</param>
    /// <param name="variance">torch's <c>var</c>, ≥ 0: one per element (n), one per row (n / D: torch's size-1 last dimension or the last dimension left out), or a single value.</param>
    /// <param name="eps">The smallest variance used (torch's default 1e-6).</param>
    /// <param name="inputGradient">Receives d(loss)/d(input). At least as long as <paramref name="input"/>; it may be exactly an operand span (in place).</param>
    /// <param name="targetGradient">Receives d(loss)/d(target). At least as long as <paramref name="input"/>; never another gradient's memory.</param>
    /// <param name="varianceGradient">Receives d(loss)/d(variance) in the variance's own shape: one per variance value, the element-wise gradients summed over the broadcast (as autograd does, in the fixed order of every FastLoss reduction). At least as long as <paramref name="variance"/>; it may be exactly the variance (in place), never another gradient's memory.</param>
    /// <param name="reduction">Mean (over the elements, as torch; default) or Sum.</param>
    /// <returns>The reduced loss.</returns>
    /// <exception cref="ArgumentException">The target's length differs from the input's, <paramref name="dimension"/> does not divide it, the variance has another length than n, n / D or 1 or a negative entry, a destination is too short or overlaps an operand or another destination, or a hyperparameter is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is less than 1, or the reduction is not Mean or Sum.</exception>
    public static float GaussianNllFullWithGradients(ReadOnlySpan<float> input, ReadOnlySpan<float> target, int dimension, ReadOnlySpan<float> variance, float eps, Span<float> inputGradient, Span<float> targetGradient, Span<float> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<float>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<float> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            float loss = GaussianNllFullWithGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
            return loss;
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFull(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Reduction)"/>
    public static double GaussianNllFull(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps = 1e-6, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            return GaussianNllFull(input, target, v.Values, eps, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFull(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float})"/>
    public static void GaussianNllFull(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> destination)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, destination, nameof(destination));
            GaussianNllFull(input, target, v.Values, eps, destination);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFullGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static void GaussianNllFullGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            GaussianNllFullGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFullWithGradient(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Reduction)"/>
    public static double GaussianNllFullWithGradient(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            return GaussianNllFullWithGradient(input, target, v.Values, eps, inputGradient, reduction);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFullGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Span{float}, Span{float}, Reduction)"/>
    public static void GaussianNllFullGradients(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Span<double> targetGradient, Span<double> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<double> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            GaussianNllFullGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <inheritdoc cref="GaussianNllFullWithGradients(ReadOnlySpan{float}, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float}, Span{float}, Span{float}, Reduction)"/>
    public static double GaussianNllFullWithGradients(ReadOnlySpan<double> input, ReadOnlySpan<double> target, int dimension, ReadOnlySpan<double> variance, double eps, Span<double> inputGradient, Span<double> targetGradient, Span<double> varianceGradient, Reduction reduction = Reduction.Mean)
    {
        var v = new BroadcastVariance<double>(input, target, dimension, variance);
        try
        {
            ValidateOutput(input, target, variance, inputGradient, nameof(inputGradient));
            ValidateOutput(input, target, variance, targetGradient, nameof(targetGradient));
            Span<double> elementwise = v.VarianceGradient(input, target, variance, inputGradient, targetGradient, varianceGradient);
            double loss = GaussianNllFullWithGradients(input, target, v.Values, eps, inputGradient, targetGradient, elementwise, reduction);
            v.SumBack(varianceGradient);
            return loss;
        }
        finally
        {
            v.Dispose();
        }
    }

    /// <summary>The variance as the per-element overloads take it: the caller's span or a pooled expansion of it.</summary>
    /// <typeparam name="T">float or double.</typeparam>
    private ref struct BroadcastVariance<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private T[]? _rented;
        private T[]? _rentedGradient;
        private readonly int _count;

        /// <summary>Validates the operands and expands the variance (nothing is written to the caller's memory).</summary>
        public BroadcastVariance(ReadOnlySpan<T> input, ReadOnlySpan<T> target, int dimension, ReadOnlySpan<T> variance)
        {
            ThrowHelper.ValidateOperandLength(input.Length, target.Length, "target");
            if (dimension < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "'dimension' must be at least 1.");
            }

            int n = input.Length;
            if (n % dimension != 0)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'dimension' ({dimension}) does not divide the input's {n} elements: it must be the input's last dimension."),
                    nameof(dimension));
            }

            if (variance.Length != n && variance.Length != n / dimension && variance.Length != 1)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"'variance' has {variance.Length} elements: give one per element ({n}), one per row of the last dimension ({n / dimension}, torch's size-1 last dimension), or a single value (torch: var is of incorrect size)."),
                    nameof(variance));
            }

            OperandValidation.ValidateRange(variance, T.Zero, T.PositiveInfinity, allowNaN: true, "variance", "at least 0 (torch: var has negative entry/entries)");
            _count = variance.Length;
            if (variance.Length == n)
            {
                Values = variance;
                return;
            }

            _rented = ArrayPool<T>.Shared.Rent(n);
            Span<T> expanded = _rented.AsSpan(0, n);
            if (variance.Length == 1)
            {
                expanded.Fill(variance[0]);
            }
            else
            {
                for (int row = 0; row < variance.Length; row++)
                {
                    expanded.Slice(row * dimension, dimension).Fill(variance[row]);
                }
            }

            Values = expanded;
        }

        /// <summary>One variance per input element.</summary>
        public ReadOnlySpan<T> Values { get; }

        /// <summary>
        /// Validates the caller's variance gradient (one per variance value, not overlapping the other gradients) and
        /// returns where the per-element overloads write the element-wise variance gradient.
        /// </summary>
        public Span<T> VarianceGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, ReadOnlySpan<T> variance, Span<T> inputGradient, Span<T> targetGradient, Span<T> varianceGradient)
        {
            ThrowHelper.ValidateDestination(_count, varianceGradient, nameof(varianceGradient));
            Span<T> written = varianceGradient[.._count];
            ThrowHelper.ValidateNoPartialOverlap(input, written, nameof(varianceGradient));
            ThrowHelper.ValidateNoPartialOverlap(target, written, nameof(varianceGradient));
            ThrowHelper.ValidateNoPartialOverlap(variance, written, nameof(varianceGradient));
            ThrowHelper.ValidateNoOverlap<T, T>(inputGradient[..Math.Min(input.Length, inputGradient.Length)], written, nameof(varianceGradient), nameof(inputGradient));
            ThrowHelper.ValidateNoOverlap<T, T>(targetGradient[..Math.Min(input.Length, targetGradient.Length)], written, nameof(varianceGradient), nameof(targetGradient));
            if (_rented is null)
            {
                return varianceGradient;
            }

            _rentedGradient = ArrayPool<T>.Shared.Rent(input.Length);
            return _rentedGradient.AsSpan(0, input.Length);
        }

        /// <summary>Sums the element-wise variance gradient over the broadcast into <paramref name="varianceGradient"/>.</summary>
        public readonly void SumBack(Span<T> varianceGradient)
        {
            if (_rentedGradient is null)
            {
                return;
            }

            int n = Values.Length;
            ReadOnlySpan<T> elementwise = _rentedGradient.AsSpan(0, n);
            if (_count == 1 || n == 0)
            {
                varianceGradient[0] = ElementwiseDriver.Total(elementwise);
                return;
            }

            int dimension = n / _count;
            for (int row = 0; row < _count; row++)
            {
                varianceGradient[row] = ElementwiseDriver.Total(elementwise.Slice(row * dimension, dimension));
            }
        }

        /// <summary>Returns the pooled buffers.</summary>
        public void Dispose()
        {
            if (_rented is not null)
            {
                ArrayPool<T>.Shared.Return(_rented);
                _rented = null;
            }

            if (_rentedGradient is not null)
            {
                ArrayPool<T>.Shared.Return(_rentedGradient);
                _rentedGradient = null;
            }
        }
    }
}
