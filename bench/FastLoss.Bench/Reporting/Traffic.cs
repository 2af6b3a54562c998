using System.Collections.Concurrent;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FastLoss.Bench.Infrastructure;

namespace FastLoss.Bench.Reporting;

/// <summary>Bytes moved and medians per benchmark case, for the GB/s and read-bound columns.</summary>
internal static class Traffic
{
    /// <summary>The name of the benchmark method every case is compared with in the "vs ReadBound" column.</summary>
    public const string ReadBoundMethod = nameof(ElementwiseLossBenchmark<Families.Mse<float>.Formulas, float>.ReadBound);

    private static readonly ConcurrentDictionary<BenchmarkCase, long?> Bytes = new();

    /// <summary>
    /// Asks the benchmark class (an <see cref="ITrafficModel"/>) how many bytes the case moves: a fresh instance with
    /// the case's [Params] values, no setup run.
    /// </summary>
    public static long? BytesMoved(BenchmarkCase benchmarkCase) => Bytes.GetOrAdd(benchmarkCase, static c =>
    {
        Type type = c.Descriptor.Type;
        if (!typeof(ITrafficModel).IsAssignableFrom(type) || Activator.CreateInstance(type) is not ITrafficModel model)
        {
            return null;
        }

        foreach (var parameter in c.Parameters.Items)
        {
            type.GetProperty(parameter.Name)?.SetValue(model, parameter.Value);
        }

        return model.BytesMoved;
    });

    /// <summary>The median time of a case in nanoseconds, or null if it has no result.</summary>
    public static double? MedianNanoseconds(Summary summary, BenchmarkCase benchmarkCase)
        => summary[benchmarkCase]?.ResultStatistics?.Median;

    /// <summary>The ReadBound case of the same class (loss and element type), job and parameters.</summary>
    public static BenchmarkCase? ReadBoundPeer(Summary summary, BenchmarkCase benchmarkCase)
        => summary.BenchmarksCases.FirstOrDefault(c =>
            c.Descriptor.WorkloadMethod.Name == ReadBoundMethod
            && c.Descriptor.Type == benchmarkCase.Descriptor.Type
            && c.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo
            && c.Parameters.DisplayInfo == benchmarkCase.Parameters.DisplayInfo);
}
