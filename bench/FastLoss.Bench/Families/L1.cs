using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>l1_loss.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class L1<T> : ElementwiseLossBenchmark<L1<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public static ILoss<T> Generated { get; } = new Loss.L1Loss<T>();

        public static T Reference(T input, T target) => Loss.L1(input, target);

        public static T ReferenceGradient(T input, T target)
        {
            T d = input - target;
            return d > T.Zero ? T.One : d < T.Zero ? -T.One : T.Zero;
        }

        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            TP.Subtract(input, target, scratch[0]);
            return TP.SumOfMagnitudes(scratch[0]) / T.CreateTruncating(input.Length);
        }

        // sign(d)/n as CopySign(1/n, d): TensorPrimitives.Sign writes ints. (±1/n rather than 0 at an exact tie.)
        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            TP.Subtract(input, target, scratch[0]);
            inputGradient.Fill(T.One / T.CreateTruncating(input.Length));
            TP.CopySign(inputGradient, scratch[0], inputGradient);
        }

        public static T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T n = T.CreateTruncating(input.Length);
            TP.Subtract(input, target, scratch[0]);
            T loss = TP.SumOfMagnitudes(scratch[0]) / n;
            inputGradient.Fill(T.One / n);
            TP.CopySign(inputGradient, scratch[0], inputGradient);
            return loss;
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.l1_loss(input, target);
#endif
    }
}
