#if WITH_TORCH
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// TorchSharp (libtorch CPU, one thread): the forward loss read back with .item(); gradient and fused both run the
/// forward pass and autograd's backward (torch has no gradient without the forward), then drop .grad as
/// zero_grad(set_to_none=True) does.
/// </summary>
public abstract partial class ElementwiseLossBenchmark<TLoss, T>
{
    private Tensor? torchInput;
    private Tensor? torchLeaf;
    private Tensor? torchTarget;
    private bool captureTorchGradient;

    [GlobalSetup(Target = nameof(Torch))]
    public void SetupTorch()
    {
        Allocate(scratchBuffers: 0);
        string? skip = TorchSupport.Probe();
        if (skip is not null)
        {
            throw new InvalidOperationException(skip);
        }

        set_num_threads(1);
        torchInput = ToTensor(input!.ToArray());
        torchTarget = ToTensor(target!.ToArray());
        torchLeaf = torchInput.detach().clone().requires_grad_(true);
    }

    /// <summary>torch.nn.functional (mean reduction); forward + backward through autograd for the gradient.</summary>
    [Benchmark]
    public T Torch()
    {
        using var scope = NewDisposeScope();
        if (Operation == Operation.Forward)
        {
            return TLoss.Torch(torchInput!, torchTarget!).item<T>();
        }

        Tensor loss = TLoss.Torch(torchLeaf!, torchTarget!);
        loss.backward();
        T value = loss.item<T>();
        if (captureTorchGradient)
        {
            // --check only: compare autograd's gradient with the others.
            torchLeaf!.grad!.data<T>().ToArray().CopyTo(gradient!.Span);
        }

        torchLeaf!.grad = null;
        return value;
    }

    private static Tensor ToTensor(T[] values) => typeof(T) == typeof(float)
        ? tensor(MemoryMarshal.Cast<T, float>(values).ToArray())
        : tensor(MemoryMarshal.Cast<T, double>(values).ToArray());

    private void CleanupTorch()
    {
        torchInput?.Dispose();
        torchLeaf?.Dispose();
        torchTarget?.Dispose();
    }
}
#endif
