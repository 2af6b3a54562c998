using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>binary_cross_entropy on probabilities σ(N(0, 2²)), hard labels; log clamped at −100 as torch does.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class BinaryCrossEntropy<T> : ElementwiseLossBenchmark<BinaryCrossEntropy<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public static ILoss<T> Generated { get; } = new Loss.BinaryCrossEntropyLoss<T>();

        public static int ScratchBuffers => 2;

        public static T Reference(T input, T target) => Loss.BinaryCrossEntropy(input, target);

        /// <summary>torch's (x − t) / max((1 − x)·x, 1e-12).</summary>
        public static T ReferenceGradient(T input, T target)
            => (input - target) / T.Max((T.One - input) * input, T.CreateTruncating(1e-12));

        public static void Fill(Random random, Span<T> input, Span<T> target)
        {
            TestData.Normal(random, input, standardDeviation: 2);
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = T.One / (T.One + T.Exp(-input[i]));
            }

            TestData.Labels(random, target);
        }

        // −(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)) summed as −(t·(a − b) + b).
        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            Span<T> a = scratch[0], b = scratch[1];
            T floor = T.CreateTruncating(-100);
            TP.Log(input, a);
            TP.Max(a, floor, a);
            TP.Subtract(T.One, input, b);
            TP.Log(b, b);
            TP.Max(b, floor, b);
            T sum = TP.Sum<T>(b);
            TP.Subtract(a, b, a);
            return -(TP.Dot(target, a) + sum) / T.CreateTruncating(input.Length);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            Span<T> denominator = scratch[0];
            TP.Subtract(input, target, inputGradient);
            TP.Subtract(T.One, input, denominator);
            TP.Multiply(denominator, input, denominator);
            TP.Max(denominator, T.CreateTruncating(1e-12), denominator);
            TP.Divide(inputGradient, denominator, inputGradient);
            TP.Multiply(inputGradient, T.One / T.CreateTruncating(input.Length), inputGradient);
        }

#if WITH_TORCH
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
            => TorchSharp.torch.nn.functional.binary_cross_entropy(input, target);
#endif
    }
}
