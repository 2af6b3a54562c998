using System.Text;

namespace FastLoss.Tests.Golden;

/// <summary>Counts and failures of one loss's golden run.</summary>
/// <param name="name">The FastLoss name of the loss.</param>
public sealed class GoldenTally(string name)
{
    private readonly Dictionary<string, int> _passed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _errorSkipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<string>> _errorSkippedCases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _notChecked = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];

    /// <summary>The loss.</summary>
    public string Name => name;

    /// <summary>Results (value files) that were run.</summary>
    public int Checked { get; private set; }

    /// <summary>Results (value files) that passed.</summary>
    public int Passed => _passed.Values.Sum();

    /// <summary>Results (value files) skipped, by reason.</summary>
    public IReadOnlyDictionary<string, int> Skipped => _skipped;

    /// <summary>errors.json results that were run.</summary>
    public int ErrorsChecked { get; private set; }

    /// <summary>errors.json results that passed (FastLoss threw as required).</summary>
    public int ErrorsPassed { get; private set; }

    /// <summary>errors.json results skipped, by reason.</summary>
    public IReadOnlyDictionary<string, int> ErrorsSkipped => _errorSkipped;

    /// <summary>Golden tensors inside run results that were not compared (e.g. target gradients), by kind.</summary>
    public IReadOnlyDictionary<string, int> NotCheckedTensors => _notChecked;

    /// <summary>Every failure line (case id, reduction, call, index, expected, actual).</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Records a run result.</summary>
    /// <param name="c">The case.</param>
    /// <param name="failures">Its failure lines; empty if it passed.</param>
    public void Record(GoldenCase c, List<string> failures)
    {
        Checked++;
        if (failures.Count == 0)
        {
            _passed[c.DType] = _passed.GetValueOrDefault(c.DType) + 1;
        }

        _failures.AddRange(failures);
    }

    /// <summary>Records a skipped result.</summary>
    /// <param name="c">The case.</param>
    /// <param name="reason">Why.</param>
    public void Skip(GoldenCase c, string reason) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + 1;

    /// <summary>Records an errors.json result.</summary>
    /// <param name="c">The case.</param>
    /// <param name="failures">Its failure lines; empty if FastLoss threw as required.</param>
    public void RecordError(GoldenCase c, List<string> failures)
    {
        ErrorsChecked++;
        if (failures.Count == 0)
        {
            ErrorsPassed++;
        }

        _failures.AddRange(failures);
    }

    /// <summary>Records a skipped errors.json result.</summary>
    /// <param name="c">The case.</param>
    /// <param name="reason">Why.</param>
    public void SkipError(GoldenCase c, string reason)
    {
        _errorSkipped[reason] = _errorSkipped.GetValueOrDefault(reason) + 1;
        if (!_errorSkippedCases.TryGetValue(reason, out SortedSet<string>? ids))
        {
            _errorSkippedCases[reason] = ids = new SortedSet<string>(StringComparer.Ordinal);
        }

        ids.Add(c.Id);
    }

    /// <summary>Records one golden tensor that was not compared.</summary>
    /// <param name="kind">What and why.</param>
    public void NotChecked(string kind) => _notChecked[kind] = _notChecked.GetValueOrDefault(kind) + 1;

    /// <summary>
    /// The summary: one headline, e.g. <c>Huber: 222/222 results passed (float32 111, float64 111), 0 skipped;
    /// errors.json 24/24 passed, 0 skipped</c>, then one indented line per skip reason and per unchecked tensor kind.
    /// </summary>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> SummaryLines()
    {
        var lines = new List<string>
        {
            $"{Name}: {Passed}/{Checked} results passed (float32 {_passed.GetValueOrDefault("float32")}, float64 {_passed.GetValueOrDefault("float64")}), " +
            $"{_skipped.Values.Sum()} skipped; errors.json: {ErrorsPassed}/{ErrorsChecked} passed, {_errorSkipped.Values.Sum()} skipped",
        };
        lines.AddRange(_skipped.Select(s => $"  {Name} skipped {s.Value} results: {s.Key}"));
        lines.AddRange(_errorSkipped.Select(s => $"  {Name} skipped {s.Value} errors.json results ({string.Join(", ", _errorSkippedCases[s.Key])}): {s.Key}"));
        lines.AddRange(_notChecked.Select(s => $"  {Name} not compared ({s.Value} tensors): {s.Key}"));
        return lines;
    }

    /// <summary>A failure message listing the first <paramref name="limit"/> failures.</summary>
    /// <param name="limit">How many lines to include.</param>
    /// <returns>The message.</returns>
    public string FailureReport(int limit = 200)
    {
        var text = new StringBuilder();
        text.AppendLine($"{Name}: {_failures.Count} mismatches in {Checked - Passed} results and {ErrorsChecked - ErrorsPassed} errors.json results:");
        foreach (string failure in _failures.Take(limit))
        {
            text.AppendLine("  " + failure);
        }

        if (_failures.Count > limit)
        {
            text.AppendLine($"  … and {_failures.Count - limit} more");
        }

        return text.ToString();
    }
}
