using System.Text.Json;

namespace FastLoss.Training;

/// <content>CSV and JSON export. Numbers: invariant culture, round-trip digits; non-finite as NaN, Infinity, -Infinity.</content>
public sealed partial class LossDistribution
{
    /// <summary>
    /// Writes this summary as one JSON object: <c>count</c>, <c>nanCount</c>, <c>nonFiniteCount</c>, <c>mean</c>,
    /// <c>standardDeviation</c>, <c>min</c>, <c>max</c>, <c>quantiles</c> (<c>[{probability, value}]</c>),
    /// <c>histogram</c> (<c>{lower, upper, binWidth, total, counts}</c>), <c>classes</c>
    /// (<c>[{class, count, meanLoss}]</c>) and <c>hardest</c> (<c>[{index, loss, label?}]</c>). Written with
    /// <see cref="Utf8JsonWriter"/> directly: no reflection, safe to trim. A non-finite number is written as the string
    /// <c>"NaN"</c>, <c>"Infinity"</c> or <c>"-Infinity"</c> (System.Text.Json's named floating-point literals).
    /// </summary>
    /// <param name="writer">The writer, positioned where a value may start.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("count", Count);
        writer.WriteNumber("nanCount", NaNCount);
        writer.WriteNumber("nonFiniteCount", NonFiniteCount);
        ExportFormat.WriteNumber(writer, "mean", Mean);
        ExportFormat.WriteNumber(writer, "standardDeviation", StandardDeviation);
        ExportFormat.WriteNumber(writer, "min", Min);
        ExportFormat.WriteNumber(writer, "max", Max);

        writer.WriteStartArray("quantiles");
        foreach (QuantileValue q in _quantiles)
        {
            writer.WriteStartObject();
            ExportFormat.WriteNumber(writer, "probability", q.Probability);
            ExportFormat.WriteNumber(writer, "value", q.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartObject("histogram");
        ExportFormat.WriteNumber(writer, "lower", Histogram.Lower);
        ExportFormat.WriteNumber(writer, "upper", Histogram.Upper);
        ExportFormat.WriteNumber(writer, "binWidth", Histogram.BinWidth);
        writer.WriteNumber("total", Histogram.Total);
        writer.WriteStartArray("counts");
        foreach (long count in Histogram.Counts)
        {
            writer.WriteNumberValue(count);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        writer.WriteStartArray("classes");
        foreach (ClassLoss c in _classes)
        {
            writer.WriteStartObject();
            writer.WriteNumber("class", c.Class);
            writer.WriteNumber("count", c.Count);
            ExportFormat.WriteNumber(writer, "meanLoss", c.MeanLoss);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        writer.WriteStartArray("hardest");
        foreach (HardSample h in _hardest)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", h.Index);
            ExportFormat.WriteNumber(writer, "loss", h.Loss);
            if (h.Label is int label)
            {
                writer.WriteNumber("label", label);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Returns this summary as JSON text (see <see cref="WriteJson(Utf8JsonWriter)"/>).</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => ExportFormat.ToJson(indented, WriteJson);

    /// <summary>Writes the summary statistics as CSV: header <c>statistic,value</c>, one row each for count, nan_count, non_finite_count, mean, standard_deviation, min, max.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteSummaryCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("statistic,value");
        writer.WriteLine("count," + ExportFormat.Number(Count));
        writer.WriteLine("nan_count," + ExportFormat.Number(NaNCount));
        writer.WriteLine("non_finite_count," + ExportFormat.Number(NonFiniteCount));
        writer.WriteLine("mean," + ExportFormat.Number(Mean));
        writer.WriteLine("standard_deviation," + ExportFormat.Number(StandardDeviation));
        writer.WriteLine("min," + ExportFormat.Number(Min));
        writer.WriteLine("max," + ExportFormat.Number(Max));
    }

    /// <summary>Writes the quantiles as CSV: header <c>probability,loss</c>.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteQuantilesCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("probability,loss");
        foreach (QuantileValue q in _quantiles)
        {
            writer.WriteLine(ExportFormat.Number(q.Probability) + "," + ExportFormat.Number(q.Value));
        }
    }

    /// <summary>Writes the histogram as CSV: header <c>lower,upper,count,density</c>, one row per bin.</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteHistogramCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("lower,upper,count,density");
        for (int i = 0; i < Histogram.BinCount; i++)
        {
            writer.WriteLine(
                ExportFormat.Number(Histogram.Edge(i)) + "," + ExportFormat.Number(Histogram.Edge(i + 1)) + "," +
                ExportFormat.Number(Histogram.Counts[i]) + "," + ExportFormat.Number(Histogram.Density(i)));
        }
    }

    /// <summary>Writes the per-class means as CSV: header <c>class,count,mean_loss</c> (no rows without labels).</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteClassesCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("class,count,mean_loss");
        foreach (ClassLoss c in _classes)
        {
            writer.WriteLine(ExportFormat.Number(c.Class) + "," + ExportFormat.Number(c.Count) + "," + ExportFormat.Number(c.MeanLoss));
        }
    }

    /// <summary>Writes the hardest samples as CSV: header <c>rank,index,loss,label</c> (label empty without labels).</summary>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    public void WriteHardestCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("rank,index,loss,label");
        for (int i = 0; i < _hardest.Length; i++)
        {
            HardSample h = _hardest[i];
            string label = h.Label is int l ? ExportFormat.Number(l) : string.Empty;
            writer.WriteLine(ExportFormat.Number(i) + "," + ExportFormat.Number(h.Index) + "," + ExportFormat.Number(h.Loss) + "," + label);
        }
    }
}
