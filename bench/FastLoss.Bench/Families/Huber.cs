using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>huber_loss with δ = 1 (PyTorch's default).</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class Huber<T> : ElementwiseLossBenchmark<Huber<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public const double Delta = 1.0;

        public static ILoss<T> Generated { get; } = new Loss.HuberLoss<T>(T.CreateTruncating(Delta));

        public static int ScratchBuffers => 3;

        public static T Reference(T input, T target) => Loss.Huber(input, target, T.CreateTruncating(Delta));

        public static T ReferenceGradient(T input, T target)
            => T.Clamp(input - target, -T.CreateTruncating(Delta), T.CreateTruncating(Delta));

        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
            => Compose.HuberSum(input, target, T.CreateTruncating(Delta), scratch[2], scratch[0], scratch[1]) / T.CreateTruncating(input.Length);

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            TP.Subtract(input, target, inputGradient);
            Compose.HuberGradientInPlace(inputGradient, T.CreateTruncating(Delta), T.One / T.CreateTruncating(input.Length));
        }

        public static T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T scale = T.One / T.CreateTruncating(input.Length);
            T loss = Compose.HuberSum(input, target, T.CreateTruncating(Delta), inputGradient, scratch[0], scratch[1]) * scale;
            Compose.HuberGradientInPlace(inputGradient, T.CreateTruncating(Delta), scale);
            return loss;
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.huber_loss(input, target, delta: Delta);
#endif
    }
}
