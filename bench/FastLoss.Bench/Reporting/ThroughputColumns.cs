using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastLoss.Bench.Reporting;

/// <summary>Effective bandwidth: (bytes read + bytes written) / median time, in GB/s (10⁹ bytes per second).</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes the operation must read and write (operands, plus the gradient it writes) divided by the median time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        long? bytes = Traffic.BytesMoved(benchmarkCase);
        double? median = Traffic.MedianNanoseconds(summary, benchmarkCase);
        return bytes is null || median is null or <= 0
            ? "-"
            : (bytes.Value / median.Value).ToString("F2", CultureInfo.InvariantCulture);  // bytes per ns = GB/s
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}

/// <summary>
/// Median time over the median time of the read-bound loop of the same loss, element type, job and parameters:
/// 1.00 means as fast as merely reading the operands (and writing the gradient); 3.00 means three times slower.
/// </summary>
public sealed class ReadBoundRatioColumn : IColumn
{
    public string Id => nameof(ReadBoundRatioColumn);

    public string ColumnName => "vs ReadBound";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median time / median time of ReadBound (same loss, type, job, N, operation); 1.00 is the memory floor";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? peer = Traffic.ReadBoundPeer(summary, benchmarkCase);
        double? median = Traffic.MedianNanoseconds(summary, benchmarkCase);
        double? floor = peer is null ? null : Traffic.MedianNanoseconds(summary, peer);
        return median is null || floor is null or <= 0
            ? "-"
            : (median.Value / floor.Value).ToString("F2", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
