using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>
/// mse_loss. A loss family is this much: the generic benchmark class (one per element type) and a struct saying how
/// each engine computes the loss.
/// </summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class Mse<T> : ElementwiseLossBenchmark<Mse<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public static ILoss<T> Generated { get; } = new Loss.MseLoss<T>();

        public static T Reference(T input, T target) => Loss.Mse(input, target);

        public static T ReferenceGradient(T input, T target) => T.CreateTruncating(2) * (input - target);

        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            TP.Subtract(input, target, scratch[0]);
            return TP.SumOfSquares(scratch[0]) / T.CreateTruncating(input.Length);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            TP.Subtract(input, target, inputGradient);
            TP.Multiply(inputGradient, T.CreateTruncating(2) / T.CreateTruncating(input.Length), inputGradient);
        }

        public static T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T n = T.CreateTruncating(input.Length);
            TP.Subtract(input, target, inputGradient);
            T loss = TP.SumOfSquares(inputGradient) / n;
            TP.Multiply(inputGradient, T.CreateTruncating(2) / n, inputGradient);
            return loss;
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.mse_loss(input, target);
#endif
    }
}
