using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>smooth_l1_loss with β = 1 (PyTorch's default); N(0,1) operands put about half the differences in each branch.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class SmoothL1<T> : ElementwiseLossBenchmark<SmoothL1<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public const double Beta = 1.0;

        public static ILoss<T> Generated { get; } = new Loss.SmoothL1Loss<T>(T.CreateTruncating(Beta));

        public static int ScratchBuffers => 3;

        public static T Reference(T input, T target) => Loss.SmoothL1(input, target, T.CreateTruncating(Beta));

        public static T ReferenceGradient(T input, T target)
        {
            T beta = T.CreateTruncating(Beta);
            T d = input - target;
            return T.Abs(d) < beta ? d / beta : d > T.Zero ? T.One : -T.One;
        }

        // SmoothL1_β = Huber_β / β.
        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            T beta = T.CreateTruncating(Beta);
            return Compose.HuberSum(input, target, beta, scratch[2], scratch[0], scratch[1]) / (beta * T.CreateTruncating(input.Length));
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T beta = T.CreateTruncating(Beta);
            TP.Subtract(input, target, inputGradient);
            Compose.HuberGradientInPlace(inputGradient, beta, T.One / (beta * T.CreateTruncating(input.Length)));
        }

        public static T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            T beta = T.CreateTruncating(Beta);
            T scale = T.One / (beta * T.CreateTruncating(input.Length));
            T loss = Compose.HuberSum(input, target, beta, inputGradient, scratch[0], scratch[1]) * scale;
            Compose.HuberGradientInPlace(inputGradient, beta, scale);
            return loss;
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.smooth_l1_loss(input, target, beta: Beta);
#endif
    }
}
