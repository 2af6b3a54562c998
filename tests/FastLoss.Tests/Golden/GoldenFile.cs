using System.Collections.Concurrent;
using System.Text.Json;

namespace FastLoss.Tests.Golden;

/// <summary>
/// One golden file (<c>shared/golden/&lt;loss&gt;.json</c>, format <c>fastloss-golden-v1</c>): PyTorch's values and
/// gradients for one loss. See <c>shared/golden/README.md</c> for the format; this type mirrors it.
/// </summary>
public sealed class GoldenFile
{
    private static readonly ConcurrentDictionary<string, Lazy<GoldenFile>> Cache = new(StringComparer.Ordinal);

    private GoldenFile(string name, string format, string set, IReadOnlyList<GoldenCase> cases)
    {
        Name = name;
        Format = format;
        Set = set;
        Cases = cases;
    }

    /// <summary>The file name without extension, e.g. <c>huber_loss</c> or <c>errors</c>.</summary>
    public string Name { get; }

    /// <summary>The format tag (<c>fastloss-golden-v1</c>).</summary>
    public string Format { get; }

    /// <summary>The set: <c>public</c> or a held-out one.</summary>
    public string Set { get; }

    /// <summary>The cases in file order.</summary>
    public IReadOnlyList<GoldenCase> Cases { get; }

    /// <summary>Loads (once per process) <c>&lt;name&gt;.json</c> from <see cref="GoldenData.Directory"/>.</summary>
    /// <param name="name">The file name without extension.</param>
    /// <returns>The parsed file.</returns>
    public static GoldenFile Load(string name)
        => Cache.GetOrAdd(name, n => new Lazy<GoldenFile>(() => Parse(n, File.ReadAllBytes(GoldenData.PathOf(n + ".json"))))).Value;

    /// <summary>Parses the UTF-8 JSON text of a golden file.</summary>
    /// <param name="name">The name to report.</param>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <returns>The parsed file.</returns>
    public static GoldenFile Parse(string name, ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json);
        JsonElement root = document.RootElement;
        string format = root.GetProperty("format").GetString() ?? "";
        if (format != "fastloss-golden-v1")
        {
            throw new InvalidDataException($"{name}.json: unsupported golden format '{format}' (expected fastloss-golden-v1).");
        }

        var cases = root.GetProperty("cases").EnumerateArray().Select(GoldenCase.Parse).ToList();
        int declared = root.TryGetProperty("case_count", out JsonElement count) ? count.GetInt32() : cases.Count;
        if (declared != cases.Count)
        {
            throw new InvalidDataException($"{name}.json declares {declared} cases but holds {cases.Count}.");
        }

        return new GoldenFile(name, format, root.GetProperty("set").GetString() ?? "", cases);
    }
}

/// <summary>One case: a call of one loss on given tensors and options, with one result per reduction.</summary>
public sealed class GoldenCase
{
    private readonly Dictionary<string, JsonElement> _options;

    private GoldenCase(
        string id, string loss, string description, string dtype, IReadOnlyList<string> tags, Dictionary<string, JsonElement> options,
        IReadOnlyDictionary<string, GoldenTensor> inputs, IReadOnlyList<string> gradWrt, IReadOnlyDictionary<string, GoldenResult> results)
    {
        Id = id;
        Loss = loss;
        Description = description;
        DType = dtype;
        Tags = tags;
        _options = options;
        Inputs = inputs;
        GradWrt = gradWrt;
        Results = results;
    }

    /// <summary>The unique id, e.g. <c>huber_loss/0042</c>.</summary>
    public string Id { get; }

    /// <summary>The torch function name.</summary>
    public string Loss { get; }

    /// <summary>The human-readable description (<c>desc</c>).</summary>
    public string Description { get; }

    /// <summary><c>float32</c> or <c>float64</c>.</summary>
    public string DType { get; }

    /// <summary>The tags (<c>size_sweep</c>, <c>edge:empty</c>, …).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The tensor arguments by torch name; absent optional arguments are absent.</summary>
    public IReadOnlyDictionary<string, GoldenTensor> Inputs { get; }

    /// <summary>The inputs whose gradients are recorded.</summary>
    public IReadOnlyList<string> GradWrt { get; }

    /// <summary>The results by reduction key (<c>none</c>, <c>mean</c>, <c>sum</c>, <c>batchmean</c>).</summary>
    public IReadOnlyDictionary<string, GoldenResult> Results { get; }

    /// <summary>The names of the scalar options.</summary>
    public IEnumerable<string> OptionNames => _options.Keys;

    /// <summary>Whether the case has the tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>True if present.</returns>
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>A numeric option (float or int; "NaN"/"Infinity" strings accepted).</summary>
    /// <param name="name">The torch name of the option.</param>
    /// <returns>The value.</returns>
    public double Number(string name) => GoldenNumbers.Read(Option(name));

    /// <summary>
    /// A numeric option, or torch's default when the case omits it (value files list every option, but errors.json
    /// cases may leave defaults out).
    /// </summary>
    /// <param name="name">The torch name of the option.</param>
    /// <param name="torchDefault">torch's default value.</param>
    /// <returns>The value.</returns>
    public double Number(string name, double torchDefault) => _options.ContainsKey(name) ? Number(name) : torchDefault;

    /// <summary>A boolean option.</summary>
    /// <param name="name">The torch name of the option.</param>
    /// <returns>The value.</returns>
    public bool Flag(string name) => Option(name).GetBoolean();

    /// <summary>The raw JSON of an option.</summary>
    /// <param name="name">The torch name of the option.</param>
    /// <returns>The element.</returns>
    public JsonElement Option(string name)
        => _options.TryGetValue(name, out JsonElement value)
            ? value
            : throw new KeyNotFoundException($"{Id}: no option '{name}' (has: {string.Join(", ", _options.Keys)}).");

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({DType}) {Description}";

    internal static GoldenCase Parse(JsonElement c)
    {
        string id = c.GetProperty("id").GetString()!;
        var options = c.GetProperty("options").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        var inputs = c.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => GoldenTensor.Parse(p.Value), StringComparer.Ordinal);
        var tags = c.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var gradWrt = c.GetProperty("grad_wrt").EnumerateArray().Select(t => t.GetString()!).ToArray();
        return new GoldenCase(
            id,
            c.GetProperty("loss").GetString()!,
            c.TryGetProperty("desc", out JsonElement desc) ? desc.GetString() ?? "" : "",
            c.GetProperty("dtype").GetString()!,
            tags,
            options,
            inputs,
            gradWrt,
            GoldenResult.ParseAll(id, c.GetProperty("results")));
    }
}

/// <summary>A tensor: shape plus row-major data (int64 tensors also keep their exact integers).</summary>
public sealed class GoldenTensor
{
    internal GoldenTensor(string dtype, int[] shape, double[] data, long[]? integers)
    {
        DType = dtype;
        Shape = shape;
        Data = data;
        Integers = integers;
    }

    /// <summary><c>float32</c>, <c>float64</c> or <c>int64</c>.</summary>
    public string DType { get; }

    /// <summary>The shape; empty for a 0-d tensor.</summary>
    public int[] Shape { get; }

    /// <summary>The values in row-major order (a 0-d tensor has one).</summary>
    public double[] Data { get; }

    /// <summary>The exact values of an <c>int64</c> tensor; null for floating tensors.</summary>
    public long[]? Integers { get; }

    /// <summary>The shape as text, e.g. <c>[3, 4]</c>.</summary>
    public string ShapeText => GoldenData.ShapeText(Shape);

    internal static GoldenTensor Parse(JsonElement t)
    {
        string dtype = t.TryGetProperty("dtype", out JsonElement d) ? d.GetString()! : "";
        int[] shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        JsonElement data = t.GetProperty("data");
        double[] values = data.EnumerateArray().Select(GoldenNumbers.Read).ToArray();
        long[]? integers = dtype == "int64" ? data.EnumerateArray().Select(e => e.GetInt64()).ToArray() : null;
        long count = shape.Aggregate(1L, (a, b) => a * b);
        if (values.Length != count)
        {
            throw new InvalidDataException($"Tensor of shape {GoldenData.ShapeText(shape)} has {values.Length} values.");
        }

        return new GoldenTensor(dtype, shape, values, integers);
    }
}

/// <summary>What torch raised (errors.json only).</summary>
/// <param name="Origin"><c>python</c> or <c>libtorch</c>.</param>
/// <param name="Exception">The Python exception type.</param>
/// <param name="Message">The message (informative only).</param>
public sealed record GoldenError(string Origin, string Exception, string Message);

/// <summary>One reduction's result: output and gradients, or "undefined", or an error.</summary>
public sealed class GoldenResult
{
    private GoldenResult(string reduction, int[] outputShape, double[]? output, IReadOnlyDictionary<string, double[]?> gradients,
        bool gradientsSameAsSum, string? undefined, GoldenError? error)
    {
        Reduction = reduction;
        OutputShape = outputShape;
        Output = output;
        Gradients = gradients;
        GradientsSameAsSum = gradientsSameAsSum;
        Undefined = undefined;
        Error = error;
    }

    /// <summary>The reduction key.</summary>
    public string Reduction { get; }

    /// <summary>The output's shape (also known for undefined results); empty for errors.</summary>
    public int[] OutputShape { get; }

    /// <summary>The output values; null for undefined and error results.</summary>
    public double[]? Output { get; }

    /// <summary>
    /// The gradient of the reduced loss per input name (null value: torch gave none). For <c>none</c> marked
    /// <c>same_as_sum</c> this is already the <c>sum</c> result's gradient.
    /// </summary>
    public IReadOnlyDictionary<string, double[]?> Gradients { get; }

    /// <summary>Whether the file said <c>"grad": "same_as_sum"</c>.</summary>
    public bool GradientsSameAsSum { get; }

    /// <summary>Why no value is golden, for <c>undefined</c> results; otherwise null.</summary>
    public string? Undefined { get; }

    /// <summary>The error torch raised, for error results; otherwise null.</summary>
    public GoldenError? Error { get; }

    internal static Dictionary<string, GoldenResult> ParseAll(string caseId, JsonElement results)
    {
        var parsed = new Dictionary<string, GoldenResult>(StringComparer.Ordinal);
        var sameAsSum = new List<string>();
        foreach (JsonProperty r in results.EnumerateObject())
        {
            JsonElement v = r.Value;
            if (v.TryGetProperty("error", out JsonElement e))
            {
                var error = new GoldenError(e.GetProperty("origin").GetString()!, e.GetProperty("exception").GetString()!, e.GetProperty("message").GetString()!);
                parsed[r.Name] = new GoldenResult(r.Name, [], null, Empty, false, null, error);
                continue;
            }

            JsonElement output = v.GetProperty("output");
            int[] shape = output.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();
            if (v.TryGetProperty("undefined", out JsonElement undefined))
            {
                parsed[r.Name] = new GoldenResult(r.Name, shape, null, Empty, false, undefined.GetString() ?? "undefined", null);
                continue;
            }

            double[] values = output.GetProperty("data").EnumerateArray().Select(GoldenNumbers.Read).ToArray();
            JsonElement grad = v.GetProperty("grad");
            if (grad.ValueKind == JsonValueKind.String)
            {
                if (grad.GetString() != "same_as_sum")
                {
                    throw new InvalidDataException($"{caseId} [{r.Name}]: unknown grad marker '{grad.GetString()}'.");
                }

                sameAsSum.Add(r.Name);
                parsed[r.Name] = new GoldenResult(r.Name, shape, values, Empty, true, null, null);
                continue;
            }

            var gradients = grad.EnumerateObject().ToDictionary(
                g => g.Name,
                g => g.Value.ValueKind == JsonValueKind.Null ? null : g.Value.EnumerateArray().Select(GoldenNumbers.Read).ToArray(),
                StringComparer.Ordinal);
            parsed[r.Name] = new GoldenResult(r.Name, shape, values, gradients, false, null, null);
        }

        foreach (string name in sameAsSum)
        {
            if (!parsed.TryGetValue("sum", out GoldenResult? sum) || sum.Output is null)
            {
                throw new InvalidDataException($"{caseId} [{name}]: grad is same_as_sum but the sum result has no gradient.");
            }

            GoldenResult r = parsed[name];
            parsed[name] = new GoldenResult(name, r.OutputShape, r.Output, sum.Gradients, true, null, null);
        }

        return parsed;
    }

    private static readonly IReadOnlyDictionary<string, double[]?> Empty = new Dictionary<string, double[]?>();
}

/// <summary>Numbers as the files write them: JSON numbers, or the strings "NaN", "Infinity", "-Infinity".</summary>
public static class GoldenNumbers
{
    /// <summary>Reads one number.</summary>
    /// <param name="e">The element.</param>
    /// <returns>The value as a double (float32 values are exact doubles; round to float to get the stored float).</returns>
    public static double Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => throw new FormatException($"Not a golden number: \"{s}\"."),
        },
        _ => throw new FormatException($"Not a golden number: {e.ValueKind}."),
    };
}
