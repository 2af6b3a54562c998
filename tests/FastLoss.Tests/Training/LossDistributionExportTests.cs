using System.Text.Json;
using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class LossDistributionExportTests
{
    private static readonly JsonSerializerOptions NamedLiterals = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static LossDistribution Small() =>
        LossDistribution.Create<double>([0.5, 1.5, double.NaN, 0.25], [1, 0, 1, 1], 2, binCount: 2, hardestCount: 2, probabilities: [0.5]);

    [Fact]
    public void Json_has_every_field_and_named_non_finite_numbers()
    {
        using JsonDocument json = JsonDocument.Parse(Small().ToJson());
        JsonElement root = json.RootElement;
        Assert.Equal(4, root.GetProperty("count").GetInt32());
        Assert.Equal(1, root.GetProperty("nanCount").GetInt32());
        Assert.Equal(1, root.GetProperty("nonFiniteCount").GetInt32());
        Assert.Equal("NaN", root.GetProperty("mean").GetString());
        Assert.Equal("NaN", root.GetProperty("quantiles")[0].GetProperty("value").GetString());
        Assert.Equal(0.5, root.GetProperty("quantiles")[0].GetProperty("probability").GetDouble());

        JsonElement histogram = root.GetProperty("histogram");
        Assert.Equal(0.25, histogram.GetProperty("lower").GetDouble());
        Assert.Equal(1.5, histogram.GetProperty("upper").GetDouble());
        Assert.Equal(0.625, histogram.GetProperty("binWidth").GetDouble());
        Assert.Equal(3, histogram.GetProperty("total").GetInt64());
        Assert.Equal([2L, 1L], histogram.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()));

        JsonElement classes = root.GetProperty("classes");
        Assert.Equal(0, classes[0].GetProperty("class").GetInt32());
        Assert.Equal(1, classes[0].GetProperty("count").GetInt32());
        Assert.Equal(1.5, classes[0].GetProperty("meanLoss").GetDouble());
        Assert.Equal("NaN", classes[1].GetProperty("meanLoss").GetString());

        JsonElement hardest = root.GetProperty("hardest");
        Assert.Equal(2, hardest[0].GetProperty("index").GetInt32());
        Assert.Equal("NaN", hardest[0].GetProperty("loss").GetString());
        Assert.Equal(1, hardest[0].GetProperty("label").GetInt32());
        Assert.Equal(1, hardest[1].GetProperty("index").GetInt32());
        Assert.Equal(1.5, hardest[1].GetProperty("loss").GetDouble());
    }

    [Fact]
    public void Json_named_literals_read_back_with_system_text_json()
    {
        string text = Small().ToJson(indented: false);
        Assert.DoesNotContain("\n", text);
        using JsonDocument json = JsonDocument.Parse(text);
        double mean = json.RootElement.GetProperty("mean").Deserialize<double>(NamedLiterals);
        Assert.True(double.IsNaN(mean));
    }

    [Fact]
    public void Json_without_labels_omits_label()
    {
        using JsonDocument json = JsonDocument.Parse(LossDistribution.Create<float>([1f, 2f]).ToJson());
        Assert.False(json.RootElement.GetProperty("hardest")[0].TryGetProperty("label", out _));
        Assert.Equal(0, json.RootElement.GetProperty("classes").GetArrayLength());
    }

    [Fact]
    public void Csv_tables_are_invariant_and_exact()
    {
        LossDistribution d = Small();
        Assert.Equal("statistic,value\ncount,4\nnan_count,1\nnon_finite_count,1\nmean,NaN\nstandard_deviation,NaN\nmin,NaN\nmax,NaN\n", Write(d.WriteSummaryCsv));
        Assert.Equal("probability,loss\n0.5,NaN\n", Write(d.WriteQuantilesCsv));
        // Bins [0.25, 0.875) and [0.875, 1.5]; densities 2 / (3 · 0.625) and 1 / (3 · 0.625).
        Assert.Equal(
            "lower,upper,count,density\n0.25,0.875,2," + (2 / 1.875).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "\n0.875,1.5,1," +
            (1 / 1.875).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "\n",
            Write(d.WriteHistogramCsv));
        Assert.Equal("class,count,mean_loss\n0,1,1.5\n1,3,NaN\n", Write(d.WriteClassesCsv));
        Assert.Equal("rank,index,loss,label\n0,2,NaN,1\n1,1,1.5,0\n", Write(d.WriteHardestCsv));
        Assert.Equal("rank,index,loss,label\n0,1,2,\n", Write(LossDistribution.Create<float>([1f, 2f], hardestCount: 1).WriteHardestCsv));
    }

    [Fact]
    public void Csv_ignores_the_current_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("probability,loss\n0.5,0.75\n", Write(LossDistribution.Create<double>([0.5, 1.0], probabilities: [0.5]).WriteQuantilesCsv));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Null_writers_are_rejected()
    {
        LossDistribution d = Small();
        Assert.Throws<ArgumentNullException>(() => d.WriteJson(null!));
        Assert.Throws<ArgumentNullException>(() => d.WriteSummaryCsv(null!));
        Assert.Throws<ArgumentNullException>(() => d.WriteHistogramCsv(null!));
    }

    internal static string Write(Action<TextWriter> write)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }
}
