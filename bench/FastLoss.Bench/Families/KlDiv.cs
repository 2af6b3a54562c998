using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>kl_div (log_target = false, reduction mean): log-probability inputs −|N(0, 1)|, probability targets U(0, 1).</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class KlDiv<T> : ElementwiseLossBenchmark<KlDiv<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public static ILoss<T> Generated { get; } = new Loss.KlDivLoss<T>();

        public static int ScratchBuffers => 1;

        public static T Reference(T input, T target) => Loss.KlDiv(input, target);

        public static T ReferenceGradient(T input, T target) => -target;

        public static void Fill(Random random, Span<T> input, Span<T> target)
        {
            TestData.Normal(random, input);
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = -T.Abs(input[i]);
                target[i] = T.CreateTruncating(random.NextDouble());
            }
        }

        // Σ t·(log t − x) / n (the user's composition; every target here is positive, so t·log t needs no zero guard).
        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            Span<T> logTarget = scratch[0];
            TP.Log(target, logTarget);
            TP.Subtract(logTarget, input, logTarget);
            return TP.Dot(target, logTarget) / T.CreateTruncating(input.Length);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
            => TP.Multiply(target, -T.One / T.CreateTruncating(input.Length), inputGradient);

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.kl_div(input, target, reduction: TorchSharp.torch.nn.Reduction.Mean, log_target: false);  // TorchSharp defaults log_target to true, Python to false
#endif
    }
}
