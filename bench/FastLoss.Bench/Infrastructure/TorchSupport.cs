namespace FastLoss.Bench.Infrastructure;

/// <summary>Whether the TorchSharp benchmarks can run in this build and on this machine, and why not.</summary>
public static class TorchSupport
{
    /// <summary>Gets a value indicating whether the project was built with -p:WithTorch=true.</summary>
    public static bool IsBuiltIn =>
#if WITH_TORCH
        true;
#else
        false;
#endif

    /// <summary>
    /// Loads libtorch (once) and returns null when the Torch benchmarks can run, or the reason they are skipped.
    /// Never throws: a missing or incompatible native library is a skip, not a crash.
    /// </summary>
    public static string? Probe()
    {
#if WITH_TORCH
        return LoadError.Value;
#else
        return "TorchSharp benchmarks are not built in: build and run with -p:WithTorch=true (restores TorchSharp 0.107.0 "
            + "and libtorch-cpu-linux-x64 2.10.0, about 1 GB); on Debian 12 run ../shared/tools/torchsharp-compat.sh "
            + "(beside the repository) once after that restore.";
#endif
    }

#if WITH_TORCH
    private static readonly Lazy<string?> LoadError = new(() =>
    {
        // TorchSharp prints a long loader trace when it fails: keep it out of the benchmark output.
        TextWriter output = Console.Out, error = Console.Error;
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);
        try
        {
            TorchSharp.torch.set_num_threads(1);
            using var probe = TorchSharp.torch.ones(4);
            _ = probe.sum().item<float>();
            return null;
        }
#pragma warning disable CA1031 // Any failure to load the native library means "skip", whatever its type.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Exception inner = e;
            while (inner.InnerException is not null)
            {
                inner = inner.InnerException;
            }

            return "TorchSharp benchmarks skipped: libtorch could not be loaded (" + inner.GetType().Name + ": "
                + inner.Message.Split('\n')[0].Trim() + "). Check that the -p:WithTorch=true restore completed; on "
                + "Debian 12 (libstdc++ without GLIBCXX_3.4.32) run ../shared/tools/torchsharp-compat.sh once after it.";
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    });
#endif
}
