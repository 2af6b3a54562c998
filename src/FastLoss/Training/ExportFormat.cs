using System.Globalization;
using System.Text.Json;

namespace FastLoss.Training;

/// <summary>
/// Number formatting shared by the CSV and JSON exports: invariant culture, shortest round-trip digits, and
/// non-finite values as the strings <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c> (System.Text.Json's
/// <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c> spelling; JSON has no literal for them).
/// </summary>
internal static class ExportFormat
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value);
    }

    public static void WriteNumberValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(Number(value));
        }
    }

    /// <summary>Writes a file through a UTF-8 (no BOM) writer, creating or replacing it.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.NewLine = "\n";
        write(writer);
    }

    /// <summary>Writes a JSON file, creating or replacing it.</summary>
    public static void WriteJson(string path, bool indented, Action<Utf8JsonWriter> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented });
        write(writer);
    }

    /// <summary>Returns JSON text.</summary>
    public static string ToJson(bool indented, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
