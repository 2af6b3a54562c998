using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastLoss.Bench.Reporting;

/// <summary>
/// One compact markdown table over every summary of a run (BenchmarkDotNet writes one report per class):
/// results/FastLoss.Bench-overview.md beside BenchmarkDotNet's own reports.
/// </summary>
internal static class OverviewWriter
{
    private static readonly string[] MethodOrder = ["Scalar", "FastLoss", "TensorPrimitives", "ReadBound", "Torch"];

    public static string? Write(IReadOnlyList<Summary> summaries, string? note)
    {
        var rows = new List<(BenchmarkCase Case, Summary Summary)>();
        foreach (Summary summary in summaries)
        {
            rows.AddRange(summary.BenchmarksCases.Select(c => (c, summary)));
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var text = new StringBuilder();
        text.AppendLine("# FastLoss.Bench overview").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} logical cores, {Environment.OSVersion}. ");
        text.AppendLine("Median time; ns/elem = median / elements (CrossEntropy: N / C whole rows of C logits); GB/s = (bytes read + "
            + "written) / median; vs ReadBound and vs Scalar = median / their median (same loss, type, job, N, operation; 1.00 "
            + "at ReadBound is the memory floor); TP ÷ this and Torch ÷ this = the TensorPrimitives or TorchSharp median / this "
            + "median (how many times faster than the peer); Allocated per operation.");
        if (note is not null)
        {
            text.AppendLine().AppendLine(note);
        }

        text.AppendLine();
        text.AppendLine("| Loss | T | Job | N | Operation | Method | Median | ns/elem | GB/s | vs ReadBound | vs Scalar | TP ÷ this | Torch ÷ this | Allocated |");
        text.AppendLine("|---|---|---|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach ((BenchmarkCase c, Summary summary) in rows
            .OrderBy(r => r.Case.Descriptor.Type.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Case.Descriptor.Type.GetGenericArguments().FirstOrDefault()?.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Case.Job.Id, StringComparer.Ordinal)
            .ThenBy(r => r.Case.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value as int? ?? 0)
            .ThenBy(r => r.Case.Parameters.Items.FirstOrDefault(p => p.Name == "Operation")?.Value is Enum e ? Convert.ToInt32(e, CultureInfo.InvariantCulture) : 0)
            .ThenBy(r => Array.IndexOf(MethodOrder, r.Case.Descriptor.WorkloadMethod.Name)))
        {
            Type type = c.Descriptor.Type;
            object? classes = c.Parameters.Items.FirstOrDefault(p => p.Name == "C")?.Value;
            string loss = type.Name.Split('`')[0] + (classes is null ? string.Empty : " C=" + classes);
            int elements = c.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value is int count
                ? (classes is int k ? Math.Max(1, count / k) * k : count)
                : 0;
            string element = type.GetGenericArguments().FirstOrDefault()?.Name ?? "-";
            string n = c.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value?.ToString() ?? "-";
            string operation = c.Parameters.Items.FirstOrDefault(p => p.Name == "Operation")?.Value?.ToString() ?? "-";
            double? median = Traffic.MedianNanoseconds(summary, c);
            long? bytes = Traffic.BytesMoved(c);
            BenchmarkCase? readBound = Traffic.ReadBoundPeer(summary, c);
            BenchmarkCase? scalar = Peer(summary, c, "Scalar");
            double? readBoundMedian = readBound is null ? null : Traffic.MedianNanoseconds(summary, readBound);
            double? scalarMedian = scalar is null ? null : Traffic.MedianNanoseconds(summary, scalar);
            BenchmarkCase? primitives = Peer(summary, c, "TensorPrimitives");
            BenchmarkCase? torch = Peer(summary, c, "Torch");
            double? primitivesMedian = primitives is null || primitives == c ? null : Traffic.MedianNanoseconds(summary, primitives);
            double? torchMedian = torch is null || torch == c ? null : Traffic.MedianNanoseconds(summary, torch);
            long? allocated = summary[c]?.GcStats.GetBytesAllocatedPerOperation(c);
            string allocation = allocated is null ? "-" : allocated.Value.ToString(CultureInfo.InvariantCulture) + " B";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {loss} | {element} | {c.Job.Id} | {n} | {operation} | {c.Descriptor.WorkloadMethod.Name} | {Time(median)} | {PerElement(median, elements)} | {Ratio(bytes, median)} | {Ratio(median, readBoundMedian)} | {Ratio(median, scalarMedian)} | {Ratio(primitivesMedian, median)} | {Ratio(torchMedian, median)} | {allocation} |");
        }

        string directory = summaries[0].ResultsDirectoryPath;
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "FastLoss.Bench-overview.md");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static BenchmarkCase? Peer(Summary summary, BenchmarkCase c, string method)
        => summary.BenchmarksCases.FirstOrDefault(p =>
            p.Descriptor.WorkloadMethod.Name == method
            && p.Descriptor.Type == c.Descriptor.Type
            && p.Job.DisplayInfo == c.Job.DisplayInfo
            && p.Parameters.DisplayInfo == c.Parameters.DisplayInfo);

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "NA",
        < 1e3 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:F1} ns"),
        < 1e6 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e3:F2} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1e6:F2} ms"),
    };

    private static string PerElement(double? nanoseconds, int elements)
        => nanoseconds is null || elements <= 0 ? "-" : (nanoseconds.Value / elements).ToString("F3", CultureInfo.InvariantCulture);

    private static string Ratio(double? numerator, double? denominator)
        => numerator is null || denominator is null or <= 0
            ? "-"
            : (numerator.Value / denominator.Value).ToString("F2", CultureInfo.InvariantCulture);
}
