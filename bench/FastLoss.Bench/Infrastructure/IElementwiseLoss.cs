using System.Numerics;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// Everything a benchmark needs to know about one element-wise loss of (input, target): a struct implementing this
/// is the whole of a loss family (see <c>Families/Mse.cs</c>). Static members, so the scalar reference loop is
/// specialized and inlined for the struct rather than called through an interface.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T">float or double.</typeparam>
public interface IElementwiseLoss<TSelf, T>
    where TSelf : IElementwiseLoss<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Gets the FastLoss object form of the loss (the generated <c>NameLoss&lt;T&gt;</c>), hyperparameters fixed.</summary>
    static abstract ILoss<T> Generated { get; }

    /// <summary>Gets how many scratch spans of length n <see cref="TensorForward"/> and friends use.</summary>
    static virtual int ScratchBuffers => 2;

    /// <summary>The per-element loss: the <c>[LossFormula]</c> method itself, called with scalars.</summary>
    static abstract T Reference(T input, T target);

    /// <summary>d(loss)/d(input) per element, written out by hand as plain scalar C#.</summary>
    static abstract T ReferenceGradient(T input, T target);

    /// <summary>Fills the operands (seeded): values that exercise every branch of the formula.</summary>
    static virtual void Fill(Random random, Span<T> input, Span<T> target)
    {
        TestData.Normal(random, input);
        TestData.Normal(random, target);
    }

    /// <summary>The mean loss composed from TensorPrimitives calls, as a user without FastLoss would write it.</summary>
    static abstract T TensorForward(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Scratch<T> scratch);

    /// <summary>The gradient of the mean loss composed from TensorPrimitives calls.</summary>
    static abstract void TensorGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch);

    /// <summary>Both, sharing intermediates where a user easily could; by default one after the other.</summary>
    static virtual T TensorWithGradient(ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> inputGradient, Scratch<T> scratch)
    {
        T loss = TSelf.TensorForward(input, target, scratch);
        TSelf.TensorGradient(input, target, inputGradient, scratch);
        return loss;
    }

#if WITH_TORCH
    /// <summary>The mean loss with <c>torch.nn.functional</c> (or composed from torch ops where it has no such loss).</summary>
    static abstract TorchSharp.torch.Tensor Torch(TorchSharp.torch.Tensor input, TorchSharp.torch.Tensor target);
#endif
}
