using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>binary_cross_entropy_with_logits on N(0, 2²) logits and hard 0/1 labels.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class BinaryCrossEntropyWithLogits<T> : ElementwiseLossBenchmark<BinaryCrossEntropyWithLogits<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public static ILoss<T> Generated { get; } = new Loss.BinaryCrossEntropyWithLogitsLoss<T>();

        public static T Reference(T input, T target) => Loss.BinaryCrossEntropyWithLogits(input, target);

        public static T ReferenceGradient(T input, T target) => LossMath.Sigmoid(input) - target;

        public static void Fill(Random random, Span<T> input, Span<T> target)
        {
            TestData.Normal(random, input, standardDeviation: 2);
            TestData.Labels(random, target);
        }

        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            Compose.BinaryCrossEntropyWithLogits(input, target, scratch[0], scratch[1]);
            return TP.Sum(scratch[0]) / T.CreateTruncating(input.Length);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            TP.Sigmoid(input, inputGradient);
            TP.Subtract(inputGradient, target, inputGradient);
            TP.Multiply(inputGradient, T.One / T.CreateTruncating(input.Length), inputGradient);
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.binary_cross_entropy_with_logits(input, target);
#endif
    }
}
