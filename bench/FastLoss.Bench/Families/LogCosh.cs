using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>The user-declared <see cref="UserLosses.LogCosh{T}"/>: what the generator makes of a formula outside the library.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class LogCosh<T> : ElementwiseLossBenchmark<LogCosh<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        private const double Log2 = 0.69314718055994531;

        public static ILoss<T> Generated { get; } = new UserLosses.LogCoshLoss<T>();

        public static T Reference(T input, T target) => UserLosses.LogCosh(input, target);

        public static T ReferenceGradient(T input, T target) => T.Tanh(input - target);

        // z + log1p(e^(−2z)) − log 2 with z = |x − t|; the gradient is tanh(x − t).
        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            TP.Subtract(input, target, scratch[0]);
            TP.Abs(scratch[0], scratch[0]);
            TP.Multiply(scratch[0], -T.CreateTruncating(2), scratch[1]);
            TP.Exp(scratch[1], scratch[1]);
            TP.LogP1(scratch[1], scratch[1]);
            return ((TP.Sum(scratch[0]) + TP.Sum(scratch[1])) / T.CreateTruncating(input.Length)) - T.CreateTruncating(Log2);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            TP.Subtract(input, target, inputGradient);
            TP.Tanh(inputGradient, inputGradient);
            TP.Multiply(inputGradient, T.One / T.CreateTruncating(input.Length), inputGradient);
        }

        public static T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T n = T.CreateTruncating(input.Length);
            TP.Subtract(input, target, inputGradient);
            TP.Abs(inputGradient, scratch[0]);
            TP.Multiply(scratch[0], -T.CreateTruncating(2), scratch[1]);
            TP.Exp(scratch[1], scratch[1]);
            TP.LogP1(scratch[1], scratch[1]);
            T loss = ((TP.Sum(scratch[0]) + TP.Sum(scratch[1])) / n) - T.CreateTruncating(Log2);
            TP.Tanh(inputGradient, inputGradient);
            TP.Multiply(inputGradient, T.One / n, inputGradient);
            return loss;
        }

#if WITH_TORCH
        // Not in torch.nn.functional: composed the same stable way.
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
        {
            var z = (input - target).abs();
            return (z + TorchSharp.torch.nn.functional.softplus(-2 * z) - Log2).mean();
        }
#endif
    }
}
