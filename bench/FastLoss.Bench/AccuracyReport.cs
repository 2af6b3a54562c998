using System.Globalization;
using System.Numerics.Tensors;

namespace FastLoss.Bench;

/// <summary>
/// <c>--accuracy</c>: the relative error of a float32 mean computed by FastLoss's deterministic cascade, by
/// <see cref="TensorPrimitives.Sum{T}(ReadOnlySpan{T})"/>, by a naive running float sum and (WithTorch builds) by
/// libtorch's <c>mean()</c>, all on the same data, against the exact mean (an exact superaccumulator,
/// <see cref="LossAccumulator{T}"/> over double). The README's numerical-contract table comes from this.
/// </summary>
internal static class AccuracyReport
{
    public static void Run(TextWriter output, bool torch)
    {
        output.WriteLine("| data | n | exact rounded to float (the floor) | FastLoss | TensorPrimitives.Sum / n | naive float loop | " + (torch ? "libtorch mean (1 thread) | libtorch mean (default threads) |" : "libtorch |"));
        output.WriteLine("|---|---:|---:|---:|---:|---:|" + (torch ? "---:|---:|" : "---:|"));
        foreach ((string name, int n, Func<int, float[]> make) in Datasets())
        {
            float[] data = make(n);
            double exact = Exact(data);
            float fastLoss = UserLosses.Identity(data, Reduction.Mean);
            float primitives = TensorPrimitives.Sum<float>(data) / n;
            float naive = 0;
            foreach (float v in data)
            {
                naive += v;
            }

            naive /= n;
            string row = string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2} | {3} | {4} | {5} |", name, n, Error((float)exact, exact), Error(fastLoss, exact), Error(primitives, exact), Error(naive, exact));
            row += torch ? " " + Error(TorchMean(data, 1), exact) + " | " + Error(TorchMean(data, Environment.ProcessorCount), exact) + " |" : " (build with -p:WithTorch=true) |";
            output.WriteLine(row);
        }

        output.WriteLine();
        output.WriteLine("Relative error |mean − exact| / |exact|; exact = the double-rounded exact sum (superaccumulator) / n.");
    }

    private static IEnumerable<(string Name, int N, Func<int, float[]> Make)> Datasets()
    {
        yield return ("0.1f repeated", 1 << 20, n => Enumerable.Repeat(0.1f, n).ToArray());
        yield return ("uniform [0, 1)", 100_000_000, n => Random(n, r => (float)r.NextDouble()));
        yield return ("squared errors of N(0,1) predictions", 10_000_000, n => Random(n, r => { float d = (float)Normal(r); return d * d; }));
        yield return ("log-normal losses (heavy tail)", 10_000_000, n => Random(n, r => (float)Math.Exp(2 * Normal(r))));
    }

    private static float[] Random(int n, Func<Random, float> next)
    {
        var random = new Random(20261129);
        var data = new float[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = next(random);
        }

        return data;
    }

    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static double Exact(float[] data)
    {
        var accumulator = new LossAccumulator<double>();
        var chunk = new double[4096];
        for (int i = 0; i < data.Length; i += chunk.Length)
        {
            int m = Math.Min(chunk.Length, data.Length - i);
            for (int k = 0; k < m; k++)
            {
                chunk[k] = data[i + k];
            }

            accumulator.Add(chunk.AsSpan(0, m));
        }

        return accumulator.Sum / data.Length;
    }

    private static string Error(float value, double exact)
        => (Math.Abs(value - exact) / Math.Abs(exact)).ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static float TorchMean(float[] data, int threads)
    {
#if WITH_TORCH
        TorchSharp.torch.set_num_threads(threads);
        using var tensor = TorchSharp.torch.tensor(data);
        using var mean = tensor.mean();
        float result = mean.item<float>();
        TorchSharp.torch.set_num_threads(1);
        return result;
#else
        _ = data;
        _ = threads;
        return float.NaN;
#endif
    }
}
