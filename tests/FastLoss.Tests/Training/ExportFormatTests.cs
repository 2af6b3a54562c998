using System.Text.Json;
using FastLoss.Training;

namespace FastLoss.Tests.Training;

public class ExportFormatTests
{
    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-300, "1E-300")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Numbers_are_invariant_round_trip(double value, string expected)
    {
        Assert.Equal(expected, ExportFormat.Number(value));
        if (double.IsFinite(value))
        {
            Assert.Equal(value, double.Parse(ExportFormat.Number(value), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Json_numbers_round_trip_and_non_finite_become_strings()
    {
        string text = ExportFormat.ToJson(false, w =>
        {
            w.WriteStartArray();
            ExportFormat.WriteNumberValue(w, 0.1 + 0.2);
            ExportFormat.WriteNumberValue(w, double.NegativeInfinity);
            w.WriteEndArray();
        });
        Assert.Equal("[0.30000000000000004,\"-Infinity\"]", text);
        using JsonDocument json = JsonDocument.Parse(text);
        Assert.Equal(0.1 + 0.2, json.RootElement[0].GetDouble());
    }
}
