using System.Globalization;
using System.Numerics;

namespace FastLoss.Bench.Infrastructure;

/// <summary>
/// --check: every engine must compute the same numbers as the scalar reference before its speed means anything, and
/// FastLoss must not allocate.
/// </summary>
public abstract partial class ElementwiseLossBenchmark<TLoss, T> : ISelfCheck
{
    /// <inheritdoc/>
    public bool SelfCheck(int length, double tolerance, bool torch, TextWriter output)
    {
        bool ok = true;
        quiet = true;
        N = length;
        foreach (Operation operation in Enum.GetValues<Operation>())
        {
            Operation = operation;
            var engines = new List<(string Name, Func<T> Run)>
            {
                (nameof(Scalar), Scalar),
                (nameof(FastLoss), FastLoss),
                (nameof(TensorPrimitives), TensorPrimitives),
            };
#if WITH_TORCH
            if (torch)
            {
                engines.Add((nameof(Torch), Torch));
            }
#endif
            (T Loss, T[] Gradient)? reference = null;
            var line = new List<string>();
            foreach ((string name, Func<T> run) in engines)
            {
                if (name == "Torch")
                {
#if WITH_TORCH
                    SetupTorch();
                    captureTorchGradient = true;
#endif
                }
                else
                {
                    Allocate(TLoss.ScratchBuffers);
                }

                T loss = run();
                T[] g = gradient!.ToArray();

                // Allocation of a warm call on this thread (BenchmarkDotNet's column counts every thread).
                long before = GC.GetAllocatedBytesForCurrentThread();
                run();
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Cleanup();
                if (reference is null)
                {
                    reference = (loss, g);
                    continue;
                }

                double lossError = operation == Operation.Gradient ? 0 : RelativeError(loss, reference.Value.Loss);
                double gradientError = operation == Operation.Forward ? 0 : MaxRelativeError(g, reference.Value.Gradient);
                // FastLoss must not allocate; the others are only reported.
                bool pass = lossError <= tolerance && gradientError <= tolerance && (name != nameof(FastLoss) || allocated == 0);
                ok &= pass;
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{name} loss {lossError:E1} grad {gradientError:E1} {allocated} B{(pass ? string.Empty : " FAIL")}"));
            }

            output.WriteLine($"{DisplayName,-36} {operation,-8} {string.Join("; ", line)}");
        }

        return ok;
    }

    private static double RelativeError(T value, T reference)
    {
        double v = double.CreateTruncating(value), r = double.CreateTruncating(reference);
        return Math.Abs(v - r) / Math.Max(Math.Abs(r), double.Epsilon);
    }

    // Worst |g − r| over max |r|: a gradient of the mean has tiny elements, so compare against its scale.
    private static double MaxRelativeError(T[] values, T[] reference)
    {
        double scale = 0, worst = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(double.CreateTruncating(reference[i])));
        }

        for (int i = 0; i < reference.Length; i++)
        {
            double d = Math.Abs(double.CreateTruncating(values[i]) - double.CreateTruncating(reference[i]));
            worst = Math.Max(worst, double.IsNaN(d) ? double.PositiveInfinity : d);
        }

        return worst / Math.Max(scale, double.Epsilon);
    }
}

/// <summary>Implemented by benchmark classes that can compare their engines' results (--check).</summary>
public interface ISelfCheck
{
    /// <summary>Runs every engine once per operation at <paramref name="length"/> elements and compares with Scalar.</summary>
    bool SelfCheck(int length, double tolerance, bool torch, TextWriter output);
}
