using System.Globalization;
using System.Text;

namespace FastLoss.Demo;

/// <summary>Reads a user's CSV: numeric feature columns and one label column (numbers or names).</summary>
internal static class CsvData
{
    /// <summary>Loads <paramref name="path"/>. The delimiter is ',' unless the first line has none and has ';' or a tab.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">A header name (case-insensitive) or a 0-based index; null for the last column.</param>
    /// <exception cref="InvalidDataException">The file is empty, ragged, or a feature is not a number (line and column named).</exception>
    public static Dataset Load(string path, string? labelColumn)
    {
        string[] lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();
        if (lines.Length == 0)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        char delimiter = !lines[0].Contains(',', StringComparison.Ordinal) && lines[0].Contains(';', StringComparison.Ordinal) ? ';'
            : !lines[0].Contains(',', StringComparison.Ordinal) && lines[0].Contains('\t', StringComparison.Ordinal) ? '\t'
            : ',';
        List<string[]> rows = lines.Select(l => Split(l, delimiter)).ToList();
        int columns = rows[0].Length;
        if (columns < 2)
        {
            throw new InvalidDataException($"{path}: the first line has {columns} column(s); need at least one feature and a label.");
        }

        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns)
            {
                throw new InvalidDataException($"{path}, line {r + 1}: {rows[r].Length} columns, but the first line has {columns}.");
            }
        }

        // A header is a first line with a field that is not a number (the label column may hold names, so a header
        // is also assumed when a --label-column name matches a field of the first line).
        int label = ResolveLabelColumn(rows[0], labelColumn, columns, path, out bool headerByName);
        bool header = headerByName || rows[0].Where((_, j) => j != label).Any(f => !IsNumber(f));
        string[] headerNames = header ? rows[0] : Enumerable.Range(0, columns).Select(j => "column " + j.ToString(CultureInfo.InvariantCulture)).ToArray();
        if (header)
        {
            rows.RemoveAt(0);
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{path} has a header but no data rows.");
        }

        // Classes: numeric labels in numeric order, otherwise names in ordinal order.
        string[] distinct = rows.Select(r => r[label].Trim()).Distinct(StringComparer.Ordinal).ToArray();
        bool numericLabels = distinct.All(IsNumber);
        string[] classNames = numericLabels
            ? [.. distinct.OrderBy(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
        if (classNames.Length < 2)
        {
            throw new InvalidDataException($"{path}: the label column '{headerNames[label]}' has a single class; classification needs at least two.");
        }

        var classIndex = classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        int featureCount = columns - 1;
        float[] x = new float[rows.Count * featureCount];
        int[] y = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int f = 0;
            for (int j = 0; j < columns; j++)
            {
                if (j == label)
                {
                    y[r] = classIndex[rows[r][j].Trim()];
                    continue;
                }

                string field = rows[r][j].Trim();
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new InvalidDataException(
                        $"{path}, line {r + 1 + (header ? 1 : 0)}, column '{headerNames[j]}': '{field}' is not a finite number (features must be numeric; missing values are not supported). The label column is '{headerNames[label]}'; choose another with --label-column.");
                }

                x[(r * featureCount) + f++] = value;
            }
        }

        return new Dataset(x, y, featureCount, classNames);
    }

    private static int ResolveLabelColumn(string[] firstRow, string? labelColumn, int columns, string path, out bool headerByName)
    {
        headerByName = false;
        if (labelColumn is null)
        {
            return columns - 1;
        }

        int byName = Array.FindIndex(firstRow, f => string.Equals(f.Trim(), labelColumn, StringComparison.OrdinalIgnoreCase));
        if (byName >= 0)
        {
            headerByName = true;
            return byName;
        }

        if (int.TryParse(labelColumn, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            return index >= 0 && index < columns
                ? index
                : throw new InvalidDataException($"{path}: --label-column {index} is out of range: the file has columns 0..{columns - 1}.");
        }

        throw new InvalidDataException($"{path}: no column is named '{labelColumn}'. The first line is: {string.Join(", ", firstRow.Select(f => "'" + f + "'"))}");
    }

    private static bool IsNumber(string field) => double.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>Splits one line; a field in double quotes may hold the delimiter, and "" is a quote.</summary>
    private static string[] Split(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
