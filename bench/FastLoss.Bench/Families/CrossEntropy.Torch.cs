#if WITH_TORCH
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using FastLoss.Bench.Infrastructure;
using static TorchSharp.torch;

namespace FastLoss.Bench.Families;

/// <summary>The libtorch engine: torch.nn.functional.cross_entropy on a [rows, C] tensor and int64 targets, one thread.</summary>
public partial class CrossEntropy<T>
{
    private Tensor? torchInput;
    private Tensor? torchLeaf;
    private Tensor? torchTarget;
    private bool captureTorchGradient;

    [GlobalSetup(Target = nameof(Torch))]
    public void SetupTorch()
    {
        Allocate();
        SetupTorchTensors();
    }

    [Benchmark]
    public T Torch()
    {
        using var scope = NewDisposeScope();
        if (Operation == Operation.Forward)
        {
            return nn.functional.cross_entropy(torchInput!, torchTarget!).item<T>();
        }

        Tensor loss = nn.functional.cross_entropy(torchLeaf!, torchTarget!);
        loss.backward();
        T value = loss.item<T>();
        if (captureTorchGradient)
        {
            torchLeaf!.grad!.data<T>().ToArray().CopyTo(gradient!.Span);
        }

        torchLeaf!.grad = null;
        return value;
    }

    private void SetupTorchTensors()
    {
        string? skip = TorchSupport.Probe();
        if (skip is not null)
        {
            throw new InvalidOperationException(skip);
        }

        set_num_threads(1);
        T[] values = logits!.ToArray();
        Tensor flat = typeof(T) == typeof(float)
            ? tensor(MemoryMarshal.Cast<T, float>(values).ToArray())
            : tensor(MemoryMarshal.Cast<T, double>(values).ToArray());
        torchInput = flat.reshape(Rows, C);
        torchTarget = tensor(targets.Select(v => (long)v).ToArray());
        torchLeaf = torchInput.detach().clone().requires_grad_(true);
    }

    private void CleanupTorch()
    {
        torchInput?.Dispose();
        torchLeaf?.Dispose();
        torchTarget?.Dispose();
    }
}
#endif
