using System.Numerics;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace FastLoss.Bench.Families;

/// <summary>torchvision's sigmoid_focal_loss with α = 0.25, γ = 2 (its defaults), reduction mean; logits N(0, 2²), hard labels.</summary>
[GenericTypeArguments(typeof(float))]
[GenericTypeArguments(typeof(double))]
public class SigmoidFocal<T> : ElementwiseLossBenchmark<SigmoidFocal<T>.Formulas, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly struct Formulas : IElementwiseLoss<Formulas, T>
    {
        public const double Alpha = 0.25;
        public const double Gamma = 2.0;

        public static ILoss<T> Generated { get; } = new Loss.SigmoidFocalLoss<T>(T.CreateTruncating(Alpha), T.CreateTruncating(Gamma));

        public static int ScratchBuffers => 5;

        public static T Reference(T input, T target) => Loss.SigmoidFocal(input, target, T.CreateTruncating(Alpha), T.CreateTruncating(Gamma));

        /// <summary>α_t·((p − t)·m + ce·γ·(1 − p_t)^(γ−1)·p(1 − p)(1 − 2t)), m = (1 − p_t)^γ: the textbook derivative.</summary>
        public static T ReferenceGradient(T input, T target)
        {
            T alpha = T.CreateTruncating(Alpha);
            T gamma = T.CreateTruncating(Gamma);
            T p = LossMath.Sigmoid(input);
            T ce = LossMath.Softplus(input) - (input * target);
            T q = (p * (T.One - target - target)) + target;  // 1 − p_t
            T qPow = T.Pow(q, gamma - T.One);
            T alphaT = (alpha * target) + ((T.One - alpha) * (T.One - target));
            return alphaT * (((p - target) * qPow * q) + (ce * gamma * qPow * p * (T.One - p) * (T.One - target - target)));
        }

        public static void Fill(Random random, Span<T> input, Span<T> target)
        {
            TestData.Normal(random, input, standardDeviation: 2);
            TestData.Labels(random, target);
        }

        // torchvision's composition: ce · (1 − p_t)^γ · α_t, with 1 − p_t = p(1 − 2t) + t and α_t = (1 − α) + (2α − 1)t.
        public static T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch)
        {
            (T alpha, T gamma) = (T.CreateTruncating(Alpha), T.CreateTruncating(Gamma));
            Compose.BinaryCrossEntropyWithLogits(input, target, scratch[0], scratch[1]);   // s0 = ce
            TP.Sigmoid(input, scratch[1]);                                                   // s1 = p
            TP.Multiply(target, -T.CreateTruncating(2), scratch[2]);
            TP.Add(scratch[2], T.One, scratch[2]);                                           // s2 = 1 − 2t
            TP.Multiply(scratch[1], scratch[2], scratch[2]);
            TP.Add(scratch[2], target, scratch[2]);                                          // s2 = 1 − p_t
            TP.Pow(scratch[2], gamma, scratch[2]);                                           // s2 = m
            TP.Multiply(scratch[0], scratch[2], scratch[0]);                                 // s0 = ce·m
            TP.Multiply(target, alpha + alpha - T.One, scratch[2]);
            TP.Add(scratch[2], T.One - alpha, scratch[2]);                                   // s2 = α_t
            return TP.Dot(scratch[0], scratch[2]) / T.CreateTruncating(input.Length);
        }

        public static void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
        {
            (T alpha, T gamma) = (T.CreateTruncating(Alpha), T.CreateTruncating(Gamma));
            T n = T.CreateTruncating(input.Length);
            Span<T> ce = scratch[0], p = scratch[1], oneMinus2T = scratch[2], q = scratch[3], qPow = scratch[4];
            Compose.BinaryCrossEntropyWithLogits(input, target, ce, p);
            TP.Sigmoid(input, p);
            TP.Multiply(target, -T.CreateTruncating(2), oneMinus2T);
            TP.Add(oneMinus2T, T.One, oneMinus2T);                  // 1 − 2t
            TP.Multiply(p, oneMinus2T, q);
            TP.Add(q, target, q);                                   // q = 1 − p_t
            TP.Pow(q, gamma - T.One, qPow);                         // q^(γ−1)
            TP.Multiply(qPow, q, q);                                // q = m = q^γ
            TP.Multiply(ce, qPow, ce);
            TP.Multiply(ce, oneMinus2T, ce);                        // ce·q^(γ−1)(1 − 2t)
            TP.Subtract(T.One, p, oneMinus2T);                      // 1 − p
            TP.Multiply(oneMinus2T, p, oneMinus2T);                 // p(1 − p)
            TP.Multiply(ce, oneMinus2T, ce);                        // second term / γ
            TP.Subtract(p, target, p);
            TP.Multiply(p, q, p);                                   // (p − t)·m
            TP.MultiplyAdd(ce, gamma, p, ce);                       // (p − t)·m + γ·…
            TP.Multiply(target, (alpha + alpha - T.One) / n, inputGradient);
            TP.Add(inputGradient, (T.One - alpha) / n, inputGradient);  // α_t / n
            TP.Multiply(inputGradient, ce, inputGradient);
        }

#if WITH_TORCH
        // torchvision.ops.sigmoid_focal_loss, op for op (TorchVision is a separate package; this is its body).
        public static TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target)
        {
            var p = TorchSharp.torch.sigmoid(input);
            var ce = TorchSharp.torch.nn.functional.binary_cross_entropy_with_logits(input, target, reduction: TorchSharp.torch.nn.Reduction.None);
            var pT = (p * target) + ((1 - p) * (1 - target));
            var loss = ce * (1 - pT).pow(Gamma);
            var alphaT = (Alpha * target) + ((1 - Alpha) * (1 - target));
            return (alphaT * loss).mean();
        }
#endif
    }
}
